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

use std::collections::{BTreeSet, HashSet};

use rusqlite::Connection;

use super::error::Result;
use super::record::{load_where, load_where_keyed, Record};
use super::Store;
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

/// Live register rows whose id is one of `ids`. A quarter needs most of a village's children,
/// mothers and households, so one scan of the (small) register table with a hash-set check
/// beats a primary-key seek plus a table seek per id (see `load_where_keyed`).
fn by_ids<R: Record>(conn: &Connection, ids: &BTreeSet<String>) -> Result<Vec<R>> {
    let wanted: HashSet<&str> = ids.iter().map(String::as_str).collect();
    load_where_keyed(conn, "deleted = 0", [], "id", |id| wanted.contains(id))
}

pub(crate) fn load_quarter(conn: &Connection, q: Quarter) -> Result<VillageData> {
    let [first, _, last] = q.months();
    let (first, last) = (first.to_string(), last.to_string());
    let (start, end) = (q.first_day().format("%Y-%m-%d").to_string(), q.last_day().format("%Y-%m-%d").to_string());
    // The quarter's targets first (measured: one IN over a JSON list of ids beats nested
    // UNION subqueries per table by about 5x on the benchmark village).
    let in_q = "deleted = 0 AND month BETWEEN ?1 AND ?2";
    let preg_ids: BTreeSet<String> =
        strings(conn, &format!("SELECT DISTINCT pregnancy_id FROM pregnancy_visit WHERE {in_q}"), [&first, &last])?.into_iter().collect();
    let child_2b: BTreeSet<String> =
        strings(conn, &format!("SELECT DISTINCT child_id FROM child_visit WHERE {in_q}"), [&first, &last])?.into_iter().collect();
    let paud_visits: Vec<PaudVisit> = load_where(conn, in_q, [&first, &last])?;
    let mut child_ids = child_2b.clone();
    child_ids.extend(paud_visits.iter().map(|v| v.child_id.clone()));

    let mut pregnancies: Vec<Pregnancy> = by_ids(conn, &preg_ids)?;
    let mut children: Vec<Child> = by_ids(conn, &child_ids)?;
    let mother_ids: BTreeSet<String> = pregnancies
        .iter()
        .map(|p| p.mother_id.clone())
        .chain(children.iter().filter_map(|c| c.mother_id.clone()))
        .collect();
    let mut mothers: Vec<Mother> = by_ids(conn, &mother_ids)?;
    let household_ids: BTreeSet<String> = mothers
        .iter()
        .map(|m| m.household_id.clone())
        .chain(children.iter().map(|c| c.household_id.clone()))
        .collect();
    let mut households: Vec<Household> = by_ids(conn, &household_ids)?;
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
        load_where(conn, "deleted = 0 AND month <= ?2 AND pregnancy_id IN (SELECT value FROM json_each(?1))", [&json, &last])?
    };
    // The 2B history: the quarter's 2B children hold most of the table's rows up to the quarter's
    // end (benchmark village: 7.9k of 10.7k), so one sequential scan of the table, keeping a
    // row after a hash-set check of its child id,
    // beats an index seek plus a table seek per row into rows scattered over the file (perf on
    // store_bench: sqlite3BtreeTableMoveto + IndexMoveto were ~15% of load_quarter).
    let wanted_2b: HashSet<&str> = child_2b.iter().map(String::as_str).collect();
    let mut child_visits: Vec<ChildVisit> =
        load_where_keyed(conn, "deleted = 0 AND month <= ?1", [&last], "child_id", |id| wanted_2b.contains(id))?;
    let json_2b = serde_json::to_string(&child_2b)?;
    let mut measurements: Vec<Measurement> = load_where(
        conn,
        "deleted = 0 AND date BETWEEN ?2 AND ?3 AND child_id IN (SELECT value FROM json_each(?1))",
        [&json_2b, &start, &end],
    )?;
    let mut paud_visits = paud_visits;
    // A stable order, whatever plan SQLite picked.
    pregnancies.sort_by(|a, b| a.id.cmp(&b.id));
    children.sort_by(|a, b| a.id.cmp(&b.id));
    mothers.sort_by(|a, b| a.id.cmp(&b.id));
    households.sort_by(|a, b| a.id.cmp(&b.id));
    household_conditions.sort_by(|a, b| (&a.household_id, a.effective_from, &a.id).cmp(&(&b.household_id, b.effective_from, &b.id)));
    pregnancy_visits.sort_by(|a, b| (&a.pregnancy_id, a.month, &a.id).cmp(&(&b.pregnancy_id, b.month, &b.id)));
    // Scan order is the file's; (child, month, id) is unique, so an unstable sort is deterministic.
    child_visits.sort_unstable_by(|a, b| (&a.child_id, a.month, &a.id).cmp(&(&b.child_id, b.month, &b.id)));
    paud_visits.sort_by(|a, b| (&a.child_id, a.month, &a.id).cmp(&(&b.child_id, b.month, &b.id)));
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
        child_visits,
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
