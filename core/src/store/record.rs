//! How a model entity maps to its table, and the generic row operations every entity shares:
//! read, upsert with version bump and history (the app's own edits), soft delete, and writing an
//! incoming record as it is (the place bundle merges call, see `Store::apply_incoming`).
//!
//! Each entity's fields are their own columns (queries filter and join on them); dates are ISO
//! text `YYYY-MM-DD`, months `YYYY-MM` (both sort as text), booleans 0/1, optional answers NULL,
//! codes as their `code()` (model/codes.rs).

use chrono::NaiveDate;
use rusqlite::types::{FromSql, Type, Value, ValueRef};
use rusqlite::{params_from_iter, OptionalExtension, Row, Transaction};
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::error::{Result, StoreError};
use super::history;
use super::search::{self, SearchSource, TokenUpkeep};
use crate::model::{Meta, YearMonth};

/// The bookkeeping columns after the entity's own, in this order.
pub(crate) const META_COLUMNS: [&str; 5] = [
    "created_at",
    "updated_at",
    "version",
    "deleted",
    "device_id",
];

/// Who is writing, stamped on rows and history (issue 3: who = device/cadre, when, which device).
#[derive(Debug, Clone)]
pub struct Actor {
    pub device_id: String,
    pub cadre_id: Option<String>,
    /// Milliseconds since the Unix epoch.
    pub now_ms: i64,
}

/// A stored entity: its table, its own columns, and the conversions to and from a row.
pub trait Record: Clone + PartialEq + Serialize + DeserializeOwned + Send + 'static {
    /// Table name; also the `entity` name in the history table.
    const TABLE: &'static str;
    /// The entity's own columns, without `id` and the meta columns, in `values()` order.
    const COLUMNS: &'static [&'static str];
    fn id(&self) -> &str;
    fn meta(&self) -> &Meta;
    fn meta_mut(&mut self) -> &mut Meta;
    /// Values for `COLUMNS`, in order.
    fn values(&self) -> Vec<Value>;
    /// Builds the record from a row read with `select_sql` (id, COLUMNS..., meta).
    fn from_cols(c: &mut Cols<'_, '_>) -> rusqlite::Result<Self>;
    /// The search targets whose tokens a write of this record changes (the registers the search
    /// finds targets by); the store refreshes them, or marks them stale, in the same transaction.
    fn search_source(&self) -> Option<SearchSource<'_>> {
        None
    }
}

pub(crate) fn select_sql<R: Record>() -> String {
    format!("SELECT {} FROM {}", columns::<R>(""), R::TABLE)
}

/// The columns `R::from_cols` reads, in order, each prefixed with `prefix` (`"c."` in a join):
/// a query can select a whole record and more columns after it from the same row.
pub(crate) fn columns<R: Record>(prefix: &str) -> String {
    std::iter::once("id")
        .chain(R::COLUMNS.iter().copied())
        .chain(META_COLUMNS)
        .map(|c| format!("{prefix}{c}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn upsert_sql<R: Record>() -> String {
    let mut cols = vec!["id"];
    cols.extend_from_slice(R::COLUMNS);
    cols.extend_from_slice(&META_COLUMNS);
    cols.push("change_seq");
    let marks: Vec<String> = (1..=cols.len()).map(|i| format!("?{i}")).collect();
    let updates: Vec<String> = cols[1..]
        .iter()
        .map(|c| format!("{c} = excluded.{c}"))
        .collect();
    format!(
        "INSERT INTO {} ({}) VALUES ({}) ON CONFLICT(id) DO UPDATE SET {}",
        R::TABLE,
        cols.join(", "),
        marks.join(", "),
        updates.join(", ")
    )
}

/// Sequential column reader over a row; conversion failures name the column index.
pub struct Cols<'a, 'b> {
    row: &'a Row<'b>,
    i: usize,
}

#[derive(Debug)]
struct BadValue(String);
impl std::fmt::Display for BadValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "unexpected stored value {:?}", self.0)
    }
}
impl std::error::Error for BadValue {}

impl<'a, 'b> Cols<'a, 'b> {
    pub fn new(row: &'a Row<'b>) -> Self {
        Cols { row, i: 0 }
    }
    fn bad(&self, v: &str) -> rusqlite::Error {
        rusqlite::Error::FromSqlConversionFailure(
            self.i - 1,
            Type::Text,
            Box::new(BadValue(v.to_string())),
        )
    }
    pub fn get<T: FromSql>(&mut self) -> rusqlite::Result<T> {
        let v = self.row.get(self.i);
        self.i += 1;
        v
    }
    pub fn text(&mut self) -> rusqlite::Result<String> {
        self.get()
    }
    pub fn opt_text(&mut self) -> rusqlite::Result<Option<String>> {
        self.get()
    }
    /// The next column as an integer, NULL as `None`, read in place (`get_ref`: no `FromSql`
    /// layer; measured: the boolean answer columns were ~9% of a quarter's load through `get`).
    fn opt_i64(&mut self) -> rusqlite::Result<Option<i64>> {
        let i = self.i;
        self.i += 1;
        match self.row.get_ref(i)? {
            ValueRef::Null => Ok(None),
            ValueRef::Integer(v) => Ok(Some(v)),
            other => Err(rusqlite::Error::InvalidColumnType(i, format!("column {i}"), other.data_type())),
        }
    }
    /// The next column as a non-NULL integer.
    pub fn i64(&mut self) -> rusqlite::Result<i64> {
        match self.opt_i64()? {
            Some(v) => Ok(v),
            None => Err(rusqlite::Error::InvalidColumnType(self.i - 1, format!("column {}", self.i - 1), Type::Null)),
        }
    }
    pub fn bool(&mut self) -> rusqlite::Result<bool> {
        Ok(self.i64()? != 0)
    }
    pub fn opt_bool(&mut self) -> rusqlite::Result<Option<bool>> {
        Ok(self.opt_i64()?.map(|v| v != 0))
    }
    pub fn u32(&mut self) -> rusqlite::Result<u32> {
        let v = self.i64()?;
        u32::try_from(v).map_err(|_| self.bad(&v.to_string()))
    }
    pub fn opt_u32(&mut self) -> rusqlite::Result<Option<u32>> {
        match self.opt_i64()? {
            None => Ok(None),
            Some(v) => u32::try_from(v)
                .map(Some)
                .map_err(|_| self.bad(&v.to_string())),
        }
    }
    pub fn opt_f64(&mut self) -> rusqlite::Result<Option<f64>> {
        self.get()
    }
    /// The next column as borrowed text (NULL as `None`), without allocating a `String`: dates,
    /// months and codes are parsed straight from SQLite's buffer. Measured: loading a quarter
    /// (~15k rows, 5-8 such columns each) spent a visible share in those short-lived Strings.
    fn opt_str(&mut self) -> rusqlite::Result<Option<&'a str>> {
        let i = self.i;
        self.i += 1;
        match self.row.get_ref(i)? {
            ValueRef::Null => Ok(None),
            ValueRef::Text(b) => std::str::from_utf8(b)
                .map(Some)
                .map_err(|e| rusqlite::Error::FromSqlConversionFailure(i, Type::Text, Box::new(e))),
            other => Err(rusqlite::Error::InvalidColumnType(i, format!("column {i}"), other.data_type())),
        }
    }
    fn str(&mut self) -> rusqlite::Result<&'a str> {
        match self.opt_str()? {
            Some(s) => Ok(s),
            None => Err(rusqlite::Error::InvalidColumnType(self.i - 1, format!("column {}", self.i - 1), Type::Null)),
        }
    }
    pub fn date(&mut self) -> rusqlite::Result<NaiveDate> {
        let s = self.str()?;
        parse_date(s).ok_or_else(|| self.bad(s))
    }
    pub fn opt_date(&mut self) -> rusqlite::Result<Option<NaiveDate>> {
        match self.opt_str()? {
            None => Ok(None),
            Some(s) => parse_date(s).map(Some).ok_or_else(|| self.bad(s)),
        }
    }
    pub fn month(&mut self) -> rusqlite::Result<YearMonth> {
        let s = self.str()?;
        parse_month(s).ok_or_else(|| self.bad(s))
    }
    pub fn code<E>(&mut self, from: fn(&str) -> Option<E>) -> rusqlite::Result<E> {
        let s = self.str()?;
        from(s).ok_or_else(|| self.bad(s))
    }
    pub fn opt_code<E>(&mut self, from: fn(&str) -> Option<E>) -> rusqlite::Result<Option<E>> {
        match self.opt_str()? {
            None => Ok(None),
            Some(s) => from(s).map(Some).ok_or_else(|| self.bad(s)),
        }
    }
    pub fn meta(&mut self) -> rusqlite::Result<Meta> {
        Ok(Meta {
            created_at: self.i64()?,
            updated_at: self.i64()?,
            version: self.u32()?,
            deleted: self.bool()?,
            device_id: self.text()?,
        })
    }
}

/// `YYYY-MM-DD` as the store writes it (hand-rolled: chrono's format parser was a measurable
/// share of loading a quarter's 14k rows).
pub(crate) fn parse_date(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    NaiveDate::from_ymd_opt(digits(&b[0..4])? as i32, digits(&b[5..7])?, digits(&b[8..10])?)
}
/// `YYYY-MM`.
pub(crate) fn parse_month(s: &str) -> Option<YearMonth> {
    let b = s.as_bytes();
    if b.len() != 7 || b[4] != b'-' {
        return None;
    }
    YearMonth::new(digits(&b[0..4])? as i32, digits(&b[5..7])?)
}
fn digits(b: &[u8]) -> Option<u32> {
    b.iter().try_fold(0u32, |acc, &c| c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0')))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_months_parse_as_written() {
        assert_eq!(parse_date("2024-02-29"), NaiveDate::from_ymd_opt(2024, 2, 29));
        assert_eq!(parse_date("2023-02-29"), None);
        assert_eq!(parse_date("2024-2-29"), None);
        assert_eq!(parse_date("2024-02-2x"), None);
        assert_eq!(parse_month("2024-12"), YearMonth::new(2024, 12));
        assert_eq!(parse_month("2024-13"), None);
        assert_eq!(parse_month("2024-1"), None);
        for d in [NaiveDate::from_ymd_opt(1999, 1, 9).unwrap(), NaiveDate::from_ymd_opt(2030, 12, 31).unwrap()] {
            let Value::Text(t) = date(d) else { panic!() };
            assert_eq!(parse_date(&t), Some(d));
        }
    }
}

// Value builders used by the entity mappings.
pub(crate) fn text(s: &str) -> Value {
    Value::Text(s.to_string())
}
pub(crate) fn opt_text(s: &Option<String>) -> Value {
    s.as_deref().map_or(Value::Null, text)
}
pub(crate) fn boolean(b: bool) -> Value {
    Value::Integer(b as i64)
}
pub(crate) fn opt_bool(b: Option<bool>) -> Value {
    b.map_or(Value::Null, boolean)
}
pub(crate) fn int(v: u32) -> Value {
    Value::Integer(v as i64)
}
pub(crate) fn opt_int(v: Option<u32>) -> Value {
    v.map_or(Value::Null, int)
}
pub(crate) fn opt_real(v: Option<f64>) -> Value {
    v.map_or(Value::Null, Value::Real)
}
pub(crate) fn date(d: NaiveDate) -> Value {
    // NaiveDate's Display is ISO 8601 "%Y-%m-%d" (the same text), without parsing a format string
    // for every date of an import
    Value::Text(d.to_string())
}
pub(crate) fn opt_date(d: Option<NaiveDate>) -> Value {
    d.map_or(Value::Null, date)
}
pub(crate) fn month(m: YearMonth) -> Value {
    Value::Text(m.to_string())
}
pub(crate) fn code(c: &'static str) -> Value {
    Value::Text(c.to_string())
}

/// A live or deleted row by id.
pub(crate) fn get_any<R: Record>(conn: &rusqlite::Connection, id: &str) -> Result<Option<R>> {
    let sql = format!("{} WHERE id = ?1", select_sql::<R>());
    let mut stmt = conn.prepare_cached(&sql)?;
    Ok(stmt
        .query_row([id], |row| R::from_cols(&mut Cols::new(row)))
        .optional()?)
}

/// A live row by id, or `NotFound`.
pub(crate) fn get_live<R: Record>(conn: &rusqlite::Connection, id: &str) -> Result<R> {
    match get_any::<R>(conn, id)? {
        Some(r) if !r.meta().deleted => Ok(r),
        _ => Err(StoreError::NotFound {
            entity: R::TABLE,
            id: id.to_string(),
        }),
    }
}

/// Rows matching a WHERE clause (without the keyword), in the given order.
pub(crate) fn load_where<R: Record, P: rusqlite::Params>(
    conn: &rusqlite::Connection,
    where_sql: &str,
    params: P,
) -> Result<Vec<R>> {
    let sql = format!("{} WHERE {}", select_sql::<R>(), where_sql);
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params, |row| R::from_cols(&mut Cols::new(row)))?;
    Ok(rows.collect::<Result<Vec<_>, _>>()?)
}

/// Rows matching a WHERE clause whose text column `key` passes `keep`, by one sequential scan of
/// the table (`NOT INDEXED`: for a set of keys covering most of the table, reading it in file
/// order beats an index seek plus a table seek per row). `keep` is tested before the rest of the
/// row is converted (a row left out costs one column read, not a whole record).
pub(crate) fn load_where_keyed<R: Record, P: rusqlite::Params>(
    conn: &rusqlite::Connection,
    where_sql: &str,
    params: P,
    key: &str,
    keep: impl Fn(&str) -> bool,
) -> Result<Vec<R>> {
    // Column index in `select_sql`: `id` is 0, the entity's own columns follow.
    let i = match R::COLUMNS.iter().position(|c| *c == key) {
        _ if key == "id" => 0,
        Some(i) => i + 1,
        None => return Err(StoreError::Sqlite(rusqlite::Error::InvalidColumnName(key.to_string()))),
    };
    let sql = format!("{} NOT INDEXED WHERE {}", select_sql::<R>(), where_sql);
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query(params)?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        let value = row.get_ref(i)?;
        let text = value
            .as_str()
            .map_err(|e| rusqlite::Error::FromSqlConversionFailure(i, value.data_type(), Box::new(e)))?;
        if keep(text) {
            out.push(R::from_cols(&mut Cols::new(row))?);
        }
    }
    Ok(out)
}

/// Rows of `sql` (a whole SELECT) whose text column number `key` passes `keep`, each decoded by
/// `decode` and paired with what `keep` returned (e.g. the rank of its target, a cheap sort key).
/// `keep` is tested before the rest of the row is converted (a row left out costs one column
/// read, not a whole record).
pub(crate) fn scan_keyed<K, T, P: rusqlite::Params>(
    conn: &rusqlite::Connection,
    sql: &str,
    params: P,
    key: usize,
    mut keep: impl FnMut(&str) -> Option<K>,
    mut decode: impl FnMut(&mut Cols<'_, '_>) -> rusqlite::Result<T>,
) -> Result<Vec<(K, T)>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let mut rows = stmt.query(params)?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        let value = row.get_ref(key)?;
        let text = value
            .as_str()
            .map_err(|e| rusqlite::Error::FromSqlConversionFailure(key, value.data_type(), Box::new(e)))?;
        if let Some(k) = keep(text) {
            out.push((k, decode(&mut Cols::new(row))?));
        }
    }
    Ok(out)
}

/// The next value of the global change counter (monotonic over the life of the file).
pub(crate) fn next_change_seq(tx: &Transaction) -> Result<i64> {
    let mut stmt = tx.prepare_cached(
        "UPDATE change_counter SET value = value + 1 WHERE id = 1 RETURNING value",
    )?;
    Ok(stmt.query_row([], |r| r.get(0))?)
}

/// The search upkeep after `rec` was written (see `search::TokenUpkeep`).
pub(crate) fn after_write<R: Record>(tx: &Transaction, tokens: TokenUpkeep, rec: &R) -> Result<()> {
    match rec.search_source() {
        Some(source) => search::after_write(tx, tokens, source),
        None => Ok(()),
    }
}

/// Writes `rec` exactly as given (meta included) and stamps a fresh change counter value.
pub(crate) fn write_row<R: Record>(tx: &Transaction, tokens: TokenUpkeep, rec: &R) -> Result<()> {
    let seq = next_change_seq(tx)?;
    let mut values = vec![text(rec.id())];
    values.extend(rec.values());
    let m = rec.meta();
    values.extend([
        Value::Integer(m.created_at),
        Value::Integer(m.updated_at),
        int(m.version),
        boolean(m.deleted),
        text(&m.device_id),
        Value::Integer(seq),
    ]);
    let mut stmt = tx.prepare_cached(&upsert_sql::<R>())?;
    stmt.execute(params_from_iter(values))?;
    after_write(tx, tokens, rec)
}

fn same_content<R: Record>(a: &R, b: &R) -> bool {
    let mut b = b.clone();
    *b.meta_mut() = a.meta().clone();
    *a == b
}

/// A draft form being filled in answer by answer on this device (architecture.md "Drafts"):
/// the new version keeps every answer the previous one had and only adds answers (or finishes
/// the form). Its previous version loses nothing typed, so it is not kept in the history
/// (otherwise every form would leave one history row per answer). Changing or clearing an
/// answer, or editing another device's draft, is kept as usual.
fn draft_filled_in<R: Record>(prev: &R, new: &R, actor: &Actor) -> Result<bool> {
    let (serde_json::Value::Object(old), serde_json::Value::Object(next)) =
        (serde_json::to_value(prev)?, serde_json::to_value(new)?)
    else {
        return Ok(false);
    };
    let is_draft = old.get("status").and_then(|s| s.as_str()) == Some(crate::model::FormStatus::Draft.code());
    if !is_draft || prev.meta().device_id != actor.device_id {
        return Ok(false);
    }
    Ok(old.iter().all(|(k, v)| k == "meta" || k == "status" || v.is_null() || next.get(k) == Some(v)))
}

/// The app's own save: insert, or update keeping the previous version in the history.
/// Meta is set here (version +1, timestamps, device); the caller's meta is ignored.
/// Saving unchanged content is a no-op and returns the stored record.
pub(crate) fn save<R: Record>(tx: &Transaction, actor: &Actor, tokens: TokenUpkeep, rec: &R) -> Result<R> {
    let mut new = rec.clone();
    match get_any::<R>(tx, rec.id())? {
        Some(prev) => {
            if !prev.meta().deleted && same_content(&prev, &new) {
                return Ok(prev);
            }
            if prev.meta().deleted || !draft_filled_in(&prev, &new, actor)? {
                history::record(tx, actor, &prev, history::Op::Update)?;
            }
            let p = prev.meta();
            *new.meta_mut() = Meta {
                created_at: p.created_at,
                updated_at: actor.now_ms.max(p.updated_at),
                version: p.version + 1,
                deleted: false,
                device_id: actor.device_id.clone(),
            };
        }
        None => *new.meta_mut() = Meta::new(actor.now_ms, &actor.device_id),
    }
    write_row(tx, tokens, &new)?;
    Ok(new)
}

/// Soft delete: the row stays with `deleted = 1`; its last live version goes to the history.
pub(crate) fn delete<R: Record>(tx: &Transaction, actor: &Actor, tokens: TokenUpkeep, id: &str) -> Result<R> {
    let prev = get_live::<R>(tx, id)?;
    history::record(tx, actor, &prev, history::Op::Delete)?;
    let mut gone = prev.clone();
    let p = prev.meta();
    *gone.meta_mut() = Meta {
        created_at: p.created_at,
        updated_at: actor.now_ms.max(p.updated_at),
        version: p.version + 1,
        deleted: true,
        device_id: actor.device_id.clone(),
    };
    write_row(tx, tokens, &gone)?;
    Ok(gone)
}

/// Writes a record that arrived from elsewhere (a bundle) as it is, meta included, keeping the
/// version it replaces in the history (op `merge`). Returns false when it was already stored as is.
/// Deciding *whether* an incoming version wins is the bundle merge rule's job, not this function's.
pub(crate) fn put_as_is<R: Record>(tx: &Transaction, actor: &Actor, tokens: TokenUpkeep, rec: &R) -> Result<bool> {
    match get_any::<R>(tx, rec.id())? {
        Some(prev) if prev == *rec => return Ok(false),
        Some(prev) => history::record(tx, actor, &prev, history::Op::Merge)?,
        None => {}
    }
    write_row(tx, tokens, rec)?;
    Ok(true)
}

#[cfg(test)]
mod date_text_tests {
    use super::*;

    #[test]
    fn dates_are_stored_as_iso_8601_text() {
        for (y, m, d) in [(2025, 3, 9), (1, 1, 1), (9999, 12, 31), (10000, 1, 1), (-5, 6, 7)] {
            let day = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            assert_eq!(date(day), Value::Text(day.format("%Y-%m-%d").to_string()), "{day}");
        }
        assert_eq!(date(NaiveDate::from_ymd_opt(2025, 3, 9).unwrap()), Value::Text("2025-03-09".into()));
    }
}
