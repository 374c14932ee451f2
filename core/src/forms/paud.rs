//! Formulir 2C, Pemantauan Layanan PAUD Anak 2-6 Tahun (domain.md 3.4): whether a child has a
//! 2C cell in a month, and the validation of a 2C record (domain.md 11, A.10).
//!
//! A PAUD child's age in a month is taken on the last day of that month, in completed months
//! (A.10), and the cell applies for 24-83 months (domain.md 11). Age category (domain.md 3.4):
//! "Anak Usia 2 - < 3 Tahun" (24-35 months, parenting class for the parents) or
//! "Anak Usia 3 - 6 Tahun" (36-83 months, PAUD class).

use chrono::NaiveDate;

use crate::model::{completed_months, Child, Issue, PaudVisit, TargetKind, Text, YearMonth};

use super::common::{check_one_per_month, check_visit_date, ended_before, options, F};
use super::spec::{FieldKind, FieldValue, FormSpec, PrefillSource};

pub const PAUD_MIN_MONTHS: u32 = 24;
pub const PAUD_MAX_MONTHS: u32 = 83;

/// Age category code of 2C (OpenSID `kategori_usia` 1/2, domain.md 3.4).
pub fn paud_category(age_months: u32) -> &'static str {
    if age_months < 36 {
        "1"
    } else {
        "2"
    }
}

/// Age on the month's last day when the child has a 2C cell that month, else why not.
pub fn paud_row(child: &Child, month: YearMonth) -> Result<u32, Text> {
    if let Some(t) = ended_before(child.end.as_ref(), month) {
        return Err(t);
    }
    let Some(age) = completed_months(child.birth_date, month.last_day()) else {
        return Err(Text::new(
            "Anak belum lahir pada bulan ini.",
            "The child was not born yet in this month.",
        ));
    };
    if !(PAUD_MIN_MONTHS..=PAUD_MAX_MONTHS).contains(&age) {
        return Err(Text::new(
            format!("Umur anak {age} bulan pada akhir bulan: Formulir 2C hanya untuk umur 24-83 bulan."),
            format!("The child is {age} months old at the end of the month: form 2C covers 24-83 months only."),
        ));
    }
    Ok(age)
}

/// The 2C form for one child in `month`.
pub fn paud_form(child: &Child, month: YearMonth, visit_date: NaiveDate) -> FormSpec {
    let row = paud_row(child, month);
    let age = row.as_ref().ok().copied();
    // Shown even when the cell does not apply (e.g. 23 months: "still form 2B").
    let shown_age = completed_months(child.birth_date, month.last_day());
    let why = row.as_ref().err();
    let fields = vec![
        F::new(
            "age_category",
            "",
            Text::new("Kategori usia", "Age category"),
            "Usia Menurut Kategori",
            FieldKind::Derived,
        )
        .unless(why)
        .prefill(age.map(|a| FieldValue::Code { code: paud_category(a).into() }), PrefillSource::Computed)
        .done(),
        F::new(
            "cell",
            "",
            Text::new("Ikut layanan PAUD bulan ini?", "Attended PAUD this month?"),
            "Pada Bulan Ini Apakah Anak Mendapatkan Pelayanan PAUD",
            options(&[
                ("-", "Belum terdaftar", "Not enrolled"),
                ("v", "Mengikuti", "Attended"),
                ("x", "Tidak mengikuti", "Did not attend"),
            ]),
        )
        .unless(why)
        .done(),
    ];
    FormSpec {
        kind: TargetKind::Paud,
        form_code: "2C".into(),
        title: Text::new("Formulir 2C: Pemantauan Layanan PAUD Anak 2-6 Tahun", "Form 2C: PAUD services for children 2-6 years"),
        target_id: child.id.clone(),
        month,
        visit_date,
        applies: row.is_ok(),
        reason: row.err(),
        age_months: shown_age,
        post_delivery: false,
        fields,
    }
}

/// Validate a 2C record against its child and the child's other 2C records.
pub fn validate_paud_visit<'a>(
    visit: &PaudVisit,
    child: &Child,
    others: impl IntoIterator<Item = &'a PaudVisit>,
    today: NaiveDate,
) -> Vec<Issue> {
    let mut issues = Vec::new();
    if visit.child_id != child.id {
        issues.push(Issue::error(
            "child_id",
            "V-2C-TARGET",
            Text::new("Catatan ini bukan untuk anak yang dipilih.", "This record belongs to another child."),
        ));
    }
    check_visit_date(visit.month, visit.visit_date, today, child.end.as_ref(), &mut issues);
    check_one_per_month(
        &visit.id,
        visit.month,
        others.into_iter().filter(|o| o.child_id == child.id).map(|o| (o.id.as_str(), o.month, o.meta.deleted)),
        &mut issues,
    );
    if visit.visit_date < child.birth_date {
        issues.push(Issue::error(
            "visit_date",
            "V-VISIT-BIRTH",
            Text::new(
                "Tanggal kunjungan sebelum tanggal lahir anak.",
                "The visit date is before the child's birth date.",
            ),
        ));
    }
    if let Err(why) = paud_row(child, visit.month) {
        if ended_before(child.end.as_ref(), visit.month).is_none() {
            issues.push(Issue::error("month", "V-2C-AGE", why));
        } else {
            issues.push(Issue::error("month", "V-2C-MONTH", why));
        }
    }
    issues
}

#[cfg(test)]
mod tests {
    use super::super::common::fixtures::*;
    use super::*;
    use crate::model::{EndReason, EpisodeEnd, Meta, PaudCell};

    fn pv(id: &str, month: YearMonth, day: u32) -> PaudVisit {
        PaudVisit {
            id: id.into(),
            child_id: "c1".into(),
            month,
            visit_date: d(month.year, month.month, day),
            status: Default::default(),
            ruleset: String::new(),
            cell: PaudCell::Attended,
            meta: Meta::default(),
        }
    }
    fn today() -> NaiveDate {
        d(2030, 1, 1)
    }

    #[test]
    fn turning_24_months_in_the_month_enters_2c() {
        // Born 15-05-2023: 24 months on 15-05-2025, so May's last day counts 24.
        let c = child(d(2023, 5, 15));
        let april = paud_form(&c, ym(2025, 4), d(2025, 4, 10));
        assert!(!april.applies && april.age_months == Some(23));
        assert!(april.fields.iter().all(|f| !f.applies && f.prefill.is_none()));
        let may = paud_form(&c, ym(2025, 5), d(2025, 5, 3));
        assert!(may.applies);
        assert_eq!(may.age_months, Some(24));
        assert_eq!(may.field("age_category").unwrap().prefill.as_ref().unwrap().value, FieldValue::Code { code: "1".into() });
        // The same month is still a 2B month for a visit before the birthday (A.10: both ages).
        assert!(super::super::child::child_form(&c, &[], ym(2025, 5), d(2025, 5, 3)).applies);
        assert_eq!(rules(&validate_paud_visit(&pv("v", ym(2025, 4), 10), &c, &[], today())), ["V-2C-AGE"]);
        assert!(validate_paud_visit(&pv("v", ym(2025, 5), 3), &c, &[], today()).is_empty());
    }

    #[test]
    fn category_and_upper_bound() {
        let c = child(d(2019, 1, 31));
        assert_eq!(paud_form(&c, ym(2022, 1), d(2022, 1, 5)).field("age_category").unwrap().prefill.as_ref().unwrap().value, FieldValue::Code { code: "2".into() });
        // 83 months on 31-12-2025, 84 on 31-01-2026.
        assert_eq!(paud_form(&c, ym(2025, 12), d(2025, 12, 5)).age_months, Some(83));
        assert!(!paud_form(&c, ym(2026, 1), d(2026, 1, 5)).applies);
        assert_eq!(rules(&validate_paud_visit(&pv("v", ym(2026, 1), 5), &c, &[], today())), ["V-2C-AGE"]);
        assert_eq!(paud_category(35), "1");
        assert_eq!(paud_category(36), "2");
    }

    #[test]
    fn moved_away_and_duplicates() {
        let mut c = child(d(2021, 1, 1));
        c.end = Some(EpisodeEnd { date: d(2024, 3, 5), reason: EndReason::MovedAway });
        assert!(paud_form(&c, ym(2024, 3), d(2024, 3, 1)).applies);
        assert!(!paud_form(&c, ym(2024, 4), d(2024, 4, 1)).applies);
        assert_eq!(rules(&validate_paud_visit(&pv("v", ym(2024, 4), 1), &c, &[], today())), ["V-VISIT-ENDED", "V-2C-MONTH"]);
        let v = pv("v", ym(2024, 2), 1);
        assert_eq!(rules(&validate_paud_visit(&v, &c, &[pv("w", ym(2024, 2), 9)], today())), ["V-VISIT-DUP"]);
        assert!(validate_paud_visit(&v, &c, std::slice::from_ref(&v), today()).is_empty());
    }
}
