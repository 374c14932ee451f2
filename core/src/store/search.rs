//! Search by name, mother's name, NIK, KIA number or household number, ignoring case and
//! diacritics, matching prefixes of any word (issue 3). Decision and measurements:
//! docs/adr/0002-search.md (a normalized token table, chosen over FTS5 by measurement).
//!
//! Each target (a pregnancy, or a child) has one row per normalized word of the text it is
//! found by, kept up to date in the same transaction as the register write that changed it.
//! A query matches a target when every query word is a prefix of one of its words.

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

/// A pregnancy is found by the mother's name and NIK, its KIA number and the household number.
pub(crate) fn reindex_pregnancy(tx: &Transaction, id: &str) -> Result<()> {
    let mut stmt = tx.prepare_cached(
        "SELECT p.deleted, m.name, m.nik, p.kia_number, h.number FROM pregnancy p
         JOIN mother m ON m.id = p.mother_id LEFT JOIN household h ON h.id = m.household_id WHERE p.id = ?1",
    )?;
    let row: Option<(bool, Vec<Option<String>>)> = stmt
        .query_map([id], |r| {
            Ok((
                r.get::<_, bool>(0)?,
                vec![r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?],
            ))
        })?
        .next()
        .transpose()?;
    match row {
        Some((false, texts)) => write_tokens(tx, TargetKind::Pregnancy, id, &texts),
        _ => write_tokens(tx, TargetKind::Pregnancy, id, &[]),
    }
}

/// A child is found by its own name, NIK and KIA number, its mother's name and the household number.
pub(crate) fn reindex_child(tx: &Transaction, id: &str) -> Result<()> {
    let mut stmt = tx.prepare_cached(
        "SELECT c.deleted, c.name, c.nik, c.kia_number, m.name, h.number FROM child c
         LEFT JOIN mother m ON m.id = c.mother_id LEFT JOIN household h ON h.id = c.household_id WHERE c.id = ?1",
    )?;
    let row: Option<(bool, Vec<Option<String>>)> = stmt
        .query_map([id], |r| {
            Ok((
                r.get::<_, bool>(0)?,
                vec![r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?],
            ))
        })?
        .next()
        .transpose()?;
    match row {
        Some((false, texts)) => write_tokens(tx, TargetKind::Child, id, &texts),
        _ => write_tokens(tx, TargetKind::Child, id, &[]),
    }
}

fn ids(tx: &Transaction, sql: &str, key: &str) -> Result<Vec<String>> {
    let mut stmt = tx.prepare_cached(sql)?;
    let rows = stmt.query_map([key], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub(crate) fn reindex_mother(tx: &Transaction, mother_id: &str) -> Result<()> {
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

pub(crate) fn reindex_household(tx: &Transaction, household_id: &str) -> Result<()> {
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

/// Rebuilds every target's tokens (after a change of `words`, or a bulk import).
pub(crate) fn rebuild(tx: &Transaction) -> Result<()> {
    tx.execute("DELETE FROM search_token", [])?;
    let all = |sql: &str| -> Result<Vec<String>> {
        let mut stmt = tx.prepare(sql)?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    };
    for p in all("SELECT id FROM pregnancy WHERE deleted = 0")? {
        reindex_pregnancy(tx, &p)?;
    }
    for c in all("SELECT id FROM child WHERE deleted = 0")? {
        reindex_child(tx, &c)?;
    }
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
