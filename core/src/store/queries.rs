//! The screen queries, one call each (architecture.md "Coarse calls"): the home summary, target
//! lists by hamlet / posyandu / kind with this month's form status, and a target's card.
//!
//! Who is a target in a month is the forms module's rule, one rule in one place (domain.md 2.1,
//! 11, A.10), so a list shows as due exactly the forms the form screen would open as applicable:
//! - a pregnancy has a 2A row unless `forms::pregnancy::pregnancy_month_reason` gives a reason
//!   (episode ended before the month, or the nifas period, 42 days after delivery, is over);
//! - a child has a 2B row when `forms::child::child_row` accepts the month's earliest possible
//!   visit date (the first day, or the birth date for a child born that month), i.e. 0-23
//!   completed months then; and a 2C cell when `forms::paud::paud_row` accepts the month
//!   (24-83 months on its last day); never after the episode ended before the month.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::NaiveDate;
use rusqlite::Connection;

use super::error::Result;
use super::entities::end_from;
use super::record::{columns, get_live, load_where, month, Cols, Record};
use super::snapshot::load_quarter_for_rules;
use super::Store;
use crate::forms::child::child_row;
use crate::forms::paud::paud_row;
use crate::forms::pregnancy::pregnancy_month_reason;
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
    /// The target's convergence in the month's quarter so far: the 3A/3B row total, for a PAUD
    /// child its PD-1 ratio (months attended over months enrolled); `None` without records in the quarter.
    pub quarter_convergence: Option<Ratio>,
    /// Services the target lacks in the quarter so far (indicators with T) on this row's form.
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

/// Whether a pregnancy has a 2A row in month `m` (module header; forms::pregnancy).
pub(crate) fn pregnancy_due(p: &Pregnancy, m: YearMonth) -> bool {
    pregnancy_month_reason(p, m).is_none()
}

/// The earliest date in month `m` a visit to the child can have: the first day, or the birth
/// date for a child born that month (later than the month: no visit, `child_row` refuses it).
fn earliest_visit(c: &Child, m: YearMonth) -> NaiveDate {
    m.first_day().max(c.birth_date)
}

/// The child's forms in month `m` (module header; forms::child, forms::paud): 2B and/or 2C.
pub(crate) fn child_kinds(c: &Child, m: YearMonth) -> impl Iterator<Item = TargetKind> {
    let child = child_row(c, m, earliest_visit(c, m)).is_ok().then_some(TargetKind::Child);
    let paud = paud_row(c, m).is_ok().then_some(TargetKind::Paud);
    child.into_iter().chain(paud)
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
    let data = load_quarter_for_rules(conn, q)?;
    Ok(convergence::scorecard(RuleSet::kpm_2019(), &data, q))
}

/// Per target (kind and id): its quarter convergence and its number of gaps. A child can be a
/// 3B row and a 2C row of the same quarter (24 months that quarter): each list row gets its own.
/// A PAUD child's convergence is its PD-1 ratio, attended over enrolled months (domain.md 4.5).
fn quarter_marks(card: &Scorecard) -> HashMap<(TargetKind, &str), (Option<Ratio>, u32)> {
    let mut out: HashMap<(TargetKind, &str), (Option<Ratio>, u32)> = HashMap::new();
    for r in &card.pregnancies {
        out.entry((TargetKind::Pregnancy, r.pregnancy_id.as_str())).or_default().0 = Some(r.convergence.clone());
    }
    for r in &card.children {
        out.entry((TargetKind::Child, r.child_id.as_str())).or_default().0 = Some(r.convergence.clone());
    }
    for r in &card.paud {
        out.entry((TargetKind::Paud, r.child_id.as_str())).or_default().0 =
            Some(Ratio::new(u64::from(r.attended_months), u64::from(r.enrolled_months)));
    }
    for g in &card.gaps {
        out.entry((g.target_kind, g.target_id.as_str())).or_default().1 += g.gaps.len() as u32;
    }
    out
}

fn targets_with(conn: &Connection, f: &TargetFilter, card: &Scorecard) -> Result<Vec<TargetRow>> {
    let quarter = quarter_marks(card);
    let q = |kind: TargetKind, id: &str| quarter.get(&(kind, id)).cloned().unwrap_or((None, 0));
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
        // The whole register row (the forms' rule reads the record), then the list's columns.
        let sql = format!(
            "SELECT {}, m.name, h.id, h.number, h.hamlet_id
             FROM pregnancy p JOIN mother m ON m.id = p.mother_id JOIN household h ON h.id = m.household_id
             WHERE p.deleted = 0",
            columns::<Pregnancy>("p.")
        );
        let mut stmt = conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([], |r| {
            let mut c = Cols::new(r);
            Ok((Pregnancy::from_cols(&mut c)?, c.text()?, c.text()?, c.text()?, c.text()?))
        })?;
        for row in rows {
            let (p, name, household_id, household_number, hamlet_id) = row?;
            if !pregnancy_due(&p, m) || !place_ok(&hamlet_id, &p.posyandu_id) {
                continue;
            }
            let mark = marks.get(&p.id).copied().unwrap_or(VisitMark::Missing);
            let (quarter_convergence, quarter_gaps) = q(TargetKind::Pregnancy, &p.id);
            out.push(TargetRow {
                quarter_convergence,
                quarter_gaps,
                kind: TargetKind::Pregnancy,
                target_id: p.id,
                name,
                mother_name: None,
                household_id,
                household_number,
                hamlet_id,
                posyandu_id: p.posyandu_id,
                date: p.expected_delivery,
                age_months: None,
                mark,
            });
        }
    }
    if wants(TargetKind::Child) || wants(TargetKind::Paud) {
        let child_marks = marks(conn, "child_visit", "child_id", m)?;
        let paud_marks = marks(conn, "paud_visit", "child_id", m)?;
        let sql = format!(
            "SELECT {}, mo.name, h.number, h.hamlet_id
             FROM child c JOIN household h ON h.id = c.household_id LEFT JOIN mother mo ON mo.id = c.mother_id
             WHERE c.deleted = 0",
            columns::<Child>("c.")
        );
        let mut stmt = conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([], |r| {
            let mut c = Cols::new(r);
            Ok((Child::from_cols(&mut c)?, c.opt_text()?, c.text()?, c.text()?))
        })?;
        for row in rows {
            let (child, mother_name, household_number, hamlet_id) = row?;
            if !place_ok(&hamlet_id, &child.posyandu_id) {
                continue;
            }
            for kind in child_kinds(&child, m) {
                if !wants(kind) {
                    continue;
                }
                let marks = if kind == TargetKind::Child {
                    &child_marks
                } else {
                    &paud_marks
                };
                let (quarter_convergence, quarter_gaps) = q(kind, &child.id);
                out.push(TargetRow {
                    quarter_convergence,
                    quarter_gaps,
                    kind,
                    target_id: child.id.clone(),
                    name: child.name.clone(),
                    mother_name: mother_name.clone(),
                    household_id: child.household_id.clone(),
                    household_number: household_number.clone(),
                    hamlet_id: hamlet_id.clone(),
                    posyandu_id: child.posyandu_id.clone(),
                    date: Some(child.birth_date),
                    age_months: completed_months(child.birth_date, m.last_day()),
                    mark: marks.get(&child.id).copied().unwrap_or(VisitMark::Missing),
                });
            }
        }
    }
    out.sort_by(|a, b| (a.kind, &a.name, &a.target_id).cmp(&(b.kind, &b.name, &b.target_id)));
    Ok(out)
}

/// A visit status code read in place as a mark (`None`: no form this month).
fn mark_of(status: Option<&str>) -> VisitMark {
    match status {
        None => VisitMark::Missing,
        Some(s) if s == FormStatus::Final.code() => VisitMark::Done,
        Some(_) => VisitMark::Draft,
    }
}

/// The month's visit status as text, `NULL` when there is no live form (one per target and month:
/// the unique `*_target_month` indexes answer the lookup).
fn status_ref<'a>(r: &'a rusqlite::Row<'_>, i: usize) -> rusqlite::Result<Option<&'a str>> {
    match r.get_ref(i)? {
        rusqlite::types::ValueRef::Null => Ok(None),
        v => v.as_str().map(Some).map_err(Into::into),
    }
}

/// Counts of the month's targets by kind and mark, from only the columns the forms' month rules
/// read (HPL, delivery, end; birth date, end) and the month's status: no names, no ids, no joins.
/// Who is a target is still decided by `pregnancy_due` / `child_kinds` (one rule in one place);
/// the other fields of the records handed to them are blanks those rules never read.
/// (Measured on store_bench: the full target list made the open-handle home summary ~8 ms.)
fn home_counts(conn: &Connection, m: YearMonth) -> Result<([u32; 3], [u32; 3])> {
    let mut kinds = [0u32; 3];
    let mut marks = [0u32; 3];
    let mut add = |kind: usize, mark: VisitMark| {
        kinds[kind] += 1;
        marks[match mark {
            VisitMark::Missing => 0,
            VisitMark::Draft => 1,
            VisitMark::Done => 2,
        }] += 1;
    };
    let blank_meta = || Meta { created_at: 0, updated_at: 0, version: 0, deleted: false, device_id: String::new() };
    let mut stmt = conn.prepare_cached(
        "SELECT p.expected_delivery, p.delivery_date, p.end_date, p.end_reason,
                (SELECT v.status FROM pregnancy_visit v WHERE v.pregnancy_id = p.id AND v.month = ?1 AND v.deleted = 0)
         FROM pregnancy p WHERE p.deleted = 0",
    )?;
    let mut rows = stmt.query([month(m)])?;
    while let Some(r) = rows.next()? {
        let mut c = Cols::new(r);
        let p = Pregnancy {
            id: String::new(),
            mother_id: String::new(),
            kia_number: String::new(),
            posyandu_id: None,
            kek: false,
            risti: false,
            expected_delivery: c.opt_date()?,
            delivery_date: c.opt_date()?,
            end: end_from(&mut c)?,
            meta: blank_meta(),
        };
        if pregnancy_due(&p, m) {
            add(0, mark_of(status_ref(r, 4)?));
        }
    }
    let mut stmt = conn.prepare_cached(
        "SELECT c.birth_date, c.end_date, c.end_reason,
                (SELECT v.status FROM child_visit v WHERE v.child_id = c.id AND v.month = ?1 AND v.deleted = 0),
                (SELECT v.status FROM paud_visit v WHERE v.child_id = c.id AND v.month = ?1 AND v.deleted = 0)
         FROM child c WHERE c.deleted = 0",
    )?;
    let mut rows = stmt.query([month(m)])?;
    while let Some(r) = rows.next()? {
        let mut c = Cols::new(r);
        let child = Child {
            id: String::new(),
            household_id: String::new(),
            mother_id: None,
            pregnancy_id: None,
            kia_number: None,
            name: String::new(),
            nik: None,
            nik_temporary: false,
            sex: Sex::Male,
            birth_date: c.date()?,
            birth_date_approximate: false,
            posyandu_id: None,
            birth_certificate: false,
            insurance: false,
            end: end_from(&mut c)?,
            meta: blank_meta(),
        };
        for kind in child_kinds(&child, m) {
            if kind == TargetKind::Child {
                add(1, mark_of(status_ref(r, 3)?));
            } else {
                add(2, mark_of(status_ref(r, 4)?));
            }
        }
    }
    Ok((kinds, marks))
}

fn home_summary(conn: &Connection, m: YearMonth, card: &Scorecard) -> Result<HomeSummary> {
    let ([pregnancies, children_0_23, paud_children], [visits_due, visits_draft, visits_done]) = home_counts(conn, m)?;
    let households: i64 = conn.query_row(
        "SELECT count(*) FROM household WHERE deleted = 0",
        [],
        |r| r.get(0),
    )?;
    Ok(HomeSummary {
        month: m,
        households: households as u32,
        pregnancies,
        children_0_23,
        paud_children,
        visits_due,
        visits_draft,
        visits_done,
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
