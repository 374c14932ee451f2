//! One target in one quarter: its 3A/3B/2C row with every indicator's result and reason.
//! Rows exist only for quarters with records, never after the episode's end (A.10 Episodes).

use crate::model::{
    Child, EpisodeEnd, Household, MatResult, Measurement, Mother, NutritionStatus, Outcome, PaudCell, PaudVisit,
    Pregnancy, PregnancyVisit, Quarter, TargetKind, ChildVisit, Id,
};
use crate::ruleset::{MonthBand, Phase, RuleSet, StatusFlag};

use super::evaluate::{evaluate, ReasonCache, Subject};
use super::records::{child_rows, paud_rows, pregnancy_rows, quarter_start, FxMap, MonthRow};
use super::types::{ChildRow, GapItem, IndicatorResult, PaudMonth, PaudRow, PregnancyRow, Ratio, TargetGaps, TargetResult};

/// The derivation of status gizi from a measurement (growth module, A.8); None = no plausible value.
pub type DeriveStatus<'f> = &'f dyn Fn(&Child, &Measurement) -> Option<NutritionStatus>;

/// Registers looked up by id (built once per computation).
pub(crate) struct Registry<'a> {
    pub households: FxMap<&'a str, &'a Household>,
    pub mothers: FxMap<&'a str, &'a Mother>,
}

impl<'a> Registry<'a> {
    pub fn new(households: &'a [Household], mothers: &'a [Mother]) -> Self {
        let mut r = Registry { households: FxMap::default(), mothers: FxMap::default() };
        r.households.reserve(households.len());
        r.mothers.reserve(mothers.len());
        r.households.extend(households.iter().filter(|h| !h.meta.deleted).map(|h| (h.id.as_str(), h)));
        r.mothers.extend(mothers.iter().filter(|m| !m.meta.deleted).map(|m| (m.id.as_str(), m)));
        r
    }
    fn hamlet(&self, household_id: Option<&str>) -> Option<Id> {
        household_id.and_then(|h| self.households.get(h)).map(|h| h.hamlet_id.clone())
    }
}

/// The quarter's last non-blank answers that Formulir 1 (a) counts (A.2: the monthly answer counts).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Answers {
    pub water: Option<(chrono::NaiveDate, bool)>,
    pub latrine: Option<(chrono::NaiveDate, bool)>,
    pub insurance: Option<bool>,
    pub birth_certificate: Option<bool>,
}

fn last_answers(qrows: &[MonthRow]) -> Answers {
    use crate::ruleset::Field;
    let last = |f: Field| qrows.iter().rev().find_map(|r| r.answer(f).map(|a| (r.date, a)));
    Answers {
        water: last(Field::SafeWater),
        latrine: last(Field::Latrine),
        insurance: last(Field::Insurance).map(|x| x.1),
        birth_certificate: last(Field::BirthCertificate).map(|x| x.1),
    }
}

fn evaluate_group(rules: &RuleSet, kind: TargetKind, subject: &Subject<'_>, cache: &mut ReasonCache) -> Vec<IndicatorResult> {
    // Sized once: a filtered iterator would grow the vector 4 -> 8 -> 16 for every row.
    let mut out = Vec::with_capacity(rules.indicators.iter().filter(|r| r.group == kind).count());
    out.extend(rules.indicators.iter().enumerate().filter(|(_, r)| r.group == kind).map(|(i, r)| evaluate(r, i, subject, cache)));
    out
}

/// Whether an episode may have a row in the quarter (not deleted, not ended before it starts).
fn alive(deleted: bool, end: Option<&EpisodeEnd>, quarter: Quarter) -> bool {
    !deleted && end.is_none_or(|e| e.date >= quarter.first_day())
}

fn ended_by(end: Option<&EpisodeEnd>, quarter: Quarter) -> Option<EpisodeEnd> {
    end.filter(|e| e.date <= quarter.last_day()).cloned()
}

fn convergence(results: &[IndicatorResult]) -> Ratio {
    let due = results.iter().filter(|r| r.outcome != Outcome::NotApplicable).count() as u64;
    let yes = results.iter().filter(|r| r.outcome == Outcome::Yes).count() as u64;
    Ratio::new(yes, due)
}

/// Formulir 3A row (domain.md 4.3 under A.4/A.10).
pub(crate) fn pregnancy_row(
    rules: &RuleSet,
    reg: &Registry<'_>,
    p: &Pregnancy,
    visits: &mut [&PregnancyVisit],
    quarter: Quarter,
    rows: &mut Vec<MonthRow>,
    cache: &mut ReasonCache,
) -> Option<(PregnancyRow, Answers)> {
    if !alive(p.meta.deleted, p.end.as_ref(), quarter) {
        return None;
    }
    pregnancy_rows(visits, p.delivery_date, p.end.as_ref(), quarter.last_day(), rows);
    let rows = &rows[..];
    let q_start = quarter_start(rows, quarter);
    let qrows = &rows[q_start..];
    if qrows.is_empty() {
        return None;
    }
    let delivered = qrows.iter().any(|r| r.post_delivery);
    let last_pre = qrows.iter().rev().find(|r| !r.post_delivery);
    let gest = if delivered { None } else { qrows.iter().map(|r| r.age).filter(|a| *a > 0).max() };
    let trimester = gest.and_then(|g| rules.trimester_of(g));
    let subject = Subject {
        rows,
        q_start,
        quarter,
        phase: Some(if delivered { Phase::Delivered } else { Phase::Pregnant }),
        age: None,
        trimester,
    };
    let results = evaluate_group(rules, TargetKind::Pregnancy, &subject, cache);
    let mother = reg.mothers.get(p.mother_id.as_str());
    let household_id = mother.map(|m| m.household_id.clone());
    let answers = last_answers(qrows);
    Some((PregnancyRow {
        pregnancy_id: p.id.clone(),
        kia_number: p.kia_number.clone(),
        mother_name: mother.map(|m| m.name.clone()).unwrap_or_default(),
        hamlet_id: reg.hamlet(household_id.as_deref()),
        household_id,
        posyandu_id: p.posyandu_id.clone(),
        kek: last_pre.is_some_and(|r| r.status & StatusFlag::Kek.bit() != 0),
        risti: last_pre.is_some_and(|r| r.status & StatusFlag::Risti.bit() != 0),
        gestational_age_months: gest,
        trimester,
        delivered,
        delivery_date: p.delivery_date.filter(|d| *d <= quarter.last_day()),
        convergence: convergence(&results),
        results,
        ended: ended_by(p.end.as_ref(), quarter),
        draft_months: qrows.iter().filter(|r| r.draft).count() as u32,
    }, answers))
}

fn status_bit(s: NutritionStatus) -> u8 {
    match s {
        NutritionStatus::Normal => 0,
        NutritionStatus::GiziKurang => StatusFlag::GiziKurang.bit(),
        NutritionStatus::GiziBuruk => StatusFlag::GiziBuruk.bit(),
        NutritionStatus::Stunting => StatusFlag::Stunting.bit(),
    }
}

/// Formulir 3B row (domain.md 4.4 under A.4/A.10). `measurements` are the child's (any dates).
pub(crate) fn child_row(
    rules: &RuleSet,
    reg: &Registry<'_>,
    c: &Child,
    visits: &mut [&ChildVisit],
    measurements: &[&Measurement],
    quarter: Quarter,
    derive: DeriveStatus<'_>,
    rows: &mut Vec<MonthRow>,
    cache: &mut ReasonCache,
) -> Option<(ChildRow, Answers)> {
    if !alive(c.meta.deleted, c.end.as_ref(), quarter) {
        return None;
    }
    let band = rules.group(TargetKind::Child).and_then(|g| g.age).unwrap_or(MonthBand { from: 0, to: 23 });
    child_rows(visits, c.birth_date, band, c.end.as_ref(), quarter.last_day(), rows);
    let q_start = quarter_start(rows, quarter);
    if q_start == rows.len() {
        return None;
    }
    // Status gizi per monitored month (A.8, A.10): from the month's last plausible measurement
    // through the growth module, else the status the puskesmas reported.
    for r in rows[q_start..].iter_mut() {
        let m = measurements
            .iter()
            .filter(|m| !m.meta.deleted && r.ym.contains(m.date))
            .max_by_key(|m| (m.date, m.meta.updated_at));
        if let Some(s) = m.and_then(|m| derive(c, m)) {
            r.nutrition = Some(s);
        }
        r.status = r.nutrition.map(status_bit).unwrap_or(0);
    }
    let qrows = &rows[q_start..];
    let age = qrows.iter().map(|r| r.age).max().unwrap_or(0);
    let subject = Subject { rows, q_start, quarter, phase: None, age: Some(age), trimester: None };
    let results = evaluate_group(rules, TargetKind::Child, &subject, cache);
    let household_id = Some(c.household_id.clone());
    let answers = last_answers(qrows);
    Some((ChildRow {
        child_id: c.id.clone(),
        kia_number: c.kia_number.clone(),
        name: c.name.clone(),
        sex: c.sex,
        birth_date: c.birth_date,
        hamlet_id: reg.hamlet(household_id.as_deref()),
        household_id,
        posyandu_id: c.posyandu_id.clone(),
        age_months: age,
        age_category: rules.age_category_of(age).map(|a| a.code.clone()).unwrap_or_default(),
        nutrition_status: qrows.iter().rev().find_map(|r| r.nutrition),
        mat_result: qrows.iter().rev().map(|r| r.mat).find(|m| *m != MatResult::NotMeasured).unwrap_or(MatResult::NotMeasured),
        convergence: convergence(&results),
        results,
        ended: ended_by(c.end.as_ref(), quarter),
        draft_months: qrows.iter().filter(|r| r.draft).count() as u32,
    }, answers))
}

/// Formulir 2C row with the per-child PD-1 view (domain.md 4.5 [I], A.4).
pub(crate) fn paud_row(
    rules: &RuleSet,
    reg: &Registry<'_>,
    c: &Child,
    visits: &mut [&PaudVisit],
    quarter: Quarter,
    rows: &mut Vec<MonthRow>,
    cache: &mut ReasonCache,
) -> Option<PaudRow> {
    if !alive(c.meta.deleted, c.end.as_ref(), quarter) {
        return None;
    }
    let band = rules.group(TargetKind::Paud).and_then(|g| g.age).unwrap_or(MonthBand { from: 24, to: 83 });
    let cells = paud_rows(visits, c.birth_date, band, c.end.as_ref(), quarter, rows);
    let rows = &rows[..];
    if rows.is_empty() {
        return None;
    }
    let (index, rule) = rules.indicators.iter().enumerate().find(|(_, r)| r.group == TargetKind::Paud)?;
    let subject = Subject { rows, q_start: 0, quarter, phase: None, age: rows.iter().map(|r| r.age).max(), trimester: None };
    let result = evaluate(rule, index, &subject, cache);
    let max_age = rows.iter().map(|r| r.age).max().unwrap_or(0);
    let months = quarter.months();
    let household_id = Some(c.household_id.clone());
    Some(PaudRow {
        child_id: c.id.clone(),
        name: c.name.clone(),
        sex: c.sex,
        hamlet_id: reg.hamlet(household_id.as_deref()),
        household_id,
        posyandu_id: c.posyandu_id.clone(),
        age_category: if max_age < 36 { 1 } else { 2 },
        months: (0..3).map(|i| PaudMonth { month: months[i], cell: cells[i] }).collect(),
        enrolled_months: cells.iter().filter(|c| **c != PaudCell::NotEnrolled).count() as u32,
        attended_months: cells.iter().filter(|c| **c == PaudCell::Attended).count() as u32,
        result,
        ended: ended_by(c.end.as_ref(), quarter),
    })
}

type Who<'a> = (&'a Id, &'a str, &'a Option<Id>, &'a Option<Id>);

/// What a gap shows about an indicator, prepared once per computation (in the group's rule order).
pub(crate) struct GapMeta {
    pub package: crate::model::Package,
}

pub(crate) fn gap_meta(rules: &RuleSet, kind: TargetKind) -> Vec<GapMeta> {
    rules
        .indicators_of(kind)
        .map(|r| GapMeta { package: r.package })
        .collect()
}

fn target_gaps(kind: TargetKind, meta: &[GapMeta], results: &[IndicatorResult], who: Who<'_>) -> TargetGaps {
    let mut gaps = Vec::with_capacity(results.iter().filter(|r| r.outcome == Outcome::No).count());
    gaps.extend(results.iter().zip(meta).filter(|(r, _)| r.outcome == Outcome::No).map(|(r, m)| GapItem {
        indicator: r.indicator,
        package: m.package,
        reason: r.reason.clone().unwrap_or_else(|| crate::model::Text::new("", "")),
    }));
    TargetGaps {
        target_kind: kind,
        target_id: who.0.clone(),
        name: who.1.to_string(),
        hamlet_id: who.2.clone(),
        posyandu_id: who.3.clone(),
        gaps,
    }
}

fn has_gap(results: &[IndicatorResult]) -> bool {
    results.iter().any(|r| r.outcome == Outcome::No)
}

pub(crate) fn pregnancy_gaps(meta: &[GapMeta], row: &PregnancyRow, out: &mut Vec<TargetGaps>) {
    if has_gap(&row.results) {
        let who = (&row.pregnancy_id, row.mother_name.as_str(), &row.hamlet_id, &row.posyandu_id);
        out.push(target_gaps(TargetKind::Pregnancy, meta, &row.results, who));
    }
}

pub(crate) fn child_gaps(meta: &[GapMeta], row: &ChildRow, out: &mut Vec<TargetGaps>) {
    if has_gap(&row.results) {
        let who = (&row.child_id, row.name.as_str(), &row.hamlet_id, &row.posyandu_id);
        out.push(target_gaps(TargetKind::Child, meta, &row.results, who));
    }
}

pub(crate) fn paud_gaps(meta: &[GapMeta], row: &PaudRow, out: &mut Vec<TargetGaps>) {
    if has_gap(std::slice::from_ref(&row.result)) {
        let who = (&row.child_id, row.name.as_str(), &row.hamlet_id, &row.posyandu_id);
        out.push(target_gaps(TargetKind::Paud, meta, std::slice::from_ref(&row.result), who));
    }
}

/// One target's gaps in the quarter (empty list when it lacks nothing).
pub(crate) fn gaps_of(rules: &RuleSet, t: &TargetResult) -> TargetGaps {
    match t {
        TargetResult::Pregnancy { row } => target_gaps(
            TargetKind::Pregnancy,
            &gap_meta(rules, TargetKind::Pregnancy),
            &row.results,
            (&row.pregnancy_id, row.mother_name.as_str(), &row.hamlet_id, &row.posyandu_id),
        ),
        TargetResult::Child { row } => target_gaps(
            TargetKind::Child,
            &gap_meta(rules, TargetKind::Child),
            &row.results,
            (&row.child_id, row.name.as_str(), &row.hamlet_id, &row.posyandu_id),
        ),
        TargetResult::Paud { row } => target_gaps(
            TargetKind::Paud,
            &gap_meta(rules, TargetKind::Paud),
            std::slice::from_ref(&row.result),
            (&row.child_id, row.name.as_str(), &row.hamlet_id, &row.posyandu_id),
        ),
    }
}
