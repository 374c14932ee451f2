//! `VillageData` snapshots for the pure engines (convergence, growth) and change sets for bundles.
//!
//! A quarter's snapshot holds what the quarterly rules read (domain.md A.10 "Windows"): the
//! targets with at least one record in the quarter; for pregnancies and 2B children all their
//! records up to the quarter's end (AN-2/AN-4 count over the whole record, AN-10 over the
//! calendar year, IH-3 from the delivery); 2C cells and measurements only of the quarter (PD-1
//! counts the quarter's months, status gizi comes from the monitored month's own measurement);
//! their mothers and households, the household conditions in force, and the village's
//! registers. A past quarter never changes because later months were recorded.
//! (Narrowed by measurement: the benchmark village's quarter went from 34k to about 14k rows.)
//! The scorecard reads the same rows with only the columns the rules read
//! (`load_quarter_for_rules`, `entities::RuleColumns`).

use rusqlite::Connection;

use super::entities::RuleColumns;
use super::error::Result;
use super::record::{load_where, load_where_keyed, scan_keyed, select_sql, Cols, Record};
use super::Store;
use crate::convergence::FxMap;
use crate::model::*;

/// Everything written since a cursor, deleted rows included (tombstones travel in bundles).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ChangeSet {
    /// Pass this as the cursor of the next `changes_since` call.
    pub cursor: i64,
    pub data: VillageData,
    pub notes: Vec<Note>,
}

fn live<R: Record>(conn: &Connection) -> Result<Vec<R>> {
    load_where(conn, "deleted = 0 ORDER BY id", [])
}

pub(crate) fn load_village(conn: &Connection) -> Result<VillageData> {
    Ok(VillageData {
        village: live::<Village>(conn)?.into_iter().next(),
        hamlets: live(conn)?,
        posyandu: live(conn)?,
        cadres: live(conn)?,
        households: live(conn)?,
        household_conditions: live(conn)?,
        mothers: live(conn)?,
        pregnancies: live(conn)?,
        children: live(conn)?,
        pregnancy_visits: live(conn)?,
        child_visits: live(conn)?,
        paud_visits: live(conn)?,
        measurements: live(conn)?,
    })
}

fn strings<P: rusqlite::Params>(conn: &Connection, sql: &str, p: P) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(p, |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The distinct ids of a one-column query, sorted.
fn sorted_ids<P: rusqlite::Params>(conn: &Connection, sql: &str, p: P) -> Result<Vec<String>> {
    let mut ids = strings(conn, sql, p)?;
    ids.sort_unstable();
    ids.dedup();
    Ok(ids)
}

/// Each id's position in a sorted, distinct id list: the cheap sort key of the records loaded for
/// it (sorting ~8k records by their id strings, moving each record n log n times, was ~9% of a
/// quarter's load; ranks sort a key array and move each record once).
fn ranks<'a>(ids: impl IntoIterator<Item = &'a str>) -> FxMap<&'a str, u32> {
    ids.into_iter().enumerate().map(|(i, id)| (id, i as u32)).collect()
}

/// Live register rows whose id passes `wanted`. A quarter needs most of a village's children,
/// mothers and households, so one scan of the (small) register table with a hash check beats a
/// primary-key seek plus a table seek per id (see `load_where_keyed`). Sorted by id through an
/// index permutation (each record moved once, not at every step of the sort).
fn by_ids<R: Record>(conn: &Connection, wanted: impl Fn(&str) -> bool) -> Result<Vec<R>> {
    let rows: Vec<R> = load_where_keyed(conn, "deleted = 0", [], "id", wanted)?;
    Ok(sorted_by_id(rows))
}

fn sorted_by_id<R: Record>(rows: Vec<R>) -> Vec<R> {
    let mut order: Vec<usize> = (0..rows.len()).collect();
    order.sort_unstable_by(|&a, &b| rows[a].id().cmp(rows[b].id()));
    let mut slots: Vec<Option<R>> = rows.into_iter().map(Some).collect();
    order.into_iter().filter_map(|i| slots[i].take()).collect()
}

/// How much of each monthly record and measurement a quarter's load decodes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Detail {
    /// Whole records (`Store::load_quarter`).
    Full,
    /// Only what the quarterly rules read (`entities::RuleColumns`).
    Rules,
}

impl Detail {
    /// The SELECT of `R`'s rows at this detail, without its WHERE clause.
    fn select<R: RuleColumns>(self) -> String {
        match self {
            Detail::Full => select_sql::<R>(),
            Detail::Rules => format!("SELECT {} FROM {}", R::RULE_COLUMNS, R::TABLE),
        }
    }
    fn decode<R: RuleColumns>(self, c: &mut Cols<'_, '_>) -> rusqlite::Result<R> {
        match self {
            Detail::Full => R::from_cols(c),
            Detail::Rules => R::from_rule_cols(c),
        }
    }
    /// `by_ids` at this detail (the id is the first column either way).
    fn by_ids<R: RuleColumns>(self, conn: &Connection, wanted: impl Fn(&str) -> bool) -> Result<Vec<R>> {
        let sql = format!("{} NOT INDEXED WHERE deleted = 0", self.select::<R>());
        let rows = scan_keyed(conn, &sql, [], 0, |id| wanted(id).then_some(()), |c| self.decode(c))?;
        Ok(sorted_by_id(rows.into_iter().map(|(_, r)| r).collect()))
    }
    /// `load_where` at this detail.
    fn load<R: RuleColumns, P: rusqlite::Params>(self, conn: &Connection, where_sql: &str, p: P) -> Result<Vec<R>> {
        let sql = format!("{} WHERE {where_sql}", self.select::<R>());
        let mut stmt = conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(p, |row| self.decode(&mut Cols::new(row)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

pub(crate) fn load_quarter(conn: &Connection, q: Quarter) -> Result<VillageData> {
    load(conn, q, Detail::Full)
}

/// The quarter's snapshot as the scorecard reads it: the same rows as `load_quarter`, with monthly
/// records and measurements reduced to the columns the rules read (`entities::RuleColumns`; the
/// others are blank), households and mothers likewise. Measured on store_bench: those are most of a
/// quarter's rows (the 2B history alone ~8k), and their decoding the largest share of the
/// scorecard from the database. Internal to the scorecard: `convergence::scorecard` on it equals
/// the scorecard of `load_quarter` (tests/tests/e2e_store_scorecard.rs).
pub(crate) fn load_quarter_for_rules(conn: &Connection, q: Quarter) -> Result<VillageData> {
    load(conn, q, Detail::Rules)
}

fn load(conn: &Connection, q: Quarter, detail: Detail) -> Result<VillageData> {
    let [first, _, last] = q.months();
    let (first, last) = (first.to_string(), last.to_string());
    let (start, end) = (q.first_day().format("%Y-%m-%d").to_string(), q.last_day().format("%Y-%m-%d").to_string());
    // The quarter's targets first (measured: one IN over a JSON list of ids beats nested
    // UNION subqueries per table by about 5x on the benchmark village).
    let in_q = "deleted = 0 AND month BETWEEN ?1 AND ?2";
    // Read from the (target, month) index of live visits alone, already in target order (measured:
    // 2x faster than the month index, which needs a table seek per visit and a b-tree for DISTINCT).
    let preg_ids = sorted_ids(
        conn,
        &format!("SELECT DISTINCT pregnancy_id FROM pregnancy_visit INDEXED BY pregnancy_visit_target_month WHERE {in_q}"),
        [&first, &last],
    )?;
    let child_2b = sorted_ids(
        conn,
        &format!("SELECT DISTINCT child_id FROM child_visit INDEXED BY child_visit_target_month WHERE {in_q}"),
        [&first, &last],
    )?;
    let mut paud_visits: Vec<PaudVisit> = detail.load(conn, in_q, [&first, &last])?;
    // Owned: the visits are sorted by these ranks below.
    let mut paud_ids: Vec<String> = paud_visits.iter().map(|v| v.child_id.clone()).collect();
    paud_ids.sort_unstable();
    paud_ids.dedup();
    let preg_rank = ranks(preg_ids.iter().map(String::as_str));
    let child_rank = ranks(child_2b.iter().map(String::as_str));
    let paud_rank = ranks(paud_ids.iter().map(String::as_str));

    let pregnancies: Vec<Pregnancy> = by_ids(conn, |id| preg_rank.contains_key(id))?;
    let children: Vec<Child> = by_ids(conn, |id| child_rank.contains_key(id) || paud_rank.contains_key(id))?;
    let mother_ids: FxMap<&str, ()> = pregnancies
        .iter()
        .map(|p| p.mother_id.as_str())
        .chain(children.iter().filter_map(|c| c.mother_id.as_deref()))
        .map(|id| (id, ()))
        .collect();
    let mothers: Vec<Mother> = detail.by_ids(conn, |id| mother_ids.contains_key(id))?;
    let mut household_ids: Vec<&str> =
        mothers.iter().map(|m| m.household_id.as_str()).chain(children.iter().map(|c| c.household_id.as_str())).collect();
    household_ids.sort_unstable();
    household_ids.dedup();
    let households: Vec<Household> = detail.by_ids(conn, |id| household_ids.binary_search(&id).is_ok())?;
    let mut household_conditions: Vec<HouseholdCondition> = {
        let json = serde_json::to_string(&household_ids)?;
        load_where(
            conn,
            "deleted = 0 AND effective_from <= ?2 AND household_id IN (SELECT value FROM json_each(?1))",
            [&json, &last],
        )?
    };
    let mut pregnancy_visits: Vec<PregnancyVisit> = {
        let json = serde_json::to_string(&preg_ids)?;
        detail.load(conn, "deleted = 0 AND month <= ?2 AND pregnancy_id IN (SELECT value FROM json_each(?1))", [&json, &last])?
    };
    // The 2B history: the quarter's 2B children hold most of the table's rows up to the quarter's
    // end (benchmark village: 7.9k of 10.7k), so one sequential scan of the table, keeping a
    // row after a hash check of its child id,
    // beats an index seek plus a table seek per row into rows scattered over the file (perf on
    // store_bench: sqlite3BtreeTableMoveto + IndexMoveto were ~15% of load_quarter).
    let sql = format!("{} NOT INDEXED WHERE deleted = 0 AND month <= ?1", detail.select::<ChildVisit>());
    let key = if detail == Detail::Full { 1 } else { 0 };
    let mut child_visits: Vec<(u32, ChildVisit)> =
        scan_keyed(conn, &sql, [&last], key, |id| child_rank.get(id).copied(), |c| detail.decode(c))?;
    let json_2b = serde_json::to_string(&child_2b)?;
    let mut measurements: Vec<Measurement> = detail.load(
        conn,
        "deleted = 0 AND date BETWEEN ?2 AND ?3 AND child_id IN (SELECT value FROM json_each(?1))",
        [&json_2b, &start, &end],
    )?;
    // A stable order, whatever plan SQLite picked: by target (its rank in the sorted ids) and
    // month; (target, month) is unique among live visits, so the order is fully determined.
    household_conditions.sort_by(|a, b| (&a.household_id, a.effective_from, &a.id).cmp(&(&b.household_id, b.effective_from, &b.id)));
    pregnancy_visits.sort_by_cached_key(|v| (preg_rank.get(v.pregnancy_id.as_str()).copied(), v.month));
    child_visits.sort_by_cached_key(|(rank, v)| (*rank, v.month));
    paud_visits.sort_by_cached_key(|v| (paud_rank.get(v.child_id.as_str()).copied(), v.month));
    measurements.sort_by(|a, b| (&a.child_id, a.date, &a.id).cmp(&(&b.child_id, b.date, &b.id)));
    Ok(VillageData {
        village: live::<Village>(conn)?.into_iter().next(),
        hamlets: live(conn)?,
        posyandu: live(conn)?,
        cadres: live(conn)?,
        households,
        household_conditions,
        mothers,
        pregnancies,
        children,
        pregnancy_visits,
        child_visits: child_visits.into_iter().map(|(_, v)| v).collect(),
        paud_visits,
        measurements,
    })
}

fn since<R: Record>(conn: &Connection, cursor: i64) -> Result<Vec<R>> {
    load_where(conn, "change_seq > ?1 ORDER BY change_seq", [cursor])
}

pub(crate) fn changes_since(conn: &Connection, cursor: i64) -> Result<ChangeSet> {
    let now: i64 = conn.query_row("SELECT value FROM change_counter WHERE id = 1", [], |r| {
        r.get(0)
    })?;
    Ok(ChangeSet {
        cursor: now,
        data: VillageData {
            village: since::<Village>(conn, cursor)?.into_iter().next(),
            hamlets: since(conn, cursor)?,
            posyandu: since(conn, cursor)?,
            cadres: since(conn, cursor)?,
            households: since(conn, cursor)?,
            household_conditions: since(conn, cursor)?,
            mothers: since(conn, cursor)?,
            pregnancies: since(conn, cursor)?,
            children: since(conn, cursor)?,
            pregnancy_visits: since(conn, cursor)?,
            child_visits: since(conn, cursor)?,
            paud_visits: since(conn, cursor)?,
            measurements: since(conn, cursor)?,
        },
        notes: since(conn, cursor)?,
    })
}

impl Store {
    /// The whole village, live rows only.
    pub fn load_village(&self) -> Result<VillageData> {
        self.read(load_village)
    }
    /// What the quarter's scorecard needs (see the module header).
    pub fn load_quarter(&self, q: Quarter) -> Result<VillageData> {
        self.read(|c| load_quarter(c, q))
    }
    /// Every row written after `cursor` (0 = everything), for an incremental bundle export.
    pub fn changes_since(&self, cursor: i64) -> Result<ChangeSet> {
        self.read(|c| changes_since(c, cursor))
    }
}
