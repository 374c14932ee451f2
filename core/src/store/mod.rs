//! The on-device SQLite database (issue 3), owned by the core through rusqlite (bundled SQLite).
//!
//! One long-lived handle, [`Store`] (architecture.md "One public handle", application-services
//! `components/example/src/db.rs`): one writer connection behind a mutex, one reader connection
//! for queries, and one search connection whose interrupt handle lets a newer search cancel an
//! older one (search-as-you-type). Every user action is one IMMEDIATE transaction.
//!
//! Durability (docs/adr/0001-durability.md): WAL journal with `synchronous = FULL`, so a visit
//! whose save returned is in the fsync'ed WAL and survives an app kill *and* a power cut
//! (`NORMAL` would survive the kill but may lose the last commits on power loss). A file SQLite
//! cannot read is moved aside (never deleted) and a fresh file started; `Store::recovery` says so.
//!
//! Layout: `schema` (migrations), `record` + `entities` (column mapping, generic row writes),
//! `history` (edit history), `validate` (refuse bad input before the database), `search`,
//! `snapshot` (`VillageData` loads and `changes_since` for bundles), `queries` (screen calls),
//! `maintenance` (integrity check, backup, moving a corrupt file aside).

mod drafts;
mod entities;
mod error;
mod history;
mod maintenance;
mod queries;
mod record;
pub mod schema;
mod search;
mod snapshot;
#[cfg(test)]
mod tests;
mod validate;
mod villages;

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use chrono::NaiveDate;
use rusqlite::{Connection, InterruptHandle, OpenFlags, Transaction, TransactionBehavior};

pub use error::{Recovery, Result, StoreError};
pub use history::{Op, Revision};
pub use maintenance::CheckReport;
pub use queries::{HomeSummary, TargetCard, TargetFilter, TargetRow, VisitMark};
pub use record::{Actor, Cols, Record};
pub use search::{normalize, words, SearchHit, SearchSource, TokenUpkeep};
pub use snapshot::ChangeSet;
pub use validate::Validate;

use crate::model::{FormStatus, Id, Issue, Measurement, Note, Text, VillageData};

/// A saved record as stored (meta set by the store) and the warnings it was saved with.
#[derive(Debug, Clone, PartialEq)]
pub struct Saved<R> {
    pub record: R,
    pub warnings: Vec<Issue>,
}

/// A monthly form (2A, 2B, 2C): saved answer by answer as a draft, then finished.
pub trait MonthlyForm: Validate {
    fn status(&self) -> FormStatus;
    fn set_status(&mut self, status: FormStatus);
}

macro_rules! monthly_form {
    ($($t:ty),+) => {$(
        impl MonthlyForm for $t {
            fn status(&self) -> FormStatus { self.status }
            fn set_status(&mut self, status: FormStatus) { self.status = status; }
        }
    )+};
}
monthly_form!(
    crate::model::PregnancyVisit,
    crate::model::ChildVisit,
    crate::model::PaudVisit
);

/// The long-lived database handle; `Send + Sync`, share it with `Arc`.
pub struct Store {
    writer: Mutex<Connection>,
    /// `None` in memory (a private in-memory database has one connection): reads use the writer.
    reader: Option<Mutex<Connection>>,
    search: Option<(Mutex<Connection>, InterruptHandle)>,
    device_id: String,
    cadre_id: Mutex<Option<Id>>,
    path: Option<PathBuf>,
    recovery: Option<Recovery>,
    scorecard_memo: Mutex<queries::ScorecardMemo>,
    /// Whether this handle's writes keep the search tokens (`OpenOptions::search_tokens`).
    tokens: TokenUpkeep,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic while holding the lock rolled its transaction back (rusqlite's Drop); the connection is usable.
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

/// The latest calendar date anywhere in Indonesia right now (UTC+9 for WIT; we allow UTC+14 so a
/// phone with a wrong zone is not refused), the bound for "not in the future" (domain.md 11).
pub fn today() -> NaiveDate {
    (chrono::Utc::now() + chrono::Duration::hours(14)).date_naive()
}

/// Pragmas of every connection. `synchronous = FULL` in WAL mode: each commit fsyncs the WAL,
/// so a returned commit survives power loss (docs/adr/0001-durability.md).
fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    conn.pragma_update(None, "foreign_keys", true)?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    // Reads through a memory map (no read() call per page; a new handle starts warm from the OS
    // page cache) and an 8 MB page cache: measured in the store bench. Writes are unaffected.
    conn.pragma_update(None, "mmap_size", 64 * 1024 * 1024)?;
    conn.pragma_update(None, "cache_size", -8000)?;
    // The store prepares ~40 distinct statements (one per table and screen query); keep them all.
    conn.set_prepared_statement_cache_capacity(64);
    Ok(())
}

/// How a file is opened, beyond the defaults every connection gets (`configure`). The defaults fit
/// the phone; the kecamatan desk imports many village bundles into a database of hundreds of MB and
/// asks for more memory ([`OpenOptions::desk`]). Durability is the same whatever the options
/// (docs/adr/0001-durability.md): they change caching, never `synchronous` or the transactions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct OpenOptions {
    /// SQLite page cache of the writer connection in KiB (`PRAGMA cache_size = -N`); `None` keeps
    /// the default of every connection (8 MB).
    pub cache_kib: Option<u32>,
    /// Bytes of the file read through a memory map by each connection (`PRAGMA mmap_size`);
    /// `None` keeps the default (64 MB).
    pub mmap_bytes: Option<u64>,
    /// WAL size in pages at which a commit also copies the WAL into the database file
    /// (`PRAGMA wal_autocheckpoint`; SQLite's default 1000). Not a durability setting: each
    /// commit is on disk once its WAL frames are fsynced; a checkpoint only moves them.
    pub checkpoint_pages: Option<u32>,
    /// Page size of a file created by this open (`PRAGMA page_size`, a power of two from 512 to
    /// 65536); an existing file keeps its own. `None`: SQLite's 4096.
    pub page_size: Option<u32>,
    /// Keep each prepared statement's query plan whatever values are bound to it
    /// (`SQLITE_DBCONFIG_ENABLE_QPSG`). Without it SQLite 3.54 recompiles a statement at the next
    /// step after some parameters are rebound; measured in a bundle import: the search-index
    /// queries run per household, mother, pregnancy and child, ~5% of the import.
    pub stable_plans: bool,
    /// Whether writes keep the search tokens current (the default) or leave them to be rebuilt by
    /// the next search ([`TokenUpkeep::Deferred`]; the mark that they are stale is in the file, so
    /// a later open with any options rebuilds them before searching).
    pub search_tokens: TokenUpkeep,
}

impl OpenOptions {
    /// For the kecamatan desk (`pantau import`): a subdistrict database grows to hundreds of MB
    /// and each imported village touches pages all over it (every village's random ids share the
    /// primary-key and search indexes), so an import's commit writes a large part of the file.
    /// So: the whole file is mapped (no read() per page); the writer keeps up to 1 GB of pages, so
    /// a large import does not spill dirty pages into the WAL before its commit; the WAL is
    /// checkpointed every 256 MB instead of every 4 MB, so the index pages that every import
    /// rewrites are copied into the file once for several imports rather than once per import;
    /// and a new file gets 64 KB pages: a page written costs about the same whatever its size
    /// (WAL frame, checksum, system calls), and with ids scattered at random an import writes
    /// nearly every index page anyway. Measured with `bundle_import_bench` (30 villages, on-CPU):
    /// 4 KB pages 19.8 s, 16 KB 16.4 s, 64 KB 14.0 s; 1 KB 30.7 s. The desk imports and reports
    /// but does not search, so the search tokens are not kept per write but rebuilt by the first
    /// search after an import (`TokenUpkeep::Deferred`). A laptop has the memory and disk; the
    /// phone keeps the defaults.
    pub fn desk() -> Self {
        OpenOptions {
            cache_kib: Some(1024 * 1024),
            // SQLite caps it at its build limit (SQLITE_MAX_MMAP_SIZE, just under 2 GB)
            mmap_bytes: Some(4 << 30),
            checkpoint_pages: Some(4096),
            page_size: Some(65_536),
            stable_plans: true,
            search_tokens: TokenUpkeep::Deferred,
        }
    }

    fn apply(&self, conn: &Connection, writer: bool) -> Result<()> {
        if self.stable_plans {
            conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
        }
        if let Some(m) = self.mmap_bytes {
            conn.pragma_update(None, "mmap_size", m as i64)?;
        }
        if writer {
            if let Some(c) = self.cache_kib {
                conn.pragma_update(None, "cache_size", -i64::from(c))?;
            }
            if let Some(p) = self.checkpoint_pages {
                conn.pragma_update(None, "wal_autocheckpoint", i64::from(p))?;
            }
        }
        Ok(())
    }
}

fn open_reader(path: &Path) -> Result<Connection> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    configure(&conn)?;
    conn.pragma_update(None, "query_only", true)?;
    Ok(conn)
}

impl Store {
    /// Opens (or creates) the database file, upgrading an older schema in place. A file from a
    /// newer app is refused with `NewerSchema` and left untouched. A file SQLite cannot read is
    /// moved aside and a fresh one started; see [`Store::recovery`].
    pub fn open(path: impl AsRef<Path>, device_id: &str) -> Result<Store> {
        Self::open_with(path, device_id, OpenOptions::default())
    }

    /// [`Store::open`] with caching options (see [`OpenOptions::desk`]).
    pub fn open_with(
        path: impl AsRef<Path>,
        device_id: &str,
        options: OpenOptions,
    ) -> Result<Store> {
        let path = path.as_ref();
        match Self::try_open(path, device_id, options) {
            Err(StoreError::Corrupt(detail)) => {
                let moved_to = maintenance::move_aside(path)?;
                let mut store = Self::try_open(path, device_id, options)?;
                store.recovery = Some(Recovery {
                    moved_to,
                    detail,
                    message: Text::new(
                        "Berkas data rusak dan disimpan terpisah; aplikasi mulai dengan data kosong. \
                         Kirim berkas lama ke petugas untuk dipulihkan.",
                        "The data file was damaged and kept aside; the app starts empty. \
                         Send the old file to the officer for recovery.",
                    ),
                });
                Ok(store)
            }
            other => other,
        }
    }

    fn try_open(path: &Path, device_id: &str, options: OpenOptions) -> Result<Store> {
        if path.exists() {
            // Read-only look first: a newer file must not be touched (not even switched to WAL).
            let probe = Connection::open_with_flags(
                path,
                OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )?;
            let found = schema::user_version(&probe)?;
            if found > schema::VERSION {
                return Err(StoreError::NewerSchema {
                    found,
                    supported: schema::VERSION,
                });
            }
            maintenance::quick_probe(&probe)?;
        }
        let new_file = !path.exists();
        let mut writer = Connection::open(path)?;
        if let (Some(size), true) = (options.page_size, new_file) {
            // only before the first write (and the switch to WAL) does it take effect
            writer.pragma_update(None, "page_size", i64::from(size))?;
        }
        let mode: String =
            writer.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(StoreError::Corrupt(format!(
                "journal mode {mode} instead of wal"
            )));
        }
        configure(&writer)?;
        options.apply(&writer, true)?;
        {
            let tx = writer.transaction_with_behavior(TransactionBehavior::Immediate)?;
            schema::migrate(&tx)?;
            tx.commit()?;
        }
        let reader = open_reader(path)?;
        options.apply(&reader, false)?;
        let search = open_reader(path)?;
        options.apply(&search, false)?;
        let interrupt = search.get_interrupt_handle();
        Ok(Store {
            writer: Mutex::new(writer),
            reader: Some(Mutex::new(reader)),
            search: Some((Mutex::new(search), interrupt)),
            device_id: device_id.to_string(),
            cadre_id: Mutex::new(None),
            path: Some(path.to_path_buf()),
            recovery: None,
            scorecard_memo: Mutex::default(),
            tokens: options.search_tokens,
        })
    }

    /// A private in-memory database with the current schema (tests, previews). One connection.
    pub fn open_in_memory() -> Result<Store> {
        let mut writer = Connection::open_in_memory()?;
        configure(&writer)?;
        {
            let tx = writer.transaction_with_behavior(TransactionBehavior::Immediate)?;
            schema::migrate(&tx)?;
            tx.commit()?;
        }
        Ok(Store {
            writer: Mutex::new(writer),
            reader: None,
            search: None,
            device_id: "memory".to_string(),
            cadre_id: Mutex::new(None),
            path: None,
            recovery: None,
            scorecard_memo: Mutex::default(),
            tokens: TokenUpkeep::PerWrite,
        })
    }

    /// Set when `open` found a damaged file, moved it aside and started fresh: tell the user.
    pub fn recovery(&self) -> Option<&Recovery> {
        self.recovery.as_ref()
    }
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }
    pub fn device_id(&self) -> &str {
        &self.device_id
    }
    /// The cadre using the app now; stamped on history rows.
    pub fn set_cadre(&self, cadre_id: Option<Id>) {
        *lock(&self.cadre_id) = cadre_id;
    }

    fn actor(&self) -> Actor {
        Actor {
            device_id: self.device_id.clone(),
            cadre_id: lock(&self.cadre_id).clone(),
            now_ms: now_ms(),
        }
    }

    /// Runs `f` on the reader inside one read transaction (a consistent snapshot).
    pub(crate) fn read<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let guard = match &self.reader {
            Some(r) => lock(r),
            None => lock(&self.writer),
        };
        let tx = guard.unchecked_transaction()?;
        let out = f(&tx)?;
        tx.finish()?;
        Ok(out)
    }

    /// One user action = one IMMEDIATE transaction, committed (fsync'ed) before returning.
    /// The bundle merge runs its whole import through this (see [`Writer::put_as_is`]).
    pub fn transaction<T>(&self, f: impl FnOnce(&Writer<'_>) -> Result<T>) -> Result<T> {
        let mut guard = lock(&self.writer);
        let tx = guard.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let w = Writer {
            tx: &tx,
            actor: self.actor(),
            today: today(),
            tokens: self.tokens,
        };
        let out = f(&w)?;
        tx.commit()?;
        Ok(out)
    }

    /// Inserts or updates a record (upsert by id): validated first, meta set by the store
    /// (version +1, `updated_at`, this device), the replaced version kept in the history.
    pub fn save<R: Validate>(&self, rec: &R) -> Result<Saved<R>> {
        self.transaction(|w| w.save(rec))
    }

    /// Saves a monthly form as a draft (each answer as it is entered; architecture.md "Drafts").
    pub fn save_draft<V: MonthlyForm>(&self, form: &V) -> Result<Saved<V>> {
        self.transaction(|w| w.save_draft(form))
    }

    /// Marks a stored draft `Final` after validating it again.
    pub fn finish<V: MonthlyForm>(&self, id: &str) -> Result<Saved<V>> {
        self.transaction(|w| w.finish_form(record::get_live::<V>(w.tx, id)?))
    }

    /// Writes a whole snapshot as it is, parents first, in one transaction (the demo village,
    /// a restore). No merge rule: an incoming row replaces the stored one (kept in the history).
    /// Returns the number of rows written.
    pub fn import_snapshot(&self, data: &VillageData, notes: &[Note]) -> Result<u64> {
        self.transaction(|w| write_snapshot(w, data, notes, Write::AsIs))
    }

    /// Saves a whole village as if every record were entered on this device (`Writer::save`: each
    /// record validated, meta bumped, history kept), registers before what refers to them, all in
    /// one transaction: the demo village and the end-to-end tests use it.
    pub fn save_snapshot(&self, data: &VillageData) -> Result<u64> {
        self.transaction(|w| write_snapshot(w, data, &[], Write::Validated))
    }

    /// Soft-deletes a record; its last version stays in the history.
    pub fn delete<R: Record>(&self, id: &str) -> Result<R> {
        self.transaction(|w| w.delete::<R>(id))
    }

    /// A live record by id.
    pub fn get<R: Record>(&self, id: &str) -> Result<R> {
        self.read(|c| record::get_live(c, id))
    }

    /// Every live record of one kind (the small registers: hamlets, posyandu, cadres, households,
    /// household conditions; and the lists the FFI's registration screens need).
    pub fn all<R: Record>(&self) -> Result<Vec<R>> {
        self.read(|c| record::load_where(c, "deleted = 0 ORDER BY id", []))
    }

    /// Live measurements dated `from..=to` (the home's 2T list reads three months, not the whole
    /// table: one scan of the measurement table decoding only the rows in the window).
    pub fn measurements_between(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<Measurement>> {
        let range = [record::date(from), record::date(to)];
        self.read(|c| record::load_where(c, "deleted = 0 AND date BETWEEN ?1 AND ?2 ORDER BY child_id, date", range))
    }

    /// Every replaced version of a record, oldest first.
    pub fn history<R: Record>(&self, id: &str) -> Result<Vec<Revision<R>>> {
        self.read(|c| history::load(c, id))
    }

    /// Rebuilds the search tokens of every target (after a change of the normalization).
    pub fn rebuild_search_index(&self) -> Result<()> {
        self.transaction(|w| search::rebuild(w.tx))
    }

    /// Rebuilds the search tokens if a write left them stale (an import on the desk), in one
    /// writer transaction; returns whether it did. `stale_now` is the caller's look at the mark.
    fn refresh_search_index(&self, stale_now: bool) -> Result<bool> {
        if !stale_now {
            return Ok(false);
        }
        self.transaction(|w| search::rebuild_if_stale(w.tx))
    }

    /// Search-as-you-type: a newer call interrupts an older one still running on another thread
    /// (that one returns `Interrupted`). The first search after a desk import rebuilds the tokens.
    pub fn search(&self, query: &str, limit: u32) -> Result<Vec<SearchHit>> {
        match &self.search {
            Some((conn, interrupt)) => {
                interrupt.interrupt();
                let guard = lock(conn);
                self.refresh_search_index(search::is_stale(&guard)?)?;
                search::run(&guard, query, today(), limit)
            }
            None => {
                // in memory the reader is the writer: look, let go, then rebuild
                self.refresh_search_index(self.read(|c| search::is_stale(c))?)?;
                self.read(|c| search::run(c, query, today(), limit))
            }
        }
    }
}

/// The write side of one transaction: what `Store::transaction` hands to its closure.
pub struct Writer<'a> {
    tx: &'a Transaction<'a>,
    actor: Actor,
    today: NaiveDate,
    tokens: TokenUpkeep,
}

impl Writer<'_> {
    /// The underlying transaction (write functions take `&Transaction`).
    pub fn tx(&self) -> &Transaction<'_> {
        self.tx
    }
    pub fn actor(&self) -> &Actor {
        &self.actor
    }
    /// Validate, then upsert (see [`Store::save`]).
    pub fn save<R: Validate>(&self, rec: &R) -> Result<Saved<R>> {
        let warnings = StoreError::check(rec.issues(self.tx, self.today)?)?;
        let record = record::save(self.tx, &self.actor, self.tokens, rec)?;
        Ok(Saved { record, warnings })
    }
    pub fn delete<R: Record>(&self, id: &str) -> Result<R> {
        record::delete(self.tx, &self.actor, self.tokens, id)
    }
    /// A record by id, live or deleted (merges must see tombstones).
    pub fn get_any<R: Record>(&self, id: &str) -> Result<Option<R>> {
        record::get_any(self.tx, id)
    }
    /// Writes a record from a bundle exactly as it came (meta included), keeping the replaced
    /// version in the history as a `Merge`. The merge rule (which version wins) is the caller's.
    /// Returns false when the stored row was already identical.
    pub fn put_as_is<R: Record>(&self, rec: &R) -> Result<bool> {
        record::put_as_is(self.tx, &self.actor, self.tokens, rec)
    }
    /// The search upkeep of a row written by other means than this writer's (the bundle import's
    /// plain INSERTs of records new to the database).
    pub(crate) fn after_write<R: Record>(&self, rec: &R) -> Result<()> {
        record::after_write(self.tx, self.tokens, rec)
    }
}

#[derive(Clone, Copy)]
enum Write {
    /// `Writer::put_as_is`: incoming meta kept, as a merge.
    AsIs,
    /// `Writer::save`: validated like an entry.
    Validated,
}

/// Writes every list of a snapshot in dependency order (registers first); returns the rows written.
fn write_snapshot(w: &Writer<'_>, data: &VillageData, notes: &[Note], how: Write) -> Result<u64> {
    fn put<R: Validate>(w: &Writer<'_>, rows: &[R], how: Write, n: &mut u64) -> Result<()> {
        for r in rows {
            *n += match how {
                Write::AsIs => w.put_as_is(r)? as u64,
                Write::Validated => {
                    w.save(r)?;
                    1
                }
            };
        }
        Ok(())
    }
    let mut n = 0u64;
    put(w, data.village.as_slice(), how, &mut n)?;
    macro_rules! lists {
        ($($f:ident),*) => { $( put(w, &data.$f, how, &mut n)?; )* };
    }
    crate::village_lists!(lists);
    put(w, notes, how, &mut n)?;
    Ok(n)
}
