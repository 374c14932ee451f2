//! Search by name, mother's name, NIK, KIA number or household number, ignoring case and
//! diacritics, matching prefixes of any word (issue 3). Decision and measurements:
//! docs/adr/0002-search.md (a normalized token table, chosen over FTS5 by measurement).
//!
//! Each target (a pregnancy, or a child) has one row per normalized word of the text it is
//! found by, kept up to date in the same transaction as the register write that changed it.
//! A query matches a target when every query word is a prefix of one of its words.
//!
//! Except on the kecamatan desk ([`TokenUpkeep::Deferred`], `OpenOptions::desk`): an import of
//! many villages never searches, and keeping the tokens was ~13 % of its CPU. There a register
//! write only marks the index stale (`search_index.stale`, schema v4, in the same transaction),
//! and the next search, on whatever device and with whatever options the file is opened, first
//! rebuilds every token in one transaction and clears the mark. A write with per-write upkeep
//! on a stale file refreshes the targets it touches but leaves the mark: only a full rebuild
//! makes the other targets current.

use chrono::NaiveDate;
use rusqlite::{params_from_iter, Connection, Transaction};

use super::error::Result;
use super::record::parse_date;
use crate::model::{completed_months, Id, TargetKind};

/// Lower-case, diacritics removed (Latin letters as Indonesian names and loan words use them).
pub fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match fold(ch) {
            Some(f) => out.push_str(f),
            None => out.extend(ch.to_lowercase()),
        }
    }
    out
}

fn fold(c: char) -> Option<&'static str> {
    Some(match c {
        'À'..='Å' | 'à'..='å' | 'Ā' | 'ā' | 'Ă' | 'ă' | 'Ą' | 'ą' => "a",
        'Æ' | 'æ' => "ae",
        'Ç' | 'ç' | 'Ć' | 'ć' | 'Č' | 'č' => "c",
        'Ď' | 'ď' | 'Đ' | 'đ' | 'Ð' | 'ð' => "d",
        'È'..='Ë' | 'è'..='ë' | 'Ē' | 'ē' | 'Ė' | 'ė' | 'Ę' | 'ę' | 'Ě' | 'ě' => "e",
        'Ğ' | 'ğ' | 'Ģ' | 'ģ' => "g",
        'Ì'..='Ï' | 'ì'..='ï' | 'Ī' | 'ī' | 'Į' | 'į' | 'İ' | 'ı' => "i",
        'Ñ' | 'ñ' | 'Ń' | 'ń' | 'Ň' | 'ň' => "n",
        'Ò'..='Ö' | 'Ø' | 'ò'..='ö' | 'ø' | 'Ō' | 'ō' | 'Ő' | 'ő' => "o",
        'Œ' | 'œ' => "oe",
        'Ř' | 'ř' => "r",
        'Ś' | 'ś' | 'Š' | 'š' | 'Ş' | 'ş' => "s",
        'ß' => "ss",
        'Ť' | 'ť' | 'Ţ' | 'ţ' => "t",
        'Ù'..='Ü' | 'ù'..='ü' | 'Ū' | 'ū' | 'Ů' | 'ů' | 'Ű' | 'ű' => "u",
        'Ý' | 'ý' | 'ÿ' | 'Ÿ' => "y",
        'Ź' | 'ź' | 'Ż' | 'ż' | 'Ž' | 'ž' => "z",
        // Combining marks (text typed in decomposed form) vanish.
        '\u{0300}'..='\u{036f}' => "",
        _ => return None,
    })
}

/// The searchable words of a text: normalized, split at anything not a letter or digit. A word
/// written with an apostrophe or hyphen ("Nur'aini", "Siti-Nur") is also kept joined ("nuraini").
pub fn words(s: &str) -> Vec<String> {
    let norm = normalize(s);
    let mut out = Vec::new();
    for chunk in norm.split(|c: char| {
        c.is_whitespace() || c == ',' || c == '.' || c == '/' || c == '(' || c == ')'
    }) {
        let parts: Vec<&str> = chunk
            .split(|c: char| !c.is_alphanumeric())
            .filter(|p| !p.is_empty())
            .collect();
        if parts.len() > 1 {
            out.push(parts.concat());
        }
        out.extend(parts.into_iter().map(str::to_string));
    }
    out.sort();
    out.dedup();
    out
}

/// How register writes treat the search tokens (chosen when the store is opened).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TokenUpkeep {
    /// Each write refreshes the tokens of the targets it describes (the phone: search is live).
    #[default]
    PerWrite,
    /// Writes leave the tokens alone and mark the index stale; the next search rebuilds it
    /// (the desk: an import writes thousands of targets and nobody searches meanwhile).
    Deferred,
}

/// A register row the search finds targets by: a write of it changes those targets' tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchSource<'a> {
    /// A household's number: every pregnancy of its mothers and every child in it.
    Household(&'a str),
    /// A mother's name and NIK: her pregnancies and children.
    Mother(&'a str),
    Pregnancy(&'a str),
    Child(&'a str),
}

/// The search upkeep of one written register row, in the write's transaction.
pub(crate) fn after_write(tx: &Transaction, upkeep: TokenUpkeep, source: SearchSource<'_>) -> Result<()> {
    match (upkeep, source) {
        (TokenUpkeep::Deferred, _) => mark_stale(tx),
        (TokenUpkeep::PerWrite, SearchSource::Household(id)) => reindex_household(tx, id),
        (TokenUpkeep::PerWrite, SearchSource::Mother(id)) => reindex_mother(tx, id),
        (TokenUpkeep::PerWrite, SearchSource::Pregnancy(id)) => reindex_pregnancy(tx, id),
        (TokenUpkeep::PerWrite, SearchSource::Child(id)) => reindex_child(tx, id),
    }
}

/// Records that some target's tokens are missing or out of date. Once set, the statement changes
/// nothing (no page written again for the rest of the import).
fn mark_stale(tx: &Transaction) -> Result<()> {
    tx.prepare_cached("UPDATE search_index SET stale = 1 WHERE id = 1 AND stale = 0")?
        .execute([])?;
    Ok(())
}

/// Whether a write left the tokens stale (they must be rebuilt before a search).
pub(crate) fn is_stale(conn: &Connection) -> Result<bool> {
    let mut stmt = conn.prepare_cached("SELECT stale FROM search_index WHERE id = 1")?;
    Ok(stmt.query_row([], |r| r.get::<_, bool>(0))?)
}

/// Rebuilds the tokens if they are stale (checked again inside the writer's transaction: two
/// searches racing for the rebuild do it once). Returns whether it rebuilt.
pub(crate) fn rebuild_if_stale(tx: &Transaction) -> Result<bool> {
    if !is_stale(tx)? {
        return Ok(false);
    }
    rebuild(tx)?;
    Ok(true)
}

fn write_tokens(
    tx: &Transaction,
    kind: TargetKind,
    target_id: &str,
    texts: &[Option<String>],
) -> Result<()> {
    let mut del = tx.prepare_cached("DELETE FROM search_token WHERE target_id = ?1")?;
    del.execute([target_id])?;
    let mut ins = tx.prepare_cached(
        "INSERT OR IGNORE INTO search_token (token, target_kind, target_id) VALUES (?1, ?2, ?3)",
    )?;
    for t in texts.iter().flatten() {
        for w in words(t) {
            ins.execute([w.as_str(), kind.code(), target_id])?;
        }
    }
    Ok(())
}

/// Where the texts a kind of target is found by are read: `select` returns its id, `deleted`
/// and `texts` texts; `alias` names the target's table in it. One description serves the refresh
/// of one target and the rebuild of all, so both index the same words.
struct Texts {
    kind: TargetKind,
    select: &'static str,
    alias: &'static str,
    texts: usize,
}

/// A pregnancy is found by the mother's name and NIK, its KIA number and the household number.
const PREGNANCY_TEXTS: Texts = Texts {
    kind: TargetKind::Pregnancy,
    select: "SELECT p.id, p.deleted, m.name, m.nik, p.kia_number, h.number FROM pregnancy p
     JOIN mother m ON m.id = p.mother_id LEFT JOIN household h ON h.id = m.household_id",
    alias: "p",
    texts: 4,
};

/// A child is found by its own name, NIK and KIA number, its mother's name and the household number.
const CHILD_TEXTS: Texts = Texts {
    kind: TargetKind::Child,
    select: "SELECT c.id, c.deleted, c.name, c.nik, c.kia_number, m.name, h.number FROM child c
     LEFT JOIN mother m ON m.id = c.mother_id LEFT JOIN household h ON h.id = c.household_id",
    alias: "c",
    texts: 5,
};

impl Texts {
    /// One row of `select`: id, deleted, the texts.
    fn row(&self, r: &rusqlite::Row<'_>) -> rusqlite::Result<(String, bool, Vec<Option<String>>)> {
        let texts = (0..self.texts).map(|i| r.get(2 + i)).collect::<rusqlite::Result<_>>()?;
        Ok((r.get(0)?, r.get(1)?, texts))
    }

    /// Refreshes one target's tokens (none when it is deleted or gone).
    fn reindex(&self, tx: &Transaction, id: &str) -> Result<()> {
        let mut stmt = tx.prepare_cached(&format!("{} WHERE {}.id = ?1", self.select, self.alias))?;
        let row = stmt.query_map([id], |r| self.row(r))?.next().transpose()?;
        match row {
            Some((_, false, texts)) => write_tokens(tx, self.kind, id, &texts),
            _ => write_tokens(tx, self.kind, id, &[]),
        }
    }

    /// (token, kind, id) of every live target of this kind, each word once per target.
    fn all_tokens(&self, tx: &Transaction, out: &mut Vec<(String, &'static str, String)>) -> Result<()> {
        let mut stmt = tx.prepare(&format!("{} WHERE {}.deleted = 0", self.select, self.alias))?;
        for target in stmt.query_map([], |r| self.row(r))? {
            let (id, _, texts) = target?;
            let mut tokens: Vec<String> = texts.iter().flatten().flat_map(|t| words(t)).collect();
            // the same word in two texts (a child named after its mother) is one token
            tokens.sort_unstable();
            tokens.dedup();
            out.extend(tokens.into_iter().map(|w| (w, self.kind.code(), id.clone())));
        }
        Ok(())
    }
}

fn reindex_pregnancy(tx: &Transaction, id: &str) -> Result<()> {
    PREGNANCY_TEXTS.reindex(tx, id)
}

fn reindex_child(tx: &Transaction, id: &str) -> Result<()> {
    CHILD_TEXTS.reindex(tx, id)
}

fn ids(tx: &Transaction, sql: &str, key: &str) -> Result<Vec<String>> {
    let mut stmt = tx.prepare_cached(sql)?;
    let rows = stmt.query_map([key], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn reindex_mother(tx: &Transaction, mother_id: &str) -> Result<()> {
    for p in ids(
        tx,
        "SELECT id FROM pregnancy WHERE mother_id = ?1",
        mother_id,
    )? {
        reindex_pregnancy(tx, &p)?;
    }
    for c in ids(tx, "SELECT id FROM child WHERE mother_id = ?1", mother_id)? {
        reindex_child(tx, &c)?;
    }
    Ok(())
}

fn reindex_household(tx: &Transaction, household_id: &str) -> Result<()> {
    let pregnancies = "SELECT p.id FROM pregnancy p JOIN mother m ON m.id = p.mother_id WHERE m.household_id = ?1";
    for p in ids(tx, pregnancies, household_id)? {
        reindex_pregnancy(tx, &p)?;
    }
    for c in ids(
        tx,
        "SELECT id FROM child WHERE household_id = ?1",
        household_id,
    )? {
        reindex_child(tx, &c)?;
    }
    Ok(())
}

/// Rebuilds every target's tokens (after a desk import, or a change of `words`) and clears the
/// stale mark. One scan per target table; the tokens are sorted before they are inserted, so
/// the token B-tree is written in key order (page after page) rather than at random places.
pub(crate) fn rebuild(tx: &Transaction) -> Result<()> {
    tx.execute("DELETE FROM search_token", [])?;
    let mut rows: Vec<(String, &'static str, String)> = Vec::new();
    PREGNANCY_TEXTS.all_tokens(tx, &mut rows)?;
    CHILD_TEXTS.all_tokens(tx, &mut rows)?;
    rows.sort_unstable_by(|a, b| (&a.0, &a.2).cmp(&(&b.0, &b.2)));
    let mut ins = tx.prepare_cached(
        "INSERT OR IGNORE INTO search_token (token, target_kind, target_id) VALUES (?1, ?2, ?3)",
    )?;
    for (token, kind, id) in &rows {
        ins.execute([token.as_str(), kind, id.as_str()])?;
    }
    tx.execute("UPDATE search_index SET stale = 0 WHERE id = 1", [])?;
    Ok(())
}

/// One search result, ready for the list screen.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct SearchHit {
    /// `Pregnancy`, or for a child `Child` (0-23 months today) or `Paud` (24 months and older).
    pub kind: TargetKind,
    pub target_id: Id,
    /// The mother's name for a pregnancy, the child's name for a child.
    pub name: String,
    /// The mother's name, for a child.
    pub mother_name: Option<String>,
    pub household_number: Option<String>,
    pub hamlet_name: Option<String>,
    /// Birth date of a child, expected delivery of a pregnancy.
    pub date: Option<NaiveDate>,
    /// The episode has ended (moved, died, miscarriage): shown greyed out.
    pub ended: bool,
}

/// Runs a search on `conn`; at most `limit` hits, ordered by name. An empty query finds nothing.
pub(crate) fn run(
    conn: &Connection,
    query: &str,
    today: NaiveDate,
    limit: u32,
) -> Result<Vec<SearchHit>> {
    let qwords = words(query);
    if qwords.is_empty() {
        return Ok(Vec::new());
    }
    let mut params: Vec<String> = Vec::new();
    let mut parts = Vec::new();
    for w in &qwords {
        let n = params.len();
        parts.push(format!(
            "SELECT target_id FROM search_token WHERE token >= ?{} AND token < ?{}",
            n + 1,
            n + 2
        ));
        params.push(w.clone());
        params.push(format!("{w}\u{10FFFF}"));
    }
    let hits = parts.join(" INTERSECT ");
    let sql = format!(
        "WITH hits(target_id) AS ({hits})
         SELECT 'P', p.id, m.name, NULL, h.number, hm.name, p.expected_delivery, p.end_date IS NOT NULL
           FROM hits JOIN pregnancy p ON p.id = hits.target_id JOIN mother m ON m.id = p.mother_id
           LEFT JOIN household h ON h.id = m.household_id LEFT JOIN hamlet hm ON hm.id = h.hamlet_id
         UNION ALL
         SELECT 'C', c.id, c.name, m.name, h.number, hm.name, c.birth_date, c.end_date IS NOT NULL
           FROM hits JOIN child c ON c.id = hits.target_id LEFT JOIN mother m ON m.id = c.mother_id
           LEFT JOIN household h ON h.id = c.household_id LEFT JOIN hamlet hm ON hm.id = h.hamlet_id
         ORDER BY 3, 2 LIMIT {limit}"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params_from_iter(params.iter()), |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, Option<String>>(3)?,
            r.get::<_, Option<String>>(4)?,
            r.get::<_, Option<String>>(5)?,
            r.get::<_, Option<String>>(6)?,
            r.get::<_, bool>(7)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (k, target_id, name, mother_name, household_number, hamlet_name, d, ended) = row?;
        let date = d.as_deref().and_then(parse_date);
        let kind = if k == "P" {
            TargetKind::Pregnancy
        } else {
            match date.and_then(|b| completed_months(b, today)) {
                Some(m) if m >= 24 => TargetKind::Paud,
                _ => TargetKind::Child,
            }
        };
        out.push(SearchHit {
            kind,
            target_id,
            name,
            mother_name,
            household_number,
            hamlet_name,
            date,
            ended,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_drops_case_and_diacritics() {
        assert_eq!(normalize("Désirée ÇAKIR"), "desiree cakir");
        assert_eq!(normalize("Siti Nu\u{0301}r"), "siti nur");
    }

    #[test]
    fn words_split_and_keep_joined_forms() {
        assert_eq!(
            words("Siti Nur'aini"),
            vec!["aini", "nur", "nuraini", "siti"]
        );
        assert_eq!(words("RT 01/005"), vec!["005", "01", "rt"]);
        assert_eq!(words("3302014505900001"), vec!["3302014505900001"]);
        assert!(words("  ,. ").is_empty());
    }
}
