//! Bundles in and out of a `Store` (issue 4): export a village (full, or "everything changed since
//! my last bundle", remembered per device and village), and import a bundle into a database that
//! may hold many villages (the kecamatan's), atomically: one IMMEDIATE transaction, all or nothing;
//! several files (`import_batch`, `import_files`) share one transaction, each all or nothing (its
//! own savepoint; `import_files` first tries without, see `Atomicity`).
//!
//! Import = read village's stored rows (deleted ones included) -> `check::validate` and the forms
//! validators -> `merge::plan_merge` -> write the plan. Records new to the village are INSERTed
//! (never upserted), so an id that already belongs to another village fails the primary key and
//! the whole import (the bundle's savepoint, or the optimistic batch attempt) rolls back as a `VillageMismatch`: a
//! village's data never mixes into another's.

use std::collections::HashSet;

use rusqlite::types::Value;
use rusqlite::{params_from_iter, Connection, OptionalExtension};

use super::check::validate;
use super::merge::{plan_merge, MergePlan, MergeStats, Record, Records};
use super::{producer, Bundle, BundleError, BundleHeader, BundleRange};
use crate::model::*;
use crate::store::{Cols, Store, StoreError, Writer};

const META_COLUMNS: [&str; 5] = [
    "created_at",
    "updated_at",
    "version",
    "deleted",
    "device_id",
];

impl From<StoreError> for BundleError {
    fn from(e: StoreError) -> Self {
        BundleError::Store {
            detail: e.to_string(),
        }
    }
}

fn select_sql<R: Record>(where_sql: &str) -> String {
    let mut cols = vec!["id"];
    cols.extend_from_slice(R::COLUMNS);
    cols.extend_from_slice(&META_COLUMNS);
    format!(
        "SELECT {} FROM {} WHERE {} ORDER BY id",
        cols.join(", "),
        R::TABLE,
        where_sql
    )
}

fn rows<R: Record>(conn: &Connection, where_sql: &str, code: &str) -> Result<Vec<R>, StoreError> {
    let sql = select_sql::<R>(where_sql);
    let mut stmt = conn.prepare_cached(&sql)?;
    let out = stmt.query_map([code], |row| R::from_cols(&mut Cols::new(row)))?;
    Ok(out.collect::<Result<Vec<_>, _>>()?)
}

const V: &str = "(SELECT id FROM village WHERE code = ?1)";

/// The village's rows of a visit table, live and tombstoned: live ones through the store's
/// (target, month) index (live rows only), tombstones through schema v3's small partial index
/// (`bundle_*_visit_deleted`), in id order like every other list.
fn visit_rows<R: Record>(
    conn: &Connection,
    target: &str,
    targets: &str,
    code: &str,
) -> Result<Vec<R>, StoreError> {
    let mut out: Vec<R> = rows(
        conn,
        &format!("{target} IN {targets} AND deleted = 0"),
        code,
    )?;
    out.extend(rows::<R>(
        conn,
        &format!("{target} IN {targets} AND deleted <> 0"),
        code,
    )?);
    out.sort_by(|a, b| a.id().cmp(b.id()));
    Ok(out)
}

/// Every stored row of the village with this code, deleted rows included (merges compare with
/// tombstones too). A subdistrict database holds many villages; this selects one through the
/// indexes of schema v3 (`bundle_village_code`, `bundle_household_village`, ...) and the store's
/// parent indexes.
pub fn load_village_records(conn: &Connection, code: &str) -> Result<Records, StoreError> {
    let found: Option<i64> = conn
        .query_row(
            "SELECT 1 FROM village WHERE code = ?1 LIMIT 1",
            [code],
            |r| r.get(0),
        )
        .optional()?;
    if found.is_none() {
        // a village new to this database: nothing to read
        return Ok(Records::default());
    }
    let h = format!("(SELECT id FROM household WHERE village_id IN {V})");
    let m = format!("(SELECT id FROM mother WHERE household_id IN {h})");
    let c = format!("(SELECT id FROM child WHERE household_id IN {h})");
    let p = format!("(SELECT id FROM pregnancy WHERE mother_id IN {m})");
    let villages: Vec<Village> = rows(conn, "code = ?1", code)?;
    Ok(Records {
        data: VillageData {
            village: villages.into_iter().max_by_key(|v| !v.meta.deleted),
            hamlets: rows(conn, &format!("village_id IN {V}"), code)?,
            posyandu: rows(conn, &format!("village_id IN {V}"), code)?,
            cadres: rows(conn, &format!("village_id IN {V}"), code)?,
            households: rows(conn, &format!("village_id IN {V}"), code)?,
            household_conditions: rows(conn, &format!("household_id IN {h}"), code)?,
            mothers: rows(conn, &format!("household_id IN {h}"), code)?,
            pregnancies: rows(conn, &format!("mother_id IN {m}"), code)?,
            children: rows(conn, &format!("household_id IN {h}"), code)?,
            pregnancy_visits: visit_rows(conn, "pregnancy_id", &p, code)?,
            child_visits: visit_rows(conn, "child_id", &c, code)?,
            paud_visits: visit_rows(conn, "child_id", &c, code)?,
            measurements: rows(conn, &format!("child_id IN {c}"), code)?,
        },
        notes: rows(conn, &format!("target_id IN {p} OR target_id IN {c}"), code)?,
    })
}

/// What an import did.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportReport {
    pub village_code: String,
    pub device_id: String,
    pub exported_at: i64,
    pub range: BundleRange,
    pub stats: MergeStats,
    /// New rows in the edit history (losing versions not kept before).
    pub history_added: u64,
}

impl ImportReport {
    /// Nothing was written (e.g. the same bundle imported again).
    pub fn changed_nothing(&self) -> bool {
        self.stats.inserted == 0
            && self.stats.updated == 0
            && self.stats.evicted == 0
            && self.history_added == 0
    }
}

/// The village already stored under the bundle's code may have another id (set up on another
/// phone): the village is identified by its code, so the bundle's records are re-pointed to it.
fn adopt_village_id(bundle: &mut Bundle, existing: &Records) {
    let (Some(stored), Some(incoming)) =
        (existing.data.village.as_ref(), bundle.data.village.as_mut())
    else {
        return;
    };
    if stored.id == incoming.id || stored.code != incoming.code {
        return;
    }
    let (from, to) = (incoming.id.clone(), stored.id.clone());
    incoming.id = to.clone();
    let d = &mut bundle.data;
    let fix = |v: &mut Id| {
        if *v == from {
            *v = to.clone();
        }
    };
    d.hamlets.iter_mut().for_each(|r| fix(&mut r.village_id));
    d.posyandu.iter_mut().for_each(|r| fix(&mut r.village_id));
    d.cadres.iter_mut().for_each(|r| fix(&mut r.village_id));
    d.households.iter_mut().for_each(|r| fix(&mut r.village_id));
}

/// Forms rules not re-checked on import: `V-REF` (a reference may resolve in the database;
/// `check::validate` decides) and `V-CHILD-AGE` (a registration-time rule: "no child over 83
/// months is registered now"; a child registered years ago legitimately ages past it, and its
/// history must still reach the kecamatan).
const NOT_ON_IMPORT: &[&str] = &["V-REF", "V-CHILD-AGE"];

/// The forms validators (domain.md 11) over the bundle's own records, as the phone saw them:
/// "today" is the bundle's export date (+1 day for time zones), not the importer's.
fn forms_check(bundle: &Bundle) -> Result<(), BundleError> {
    let exported = chrono::DateTime::from_timestamp_millis(bundle.header.exported_at)
        .map(|t| t.date_naive())
        .unwrap_or_else(crate::store::today);
    let today = exported
        .checked_add_days(chrono::Days::new(1))
        .unwrap_or(exported);
    let issues = crate::forms::validate_village(&bundle.data, today);
    match issues.into_iter().find(|i| {
        i.issue.severity == Severity::Error && !NOT_ON_IMPORT.contains(&i.issue.rule.as_str())
    }) {
        None => Ok(()),
        Some(found) => Err(BundleError::InvalidRecord {
            table: table_of(&bundle.data, &found.record_id),
            id: found.record_id,
            rule: found.issue.rule,
            message: found.issue.message,
        }),
    }
}

/// The table holding `id` in `d` (for messages).
fn table_of(d: &VillageData, id: &str) -> &'static str {
    fn has<R: Record>(rows: &[R], id: &str) -> bool {
        rows.iter().any(|r| r.id() == id)
    }
    macro_rules! look {
        ($($f:ident : $t:ty),*) => { $( if has(&d.$f, id) { return <$t as Record>::TABLE; } )* };
    }
    look!(hamlets: Hamlet, posyandu: Posyandu, cadres: Cadre, households: Household,
        household_conditions: HouseholdCondition, mothers: Mother, pregnancies: Pregnancy, children: Child,
        pregnancy_visits: PregnancyVisit, child_visits: ChildVisit, paud_visits: PaudVisit, measurements: Measurement);
    "village"
}

enum Fail {
    Bundle(BundleError),
    Store(StoreError),
}
impl From<StoreError> for Fail {
    fn from(e: StoreError) -> Self {
        Fail::Store(e)
    }
}
impl Fail {
    /// The error the importer reports for bundle `code` (a database refusal such as a foreign key
    /// becomes the village-mixing error it stands for, see `foreign_key_or`).
    fn into_error(self, code: &str) -> BundleError {
        match self {
            Fail::Bundle(e) => e,
            Fail::Store(e) => foreign_key_or(e, code),
        }
    }
}
impl From<rusqlite::Error> for Fail {
    fn from(e: rusqlite::Error) -> Self {
        Fail::Store(e.into())
    }
}

fn history_row(
    w: &Writer<'_>,
    table: &str,
    id: &str,
    version: u32,
    json: &str,
) -> Result<bool, Fail> {
    let tx = w.tx();
    let exists: Option<i64> = tx
        .prepare_cached("SELECT 1 FROM history WHERE entity = ?1 AND record_id = ?2 AND version = ?3 AND data = ?4")?
        .query_row(rusqlite::params![table, id, version, json], |r| r.get(0))
        .optional()?;
    if exists.is_some() {
        return Ok(false);
    }
    let a = w.actor();
    tx.prepare_cached(
        "INSERT INTO history (entity, record_id, version, op, data, changed_at, device_id, cadre_id)
         VALUES (?1, ?2, ?3, 'merge', ?4, ?5, ?6, ?7)",
    )?
    .execute(rusqlite::params![table, id, version, json, a.now_ms, a.device_id, a.cadre_id])?;
    Ok(true)
}

/// INSERTs rows new to the village; a primary-key clash means the id belongs to another village.
fn insert_all<R: Record>(w: &Writer<'_>, rows: &[R], code: &str) -> Result<(), Fail> {
    if rows.is_empty() {
        return Ok(());
    }
    let tx = w.tx();
    let n = rows.len() as i64;
    let last: i64 = tx
        .prepare_cached(
            "UPDATE change_counter SET value = value + ?1 WHERE id = 1 RETURNING value",
        )?
        .query_row([n], |r| r.get(0))?;
    let mut cols = vec!["id"];
    cols.extend_from_slice(R::COLUMNS);
    cols.extend_from_slice(&META_COLUMNS);
    cols.push("change_seq");
    let marks = vec!["?"; cols.len()].join(", ");
    let sql = format!(
        "INSERT INTO {} ({}) VALUES ({})",
        R::TABLE,
        cols.join(", "),
        marks
    );
    let mut stmt = tx.prepare_cached(&sql)?;
    for (i, r) in rows.iter().enumerate() {
        let m = r.meta();
        let mut values = vec![Value::Text(r.id().to_string())];
        values.extend(r.values());
        values.extend([
            Value::Integer(m.created_at),
            Value::Integer(m.updated_at),
            Value::Integer(i64::from(m.version)),
            Value::Integer(i64::from(m.deleted)),
            Value::Text(m.device_id.clone()),
            Value::Integer(last - n + 1 + i as i64),
        ]);
        if let Err(e) = stmt.execute(params_from_iter(values)) {
            if e.sqlite_error_code() == Some(rusqlite::ErrorCode::ConstraintViolation) {
                let belongs_elsewhere: Option<i64> = tx
                    .prepare_cached(&format!("SELECT 1 FROM {} WHERE id = ?1", R::TABLE))?
                    .query_row([r.id()], |x| x.get(0))
                    .optional()?;
                if belongs_elsewhere.is_some() {
                    return Err(Fail::Bundle(BundleError::VillageMismatch {
                        expected: code.to_string(),
                        found: format!("{} {}", R::TABLE, r.id()),
                    }));
                }
            }
            return Err(e.into());
        }
        w.after_write(r)?;
    }
    Ok(())
}

fn update_all<R: Record>(w: &Writer<'_>, rows: &[R]) -> Result<(), Fail> {
    for r in rows {
        w.put_as_is(r)?;
    }
    Ok(())
}

fn write_plan(
    w: &Writer<'_>,
    existing: &Records,
    plan: &MergePlan,
    code: &str,
) -> Result<u64, Fail> {
    let tx = w.tx();
    // Tables are written parents first (village .. visits), so foreign keys hold row by row;
    // deferring them made SQLite look for orphans in child tables on every parent insert.
    let mut history = 0u64;
    for (table, id) in &plan.evictions {
        let json = |v: Option<String>| v.unwrap_or_default();
        let (version, data) = match *table {
            "pregnancy_visit" => find(&existing.data.pregnancy_visits, id),
            "child_visit" => find(&existing.data.child_visits, id),
            "paud_visit" => find(&existing.data.paud_visits, id),
            _ => (0, None),
        };
        if history_row(w, table, id, version, &json(data))? {
            history += 1;
        }
        tx.execute(&format!("DELETE FROM {table} WHERE id = ?1"), [id])?;
    }
    let (u, i) = (&plan.updates.data, &plan.inserts.data);
    if let Some(v) = &u.village {
        w.put_as_is(v)?;
    }
    macro_rules! tables {
        ($($f:ident),*) => { $(
            update_all(w, &u.$f)?;
            insert_all(w, &i.$f, code)?;
        )* };
    }
    insert_all(w, i.village.as_slice(), code)?;
    crate::village_lists!(tables);
    update_all(w, &plan.updates.notes)?;
    insert_all(w, &plan.inserts.notes, code)?;
    history += plan.superseded.iter().filter(|s| s.was_stored).count() as u64
        - plan.evictions.len() as u64;
    for s in plan.superseded.iter().filter(|s| !s.was_stored) {
        if history_row(w, s.table, &s.record_id, s.meta.version, &s.json)? {
            history += 1;
        }
    }
    Ok(history)
}

fn find<R: Record>(rows: &[R], id: &str) -> (u32, Option<String>) {
    match rows.iter().find(|r| r.id() == id) {
        Some(r) => (r.meta().version, serde_json::to_string(r).ok()),
        None => (0, None),
    }
}

/// Imports one parsed bundle into the store: validate, merge, write, all in one transaction.
/// Any error leaves the database exactly as it was.
/// (No savepoint: the transaction itself is the bundle's, and a savepoint would make SQLite copy
/// every page the import touches into its statement journal.)
pub fn import_bundle(store: &Store, mut bundle: Bundle) -> Result<ImportReport, BundleError> {
    let today = crate::store::today();
    forms_check(&bundle)?;
    let mut failure = None;
    let result = store.transaction(|w| {
        import_into(w, &mut bundle, today).map_err(|f| {
            failure = Some(f);
            // any error rolls the transaction back
            StoreError::Invalid(Vec::new())
        })
    });
    let code = &bundle.header.village_code;
    match (result, failure) {
        (Ok(r), _) => Ok(r),
        (Err(_), Some(f)) => Err(f.into_error(code)),
        (Err(e), None) => Err(foreign_key_or(e, code)),
    }
}

/// Imports several bundles (`pantau import FILE...`) in ONE write transaction, each bundle inside
/// its own savepoint: a bad bundle is rolled back to its savepoint and reported, alone, and the
/// others go on, so each bundle is still all or nothing. The batch commits once at the end, so the
/// pages a village's records touch across the shared indexes are written once per batch instead
/// of once per bundle (measured: the per-bundle commits were most of a 50-village import, see
/// docs/bundle-format.md "Import speed"). If the process dies before the commit nothing of the
/// batch is kept; importing is idempotent, so the same command is simply run again.
/// `each` gets every bundle's outcome, in order, once the batch is committed; an `Err` from
/// `bundles` (a file that could not be read) is passed through as that bundle's outcome. The
/// returned error means the batch itself failed (commit, disk): then nothing was imported.
pub fn import_batch<I>(
    store: &Store,
    bundles: I,
    each: impl FnMut(Result<ImportReport, BundleError>),
) -> Result<(), BundleError>
where
    I: IntoIterator<Item = Result<Bundle, BundleError>>,
{
    // An iterator cannot be read twice: every bundle in its savepoint.
    let items = bundles.into_iter().map(|b| b.map(|b| (b, FormsChecked(false))));
    match batch(store, items, Atomicity::Savepoints, drop)? {
        Batch::Committed(outcomes) => outcomes.into_iter().for_each(each),
        Batch::Retry => unreachable!("only an optimistic batch asks to be run again"),
    }
    Ok(())
}

/// Whether the forms module's validation (`forms_check`, pure) already ran on a bundle.
struct FormsChecked(bool);

/// How a batch keeps each of its bundles all or nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Atomicity {
    /// Each bundle in its own savepoint, rolled back alone when it fails.
    Savepoints,
    /// No savepoint: before changing a page for the first time in a savepoint SQLite copies it
    /// into the statement journal, and with random ids a village touches most pages of every
    /// shared index, so each bundle copied most of the database (measured: ~10 % of the writing
    /// thread in the 50-village batch). A bundle refused before it wrote a row (unreadable,
    /// invalid, refused by the merge checks: the usual refusals) needs no undo; one that fails
    /// after writing rows (an id of another village, caught by the primary key) stops the attempt,
    /// whose transaction is rolled back, and the caller runs the batch again with savepoints.
    Optimistic,
}

/// What a batch attempt came to.
enum Batch {
    /// Committed; each bundle's outcome in order.
    Committed(Vec<Result<ImportReport, BundleError>>),
    /// An optimistic attempt met a bundle failing half-written: nothing was kept, run it again
    /// with savepoints.
    Retry,
}

/// Imports `bundles` in one transaction; each bundle, once written, goes to `done` (to be freed
/// where it was allocated, see `read_and_import`).
fn batch<I>(
    store: &Store,
    bundles: I,
    atomicity: Atomicity,
    mut done: impl FnMut(Bundle),
) -> Result<Batch, BundleError>
where
    I: IntoIterator<Item = Result<(Bundle, FormsChecked), BundleError>>,
{
    let today = crate::store::today();
    let mut outcomes = Vec::new();
    let mut fatal = None;
    let mut retry = false;
    let result = store.transaction(|w| {
        for item in bundles {
            let changes_before = w.tx().total_changes();
            let outcome = item.and_then(|(mut bundle, checked)| {
                if !checked.0 {
                    forms_check(&bundle)?;
                }
                let code = bundle.header.village_code.clone();
                let imported = match atomicity {
                    Atomicity::Savepoints => in_savepoint(w, |w| import_into(w, &mut bundle, today)),
                    Atomicity::Optimistic => import_into(w, &mut bundle, today),
                };
                done(bundle);
                imported.map_err(|f| f.into_error(&code))
            });
            // An error SQLite answers by rolling the whole transaction back (disk full, I/O)
            // must stop the batch: what follows would otherwise run outside any transaction.
            if w.tx().is_autocommit() {
                fatal = outcome.err();
                return Err(StoreError::Invalid(Vec::new()));
            }
            // A failed statement leaves no change of its own (SQLite undoes it), so an unchanged
            // count means the refused bundle wrote nothing.
            if outcome.is_err()
                && atomicity == Atomicity::Optimistic
                && w.tx().total_changes() != changes_before
            {
                retry = true;
                return Err(StoreError::Invalid(Vec::new()));
            }
            outcomes.push(outcome);
        }
        Ok(())
    });
    match (result, fatal) {
        (Ok(()), _) => Ok(Batch::Committed(outcomes)),
        (Err(_), _) if retry => Ok(Batch::Retry),
        (Err(_), Some(e)) => Err(e),
        (Err(e), None) => Err(e.into()),
    }
}

/// `import_batch` over bundle files, as `pantau import FILE...` runs it: a second thread reads,
/// decrypts and parses the next file while this one writes the current bundle (the desk has more
/// than one core; parsing and the forms' checks are about a fifth of a village's import). At most two parsed bundles
/// wait, so memory stays at a few villages whatever the number of files. The files can be read
/// again, so the batch first runs without savepoints ([`Atomicity::Optimistic`]) and only if a
/// bundle fails half-written is it rolled back and run again with them: the same outcome as
/// `import_batch`, each bundle all or nothing.
pub fn import_files<P: AsRef<std::path::Path> + Sync>(
    store: &Store,
    files: &[P],
    opts: &super::ReadOptions,
    each: impl FnMut(Result<ImportReport, BundleError>),
) -> Result<(), BundleError> {
    let outcomes = match read_and_import(store, files, opts, Atomicity::Optimistic)? {
        Batch::Committed(outcomes) => outcomes,
        Batch::Retry => match read_and_import(store, files, opts, Atomicity::Savepoints)? {
            Batch::Committed(outcomes) => outcomes,
            Batch::Retry => unreachable!("only an optimistic batch asks to be run again"),
        },
    };
    outcomes.into_iter().for_each(each);
    Ok(())
}

/// One attempt of `import_files`: the files read and parsed on a second thread.
fn read_and_import<P: AsRef<std::path::Path> + Sync>(
    store: &Store,
    files: &[P],
    opts: &super::ReadOptions,
    atomicity: Atomicity,
) -> Result<Batch, BundleError> {
    std::thread::scope(|s| {
        let (tx, rx) = std::sync::mpsc::sync_channel(1);
        // The bundles the writer is done with come back to be freed on this reading thread, which
        // allocated them: glibc's malloc takes the lock of a chunk's arena to free it, so freeing
        // them on the writing thread made the two threads wait on each other's arena locks
        // (measured with perf: ~16 % of the import's samples in futex waits).
        let (done_tx, done_rx) = std::sync::mpsc::channel::<Bundle>();
        s.spawn(move || {
            for f in files {
                done_rx.try_iter().for_each(drop);
                let parsed = std::fs::read(f)
                    .map_err(BundleError::Io)
                    .and_then(|bytes| super::read_bundle(&bytes, opts))
                    .and_then(|b| forms_check(&b).map(|()| (b, FormsChecked(true))));
                if tx.send(parsed).is_err() {
                    break; // the batch stopped: nothing more to read
                }
            }
            drop(tx);
            done_rx.iter().for_each(drop); // until the batch ends
        });
        // if the reading thread is gone (it panicked), the refused send drops the bundle here
        batch(store, rx, atomicity, move |b| {
            let _ = done_tx.send(b);
        })
    })
}

/// Runs `f` inside a savepoint of the writer's transaction: released on success, rolled back to
/// (the bundle's writes undone, the transaction kept) on failure.
fn in_savepoint<T>(w: &Writer<'_>, f: impl FnOnce(&Writer<'_>) -> Result<T, Fail>) -> Result<T, Fail> {
    w.tx().execute_batch("SAVEPOINT bundle_import")?;
    match f(w) {
        Ok(v) => {
            w.tx().execute_batch("RELEASE bundle_import")?;
            Ok(v)
        }
        Err(e) => {
            if !w.tx().is_autocommit() {
                w.tx().execute_batch("ROLLBACK TO bundle_import; RELEASE bundle_import")?;
            }
            Err(e)
        }
    }
}

/// One bundle into the open transaction: read the village's stored rows, check, plan, write.
fn import_into(w: &Writer<'_>, bundle: &mut Bundle, today: chrono::NaiveDate) -> Result<ImportReport, Fail> {
    let code = bundle.header.village_code.clone();
    let existing = load_village_records(w.tx(), &code)?;
    adopt_village_id(bundle, &existing);
    validate(bundle, &existing.data, today).map_err(Fail::Bundle)?;
    let plan = if existing == Records::default() {
        // a village new to this database: nothing to merge against, every record is
        // inserted (same plan as `plan_merge`, checks above all run; records moved, not copied)
        MergePlan::all_new(std::mem::take(&mut bundle.data), std::mem::take(&mut bundle.notes))
    } else {
        plan_merge(&existing, &bundle.data, &bundle.notes)
    };
    let history_added = write_plan(w, &existing, &plan, &code)?;
    Ok(ImportReport {
        village_code: code,
        device_id: bundle.header.device_id.clone(),
        exported_at: bundle.header.exported_at,
        range: bundle.header.range.clone(),
        stats: plan.stats,
        history_added,
    })
}

/// A foreign-key failure at commit means a reference outside the village (caught earlier for
/// everything `validate` sees; kept as a last line of defence).
fn foreign_key_or(e: StoreError, code: &str) -> BundleError {
    if let StoreError::Sqlite(s) = &e {
        if s.to_string().contains("FOREIGN KEY") {
            return BundleError::VillageMismatch {
                expected: code.to_string(),
                found: "foreign key".into(),
            };
        }
    }
    e.into()
}

/// Reads, decrypts, checks and imports a bundle file's bytes.
pub fn import_bytes(
    store: &Store,
    bytes: &[u8],
    opts: &super::ReadOptions,
) -> Result<ImportReport, BundleError> {
    import_bundle(store, super::read_bundle(bytes, opts)?)
}

// ---------------------------------------------------------------------------------------------
// Export

/// Which records to export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportRange {
    Full,
    /// Changes after the `until` cursor of the previous bundle this device made for the village
    /// (a full export when there was none).
    SinceLast,
    /// Changes after an explicit cursor.
    Since(u64),
}

/// The `until` cursor and time of the last bundle this device exported for the village (the
/// `bundle_export` table, schema v3).
pub fn last_export(store: &Store, village_code: &str) -> Result<Option<(u64, i64)>, BundleError> {
    let dev = store.device_id().to_string();
    Ok(store.read(|c| {
        Ok(c.query_row(
                "SELECT until, exported_at FROM bundle_export WHERE device_id = ?1 AND village_code = ?2",
                [&dev, village_code],
                |r| Ok((r.get::<_, i64>(0)? as u64, r.get::<_, i64>(1)?)),
            )
            .optional()?)
    })?)
}

/// Remembers that `bundle` was written (call after the file is safely stored), so that the next
/// `SinceLast` export starts after it.
pub fn mark_exported(store: &Store, header: &BundleHeader) -> Result<(), BundleError> {
    let dev = header.device_id.clone();
    store.transaction(|w| {
        w.tx().execute(
            "INSERT INTO bundle_export (device_id, village_code, until, exported_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (device_id, village_code) DO UPDATE SET until = excluded.until, exported_at = excluded.exported_at",
            rusqlite::params![dev, header.village_code, header.range.until() as i64, header.exported_at],
        )?;
        Ok(())
    })?;
    Ok(())
}

/// The only village of a phone's database, or an error naming the choices.
pub fn only_village_code(store: &Store) -> Result<String, BundleError> {
    let codes: Vec<String> = store.transaction(|w| {
        let mut s = w
            .tx()
            .prepare("SELECT DISTINCT code FROM village WHERE deleted = 0 ORDER BY code")?;
        let v = s
            .query_map([], |r| r.get(0))?
            .collect::<Result<Vec<String>, _>>()?;
        Ok(v)
    })?;
    match codes.as_slice() {
        [one] => Ok(one.clone()),
        [] => Err(BundleError::MissingReference {
            table: "village",
            id: String::new(),
            field: "code",
        }),
        many => Err(BundleError::VillageMismatch {
            expected: "one village".into(),
            found: many.join(", "),
        }),
    }
}

/// Parents a record needs in the receiving database, added to an incremental bundle so that
/// every bundle is referentially closed and can be imported in any order.
fn close_over(all: &Records, picked: &mut Records) {
    macro_rules! ids {
        ($v:expr) => {
            $v.iter().map(|r| r.id.clone()).collect::<HashSet<Id>>()
        };
    }
    let d = &mut picked.data;
    let mut children = ids!(d.children);
    let mut pregnancies = ids!(d.pregnancies);
    for v in &d.child_visits {
        children.insert(v.child_id.clone());
    }
    for v in &d.paud_visits {
        children.insert(v.child_id.clone());
    }
    for v in &d.measurements {
        children.insert(v.child_id.clone());
    }
    for v in &d.pregnancy_visits {
        pregnancies.insert(v.pregnancy_id.clone());
    }
    for n in &picked.notes {
        match n.target_kind {
            TargetKind::Pregnancy => pregnancies.insert(n.target_id.clone()),
            _ => children.insert(n.target_id.clone()),
        };
    }
    add_records(&mut d.children, &all.data.children, &children);
    let mut mothers = ids!(d.mothers);
    let mut households = ids!(d.households);
    let mut posyandu = ids!(d.posyandu);
    for c in &d.children {
        households.insert(c.household_id.clone());
        mothers.extend(c.mother_id.clone());
        pregnancies.extend(c.pregnancy_id.clone());
        posyandu.extend(c.posyandu_id.clone());
    }
    add_records(&mut d.pregnancies, &all.data.pregnancies, &pregnancies);
    for p in &d.pregnancies {
        mothers.insert(p.mother_id.clone());
        posyandu.extend(p.posyandu_id.clone());
    }
    add_records(&mut d.mothers, &all.data.mothers, &mothers);
    for m in &d.mothers {
        households.insert(m.household_id.clone());
    }
    for c in &d.household_conditions {
        households.insert(c.household_id.clone());
    }
    add_records(&mut d.households, &all.data.households, &households);
    let mut hamlets = ids!(d.hamlets);
    for h in &d.households {
        hamlets.insert(h.hamlet_id.clone());
    }
    add_records(&mut d.posyandu, &all.data.posyandu, &posyandu);
    for p in &d.posyandu {
        hamlets.extend(p.hamlet_id.clone());
    }
    add_records(&mut d.hamlets, &all.data.hamlets, &hamlets);
    if d.village.is_none() {
        d.village = all.data.village.clone();
    }
}

fn add_records<R: Record>(have: &mut Vec<R>, from: &[R], want: &HashSet<Id>) {
    let present: HashSet<String> = have.iter().map(|r| r.id().to_string()).collect();
    for r in from {
        if want.contains(r.id()) && !present.contains(r.id()) {
            have.push(r.clone());
        }
    }
}

/// The change cursor now (the store's global change counter).
fn cursor_now(conn: &Connection) -> Result<u64, StoreError> {
    Ok(
        conn.query_row("SELECT value FROM change_counter WHERE id = 1", [], |r| {
            r.get::<_, i64>(0)
        })? as u64,
    )
}

/// Ids of rows written after `cursor`, per table.
fn changed_ids(conn: &Connection, table: &str, cursor: u64) -> Result<HashSet<String>, StoreError> {
    let mut s = conn.prepare(&format!("SELECT id FROM {table} WHERE change_seq > ?1"))?;
    let v = s
        .query_map([cursor as i64], |r| r.get(0))?
        .collect::<Result<HashSet<String>, _>>()?;
    Ok(v)
}

fn keep_changed<R: Record>(rows: &[R], changed: &HashSet<String>) -> Vec<R> {
    rows.iter()
        .filter(|r| changed.contains(r.id()))
        .cloned()
        .collect()
}

/// Builds a bundle of the village `village_code` from the store: every row (tombstones included)
/// for `Full`, the rows changed since the cursor plus their parents otherwise. The bundle's
/// device is the store's `device_id`; `exported_at` is now.
pub fn export_bundle(
    store: &Store,
    village_code: &str,
    range: ExportRange,
    cadre_id: Option<Id>,
) -> Result<Bundle, BundleError> {
    let since = match range {
        ExportRange::Full => None,
        ExportRange::Since(c) => Some((c, None)),
        ExportRange::SinceLast => last_export(store, village_code)?.map(|(c, t)| (c, Some(t))),
    };
    let (records, until, changed) = store.transaction(|w| {
        let tx = w.tx();
        let all = load_village_records(tx, village_code)?;
        let until = cursor_now(tx)?;
        let changed = match since {
            None => None,
            Some((c, _)) => {
                let mut per = std::collections::HashMap::new();
                for t in [
                    "village",
                    "hamlet",
                    "posyandu",
                    "cadre",
                    "household",
                    "household_condition",
                    "mother",
                    "pregnancy",
                    "child",
                    "pregnancy_visit",
                    "child_visit",
                    "paud_visit",
                    "measurement",
                    "note",
                ] {
                    per.insert(t, changed_ids(tx, t, c)?);
                }
                Some(per)
            }
        };
        Ok((all, until, changed))
    })?;
    if records.data.village.is_none() {
        return Err(BundleError::MissingReference {
            table: "village",
            id: village_code.into(),
            field: "code",
        });
    }
    let (data, notes, range) = match (changed, since) {
        (Some(per), Some((since_cursor, since_time))) => {
            let a = &records.data;
            let empty = HashSet::new();
            let ch = |t: &str| per.get(t).unwrap_or(&empty);
            let mut picked = Records {
                data: VillageData {
                    village: a.village.clone().filter(|v| ch("village").contains(&v.id)),
                    hamlets: keep_changed(&a.hamlets, ch("hamlet")),
                    posyandu: keep_changed(&a.posyandu, ch("posyandu")),
                    cadres: keep_changed(&a.cadres, ch("cadre")),
                    households: keep_changed(&a.households, ch("household")),
                    household_conditions: keep_changed(
                        &a.household_conditions,
                        ch("household_condition"),
                    ),
                    mothers: keep_changed(&a.mothers, ch("mother")),
                    pregnancies: keep_changed(&a.pregnancies, ch("pregnancy")),
                    children: keep_changed(&a.children, ch("child")),
                    pregnancy_visits: keep_changed(&a.pregnancy_visits, ch("pregnancy_visit")),
                    child_visits: keep_changed(&a.child_visits, ch("child_visit")),
                    paud_visits: keep_changed(&a.paud_visits, ch("paud_visit")),
                    measurements: keep_changed(&a.measurements, ch("measurement")),
                },
                notes: keep_changed(&records.notes, ch("note")),
            };
            close_over(&records, &mut picked);
            (
                picked.data,
                picked.notes,
                BundleRange::Incremental {
                    since: since_cursor,
                    until,
                    since_time,
                },
            )
        }
        _ => (records.data, records.notes, BundleRange::Full { until }),
    };
    let mut data = data;
    super::records::sort_for_bundle(&mut data);
    Ok(Bundle {
        header: BundleHeader {
            village_code: village_code.to_string(),
            device_id: store.device_id().to_string(),
            cadre_id,
            exported_at: crate::store::now_ms(),
            range,
            producer: Some(producer()),
        },
        data,
        notes,
    })
}
