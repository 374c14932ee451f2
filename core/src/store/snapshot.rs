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

use rusqlite::Connection;

use super::error::Result;
use super::record::{load_where, Record};
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

pub(crate) fn load_quarter(conn: &Connection, q: Quarter) -> Result<VillageData> {
    let [first, _, last] = q.months();
    let (first, last) = (first.to_string(), last.to_string());
    let start = q.first_day().format("%Y-%m-%d").to_string();
    let end = q.last_day().format("%Y-%m-%d").to_string();
    let all: [(&str, &dyn rusqlite::ToSql); 4] =
        [(":first", &first), (":last", &last), (":start", &start), (":end", &end)];
    // SQLite refuses a named parameter the statement does not use: pass only those in `sql`.
    let pick = |sql: &str| -> Vec<(&str, &dyn rusqlite::ToSql)> {
        all.iter()
            .copied()
            .filter(|(n, _)| sql.contains(n))
            .collect()
    };
    fn rows<R: Record>(
        conn: &Connection,
        sql: &str,
        p: Vec<(&str, &dyn rusqlite::ToSql)>,
    ) -> Result<Vec<R>> {
        load_where(conn, sql, p.as_slice())
    }
    const PREG: &str = "SELECT pregnancy_id FROM pregnancy_visit WHERE deleted = 0 AND month BETWEEN :first AND :last";
    const CHILD: &str = "SELECT child_id FROM child_visit WHERE deleted = 0 AND month BETWEEN :first AND :last
                         UNION SELECT child_id FROM paud_visit WHERE deleted = 0 AND month BETWEEN :first AND :last";
    const CHILD_2B: &str = "SELECT child_id FROM child_visit WHERE deleted = 0 AND month BETWEEN :first AND :last";
    let mothers_sql = format!(
        "deleted = 0 AND id IN (SELECT mother_id FROM pregnancy WHERE id IN ({PREG})
                                UNION SELECT mother_id FROM child WHERE id IN ({CHILD})) ORDER BY id"
    );
    let households_sql = format!(
        "deleted = 0 AND id IN (SELECT household_id FROM mother WHERE id IN
                                  (SELECT mother_id FROM pregnancy WHERE id IN ({PREG}))
                                UNION SELECT household_id FROM child WHERE id IN ({CHILD})) ORDER BY id"
    );
    let conditions_sql = format!("deleted = 0 AND effective_from <= :last AND household_id IN (SELECT id FROM household WHERE {households_sql})");
    Ok(VillageData {
        village: live::<Village>(conn)?.into_iter().next(),
        hamlets: live(conn)?,
        posyandu: live(conn)?,
        cadres: live(conn)?,
        households: rows(conn, &households_sql, pick(&households_sql))?,
        household_conditions: rows(conn, &conditions_sql, pick(&conditions_sql))?,
        mothers: rows(conn, &mothers_sql, pick(&mothers_sql))?,
        pregnancies: {
            let sql = format!("deleted = 0 AND id IN ({PREG}) ORDER BY id");
            rows(conn, &sql, pick(&sql))?
        },
        children: {
            let sql = format!("deleted = 0 AND id IN ({CHILD}) ORDER BY id");
            rows(conn, &sql, pick(&sql))?
        },
        pregnancy_visits: {
            let sql = format!("deleted = 0 AND month <= :last AND pregnancy_id IN ({PREG}) ORDER BY pregnancy_id, month");
            rows(conn, &sql, pick(&sql))?
        },
        child_visits: {
            let sql = format!(
                "deleted = 0 AND month <= :last AND child_id IN ({CHILD_2B}) ORDER BY child_id, month"
            );
            rows(conn, &sql, pick(&sql))?
        },
        paud_visits: {
            let sql = "deleted = 0 AND month BETWEEN :first AND :last ORDER BY child_id, month";
            rows(conn, sql, pick(sql))?
        },
        measurements: {
            let sql = format!(
                "deleted = 0 AND date BETWEEN :start AND :end AND child_id IN ({CHILD_2B}) ORDER BY child_id, date"
            );
            rows(conn, &sql, pick(&sql))?
        },
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
