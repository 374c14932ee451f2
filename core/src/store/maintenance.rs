//! "Check my data" and safety copies (issue 3): `quick_check` / `integrity_check` plus the
//! foreign-key check, an online backup to a file (SQLite backup API, consistent while the app
//! keeps writing), and moving a damaged file aside, never deleting it (architecture.md "Storage").

use std::path::{Path, PathBuf};

use rusqlite::backup::{Backup, StepResult};
use rusqlite::Connection;

use super::error::Result;
use super::{lock, Store, StoreError};

/// The outcome of a data check.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct CheckReport {
    pub ok: bool,
    /// SQLite's findings (empty when ok); technical, for the log or a support bundle.
    pub problems: Vec<String>,
}

/// A cheap read of the schema at open: SQLite reports a file that is not a database or whose
/// first pages are damaged here, before anything is written.
pub(crate) fn quick_probe(conn: &Connection) -> Result<()> {
    let _: i64 = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
    Ok(())
}

fn run_check(conn: &Connection, pragma: &str) -> Result<CheckReport> {
    let mut problems = Vec::new();
    let mut stmt = conn.prepare(&format!("PRAGMA {pragma}"))?;
    for row in stmt.query_map([], |r| r.get::<_, String>(0))? {
        let line = row?;
        if line != "ok" {
            problems.push(line);
        }
    }
    let mut fk = conn.prepare("PRAGMA foreign_key_check")?;
    for row in fk.query_map([], |r| {
        Ok(format!(
            "foreign key: {} row {:?} -> {}",
            r.get::<_, String>(0)?,
            r.get::<_, Option<i64>>(1)?,
            r.get::<_, String>(2)?
        ))
    })? {
        problems.push(row?);
    }
    Ok(CheckReport {
        ok: problems.is_empty(),
        problems,
    })
}

/// Moves `path` and its -wal/-shm/-journal companions to `<path>.corrupt-<ms>[-wal...]`.
pub(crate) fn move_aside(path: &Path) -> Result<PathBuf> {
    let stamp = super::now_ms();
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "pantau.db".into());
    let target = path.with_file_name(format!("{name}.corrupt-{stamp}"));
    std::fs::rename(path, &target)?;
    for suffix in ["-wal", "-shm", "-journal"] {
        let side = path.with_file_name(format!("{name}{suffix}"));
        if side.exists() {
            std::fs::rename(
                &side,
                target.with_file_name(format!("{name}.corrupt-{stamp}{suffix}")),
            )?;
        }
    }
    Ok(target)
}

impl Store {
    /// `PRAGMA quick_check` (fast, for a "check my data" button) or the full `integrity_check`,
    /// both followed by `foreign_key_check`.
    pub fn check(&self, full: bool) -> Result<CheckReport> {
        let pragma = if full {
            "integrity_check"
        } else {
            "quick_check"
        };
        match &self.reader {
            Some(r) => run_check(&lock(r), pragma),
            None => run_check(&lock(&self.writer), pragma),
        }
    }

    /// Copies the live database to `dest` with the SQLite backup API (one consistent snapshot,
    /// writers are not blocked for long), into a temporary file renamed into place when complete.
    pub fn backup_to(&self, dest: impl AsRef<Path>) -> Result<()> {
        let dest = dest.as_ref();
        let tmp = dest.with_extension("partial");
        if tmp.exists() {
            std::fs::remove_file(&tmp)?;
        }
        {
            let mut out = Connection::open(&tmp)?;
            let guard = match &self.reader {
                Some(r) => lock(r),
                None => lock(&self.writer),
            };
            let backup = Backup::new(&guard, &mut out)?;
            // All pages in one step: one consistent snapshot of the source.
            loop {
                match backup.step(-1)? {
                    StepResult::Done => break,
                    StepResult::More | StepResult::Busy | StepResult::Locked => {
                        std::thread::sleep(std::time::Duration::from_millis(5))
                    }
                    _ => std::thread::sleep(std::time::Duration::from_millis(5)),
                }
            }
        }
        std::fs::rename(&tmp, dest).map_err(StoreError::from)?;
        Ok(())
    }
}
