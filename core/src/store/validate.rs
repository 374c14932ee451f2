//! Input checks run inside the write transaction before anything is written (issue 3: bad input
//! is refused before it reaches the database, which stays as it was). Rules that need the
//! database live here: the referenced register exists, one live record per target and month
//! (domain.md 11), KIA number unique per pregnancy episode (domain.md 11, A.9); plus the dates
//! "not in the future" and "visit date inside its month" (domain.md 11). The field rules of the
//! forms (NIK, physiological ranges, section 11 per form) come from `crate::forms` when present.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};

use super::error::Result;
use super::record::{month, Record};
use crate::model::*;

/// Store-level validation of a record about to be written.
pub trait Validate: Record {
    /// Findings for `self`; an `Error` finding refuses the write.
    fn issues(&self, conn: &Connection, today: NaiveDate) -> Result<Vec<Issue>>;
}

fn future(field: &str, d: Option<NaiveDate>, today: NaiveDate, out: &mut Vec<Issue>) {
    if let Some(d) = d {
        if d > today {
            out.push(Issue::error(
                field,
                "V-DATE-FUTURE",
                Text::new(
                    "Tanggal tidak boleh di masa depan.",
                    "The date cannot be in the future.",
                ),
            ));
        }
    }
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

/// Shared checks of the three monthly forms.
fn visit_checks<R: Record>(
    conn: &Connection,
    rec: &R,
    target_table: &str,
    target_column: &str,
    target_id: &str,
    m: YearMonth,
    visit_date: NaiveDate,
    today: NaiveDate,
) -> Result<Vec<Issue>> {
    let mut out = Vec::new();
    exists(conn, target_table, target_id, target_column, &mut out)?;
    if !m.contains(visit_date) {
        out.push(Issue::error(
            "visit_date",
            "V-MONTH-DATE",
            Text::new(
                "Tanggal kunjungan harus di dalam bulan pemantauan.",
                "The visit date must lie in the month being recorded.",
            ),
        ));
    }
    future("visit_date", Some(visit_date), today, &mut out);
    let sql = format!(
        "SELECT id FROM {} WHERE {target_column} = ?1 AND month = ?2 AND deleted = 0 AND id <> ?3",
        R::TABLE
    );
    let other: Option<String> = conn
        .prepare_cached(&sql)?
        .query_row(rusqlite::params![target_id, month(m), rec.id()], |r| {
            r.get(0)
        })
        .optional()?;
    if other.is_some() {
        out.push(Issue::error(
            "month",
            "V-MONTH-UNIQUE",
            Text::new(
                "Bulan ini sudah ada catatannya; ubah catatan yang ada.",
                "This month already has a record; edit the existing one.",
            ),
        ));
    }
    Ok(out)
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
        let mut out = Vec::new();
        exists(conn, "village", &self.village_id, "village_id", &mut out)?;
        exists(conn, "hamlet", &self.hamlet_id, "hamlet_id", &mut out)?;
        Ok(out)
    }
}
impl Validate for HouseholdCondition {
    fn issues(&self, conn: &Connection, _: NaiveDate) -> Result<Vec<Issue>> {
        let mut out = Vec::new();
        exists(
            conn,
            "household",
            &self.household_id,
            "household_id",
            &mut out,
        )?;
        Ok(out)
    }
}
impl Validate for Mother {
    fn issues(&self, conn: &Connection, today: NaiveDate) -> Result<Vec<Issue>> {
        let mut out = Vec::new();
        exists(
            conn,
            "household",
            &self.household_id,
            "household_id",
            &mut out,
        )?;
        future("birth_date", self.birth_date, today, &mut out);
        Ok(out)
    }
}
impl Validate for Pregnancy {
    fn issues(&self, conn: &Connection, today: NaiveDate) -> Result<Vec<Issue>> {
        let mut out = Vec::new();
        exists(conn, "mother", &self.mother_id, "mother_id", &mut out)?;
        opt_exists(conn, "posyandu", &self.posyandu_id, "posyandu_id", &mut out)?;
        future("delivery_date", self.delivery_date, today, &mut out);
        future("end", self.end.as_ref().map(|e| e.date), today, &mut out);
        if !self.kia_number.trim().is_empty() {
            let dup: Option<String> = conn
                .prepare_cached(
                    "SELECT id FROM pregnancy WHERE kia_number = ?1 AND deleted = 0 AND id <> ?2",
                )?
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
        exists(
            conn,
            "household",
            &self.household_id,
            "household_id",
            &mut out,
        )?;
        opt_exists(conn, "mother", &self.mother_id, "mother_id", &mut out)?;
        opt_exists(
            conn,
            "pregnancy",
            &self.pregnancy_id,
            "pregnancy_id",
            &mut out,
        )?;
        opt_exists(conn, "posyandu", &self.posyandu_id, "posyandu_id", &mut out)?;
        future("birth_date", Some(self.birth_date), today, &mut out);
        future("end", self.end.as_ref().map(|e| e.date), today, &mut out);
        Ok(out)
    }
}
impl Validate for PregnancyVisit {
    fn issues(&self, conn: &Connection, today: NaiveDate) -> Result<Vec<Issue>> {
        visit_checks(
            conn,
            self,
            "pregnancy",
            "pregnancy_id",
            &self.pregnancy_id,
            self.month,
            self.visit_date,
            today,
        )
    }
}
impl Validate for ChildVisit {
    fn issues(&self, conn: &Connection, today: NaiveDate) -> Result<Vec<Issue>> {
        visit_checks(
            conn,
            self,
            "child",
            "child_id",
            &self.child_id,
            self.month,
            self.visit_date,
            today,
        )
    }
}
impl Validate for PaudVisit {
    fn issues(&self, conn: &Connection, today: NaiveDate) -> Result<Vec<Issue>> {
        visit_checks(
            conn,
            self,
            "child",
            "child_id",
            &self.child_id,
            self.month,
            self.visit_date,
            today,
        )
    }
}
impl Validate for Measurement {
    fn issues(&self, conn: &Connection, today: NaiveDate) -> Result<Vec<Issue>> {
        let mut out = Vec::new();
        exists(conn, "child", &self.child_id, "child_id", &mut out)?;
        future("date", Some(self.date), today, &mut out);
        Ok(out)
    }
}
impl Validate for Note {
    fn issues(&self, conn: &Connection, today: NaiveDate) -> Result<Vec<Issue>> {
        let mut out = Vec::new();
        let table = if self.target_kind == TargetKind::Pregnancy {
            "pregnancy"
        } else {
            "child"
        };
        exists(conn, table, &self.target_id, "target_id", &mut out)?;
        opt_exists(conn, "cadre", &self.cadre_id, "cadre_id", &mut out)?;
        future("date", Some(self.date), today, &mut out);
        Ok(out)
    }
}
