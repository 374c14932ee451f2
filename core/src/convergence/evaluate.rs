//! Evaluation of the rule set's predicate kinds (domain.md 9.4 item 3) over one target's packed
//! monthly rows, with the reason of every T and TS in both languages (A.6): counts, threshold, window.

use crate::labels;
use crate::model::{Outcome, Quarter, Text};
use crate::ruleset::{Amount, Applicability, Criterion, Field, IndicatorRule, Phase, StatusFlag, Threshold, Window};

use super::records::MonthRow;
use super::types::{cat_reserving, push_num, IndicatorResult, Piece::N, Piece::S, Progress};

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

/// TS reasons depend only on the rule, the phase and the age: written once, then cloned.
#[derive(Default)]
pub(crate) struct ReasonCache {
    ts: super::records::FxMap<(usize, u8, u32), Text>,
}

/// Applies one indicator rule (`index` = its position in the rule set, for the cache).
pub(crate) fn evaluate(rule: &IndicatorRule, index: usize, s: &Subject<'_>, cache: &mut ReasonCache) -> IndicatorResult {
    let mut res = IndicatorResult {
        indicator: rule.id,
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
    if !applies_ok(&rule.applies, s) {
        // Whether a rule applies may depend on the months' statuses, but the words of its TS reason
        // depend only on the rule, the phase and the age.
        let key = (index, s.phase.map_or(0, |p| p as u8 + 1), s.age.unwrap_or(u32::MAX));
        let why = match cache.ts.get(&key) {
            Some(t) => t.clone(),
            None => {
                let t = applies(&rule.applies, s).err().unwrap_or_else(|| Text::new("tidak berlaku", "not applicable"));
                cache.ts.insert(key, t.clone());
                t
            }
        };
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

/// Appends "KEK/RISTI" (and the English words) to the two strings.
fn push_statuses(flags: &[StatusFlag], bi: &mut String, en: &mut String) {
    for (i, f) in flags.iter().enumerate() {
        let (b, e) = labels::status_flag_str(*f);
        if i > 0 {
            bi.push('/');
            en.push('/');
        }
        bi.push_str(b);
        en.push_str(e);
    }
}

/// Whether the indicator applies, without writing a reason.
fn applies_ok(a: &Applicability, s: &Subject<'_>) -> bool {
    match a {
        Applicability::Always => true,
        Applicability::Phase { phase } => s.phase == Some(*phase),
        Applicability::AgeBand { from, to } => s.age.is_some_and(|age| *from <= age && age <= *to),
        Applicability::StatusInAnyMonth { statuses } => {
            let mask = StatusFlag::mask(statuses);
            s.quarter_rows().iter().any(|r| r.status & mask != 0)
        }
        Applicability::AllOf { all } => all.iter().all(|x| applies_ok(x, s)),
    }
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
                let mut bi = String::with_capacity(96);
                let mut en = String::with_capacity(96);
                bi.push_str("tidak ada bulan dipantau dengan status ");
                en.push_str("no monitored month with status ");
                push_statuses(statuses, &mut bi, &mut en);
                Err(Text::new(bi, en))
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
    fn write(self, bi: &mut String, en: &mut String) {
        match self {
            Band::None => {}
            Band::Trimester(tm) => {
                bi.push_str(" untuk trimester ");
                push_num(bi, tm as u64);
                en.push_str(" in trimester ");
                push_num(en, tm as u64);
            }
            // Usia kehamilan left blank all quarter: the lowest threshold, said so.
            Band::TrimesterUnknown => {
                bi.push_str(" (usia kehamilan tidak diisi)");
                en.push_str(" (gestational age not recorded)");
            }
            Band::Age(from, to) => {
                bi.push_str(" untuk usia ");
                push_num(bi, from as u64);
                bi.push('-');
                push_num(bi, to as u64);
                bi.push_str(" bulan");
                en.push_str(" at age ");
                push_num(en, from as u64);
                en.push('-');
                push_num(en, to as u64);
                en.push_str(" months");
            }
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
    // Room for the band words is reserved up front.
    let mut bi = cat_reserving(&[S(pb), S(" "), N(got), S(" kali "), S(wb), S("; perlu "), N(need)], 32);
    let mut en = cat_reserving(&[S(pe), S(" "), N(got), S(" times "), S(we), S("; "), N(need), S(" needed")], 32);
    band.write(&mut bi, &mut en);
    Text::new(bi, en)
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
                // Written straight into the two strings of the reason (no intermediate pieces).
                let (pb, pe) = labels::field_phrase_str(*field);
                let mut bi = String::with_capacity(pb.len() + 96);
                let mut en = String::with_capacity(pe.len() + 96);
                bi.push_str(pb);
                bi.push(' ');
                push_num(&mut bi, n_got as u64);
                bi.push_str(" dari ");
                push_num(&mut bi, n_due as u64);
                bi.push(' ');
                en.push_str(pe);
                en.push_str(" in ");
                push_num(&mut en, n_got as u64);
                en.push_str(" of ");
                push_num(&mut en, n_due as u64);
                en.push(' ');
                if when.is_empty() {
                    bi.push_str("bulan tercatat");
                    en.push_str("recorded months");
                } else {
                    bi.push_str("bulan berstatus ");
                    en.push_str("months with status ");
                    push_statuses(when, &mut bi, &mut en);
                }
                bi.push_str("; perlu setiap bulan (belum: ");
                en.push_str("; needed every month (missing: ");
                for (i, r) in rows.iter().filter(due).filter(|r| !r.has(*field)).enumerate() {
                    let (b, e) = labels::month_short_str(r.ym.month);
                    if i > 0 {
                        bi.push_str(", ");
                        en.push_str(", ");
                    }
                    bi.push_str(b);
                    en.push_str(e);
                }
                bi.push(')');
                en.push(')');
                Text::new(bi, en)
            });
            Verdict { met, count: Some(n_got), needed: Some(n_due), reason }
        }
        Criterion::AllOf { all } => {
            // Met when every part is met; the evidence is the first unmet part's (else the first
            // part's); the reason joins the unmet parts' reasons with "; ". No list of parts is kept.
            let mut met = true;
            let mut evidence: Option<(Option<u32>, Option<u32>)> = None;
            let mut reason: Option<Text> = None;
            for (i, c) in all.iter().enumerate() {
                let p = criterion(c, s);
                if i == 0 {
                    evidence = Some((p.count, p.needed));
                }
                if !p.met {
                    if met {
                        evidence = Some((p.count, p.needed));
                    }
                    met = false;
                }
                if let Some(r) = p.reason {
                    match &mut reason {
                        None => reason = Some(r),
                        Some(t) => {
                            t.id.push_str("; ");
                            t.id.push_str(&r.id);
                            t.en.push_str("; ");
                            t.en.push_str(&r.en);
                        }
                    }
                }
            }
            let (count, needed) = evidence.unwrap_or((None, None));
            // The parts' reasons exist only for unmet parts; when all are met there is none.
            let reason = if met { None } else { Some(reason.unwrap_or_else(|| Text::new("", ""))) };
            Verdict { met, count, needed, reason }
        }
    }
}
