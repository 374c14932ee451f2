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

fn statuses_text(flags: &[StatusFlag]) -> (String, String) {
    let mut bi = String::new();
    let mut en = String::new();
    for (i, f) in flags.iter().enumerate() {
        let (b, e) = labels::status_flag_str(*f);
        if i > 0 {
            bi.push('/');
            en.push('/');
        }
        bi.push_str(b);
        en.push_str(e);
    }
    (bi, en)
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
                let (bi, en) = statuses_text(statuses);
                Err(Text::new(
                    format!("tidak ada bulan dipantau dengan status {bi}"),
                    format!("no monitored month with status {en}"),
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

/// Which band a threshold came from, turned into words only when a reason is written.
#[derive(Clone, Copy)]
enum Band {
    None,
    Trimester(u32),
    TrimesterUnknown,
    Age(u32, u32),
}

impl Band {
    fn words(self) -> (String, String) {
        match self {
            Band::None => (String::new(), String::new()),
            Band::Trimester(tm) => (format!(" untuk trimester {tm}"), format!(" in trimester {tm}")),
            // Usia kehamilan left blank all quarter: the lowest threshold, said so.
            Band::TrimesterUnknown => (" (usia kehamilan tidak diisi)".into(), " (gestational age not recorded)".into()),
            Band::Age(from, to) => (format!(" untuk usia {from}-{to} bulan"), format!(" at age {from}-{to} months")),
        }
    }
}

/// The threshold for this subject and the band it came from.
fn threshold(t: &Threshold, s: &Subject<'_>) -> (u32, Band) {
    match t {
        Threshold::Fixed { n } => (*n, Band::None),
        Threshold::Trimester { n } => match s.trimester {
            Some(tm) => (n.get(tm as usize - 1).copied().unwrap_or(0), Band::Trimester(tm)),
            None => (n.iter().copied().min().unwrap_or(0), Band::TrimesterUnknown),
        },
        Threshold::AgeBand { bands } => match s.age.and_then(|a| bands.iter().find(|b| b.band().contains(a))) {
            Some(b) => (b.n, Band::Age(b.from, b.to)),
            None => (0, Band::None),
        },
    }
}

fn count_reason(field: Field, got: u32, w: Window, need: u32, band: Band) -> Text {
    let (pb, pe) = labels::field_phrase_str(field);
    let (wb, we) = labels::window_phrase_str(w);
    let (bb, be) = band.words();
    Text::new(format!("{pb} {got} kali {wb}; perlu {need}{bb}"), format!("{pe} {got} times {we}; {need} needed{be}"))
}

fn criterion(c: &Criterion, s: &Subject<'_>) -> Verdict {
    match c {
        Criterion::CountAtLeast { field, window, n } => {
            let got = count(s.window(*window), *field);
            let (need, band) = threshold(n, s);
            let met = got >= need;
            let reason = (!met).then(|| count_reason(*field, got, *window, need, band));
            Verdict { met, count: Some(got), needed: Some(need), reason }
        }
        Criterion::SumAtLeast { amount: a, field, window, n } => {
            let got: u32 = s.window(*window).iter().map(|r| amount(r, *a)).sum();
            let (need, band) = threshold(n, s);
            let met = got >= need;
            let reason = (!met).then(|| count_reason(*field, got, *window, need, band));
            Verdict { met, count: Some(got), needed: Some(need), reason }
        }
        Criterion::EveryMonth { field, window, when } => {
            let mask = StatusFlag::mask(when);
            let due = |r: &&MonthRow| when.is_empty() || r.status & mask != 0;
            let rows = s.window(*window);
            let (mut n_due, mut n_got) = (0u32, 0u32);
            for r in rows.iter().filter(due) {
                n_due += 1;
                n_got += r.has(*field) as u32;
            }
            let met = n_got == n_due;
            let reason = (!met).then(|| {
                let (pb, pe) = labels::field_phrase_str(*field);
                let (mut mb, mut me) = (String::new(), String::new());
                for r in rows.iter().filter(due).filter(|r| !r.has(*field)) {
                    let (b, e) = labels::month_short_str(r.ym.month);
                    if !mb.is_empty() {
                        mb.push_str(", ");
                        me.push_str(", ");
                    }
                    mb.push_str(b);
                    me.push_str(e);
                }
                let (sb, se) = if when.is_empty() {
                    ("bulan tercatat".to_string(), "recorded months".to_string())
                } else {
                    let (bi, en) = statuses_text(when);
                    (format!("bulan berstatus {bi}"), format!("months with status {en}"))
                };
                Text::new(
                    format!("{pb} {n_got} dari {n_due} {sb}; perlu setiap bulan (belum: {mb})"),
                    format!("{pe} in {n_got} of {n_due} {se}; needed every month (missing: {me})"),
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
