//! The database schema and its versioned migrations, the application-services way
//! (architecture.md "Storage", `components/support/sql/src/open_database.rs`): `PRAGMA user_version`
//! holds the schema version; a new file gets the current schema in one go (`CURRENT_SQL`), an older
//! file runs one `upgrade_from(tx, version)` step per version; all steps run in one transaction and
//! `user_version` is written last, so a failed upgrade leaves the file as it was. A file from a newer
//! app is refused untouched (checked read-only before any write, see `Store::open`).
//!
//! Released schemas are frozen: `V1_SQL` is exactly what release 1 created (the fixture
//! `tests/fixtures/schema-v1.db` was written with it). Never edit a released constant; add a step.
//!
//! Every entity table has the same bookkeeping columns (model `Meta` + `change_seq`): rows are
//! soft-deleted (`deleted = 1`), never removed; `change_seq` is the global change counter value of
//! the row's last write, so a bundle can export "everything changed since my last bundle".
//! Visits are unique per (target, month) among live rows (domain.md 11 "at most one monthly record").

use rusqlite::Transaction;

use super::error::{Result, StoreError};

/// The schema version this app writes.
pub const VERSION: u32 = 5;

/// Release 1 schema (frozen). Note the absence of the `note` table, added in version 2.
pub const V1_SQL: &str = r#"
CREATE TABLE change_counter (id INTEGER PRIMARY KEY CHECK (id = 1), value INTEGER NOT NULL);
INSERT INTO change_counter (id, value) VALUES (1, 0);

CREATE TABLE village (
    id TEXT PRIMARY KEY NOT NULL, code TEXT NOT NULL, name TEXT NOT NULL,
    kecamatan TEXT NOT NULL, kabupaten TEXT NOT NULL, provinsi TEXT NOT NULL,
    created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, version INTEGER NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0, device_id TEXT NOT NULL, change_seq INTEGER NOT NULL
);
CREATE TABLE hamlet (
    id TEXT PRIMARY KEY NOT NULL, village_id TEXT NOT NULL REFERENCES village(id), name TEXT NOT NULL,
    created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, version INTEGER NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0, device_id TEXT NOT NULL, change_seq INTEGER NOT NULL
);
CREATE TABLE posyandu (
    id TEXT PRIMARY KEY NOT NULL, village_id TEXT NOT NULL REFERENCES village(id),
    hamlet_id TEXT REFERENCES hamlet(id), name TEXT NOT NULL,
    created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, version INTEGER NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0, device_id TEXT NOT NULL, change_seq INTEGER NOT NULL
);
CREATE TABLE cadre (
    id TEXT PRIMARY KEY NOT NULL, village_id TEXT NOT NULL REFERENCES village(id), name TEXT NOT NULL, phone TEXT,
    created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, version INTEGER NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0, device_id TEXT NOT NULL, change_seq INTEGER NOT NULL
);
CREATE TABLE household (
    id TEXT PRIMARY KEY NOT NULL, village_id TEXT NOT NULL REFERENCES village(id),
    hamlet_id TEXT NOT NULL REFERENCES hamlet(id), number TEXT NOT NULL, head_name TEXT NOT NULL, address TEXT NOT NULL,
    created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, version INTEGER NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0, device_id TEXT NOT NULL, change_seq INTEGER NOT NULL
);
CREATE INDEX household_hamlet ON household(hamlet_id);
CREATE TABLE household_condition (
    id TEXT PRIMARY KEY NOT NULL, household_id TEXT NOT NULL REFERENCES household(id),
    effective_from TEXT NOT NULL, safe_water INTEGER NOT NULL, latrine INTEGER NOT NULL, vulnerable INTEGER NOT NULL,
    created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, version INTEGER NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0, device_id TEXT NOT NULL, change_seq INTEGER NOT NULL
);
CREATE INDEX household_condition_household ON household_condition(household_id, effective_from);
CREATE TABLE mother (
    id TEXT PRIMARY KEY NOT NULL, household_id TEXT NOT NULL REFERENCES household(id), name TEXT NOT NULL,
    nik TEXT, birth_date TEXT, insurance INTEGER NOT NULL,
    created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, version INTEGER NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0, device_id TEXT NOT NULL, change_seq INTEGER NOT NULL
);
CREATE INDEX mother_household ON mother(household_id);
CREATE TABLE pregnancy (
    id TEXT PRIMARY KEY NOT NULL, mother_id TEXT NOT NULL REFERENCES mother(id), kia_number TEXT NOT NULL,
    posyandu_id TEXT REFERENCES posyandu(id), kek INTEGER NOT NULL, risti INTEGER NOT NULL,
    expected_delivery TEXT, delivery_date TEXT, end_date TEXT, end_reason TEXT,
    created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, version INTEGER NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0, device_id TEXT NOT NULL, change_seq INTEGER NOT NULL
);
CREATE INDEX pregnancy_mother ON pregnancy(mother_id);
CREATE INDEX pregnancy_kia ON pregnancy(kia_number);
CREATE TABLE child (
    id TEXT PRIMARY KEY NOT NULL, household_id TEXT NOT NULL REFERENCES household(id),
    mother_id TEXT REFERENCES mother(id), pregnancy_id TEXT REFERENCES pregnancy(id), kia_number TEXT,
    name TEXT NOT NULL, nik TEXT, nik_temporary INTEGER NOT NULL, sex TEXT NOT NULL, birth_date TEXT NOT NULL,
    birth_date_approximate INTEGER NOT NULL, posyandu_id TEXT REFERENCES posyandu(id),
    birth_certificate INTEGER NOT NULL, insurance INTEGER NOT NULL, end_date TEXT, end_reason TEXT,
    created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, version INTEGER NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0, device_id TEXT NOT NULL, change_seq INTEGER NOT NULL
);
CREATE INDEX child_household ON child(household_id);
CREATE INDEX child_mother ON child(mother_id);
CREATE TABLE pregnancy_visit (
    id TEXT PRIMARY KEY NOT NULL, pregnancy_id TEXT NOT NULL REFERENCES pregnancy(id), month TEXT NOT NULL,
    visit_date TEXT NOT NULL, status TEXT NOT NULL, ruleset TEXT NOT NULL, kek INTEGER NOT NULL, risti INTEGER NOT NULL,
    gestational_age_months INTEGER, antenatal_check INTEGER, iron_tablets INTEGER, iron_tablet_count INTEGER,
    postnatal_checks INTEGER, nutrition_counselling INTEGER, home_visit INTEGER,
    safe_water INTEGER, latrine INTEGER, insurance INTEGER,
    created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, version INTEGER NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0, device_id TEXT NOT NULL, change_seq INTEGER NOT NULL
);
CREATE UNIQUE INDEX pregnancy_visit_target_month ON pregnancy_visit(pregnancy_id, month) WHERE deleted = 0;
CREATE INDEX pregnancy_visit_month ON pregnancy_visit(month);
CREATE TABLE child_visit (
    id TEXT PRIMARY KEY NOT NULL, child_id TEXT NOT NULL REFERENCES child(id), month TEXT NOT NULL,
    visit_date TEXT NOT NULL, status TEXT NOT NULL, ruleset TEXT NOT NULL,
    reported_nutrition_status TEXT, mat_result TEXT NOT NULL, basic_immunization INTEGER, measles TEXT,
    weighed INTEGER, length_measured INTEGER, counselling_father INTEGER, counselling_mother INTEGER,
    home_visit INTEGER, safe_water INTEGER, latrine INTEGER, birth_certificate INTEGER, insurance INTEGER,
    parenting_class INTEGER,
    created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, version INTEGER NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0, device_id TEXT NOT NULL, change_seq INTEGER NOT NULL
);
CREATE UNIQUE INDEX child_visit_target_month ON child_visit(child_id, month) WHERE deleted = 0;
CREATE INDEX child_visit_month ON child_visit(month);
CREATE TABLE paud_visit (
    id TEXT PRIMARY KEY NOT NULL, child_id TEXT NOT NULL REFERENCES child(id), month TEXT NOT NULL,
    visit_date TEXT NOT NULL, status TEXT NOT NULL, ruleset TEXT NOT NULL, cell TEXT NOT NULL,
    created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, version INTEGER NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0, device_id TEXT NOT NULL, change_seq INTEGER NOT NULL
);
CREATE UNIQUE INDEX paud_visit_target_month ON paud_visit(child_id, month) WHERE deleted = 0;
CREATE INDEX paud_visit_month ON paud_visit(month);
CREATE TABLE measurement (
    id TEXT PRIMARY KEY NOT NULL, child_id TEXT NOT NULL REFERENCES child(id), date TEXT NOT NULL,
    weight_kg REAL, length_cm REAL, position TEXT, oedema INTEGER NOT NULL,
    created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, version INTEGER NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0, device_id TEXT NOT NULL, change_seq INTEGER NOT NULL
);
CREATE INDEX measurement_child ON measurement(child_id, date);

CREATE TABLE history (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, entity TEXT NOT NULL, record_id TEXT NOT NULL,
    version INTEGER NOT NULL, op TEXT NOT NULL, data TEXT NOT NULL,
    changed_at INTEGER NOT NULL, device_id TEXT NOT NULL, cadre_id TEXT
);
CREATE INDEX history_record ON history(entity, record_id);

CREATE TABLE search_token (
    token TEXT NOT NULL, target_kind TEXT NOT NULL, target_id TEXT NOT NULL,
    PRIMARY KEY (token, target_id)
) WITHOUT ROWID;
CREATE INDEX search_token_target ON search_token(target_id);
"#;

/// Version 2 adds the cadre's notes on a target (issue 3) and the change-counter index on visits.
const V2_STEP_SQL: &str = r#"
CREATE TABLE note (
    id TEXT PRIMARY KEY NOT NULL, target_kind TEXT NOT NULL, target_id TEXT NOT NULL,
    cadre_id TEXT REFERENCES cadre(id), date TEXT NOT NULL, text TEXT NOT NULL,
    created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, version INTEGER NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0, device_id TEXT NOT NULL, change_seq INTEGER NOT NULL
);
CREATE INDEX note_target ON note(target_id);
CREATE INDEX pregnancy_visit_change ON pregnancy_visit(change_seq);
CREATE INDEX child_visit_change ON child_visit(change_seq);
"#;

/// Version 3 (bundles, issue 4; docs/adr/0003-merge-rule.md): the export log (per device and
/// village, the change cursor of the last bundle made, for "everything changed since my last
/// bundle") and the indexes that read one village out of a subdistrict database holding many.
/// Tombstoned visits get their own small partial indexes: merges compare incoming visits with
/// deleted ones too, while the store's (target, month) indexes hold live rows only. Full indexes
/// on every visit's target would be as large as those (two more random-key B-trees that every
/// imported village rewrites a page of per target), so they are not built.
///
/// Before version 3 the bundle module created the log and the indexes itself (`IF NOT EXISTS`, on
/// first use, including full visit-target indexes): such a file keeps the log and the two indexes
/// with the same definition and loses the three visit-target indexes.
const V3_BUNDLE_SQL: &str = r#"
CREATE TABLE IF NOT EXISTS bundle_export (
    device_id TEXT NOT NULL, village_code TEXT NOT NULL, until INTEGER NOT NULL, exported_at INTEGER NOT NULL,
    PRIMARY KEY (device_id, village_code)
);
CREATE INDEX IF NOT EXISTS bundle_village_code ON village(code);
CREATE INDEX IF NOT EXISTS bundle_household_village ON household(village_id);
DROP INDEX IF EXISTS bundle_pregnancy_visit_target;
DROP INDEX IF EXISTS bundle_child_visit_target;
DROP INDEX IF EXISTS bundle_paud_visit_target;
CREATE INDEX bundle_pregnancy_visit_deleted ON pregnancy_visit(pregnancy_id) WHERE deleted <> 0;
CREATE INDEX bundle_child_visit_deleted ON child_visit(child_id) WHERE deleted <> 0;
CREATE INDEX bundle_paud_visit_deleted ON paud_visit(child_id) WHERE deleted <> 0;
"#;

/// Version 4: whether the search tokens are current (`search_index.stale`). A database opened
/// for the desk (`OpenOptions::desk`) imports without keeping the tokens and sets `stale = 1`; the
/// next search rebuilds them all and clears it (store/search.rs). A file of version 3 or older
/// kept its tokens current on every write, so it starts clean.
const V4_SEARCH_SQL: &str = r#"
CREATE TABLE search_index (id INTEGER PRIMARY KEY CHECK (id = 1), stale INTEGER NOT NULL);
INSERT INTO search_index (id, stale) VALUES (1, 0);
"#;

/// Version 5: which answers of a draft the cadre gave (`draft_answer`, store/drafts.rs). The model
/// keeps the growth-mat colour, KEK/RISTI and the 2C cell without a blank state, so a draft's
/// stored value equal to the default cannot say by itself whether it was answered; this table
/// does, across restarts of the app (before, a handle kept it in memory). Local to the phone: not
/// in bundles. Rows go when the form is finished.
const V5_DRAFT_SQL: &str = r#"
CREATE TABLE draft_answer (
    record_id TEXT NOT NULL, field TEXT NOT NULL, PRIMARY KEY (record_id, field)
) WITHOUT ROWID;
"#;

/// The whole current schema, written directly into a new file. Kept in full (not composed from the
/// steps) so that the migration test comparing an upgraded v1 fixture with a fresh file means something.
const CURRENT_SQL: &str = r#"
CREATE TABLE change_counter (id INTEGER PRIMARY KEY CHECK (id = 1), value INTEGER NOT NULL);
INSERT INTO change_counter (id, value) VALUES (1, 0);

CREATE TABLE village (
    id TEXT PRIMARY KEY NOT NULL, code TEXT NOT NULL, name TEXT NOT NULL,
    kecamatan TEXT NOT NULL, kabupaten TEXT NOT NULL, provinsi TEXT NOT NULL,
    created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, version INTEGER NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0, device_id TEXT NOT NULL, change_seq INTEGER NOT NULL
);
CREATE TABLE hamlet (
    id TEXT PRIMARY KEY NOT NULL, village_id TEXT NOT NULL REFERENCES village(id), name TEXT NOT NULL,
    created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, version INTEGER NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0, device_id TEXT NOT NULL, change_seq INTEGER NOT NULL
);
CREATE TABLE posyandu (
    id TEXT PRIMARY KEY NOT NULL, village_id TEXT NOT NULL REFERENCES village(id),
    hamlet_id TEXT REFERENCES hamlet(id), name TEXT NOT NULL,
    created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, version INTEGER NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0, device_id TEXT NOT NULL, change_seq INTEGER NOT NULL
);
CREATE TABLE cadre (
    id TEXT PRIMARY KEY NOT NULL, village_id TEXT NOT NULL REFERENCES village(id), name TEXT NOT NULL, phone TEXT,
    created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, version INTEGER NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0, device_id TEXT NOT NULL, change_seq INTEGER NOT NULL
);
CREATE TABLE household (
    id TEXT PRIMARY KEY NOT NULL, village_id TEXT NOT NULL REFERENCES village(id),
    hamlet_id TEXT NOT NULL REFERENCES hamlet(id), number TEXT NOT NULL, head_name TEXT NOT NULL, address TEXT NOT NULL,
    created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, version INTEGER NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0, device_id TEXT NOT NULL, change_seq INTEGER NOT NULL
);
CREATE INDEX household_hamlet ON household(hamlet_id);
CREATE TABLE household_condition (
    id TEXT PRIMARY KEY NOT NULL, household_id TEXT NOT NULL REFERENCES household(id),
    effective_from TEXT NOT NULL, safe_water INTEGER NOT NULL, latrine INTEGER NOT NULL, vulnerable INTEGER NOT NULL,
    created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, version INTEGER NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0, device_id TEXT NOT NULL, change_seq INTEGER NOT NULL
);
CREATE INDEX household_condition_household ON household_condition(household_id, effective_from);
CREATE TABLE mother (
    id TEXT PRIMARY KEY NOT NULL, household_id TEXT NOT NULL REFERENCES household(id), name TEXT NOT NULL,
    nik TEXT, birth_date TEXT, insurance INTEGER NOT NULL,
    created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, version INTEGER NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0, device_id TEXT NOT NULL, change_seq INTEGER NOT NULL
);
CREATE INDEX mother_household ON mother(household_id);
CREATE TABLE pregnancy (
    id TEXT PRIMARY KEY NOT NULL, mother_id TEXT NOT NULL REFERENCES mother(id), kia_number TEXT NOT NULL,
    posyandu_id TEXT REFERENCES posyandu(id), kek INTEGER NOT NULL, risti INTEGER NOT NULL,
    expected_delivery TEXT, delivery_date TEXT, end_date TEXT, end_reason TEXT,
    created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, version INTEGER NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0, device_id TEXT NOT NULL, change_seq INTEGER NOT NULL
);
CREATE INDEX pregnancy_mother ON pregnancy(mother_id);
CREATE INDEX pregnancy_kia ON pregnancy(kia_number);
CREATE TABLE child (
    id TEXT PRIMARY KEY NOT NULL, household_id TEXT NOT NULL REFERENCES household(id),
    mother_id TEXT REFERENCES mother(id), pregnancy_id TEXT REFERENCES pregnancy(id), kia_number TEXT,
    name TEXT NOT NULL, nik TEXT, nik_temporary INTEGER NOT NULL, sex TEXT NOT NULL, birth_date TEXT NOT NULL,
    birth_date_approximate INTEGER NOT NULL, posyandu_id TEXT REFERENCES posyandu(id),
    birth_certificate INTEGER NOT NULL, insurance INTEGER NOT NULL, end_date TEXT, end_reason TEXT,
    created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, version INTEGER NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0, device_id TEXT NOT NULL, change_seq INTEGER NOT NULL
);
CREATE INDEX child_household ON child(household_id);
CREATE INDEX child_mother ON child(mother_id);
CREATE TABLE pregnancy_visit (
    id TEXT PRIMARY KEY NOT NULL, pregnancy_id TEXT NOT NULL REFERENCES pregnancy(id), month TEXT NOT NULL,
    visit_date TEXT NOT NULL, status TEXT NOT NULL, ruleset TEXT NOT NULL, kek INTEGER NOT NULL, risti INTEGER NOT NULL,
    gestational_age_months INTEGER, antenatal_check INTEGER, iron_tablets INTEGER, iron_tablet_count INTEGER,
    postnatal_checks INTEGER, nutrition_counselling INTEGER, home_visit INTEGER,
    safe_water INTEGER, latrine INTEGER, insurance INTEGER,
    created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, version INTEGER NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0, device_id TEXT NOT NULL, change_seq INTEGER NOT NULL
);
CREATE UNIQUE INDEX pregnancy_visit_target_month ON pregnancy_visit(pregnancy_id, month) WHERE deleted = 0;
CREATE INDEX pregnancy_visit_month ON pregnancy_visit(month);
CREATE INDEX pregnancy_visit_change ON pregnancy_visit(change_seq);
CREATE TABLE child_visit (
    id TEXT PRIMARY KEY NOT NULL, child_id TEXT NOT NULL REFERENCES child(id), month TEXT NOT NULL,
    visit_date TEXT NOT NULL, status TEXT NOT NULL, ruleset TEXT NOT NULL,
    reported_nutrition_status TEXT, mat_result TEXT NOT NULL, basic_immunization INTEGER, measles TEXT,
    weighed INTEGER, length_measured INTEGER, counselling_father INTEGER, counselling_mother INTEGER,
    home_visit INTEGER, safe_water INTEGER, latrine INTEGER, birth_certificate INTEGER, insurance INTEGER,
    parenting_class INTEGER,
    created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, version INTEGER NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0, device_id TEXT NOT NULL, change_seq INTEGER NOT NULL
);
CREATE UNIQUE INDEX child_visit_target_month ON child_visit(child_id, month) WHERE deleted = 0;
CREATE INDEX child_visit_month ON child_visit(month);
CREATE INDEX child_visit_change ON child_visit(change_seq);
CREATE TABLE paud_visit (
    id TEXT PRIMARY KEY NOT NULL, child_id TEXT NOT NULL REFERENCES child(id), month TEXT NOT NULL,
    visit_date TEXT NOT NULL, status TEXT NOT NULL, ruleset TEXT NOT NULL, cell TEXT NOT NULL,
    created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, version INTEGER NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0, device_id TEXT NOT NULL, change_seq INTEGER NOT NULL
);
CREATE UNIQUE INDEX paud_visit_target_month ON paud_visit(child_id, month) WHERE deleted = 0;
CREATE INDEX paud_visit_month ON paud_visit(month);
CREATE TABLE measurement (
    id TEXT PRIMARY KEY NOT NULL, child_id TEXT NOT NULL REFERENCES child(id), date TEXT NOT NULL,
    weight_kg REAL, length_cm REAL, position TEXT, oedema INTEGER NOT NULL,
    created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, version INTEGER NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0, device_id TEXT NOT NULL, change_seq INTEGER NOT NULL
);
CREATE INDEX measurement_child ON measurement(child_id, date);
CREATE TABLE note (
    id TEXT PRIMARY KEY NOT NULL, target_kind TEXT NOT NULL, target_id TEXT NOT NULL,
    cadre_id TEXT REFERENCES cadre(id), date TEXT NOT NULL, text TEXT NOT NULL,
    created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, version INTEGER NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0, device_id TEXT NOT NULL, change_seq INTEGER NOT NULL
);
CREATE INDEX note_target ON note(target_id);

CREATE TABLE history (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, entity TEXT NOT NULL, record_id TEXT NOT NULL,
    version INTEGER NOT NULL, op TEXT NOT NULL, data TEXT NOT NULL,
    changed_at INTEGER NOT NULL, device_id TEXT NOT NULL, cadre_id TEXT
);
CREATE INDEX history_record ON history(entity, record_id);

CREATE TABLE search_token (
    token TEXT NOT NULL, target_kind TEXT NOT NULL, target_id TEXT NOT NULL,
    PRIMARY KEY (token, target_id)
) WITHOUT ROWID;
CREATE INDEX search_token_target ON search_token(target_id);
CREATE TABLE search_index (id INTEGER PRIMARY KEY CHECK (id = 1), stale INTEGER NOT NULL);
INSERT INTO search_index (id, stale) VALUES (1, 0);

CREATE TABLE draft_answer (
    record_id TEXT NOT NULL, field TEXT NOT NULL, PRIMARY KEY (record_id, field)
) WITHOUT ROWID;

CREATE TABLE bundle_export (
    device_id TEXT NOT NULL, village_code TEXT NOT NULL, until INTEGER NOT NULL, exported_at INTEGER NOT NULL,
    PRIMARY KEY (device_id, village_code)
);
CREATE INDEX bundle_village_code ON village(code);
CREATE INDEX bundle_household_village ON household(village_id);
CREATE INDEX bundle_pregnancy_visit_deleted ON pregnancy_visit(pregnancy_id) WHERE deleted <> 0;
CREATE INDEX bundle_child_visit_deleted ON child_visit(child_id) WHERE deleted <> 0;
CREATE INDEX bundle_paud_visit_deleted ON paud_visit(child_id) WHERE deleted <> 0;
"#;

/// Reads `PRAGMA user_version`.
pub fn user_version(conn: &rusqlite::Connection) -> Result<u32> {
    let v: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    Ok(u32::try_from(v).unwrap_or(u32::MAX))
}

/// Brings the file to `VERSION` inside `tx` (the caller commits). `user_version` is written last.
pub fn migrate(tx: &Transaction) -> Result<()> {
    let found = user_version(tx)?;
    if found > VERSION {
        return Err(StoreError::NewerSchema {
            found,
            supported: VERSION,
        });
    }
    if found == VERSION {
        return Ok(());
    }
    if found == 0 {
        if !is_empty(tx)? {
            // Tables but no version: not a file Pantau wrote; refuse rather than guess.
            return Err(StoreError::Corrupt(
                "tables without a Pantau schema version".into(),
            ));
        }
        tx.execute_batch(CURRENT_SQL)?;
    } else {
        for version in found..VERSION {
            upgrade_from(tx, version)?;
        }
    }
    tx.pragma_update(None, "user_version", VERSION)?;
    Ok(())
}

fn is_empty(tx: &Transaction) -> Result<bool> {
    let n: i64 = tx.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
    Ok(n == 0)
}

/// One step from `version` to `version + 1`.
fn upgrade_from(tx: &Transaction, version: u32) -> Result<()> {
    match version {
        1 => tx.execute_batch(V2_STEP_SQL)?,
        2 => tx.execute_batch(V3_BUNDLE_SQL)?,
        3 => tx.execute_batch(V4_SEARCH_SQL)?,
        4 => tx.execute_batch(V5_DRAFT_SQL)?,
        _ => {
            return Err(StoreError::Corrupt(format!(
                "no upgrade step from schema version {version}"
            )))
        }
    }
    Ok(())
}

/// A structural description of the schema (tables, columns, indexes, foreign keys), used by the
/// migration tests to show that an upgraded file equals a fresh one. Independent of DDL text layout.
pub fn describe(conn: &rusqlite::Connection) -> Result<Vec<String>> {
    let mut out = Vec::new();
    let mut stmt = conn.prepare(
        "SELECT type, name, tbl_name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name",
    )?;
    let objects: Vec<(String, String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    for (kind, name, table) in objects {
        out.push(format!("{kind} {name} on {table}"));
        if kind == "table" {
            let mut cols = conn.prepare(
                "SELECT cid, name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(?1)",
            )?;
            for c in cols.query_map([&name], |r| {
                Ok(format!(
                    "  col {} {} {} nn={} dflt={:?} pk={}",
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, i64>(3)?,
                    r.get::<_, Option<String>>(4)?,
                    r.get::<_, i64>(5)?
                ))
            })? {
                out.push(c?);
            }
            let mut fks = conn.prepare("SELECT \"table\", \"from\", \"to\" FROM pragma_foreign_key_list(?1) ORDER BY \"from\"")?;
            for f in fks.query_map([&name], |r| {
                Ok(format!(
                    "  fk {} -> {}({:?})",
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(0)?,
                    r.get::<_, Option<String>>(2)?
                ))
            })? {
                out.push(f?);
            }
        } else if kind == "index" {
            let mut cols = conn.prepare("SELECT name FROM pragma_index_info(?1) ORDER BY seqno")?;
            let names: Vec<Option<String>> = cols
                .query_map([&name], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            let sql: Option<String> = conn.query_row(
                "SELECT sql FROM sqlite_master WHERE name = ?1",
                [&name],
                |r| r.get(0),
            )?;
            let unique = sql.as_deref().is_some_and(|s| s.contains("UNIQUE"));
            let partial = sql
                .as_deref()
                .and_then(|s| s.split(" WHERE ").nth(1))
                .map(str::to_string);
            out.push(format!(
                "  cols {names:?} unique={unique} where={partial:?}"
            ));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::Connection;

    #[test]
    fn fresh_and_upgraded_v1_have_the_same_structure() {
        let mut fresh = Connection::open_in_memory().unwrap();
        let tx = fresh.transaction().unwrap();
        migrate(&tx).unwrap();
        tx.commit().unwrap();
        assert_eq!(user_version(&fresh).unwrap(), VERSION);

        let mut old = Connection::open_in_memory().unwrap();
        old.execute_batch(V1_SQL).unwrap();
        old.pragma_update(None, "user_version", 1).unwrap();
        let tx = old.transaction().unwrap();
        migrate(&tx).unwrap();
        tx.commit().unwrap();
        assert_eq!(describe(&old).unwrap(), describe(&fresh).unwrap());
    }

    /// What the bundle module created on first use before version 3 (frozen copy).
    const PRE_V3_BUNDLE_SQL: &str = "
        CREATE TABLE IF NOT EXISTS bundle_export (
            device_id TEXT NOT NULL, village_code TEXT NOT NULL, until INTEGER NOT NULL, exported_at INTEGER NOT NULL,
            PRIMARY KEY (device_id, village_code));
        CREATE INDEX IF NOT EXISTS bundle_village_code ON village(code);
        CREATE INDEX IF NOT EXISTS bundle_household_village ON household(village_id);
        CREATE INDEX IF NOT EXISTS bundle_pregnancy_visit_target ON pregnancy_visit(pregnancy_id);
        CREATE INDEX IF NOT EXISTS bundle_child_visit_target ON child_visit(child_id);
        CREATE INDEX IF NOT EXISTS bundle_paud_visit_target ON paud_visit(child_id);
    ";

    fn fresh_description() -> Vec<String> {
        let mut fresh = Connection::open_in_memory().unwrap();
        let tx = fresh.transaction().unwrap();
        migrate(&tx).unwrap();
        tx.commit().unwrap();
        describe(&fresh).unwrap()
    }

    /// A version 2 file, with or without what the bundle module added on first use.
    fn upgraded_v2(bundle_era: bool) -> Connection {
        let mut old = Connection::open_in_memory().unwrap();
        old.execute_batch(V1_SQL).unwrap();
        old.execute_batch(V2_STEP_SQL).unwrap();
        if bundle_era {
            old.execute_batch(PRE_V3_BUNDLE_SQL).unwrap();
        }
        old.pragma_update(None, "user_version", 2).unwrap();
        let tx = old.transaction().unwrap();
        migrate(&tx).unwrap();
        tx.commit().unwrap();
        assert_eq!(user_version(&old).unwrap(), VERSION);
        old
    }

    #[test]
    fn v2_files_upgrade_with_or_without_the_bundle_tables_made_on_first_use() {
        let fresh = fresh_description();
        assert!(fresh
            .iter()
            .any(|l| l == "table bundle_export on bundle_export"));
        assert!(fresh
            .iter()
            .any(|l| l == "index bundle_child_visit_deleted on child_visit"));
        for bundle_era in [false, true] {
            let old = upgraded_v2(bundle_era);
            assert_eq!(describe(&old).unwrap(), fresh, "bundle era: {bundle_era}");
        }
    }

    #[test]
    fn v3_files_upgrade_with_current_search_tokens() {
        // Version 3 kept the tokens on every write: the upgraded file must not be marked stale
        // (a needless rebuild), and must have the mark's row (the desk's writes update it).
        let mut old = Connection::open_in_memory().unwrap();
        old.execute_batch(V1_SQL).unwrap();
        old.execute_batch(V2_STEP_SQL).unwrap();
        old.execute_batch(V3_BUNDLE_SQL).unwrap();
        old.pragma_update(None, "user_version", 3).unwrap();
        let tx = old.transaction().unwrap();
        migrate(&tx).unwrap();
        tx.commit().unwrap();
        assert_eq!(describe(&old).unwrap(), fresh_description());
        let stale: Vec<(i64, i64)> = old
            .prepare("SELECT id, stale FROM search_index")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(stale, vec![(1, 0)]);
    }

    #[test]
    fn newer_schema_is_refused() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "user_version", VERSION + 1)
            .unwrap();
        let tx = conn.transaction().unwrap();
        assert!(
            matches!(migrate(&tx), Err(StoreError::NewerSchema { found, .. }) if found == VERSION + 1)
        );
    }

    #[test]
    fn unknown_tables_at_version_zero_are_not_guessed() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE other (x)").unwrap();
        let tx = conn.transaction().unwrap();
        assert!(migrate(&tx).is_err());
    }
}
