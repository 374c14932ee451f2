//! Evaluation of the rule set's predicate kinds (domain.md 9.4 item 3) over one target's packed
//! monthly rows, with the reason of every T and TS in both languages (A.6): counts, threshold, window.

use crate::labels;
use crate::model::{Outcome, Quarter, Text};
use crate::ruleset::{Amount, Applicability, Criterion, Field, IndicatorRule, Phase, StatusFlag, Threshold, Window};

use super::records::MonthRow;
use super::types::{IndicatorResult, Progress};

/// What the rules know about one target in one quarter.
pub(crate) struct Subject<'a> {
    /// All usable rows up to the quarter's end, sorted by month.
    pub rows: &'a [MonthRow],
    /// First row of the quarter.
    pub q_start: usize,
    pub quarter: Quarter,
    /// Pregnancy phase of the quarter (None for children).
    pub phase: Option<Phase>,
    /// Maximum age (children) in the quarter, completed months.
    pub age: Option<u32>,
    /// Trimester 1..3 of the maximum usia kehamilan (pregnant quarters), None if blank.
    pub trimester: Option<u32>,
}

impl Subject<'_> {
    fn window(&self, w: Window) -> &[MonthRow] {
        match w {
            Window::Quarter => &self.rows[self.q_start..],
            Window::RecordToQuarterEnd => self.rows,
            Window::CalendarYearToQuarterEnd => {
                let y = self.quarter.year;
                let i = self.rows.partition_point(|r| r.ym.year < y);
                &self.rows[i..]
            }
            Window::DeliveryToQuarterEnd => {
                let i = self.rows.partition_point(|r| !r.post_delivery);
                &self.rows[i..]
            }
        }
    }
    fn quarter_rows(&self) -> &[MonthRow] {
        &self.rows[self.q_start..]
    }
}

/// Applies one indicator rule.
pub(crate) fn evaluate(rule: &IndicatorRule, s: &Subject<'_>) -> IndicatorResult {
    let mut res = IndicatorResult {
        indicator: rule.id.clone(),
        outcome: Outcome::Yes,
        count: None,
        needed: None,
        reason: None,
        progress: None,
        also_count: None,
        also_met: false,
    };
    if let Some(p) = &rule.progress {
        let rows = s.window(p.window);
        let value = rows.iter().map(|r| amount(r, p.field)).sum();
        res.progress = Some(Progress { value, target: p.target });
    }
    if let Err(why) = applies(&rule.applies, s) {
        res.outcome = Outcome::NotApplicable;
        res.reason = Some(why);
        return res;
    }
    let v = criterion(&rule.criterion, s);
    res.count = v.count;
    res.needed = v.needed;
    if v.met {
        res.outcome = Outcome::Yes;
    } else {
        res.outcome = Outcome::No;
        res.reason = Some(v.reason.unwrap_or_else(|| Text::new("kriteria tidak terpenuhi", "criterion not met")));
    }
    if let (Some(f), Criterion::CountAtLeast { window, n, .. }) = (rule.also_count, &rule.criterion) {
        let c = count(s.window(*window), f);
        let (need, _) = threshold(n, s);
        res.also_count = Some(c);
        res.also_met = c >= need;
    }
    res
}

fn amount(r: &MonthRow, a: Amount) -> u32 {
    match a {
        Amount::PostnatalChecks => r.postnatal_checks,
        Amount::IronTabletCount => r.iron_tablet_count,
    }
}

fn count(rows: &[MonthRow], f: Field) -> u32 {
    let bit = f.bit();
    rows.iter().filter(|r| r.yes & bit != 0).count() as u32
}

fn statuses_text(flags: &[StatusFlag]) -> Text {
    let bi: Vec<String> = flags.iter().map(|f| labels::status_flag(*f).id).collect();
    let en: Vec<String> = flags.iter().map(|f| labels::status_flag(*f).en).collect();
    Text::new(bi.join("/"), en.join("/"))
}

/// Ok when the indicator applies; Err(reason for TS) otherwise.
fn applies(a: &Applicability, s: &Subject<'_>) -> Result<(), Text> {
    match a {
        Applicability::Always => Ok(()),
        Applicability::Phase { phase } => match (s.phase, phase) {
            (Some(p), want) if p == *want => Ok(()),
            (_, Phase::Pregnant) => Err(Text::new(
                "sudah melahirkan; indikator ini untuk masa kehamilan",
                "delivered; this indicator covers pregnancy",
            )),
            (_, Phase::Delivered) => Err(Text::new(
                "belum melahirkan; berlaku setelah persalinan",
                "not yet delivered; applies after delivery",
            )),
        },
        Applicability::AgeBand { from, to } => match s.age {
            Some(age) if *from <= age && age <= *to => Ok(()),
            Some(age) => Err(Text::new(
                format!("usia {age} bulan; berlaku untuk usia {from}-{to} bulan"),
                format!("age {age} months; applies at age {from}-{to} months"),
            )),
            None => Err(Text::new("usia tidak diketahui", "age unknown")),
        },
        Applicability::StatusInAnyMonth { statuses } => {
            let mask = StatusFlag::mask(statuses);
            if s.quarter_rows().iter().any(|r| r.status & mask != 0) {
                Ok(())
            } else {
                let st = statuses_text(statuses);
                Err(Text::new(
                    format!("tidak ada bulan dipantau dengan status {}", st.id),
                    format!("no monitored month with status {}", st.en),
                ))
            }
        }
        Applicability::AllOf { all } => all.iter().try_for_each(|x| applies(x, s)),
    }
}

struct Verdict {
    met: bool,
    count: Option<u32>,
    needed: Option<u32>,
    reason: Option<Text>,
}

/// The threshold for this subject and the words saying which band it came from.
fn threshold(t: &Threshold, s: &Subject<'_>) -> (u32, Option<(String, String)>) {
    match t {
        Threshold::Fixed { n } => (*n, None),
        Threshold::Trimester { n } => match s.trimester {
            Some(tm) => {
                let v = n.get(tm as usize - 1).copied().unwrap_or(0);
                (v, Some((format!("untuk trimester {tm}"), format!("in trimester {tm}"))))
            }
            // Usia kehamilan left blank all quarter: the lowest threshold, said so.
            None => (
                n.iter().copied().min().unwrap_or(0),
                Some(("(usia kehamilan tidak diisi)".into(), "(gestational age not recorded)".into())),
            ),
        },
        Threshold::AgeBand { bands } => match s.age.and_then(|a| bands.iter().find(|b| b.band().contains(a))) {
            Some(b) => (
                b.n,
                Some((format!("untuk usia {}-{} bulan", b.from, b.to), format!("at age {}-{} months", b.from, b.to))),
            ),
            None => (0, None),
        },
    }
}

fn count_reason(phrase: Text, got: u32, w: Window, need: u32, band: Option<(String, String)>) -> Text {
    let wp = labels::window_phrase(w);
    let (bb, be) = band.map(|(b, e)| (format!(" {b}"), format!(" {e}"))).unwrap_or_default();
    Text::new(
        format!("{} {got} kali {}; perlu {need}{bb}", phrase.id, wp.id),
        format!("{} {got} times {}; {need} needed{be}", phrase.en, wp.en),
    )
}

fn criterion(c: &Criterion, s: &Subject<'_>) -> Verdict {
    match c {
        Criterion::CountAtLeast { field, window, n } => {
            let got = count(s.window(*window), *field);
            let (need, band) = threshold(n, s);
            let met = got >= need;
            let reason = (!met).then(|| count_reason(labels::field_phrase(*field), got, *window, need, band));
            Verdict { met, count: Some(got), needed: Some(need), reason }
        }
        Criterion::SumAtLeast { amount: a, field, window, n } => {
            let got: u32 = s.window(*window).iter().map(|r| amount(r, *a)).sum();
            let (need, band) = threshold(n, s);
            let met = got >= need;
            let reason = (!met).then(|| count_reason(labels::field_phrase(*field), got, *window, need, band));
            Verdict { met, count: Some(got), needed: Some(need), reason }
        }
        Criterion::EveryMonth { field, window, when } => {
            let mask = StatusFlag::mask(when);
            let rows = s.window(*window);
            let due: Vec<&MonthRow> = rows.iter().filter(|r| when.is_empty() || r.status & mask != 0).collect();
            let missing: Vec<&&MonthRow> = due.iter().filter(|r| !r.has(*field)).collect();
            let (n_due, n_got) = (due.len() as u32, (due.len() - missing.len()) as u32);
            let met = missing.is_empty();
            let reason = (!met).then(|| {
                let p = labels::field_phrase(*field);
                let months_bi: Vec<String> = missing.iter().map(|r| labels::month_short(r.ym.month).id).collect();
                let months_en: Vec<String> = missing.iter().map(|r| labels::month_short(r.ym.month).en).collect();
                let (sb, se) = if when.is_empty() {
                    ("bulan tercatat".to_string(), "recorded months".to_string())
                } else {
                    let st = statuses_text(when);
                    (format!("bulan berstatus {}", st.id), format!("months with status {}", st.en))
                };
                Text::new(
                    format!("{} {n_got} dari {n_due} {sb}; perlu setiap bulan (belum: {})", p.id, months_bi.join(", ")),
                    format!("{} in {n_got} of {n_due} {se}; needed every month (missing: {})", p.en, months_en.join(", ")),
                )
            });
            Verdict { met, count: Some(n_got), needed: Some(n_due), reason }
        }
        Criterion::AllOf { all } => {
            let parts: Vec<Verdict> = all.iter().map(|c| criterion(c, s)).collect();
            let met = parts.iter().all(|p| p.met);
            let first = parts.iter().find(|p| !p.met).or(parts.first());
            let (count, needed) = first.map(|p| (p.count, p.needed)).unwrap_or((None, None));
            let reason = (!met).then(|| {
                let rs: Vec<&Text> = parts.iter().filter_map(|p| p.reason.as_ref()).collect();
                Text::new(
                    rs.iter().map(|r| r.id.as_str()).collect::<Vec<_>>().join("; "),
                    rs.iter().map(|r| r.en.as_str()).collect::<Vec<_>>().join("; "),
                )
            });
            Verdict { met, count, needed, reason }
        }
    }
}
