//! Edit history (issue 3): every change, delete or merge keeps the version it replaced, with who
//! (device and cadre) and when, so nothing a cadre typed is lost and bundle merges can explain
//! themselves. The previous version is stored whole as the model's JSON, so the history survives
//! later schema changes without a migration of its own. One exception: a draft form filled in
//! answer by answer on the same device, where the new version only adds answers, does not keep
//! its previous version (nothing typed is replaced; see `record::draft_filled_in`).

use rusqlite::{Connection, Transaction};

use super::error::Result;
use super::record::{Actor, Record};

/// Why a version was replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// Edited on this device.
    Update,
    /// Soft-deleted on this device.
    Delete,
    /// Replaced by a version that arrived in a bundle.
    Merge,
}

impl Op {
    fn code(self) -> &'static str {
        match self {
            Op::Update => "update",
            Op::Delete => "delete",
            Op::Merge => "merge",
        }
    }
    fn from_code(s: &str) -> Option<Op> {
        match s {
            "update" => Some(Op::Update),
            "delete" => Some(Op::Delete),
            "merge" => Some(Op::Merge),
            _ => None,
        }
    }
}

/// One replaced version of a record, oldest first in `Store::history`.
#[derive(Debug, Clone, PartialEq)]
pub struct Revision<R> {
    /// The record as it was before the change (its own meta says who wrote *that* version).
    pub previous: R,
    pub op: Op,
    /// When the replacing change happened (ms since epoch), on which device, by which cadre.
    pub changed_at: i64,
    pub device_id: String,
    pub cadre_id: Option<String>,
}

pub(crate) fn record<R: Record>(
    tx: &Transaction,
    actor: &Actor,
    previous: &R,
    op: Op,
) -> Result<()> {
    let data = serde_json::to_string(previous)?;
    let mut stmt = tx.prepare_cached(
        "INSERT INTO history (entity, record_id, version, op, data, changed_at, device_id, cadre_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    stmt.execute(rusqlite::params![
        R::TABLE,
        previous.id(),
        previous.meta().version,
        op.code(),
        data,
        actor.now_ms,
        actor.device_id,
        actor.cadre_id
    ])?;
    Ok(())
}

pub(crate) fn load<R: Record>(conn: &Connection, id: &str) -> Result<Vec<Revision<R>>> {
    let mut stmt = conn.prepare_cached(
        "SELECT data, op, changed_at, device_id, cadre_id FROM history
         WHERE entity = ?1 AND record_id = ?2 ORDER BY seq",
    )?;
    let rows = stmt.query_map([R::TABLE, id], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get(2)?,
            r.get(3)?,
            r.get(4)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (data, op, changed_at, device_id, cadre_id) = row?;
        out.push(Revision {
            previous: serde_json::from_str(&data)?,
            op: Op::from_code(&op).unwrap_or(Op::Update),
            changed_at,
            device_id,
            cadre_id,
        });
    }
    Ok(out)
}
