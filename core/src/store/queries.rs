//! The screen queries, one call each (architecture.md "Coarse calls"): the home summary, target
//! lists by hamlet / posyandu / kind with this month's form status, and a target's card.
//!
//! Who is a target in a month (domain.md 2.1, 11, A.10):
//! - a pregnancy from ten months before its HPL (or from registration when no HPL is known)
//!   until 42 days after delivery (nifas, when 2A records postnatal checks for IH-3), unless its
//!   episode ended before the month;
//! - a child for Formulir 2B while 0-23 completed months old at the first day of the month, and
//!   for 2C (PAUD) while 24-83 months old at the last day of the month (A.10), unless the
//!   episode ended before the month.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::NaiveDate;
use rusqlite::Connection;

use super::error::Result;
use super::record::{get_live, load_where, month, parse_date, Record};
use super::snapshot::load_quarter;
use super::Store;
use crate::convergence::{self, GapItem, Ratio, Scorecard, Table4, TargetResult};
use crate::growth::verdict::{nutrition_status, verdict, GrowthVerdict};
use crate::model::*;
use crate::ruleset::RuleSet;

/// This month's form of a target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum VisitMark {
    /// No form yet this month: a visit is due.
    Missing,
    /// Started, not finished.
    Draft,
    /// Finished.
    Done,
}

/// Which targets a list shows.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct TargetFilter {
    pub month: YearMonth,
    pub kind: Option<TargetKind>,
    pub hamlet_id: Option<Id>,
    pub posyandu_id: Option<Id>,
}

/// One line of a target list.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct TargetRow {
    pub kind: TargetKind,
    /// Pregnancy id or child id.
    pub target_id: Id,
    /// The mother's name for a pregnancy, the child's name for a child.
    pub name: String,
    pub mother_name: Option<String>,
    pub household_id: Id,
    pub household_number: String,
    pub hamlet_id: Id,
    pub posyandu_id: Option<Id>,
    /// Child: birth date; pregnancy: HPL.
    pub date: Option<NaiveDate>,
    /// Child: completed months at the end of the list's month (A.10).
    pub age_months: Option<u32>,
    pub mark: VisitMark,
    /// The target's convergence in the month's quarter so far (3A/3B row total); `None` for a PAUD
    /// child or a target without records in the quarter.
    pub quarter_convergence: Option<Ratio>,
    /// Services the target lacks in the quarter so far (indicators with T).
    pub quarter_gaps: u32,
}

/// The home screen's counts for a month.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct HomeSummary {
    pub month: YearMonth,
    pub households: u32,
    pub pregnancies: u32,
    pub children_0_23: u32,
    pub paud_children: u32,
    /// Targets of the month with no form yet.
    pub visits_due: u32,
    pub visits_draft: u32,
    pub visits_done: u32,
    /// The month's quarter and its convergence so far (Format 4 Table 4, KPM-2019).
    pub quarter: Quarter,
    pub convergence: Table4,
    /// Services lacking in the quarter so far (indicators with T), over all targets.
    pub gaps: u32,
    /// Targets lacking at least one service in the quarter so far.
    pub targets_with_gaps: u32,
}

/// Everything a target's card shows that is stored (registers, forms, measurements, notes).
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct TargetCard {
    pub kind: TargetKind,
    pub target_id: Id,
    pub pregnancy: Option<Pregnancy>,
    pub child: Option<Child>,
    pub mother: Option<Mother>,
    pub household: Option<Household>,
    pub hamlet: Option<Hamlet>,
    pub posyandu: Option<Posyandu>,
    /// Oldest month first.
    pub pregnancy_visits: Vec<PregnancyVisit>,
    pub child_visits: Vec<ChildVisit>,
    pub paud_visits: Vec<PaudVisit>,
    /// Oldest first.
    pub measurements: Vec<Measurement>,
    /// One growth verdict (z-scores, categories) per measurement, same order.
    pub growth: Vec<GrowthVerdict>,
    pub notes: Vec<Note>,
    /// The quarter the card is computed for, the target's 3A/3B/2C row in it (None: no records
    /// in the quarter yet), and what is missing now (indicators with T, with reasons).
    pub quarter: Quarter,
    pub quarter_result: Option<TargetResult>,
    pub missing_now: Vec<GapItem>,
}

fn ended_before(end: Option<NaiveDate>, m: YearMonth) -> bool {
    end.is_some_and(|d| d < m.first_day())
}

/// Whether a pregnancy is a 2A target in month `m` (module header).
pub fn pregnancy_active(
    expected: Option<NaiveDate>,
    delivered: Option<NaiveDate>,
    end: Option<NaiveDate>,
    m: YearMonth,
) -> bool {
    if ended_before(end, m) {
        return false;
    }
    if let Some(d) = delivered {
        return d <= m.last_day() && (m.first_day() - d).num_days() <= 42;
    }
    match expected {
        Some(hpl) => {
            YearMonth::of(hpl).index() - m.index() <= 10 && (m.first_day() - hpl).num_days() <= 42
        }
        None => true,
    }
}

/// The child's kinds in month `m`: 2B (0-23 months at the month's start) and/or 2C (24-83 at its end).
pub fn child_kinds(birth: NaiveDate, end: Option<NaiveDate>, m: YearMonth) -> Vec<TargetKind> {
    let mut out = Vec::new();
    if ended_before(end, m) || birth > m.last_day() {
        return out;
    }
    if completed_months(birth, m.first_day()).map_or(true, |a| a <= 23) {
        out.push(TargetKind::Child);
    }
    if completed_months(birth, m.last_day()).is_some_and(|a| (24..=83).contains(&a)) {
        out.push(TargetKind::Paud);
    }
    out
}

fn marks(
    conn: &Connection,
    table: &str,
    column: &str,
    m: YearMonth,
) -> Result<std::collections::HashMap<String, VisitMark>> {
    let sql = format!("SELECT {column}, status FROM {table} WHERE deleted = 0 AND month = ?1");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([month(m)], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
    })?;
    let mut out = std::collections::HashMap::new();
    for row in rows {
        let (id, status) = row?;
        let mark = if status == FormStatus::Final.code() {
            VisitMark::Done
        } else {
            VisitMark::Draft
        };
        out.insert(id, mark);
    }
    Ok(out)
}

/// The quarter's scorecard from the database (KPM-2019, z-score-derived status gizi, A.8).
pub(crate) fn scorecard(conn: &Connection, q: Quarter) -> Result<Scorecard> {
    let data = load_quarter(conn, q)?;
    Ok(convergence::scorecard(RuleSet::kpm_2019(), &data, q))
}

/// Per target id: its quarter convergence and its number of gaps.
fn quarter_marks(card: &Scorecard) -> HashMap<&str, (Option<Ratio>, u32)> {
    let mut out: HashMap<&str, (Option<Ratio>, u32)> = HashMap::new();
    for r in &card.pregnancies {
        out.entry(r.pregnancy_id.as_str()).or_default().0 = Some(r.convergence.clone());
    }
    for r in &card.children {
        out.entry(r.child_id.as_str()).or_default().0 = Some(r.convergence.clone());
    }
    for g in &card.gaps {
        out.entry(g.target_id.as_str()).or_default().1 += g.gaps.len() as u32;
    }
    out
}


fn targets_with(conn: &Connection, f: &TargetFilter, card: &Scorecard) -> Result<Vec<TargetRow>> {
    let quarter = quarter_marks(card);
    let q = |id: &str| quarter.get(id).cloned().unwrap_or((None, 0));
    let m = f.month;
    let wants = |k: TargetKind| f.kind.is_none_or(|w| w == k);
    let place_ok = |hamlet: &str, posyandu: &Option<String>| {
        f.hamlet_id.as_deref().is_none_or(|h| h == hamlet)
            && f.posyandu_id
                .as_ref()
                .is_none_or(|p| posyandu.as_ref() == Some(p))
    };
    let mut out = Vec::new();
    if wants(TargetKind::Pregnancy) {
        let marks = marks(conn, "pregnancy_visit", "pregnancy_id", m)?;
        let mut stmt = conn.prepare_cached(
            "SELECT p.id, m.name, h.id, h.number, h.hamlet_id, p.posyandu_id, p.expected_delivery, p.delivery_date, p.end_date
             FROM pregnancy p JOIN mother m ON m.id = p.mother_id JOIN household h ON h.id = m.household_id
             WHERE p.deleted = 0",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, Option<String>>(5)?,
                r.get::<_, Option<String>>(6)?,
                r.get::<_, Option<String>>(7)?,
                r.get::<_, Option<String>>(8)?,
            ))
        })?;
        for row in rows {
            let (
                id,
                name,
                household_id,
                household_number,
                hamlet_id,
                posyandu_id,
                hpl,
                delivered,
                end,
            ) = row?;
            let hpl = hpl.as_deref().and_then(parse_date);
            let delivered = delivered.as_deref().and_then(parse_date);
            let end = end.as_deref().and_then(parse_date);
            if !pregnancy_active(hpl, delivered, end, m) || !place_ok(&hamlet_id, &posyandu_id) {
                continue;
            }
            let mark = marks.get(&id).copied().unwrap_or(VisitMark::Missing);
            let (quarter_convergence, quarter_gaps) = q(&id);
            out.push(TargetRow {
                quarter_convergence,
                quarter_gaps,
                kind: TargetKind::Pregnancy,
                target_id: id,
                name,
                mother_name: None,
                household_id,
                household_number,
                hamlet_id,
                posyandu_id,
                date: hpl,
                age_months: None,
                mark,
            });
        }
    }
    if wants(TargetKind::Child) || wants(TargetKind::Paud) {
        let child_marks = marks(conn, "child_visit", "child_id", m)?;
        let paud_marks = marks(conn, "paud_visit", "child_id", m)?;
        let mut stmt = conn.prepare_cached(
            "SELECT c.id, c.name, mo.name, h.id, h.number, h.hamlet_id, c.posyandu_id, c.birth_date, c.end_date
             FROM child c JOIN household h ON h.id = c.household_id LEFT JOIN mother mo ON mo.id = c.mother_id
             WHERE c.deleted = 0",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, Option<String>>(6)?,
                r.get::<_, String>(7)?,
                r.get::<_, Option<String>>(8)?,
            ))
        })?;
        for row in rows {
            let (
                id,
                name,
                mother_name,
                household_id,
                household_number,
                hamlet_id,
                posyandu_id,
                birth,
                end,
            ) = row?;
            let Some(birth) = parse_date(&birth) else {
                continue;
            };
            if !place_ok(&hamlet_id, &posyandu_id) {
                continue;
            }
            for kind in child_kinds(birth, end.as_deref().and_then(parse_date), m) {
                if !wants(kind) {
                    continue;
                }
                let marks = if kind == TargetKind::Child {
                    &child_marks
                } else {
                    &paud_marks
                };
                let (quarter_convergence, quarter_gaps) = q(&id);
                out.push(TargetRow {
                    quarter_convergence: if kind == TargetKind::Child { quarter_convergence } else { None },
                    quarter_gaps,
                    kind,
                    target_id: id.clone(),
                    name: name.clone(),
                    mother_name: mother_name.clone(),
                    household_id: household_id.clone(),
                    household_number: household_number.clone(),
                    hamlet_id: hamlet_id.clone(),
                    posyandu_id: posyandu_id.clone(),
                    date: Some(birth),
                    age_months: completed_months(birth, m.last_day()),
                    mark: marks.get(&id).copied().unwrap_or(VisitMark::Missing),
                });
            }
        }
    }
    out.sort_by(|a, b| (a.kind, &a.name, &a.target_id).cmp(&(b.kind, &b.name, &b.target_id)));
    Ok(out)
}

fn home_summary(conn: &Connection, m: YearMonth, card: &Scorecard) -> Result<HomeSummary> {
    let all = TargetFilter { month: m, kind: None, hamlet_id: None, posyandu_id: None };
    let rows = targets_with(conn, &all, card)?;
    let households: i64 = conn.query_row(
        "SELECT count(*) FROM household WHERE deleted = 0",
        [],
        |r| r.get(0),
    )?;
    let count = |k: TargetKind| rows.iter().filter(|r| r.kind == k).count() as u32;
    let marks = |v: VisitMark| rows.iter().filter(|r| r.mark == v).count() as u32;
    Ok(HomeSummary {
        month: m,
        households: households as u32,
        pregnancies: count(TargetKind::Pregnancy),
        children_0_23: count(TargetKind::Child),
        paud_children: count(TargetKind::Paud),
        visits_due: marks(VisitMark::Missing),
        visits_draft: marks(VisitMark::Draft),
        visits_done: marks(VisitMark::Done),
        quarter: m.quarter(),
        gaps: card.gaps.iter().map(|g| g.gaps.len() as u32).sum(),
        targets_with_gaps: card.gaps.len() as u32,
        convergence: card.table4.clone(),
    })
}

fn opt_live<R: Record>(conn: &Connection, id: Option<&str>) -> Result<Option<R>> {
    match id {
        Some(id) => Ok(load_where::<R, _>(conn, "id = ?1 AND deleted = 0", [id])?
            .into_iter()
            .next()),
        None => Ok(None),
    }
}

pub(crate) fn target_card(conn: &Connection, kind: TargetKind, id: &str, quarter: Quarter) -> Result<TargetCard> {
    let (pregnancy, child, mother_id, household_id, posyandu_id) = if kind == TargetKind::Pregnancy {
        let p: Pregnancy = get_live(conn, id)?;
        let mother: Mother = get_live(conn, &p.mother_id)?;
        let (m, h, po) = (Some(p.mother_id.clone()), Some(mother.household_id), p.posyandu_id.clone());
        (Some(p), None, m, h, po)
    } else {
        let c: Child = get_live(conn, id)?;
        let (m, h, po) = (c.mother_id.clone(), Some(c.household_id.clone()), c.posyandu_id.clone());
        (None, Some(c), m, h, po)
    };
    let household: Option<Household> = opt_live(conn, household_id.as_deref())?;
    let hamlet: Option<Hamlet> = opt_live(conn, household.as_ref().map(|h| h.hamlet_id.as_str()))?;
    let mother: Option<Mother> = opt_live(conn, mother_id.as_deref())?;
    let by_child = "deleted = 0 AND child_id = ?1 ORDER BY month";
    let pregnancy_visits: Vec<PregnancyVisit> = if pregnancy.is_some() {
        load_where(conn, "deleted = 0 AND pregnancy_id = ?1 ORDER BY month", [id])?
    } else {
        Vec::new()
    };
    let (child_visits, paud_visits, measurements): (Vec<ChildVisit>, Vec<PaudVisit>, Vec<Measurement>) = if child.is_some() {
        (
            load_where(conn, by_child, [id])?,
            load_where(conn, by_child, [id])?,
            load_where(conn, "deleted = 0 AND child_id = ?1 ORDER BY date", [id])?,
        )
    } else {
        (Vec::new(), Vec::new(), Vec::new())
    };
    let growth = match &child {
        Some(c) => measurements.iter().map(|m| verdict(c, m)).collect(),
        None => Vec::new(),
    };
    // The target's own records as a snapshot, for the convergence engine (pure, no database).
    let data = VillageData {
        households: household.iter().cloned().collect(),
        mothers: mother.iter().cloned().collect(),
        pregnancies: pregnancy.iter().cloned().collect(),
        children: child.iter().cloned().collect(),
        pregnancy_visits: pregnancy_visits.clone(),
        child_visits: child_visits.clone(),
        paud_visits: paud_visits.clone(),
        measurements: measurements.clone(),
        ..VillageData::default()
    };
    let rules = RuleSet::kpm_2019();
    let quarter_result = convergence::target_quarter(rules, &data, id, quarter, &nutrition_status);
    let missing_now = convergence::target_gaps(rules, &data, id, quarter, &nutrition_status).map(|g| g.gaps).unwrap_or_default();
    Ok(TargetCard {
        kind,
        target_id: id.to_string(),
        posyandu: opt_live(conn, posyandu_id.as_deref())?,
        mother,
        household,
        hamlet,
        pregnancy_visits,
        child_visits,
        paud_visits,
        measurements,
        growth,
        notes: load_where(conn, "deleted = 0 AND target_id = ?1 ORDER BY date, id", [id])?,
        pregnancy,
        child,
        quarter,
        quarter_result,
        missing_now,
    })
}

/// The last computed scorecard and the change counter it was computed at: screens asking again
/// without a write in between get it without recomputing (an in-memory memo, never stored).
#[derive(Default)]
pub(crate) struct ScorecardMemo(Option<(Quarter, i64, Arc<Scorecard>)>);

fn change_counter(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT value FROM change_counter WHERE id = 1", [], |r| r.get(0))?)
}

impl Store {
    /// The quarter's scorecard, recomputed only when something was written since the last one.
    fn scorecard_memo(&self, conn: &Connection, q: Quarter) -> Result<Arc<Scorecard>> {
        let now = change_counter(conn)?;
        if let Some((mq, seq, card)) = &super::lock(&self.scorecard_memo).0 {
            if *mq == q && *seq == now {
                return Ok(Arc::clone(card));
            }
        }
        let card = Arc::new(scorecard(conn, q)?);
        super::lock(&self.scorecard_memo).0 = Some((q, now, Arc::clone(&card)));
        Ok(card)
    }

    /// Targets of a month with their form status, by kind / hamlet / posyandu, sorted by name.
    pub fn targets(&self, filter: &TargetFilter) -> Result<Vec<TargetRow>> {
        self.read(|c| targets_with(c, filter, &*self.scorecard_memo(c, filter.month.quarter())?))
    }
    /// The home screen's counts for `month`.
    pub fn home_summary(&self, month: YearMonth) -> Result<HomeSummary> {
        self.read(|c| home_summary(c, month, &*self.scorecard_memo(c, month.quarter())?))
    }
    /// A target's card: its registers, forms, measurements with growth verdicts, notes, and its
    /// result and missing services in `quarter` (usually the current one).
    pub fn target_card(&self, kind: TargetKind, target_id: &str, quarter: Quarter) -> Result<TargetCard> {
        self.read(|c| target_card(c, kind, target_id, quarter))
    }
    /// The quarter's scorecard (forms 3A, 3B, Format 4) computed from the database.
    pub fn scorecard(&self, quarter: Quarter) -> Result<Scorecard> {
        self.read(|c| Ok(Scorecard::clone(&*self.scorecard_memo(c, quarter)?)))
    }
}
