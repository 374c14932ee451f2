//! Input checks run inside the write transaction before anything is written (issue 3: bad input
//! is refused before it reaches the database, which stays as it was).
//!
//! Two layers: the field rules of the forms module (`crate::forms::validate_*`: NIK, names, dates
//! not in the future, visit date inside its month, one record per target and month,
//! physiological measurement ranges, the section 11 rules per form), fed with the records they
//! need from the database (the target, its other monthly records, the mother); and the rules
//! only the database can answer: the referenced register exists and is live, and the KIA number
//! is unique among live pregnancies (domain.md 11, A.9).

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};

use super::error::Result;
use super::record::{get_any, load_where, Record};
use crate::forms;
use crate::model::*;

/// Store-level validation of a record about to be written.
pub trait Validate: Record {
    /// Findings for `self`; an `Error` finding refuses the write.
    fn issues(&self, conn: &Connection, today: NaiveDate) -> Result<Vec<Issue>>;
}

fn exists(
    conn: &Connection,
    table: &str,
    id: &str,
    field: &str,
    out: &mut Vec<Issue>,
) -> Result<()> {
    let sql = format!("SELECT 1 FROM {table} WHERE id = ?1 AND deleted = 0");
    let found: Option<i64> = conn
        .prepare_cached(&sql)?
        .query_row([id], |r| r.get(0))
        .optional()?;
    if found.is_none() {
        out.push(Issue::error(
            field,
            "V-REF",
            Text::new(
                "Data yang dirujuk tidak ada atau sudah dihapus.",
                "The referenced record does not exist or was deleted.",
            ),
        ));
    }
    Ok(())
}

fn opt_exists(
    conn: &Connection,
    table: &str,
    id: &Option<String>,
    field: &str,
    out: &mut Vec<Issue>,
) -> Result<()> {
    match id {
        Some(id) => exists(conn, table, id, field, out),
        None => Ok(()),
    }
}

/// The live parent record a row points to, or a `V-REF` issue.
fn parent<P: Record>(conn: &Connection, id: &str, field: &str, out: &mut Vec<Issue>) -> Result<Option<P>> {
    match get_any::<P>(conn, id)? {
        Some(p) if !p.meta().deleted => Ok(Some(p)),
        _ => {
            exists(conn, P::TABLE, id, field, out)?;
            Ok(None)
        }
    }
}

fn others<V: Record>(conn: &Connection, column: &str, target_id: &str) -> Result<Vec<V>> {
    load_where(conn, &format!("deleted = 0 AND {column} = ?1"), [target_id])
}

impl Validate for Village {
    fn issues(&self, _: &Connection, _: NaiveDate) -> Result<Vec<Issue>> {
        Ok(Vec::new())
    }
}
impl Validate for Hamlet {
    fn issues(&self, conn: &Connection, _: NaiveDate) -> Result<Vec<Issue>> {
        let mut out = Vec::new();
        exists(conn, "village", &self.village_id, "village_id", &mut out)?;
        Ok(out)
    }
}
impl Validate for Posyandu {
    fn issues(&self, conn: &Connection, _: NaiveDate) -> Result<Vec<Issue>> {
        let mut out = Vec::new();
        exists(conn, "village", &self.village_id, "village_id", &mut out)?;
        opt_exists(conn, "hamlet", &self.hamlet_id, "hamlet_id", &mut out)?;
        Ok(out)
    }
}
impl Validate for Cadre {
    fn issues(&self, conn: &Connection, _: NaiveDate) -> Result<Vec<Issue>> {
        let mut out = Vec::new();
        exists(conn, "village", &self.village_id, "village_id", &mut out)?;
        Ok(out)
    }
}
impl Validate for Household {
    fn issues(&self, conn: &Connection, _: NaiveDate) -> Result<Vec<Issue>> {
        let mut out = forms::validate_household(self);
        exists(conn, "village", &self.village_id, "village_id", &mut out)?;
        exists(conn, "hamlet", &self.hamlet_id, "hamlet_id", &mut out)?;
        Ok(out)
    }
}
impl Validate for HouseholdCondition {
    fn issues(&self, conn: &Connection, _: NaiveDate) -> Result<Vec<Issue>> {
        let mut out = Vec::new();
        exists(conn, "household", &self.household_id, "household_id", &mut out)?;
        Ok(out)
    }
}
impl Validate for Mother {
    fn issues(&self, conn: &Connection, today: NaiveDate) -> Result<Vec<Issue>> {
        let mut out = forms::validate_mother(self, today);
        exists(conn, "household", &self.household_id, "household_id", &mut out)?;
        Ok(out)
    }
}
impl Validate for Pregnancy {
    fn issues(&self, conn: &Connection, today: NaiveDate) -> Result<Vec<Issue>> {
        let mut out = forms::validate_pregnancy(self, today);
        exists(conn, "mother", &self.mother_id, "mother_id", &mut out)?;
        opt_exists(conn, "posyandu", &self.posyandu_id, "posyandu_id", &mut out)?;
        if !self.kia_number.trim().is_empty() {
            let dup: Option<String> = conn
                .prepare_cached("SELECT id FROM pregnancy WHERE kia_number = ?1 AND deleted = 0 AND id <> ?2")?
                .query_row([self.kia_number.trim(), &self.id], |r| r.get(0))
                .optional()?;
            if dup.is_some() {
                out.push(Issue::error(
                    "kia_number",
                    "V-KIA-UNIQUE",
                    Text::new(
                        "Nomor KIA sudah dipakai kehamilan lain.",
                        "This KIA number is already used by another pregnancy.",
                    ),
                ));
            }
        }
        Ok(out)
    }
}
impl Validate for Child {
    fn issues(&self, conn: &Connection, today: NaiveDate) -> Result<Vec<Issue>> {
        let mut out = Vec::new();
        exists(conn, "household", &self.household_id, "household_id", &mut out)?;
        let mother = match &self.mother_id {
            Some(id) => parent::<Mother>(conn, id, "mother_id", &mut out)?,
            None => None,
        };
        opt_exists(conn, "pregnancy", &self.pregnancy_id, "pregnancy_id", &mut out)?;
        opt_exists(conn, "posyandu", &self.posyandu_id, "posyandu_id", &mut out)?;
        out.extend(forms::validate_child(self, mother.as_ref(), today));
        Ok(out)
    }
}
impl Validate for PregnancyVisit {
    fn issues(&self, conn: &Connection, today: NaiveDate) -> Result<Vec<Issue>> {
        let mut out = Vec::new();
        if let Some(p) = parent::<Pregnancy>(conn, &self.pregnancy_id, "pregnancy_id", &mut out)? {
            let others: Vec<PregnancyVisit> = others(conn, "pregnancy_id", &p.id)?;
            out.extend(forms::validate_pregnancy_visit(self, &p, &others, today));
        }
        Ok(out)
    }
}
impl Validate for ChildVisit {
    fn issues(&self, conn: &Connection, today: NaiveDate) -> Result<Vec<Issue>> {
        let mut out = Vec::new();
        if let Some(c) = parent::<Child>(conn, &self.child_id, "child_id", &mut out)? {
            let others: Vec<ChildVisit> = others(conn, "child_id", &c.id)?;
            out.extend(forms::validate_child_visit(self, &c, &others, today));
        }
        Ok(out)
    }
}
impl Validate for PaudVisit {
    fn issues(&self, conn: &Connection, today: NaiveDate) -> Result<Vec<Issue>> {
        let mut out = Vec::new();
        if let Some(c) = parent::<Child>(conn, &self.child_id, "child_id", &mut out)? {
            let others: Vec<PaudVisit> = others(conn, "child_id", &c.id)?;
            out.extend(forms::validate_paud_visit(self, &c, &others, today));
        }
        Ok(out)
    }
}
impl Validate for Measurement {
    fn issues(&self, conn: &Connection, today: NaiveDate) -> Result<Vec<Issue>> {
        let mut out = Vec::new();
        if let Some(c) = parent::<Child>(conn, &self.child_id, "child_id", &mut out)? {
            out.extend(forms::validate_measurement(self, &c, today));
        }
        Ok(out)
    }
}
impl Validate for Note {
    fn issues(&self, conn: &Connection, today: NaiveDate) -> Result<Vec<Issue>> {
        let mut out = Vec::new();
        let table = if self.target_kind == TargetKind::Pregnancy { "pregnancy" } else { "child" };
        exists(conn, table, &self.target_id, "target_id", &mut out)?;
        opt_exists(conn, "cadre", &self.cadre_id, "cadre_id", &mut out)?;
        if self.date > today {
            out.push(Issue::error(
                "date",
                "V-DATE-FUTURE",
                Text::new("Tanggal tidak boleh di masa depan.", "The date cannot be in the future."),
            ));
        }
        Ok(out)
    }
}
