//! Formulir 2B, Pemantauan Bulanan Anak 0-23 Bulan (domain.md 3.3): which columns apply for a
//! child in a month, and the validation of a 2B record (domain.md 11, A.10).
//!
//! Age is derived, never typed (domain.md 11): completed calendar months at the visit date
//! (`model::completed_months`, A.10). The child has a 2B row while that age is 0-23 and the
//! visit is not before birth; the measles cell only from 6 completed months (OpenSID, domain.md
//! 2.2 / 11 [C]); no row after the episode's end (moved away, died; A.10 Episodes).

use chrono::NaiveDate;

use crate::model::{
    completed_months, Child, ChildVisit, HouseholdCondition, Issue, Measles, TargetKind, Text, YearMonth,
};

use super::common::{bool_value, check_one_per_month, check_visit_date, condition_at, ended_before, options, F};
use super::ranges::{length_band, weight_band};
use super::spec::{FieldKind, FieldValue, FormSpec, PrefillSource};

/// 2B covers 0-23 completed months (domain.md 2.1, 11).
pub const BADUTA_MAX_MONTHS: u32 = 23;
/// Measles from 6 completed months (domain.md 11, OpenSID).
pub const MEASLES_FROM_MONTHS: u32 = 6;

/// Age at the visit when the child has a 2B row then, else why not.
/// `FormSpec::age_months` is the age at the visit even when the row does not apply.
pub fn child_row(child: &Child, month: YearMonth, visit_date: NaiveDate) -> Result<u32, Text> {
    if let Some(t) = ended_before(child.end.as_ref(), month) {
        return Err(t);
    }
    if month < YearMonth::of(child.birth_date) || visit_date < child.birth_date {
        return Err(Text::new(
            "Anak belum lahir pada tanggal kunjungan ini.",
            "The child was not born yet on the visit date.",
        ));
    }
    let age = completed_months(child.birth_date, visit_date).unwrap_or(0);
    if age > BADUTA_MAX_MONTHS {
        return Err(Text::new(
            format!("Umur anak {age} bulan: Formulir 2B hanya untuk umur 0-23 bulan (sesudahnya Formulir 2C)."),
            format!("The child is {age} months old: form 2B covers 0-23 months only (form 2C after that)."),
        ));
    }
    Ok(age)
}

fn why_measles(age: u32) -> Text {
    Text::new(
        format!("Imunisasi campak baru dicatat mulai umur {MEASLES_FROM_MONTHS} bulan (umur sekarang {age} bulan)."),
        format!("Measles immunisation is recorded from {MEASLES_FROM_MONTHS} months (the child is {age} months)."),
    )
}

mod labels {
    use crate::model::Text;
    pub fn status() -> Text {
        Text::new("Status gizi dari puskesmas", "Nutrition status reported by the puskesmas")
    }
    pub fn age() -> Text {
        Text::new("Umur (bulan)", "Age (months)")
    }
    pub fn mat() -> Text {
        Text::new("Hasil tikar pertumbuhan", "Growth-mat result")
    }
    pub fn immunization() -> Text {
        Text::new("Dapat imunisasi dasar?", "Basic immunisation given?")
    }
    pub fn measles() -> Text {
        Text::new("Imunisasi campak", "Measles immunisation")
    }
    pub fn weighed() -> Text {
        Text::new("Ditimbang bulan ini?", "Weighed this month?")
    }
    pub fn weight() -> Text {
        Text::new("Berat badan (kg)", "Weight (kg)")
    }
    pub fn measured() -> Text {
        Text::new("Diukur panjang/tinggi badan?", "Length/height measured?")
    }
    pub fn length() -> Text {
        Text::new("Panjang/tinggi badan (cm)", "Length/height (cm)")
    }
    pub fn father() -> Text {
        Text::new("Ayah ikut konseling gizi?", "Father attended nutrition counselling?")
    }
    pub fn mother() -> Text {
        Text::new("Ibu ikut konseling gizi?", "Mother attended nutrition counselling?")
    }
    pub fn home_visit() -> Text {
        Text::new("Dikunjungi di rumah?", "Home visit?")
    }
    pub fn water() -> Text {
        Text::new("Punya akses air bersih?", "Safe drinking water?")
    }
    pub fn latrine() -> Text {
        Text::new("Punya jamban sehat?", "Has a healthy latrine?")
    }
    pub fn certificate() -> Text {
        Text::new("Punya akta lahir?", "Has a birth certificate?")
    }
    pub fn insurance() -> Text {
        Text::new("Punya jaminan kesehatan?", "Has health insurance?")
    }
    pub fn parenting() -> Text {
        Text::new("Orang tua ikut kelas pengasuhan?", "Parent attended a parenting class?")
    }
}

/// The 2B form for one child in `month`, for a visit on `visit_date`.
pub fn child_form(child: &Child, conditions: &[HouseholdCondition], month: YearMonth, visit_date: NaiveDate) -> FormSpec {
    let row = child_row(child, month, visit_date);
    // Shown even when the row does not apply (e.g. 24 months: "use form 2C").
    let age = completed_months(child.birth_date, visit_date);
    let measles_why = age.filter(|a| *a < MEASLES_FROM_MONTHS).map(why_measles);
    let cond = condition_at(conditions, &child.household_id, month);
    // Approximate age in months for the measurement bands (days / 30.4375).
    let age_f = (visit_date - child.birth_date).num_days().max(0) as f64 / 30.4375;
    let wb = weight_band(child.sex, age_f);
    let lb = length_band(child.sex, age_f);

    let fields = vec![
        F::new(
            "reported_nutrition_status",
            "",
            labels::status(),
            "Status Gizi Anak (N/GK/GB/S)",
            options(&[
                ("N", "Normal (N)", "Normal (N)"),
                ("GK", "Gizi Kurang (GK)", "Moderate wasting (GK)"),
                ("GB", "Gizi Buruk (GB)", "Severe wasting (GB)"),
                ("S", "Stunting (S)", "Stunted (S)"),
            ]),
        )
        .done(),
        F::new("age_months", "", labels::age(), "Umur (Bulan)", FieldKind::Derived)
            .prefill(age.map(|a| FieldValue::Count { value: a }), PrefillSource::Computed)
            .done(),
        F::new(
            "mat_result",
            "",
            labels::mat(),
            "Hasil (M/K/H)",
            options(&[
                ("H", "Hijau (normal)", "Green (normal)"),
                ("K", "Kuning (risiko stunting)", "Yellow (at risk of stunting)"),
                ("M", "Merah (terindikasi stunting)", "Red (indicated stunting)"),
                ("TD", "Tidak diukur", "Not measured"),
            ]),
        )
        .done(),
        F::yes_no("basic_immunization", "", labels::immunization(), "Pemberian Imunisasi Dasar").done(),
        F::new("measles", "", labels::measles(), "Imunisasi Campak", options(&[("BELUM", "Belum", "Not yet"), ("SUDAH", "Sudah", "Done")]))
            .unless(measles_why.as_ref())
            .done(),
        F::yes_no("weighed", "", labels::weighed(), "Pengukuran Berat Badan").done(),
        F::new(
            "weight_kg",
            "",
            labels::weight(),
            "Berat Badan (kg)",
            FieldKind::Number { min: round1(wb.hard_min), max: round1(wb.hard_max), unit: "kg".into() },
        )
        .when("weighed")
        .done(),
        F::yes_no("length_measured", "", labels::measured(), "Pengukuran Tinggi Badan").done(),
        F::new(
            "length_cm",
            "",
            labels::length(),
            "Panjang/Tinggi Badan (cm)",
            FieldKind::Number { min: round1(lb.hard_min), max: round1(lb.hard_max), unit: "cm".into() },
        )
        .when("length_measured")
        .done(),
        F::yes_no("counselling_father", "", labels::father(), "Konseling Gizi Bagi Orang Tua (L)").done(),
        F::yes_no("counselling_mother", "", labels::mother(), "Konseling Gizi Bagi Orang Tua (P)").done(),
        F::yes_no("home_visit", "", labels::home_visit(), "Kunjungan Rumah").done(),
        F::yes_no("safe_water", "", labels::water(), "Kepemilikan Akses Air Bersih")
            .prefill(cond.and_then(|c| bool_value(c.safe_water)), PrefillSource::Household)
            .done(),
        F::yes_no("latrine", "", labels::latrine(), "Kepemilikan Jamban Sehat")
            .prefill(cond.and_then(|c| bool_value(c.latrine)), PrefillSource::Household)
            .done(),
        F::yes_no("birth_certificate", "", labels::certificate(), "Akta Lahir")
            .prefill(bool_value(child.birth_certificate), PrefillSource::Person)
            .done(),
        F::yes_no("insurance", "", labels::insurance(), "Jaminan Kesehatan")
            .prefill(bool_value(child.insurance), PrefillSource::Person)
            .done(),
        F::yes_no("parenting_class", "", labels::parenting(), "Pengasuhan (PAUD)").done(),
    ];
    let (applies, reason, fields) = match row {
        Ok(_) => (true, None, fields),
        Err(why) => (
            false,
            Some(why.clone()),
            fields
                .into_iter()
                .map(|mut f| {
                    f.applies = false;
                    f.reason = Some(why.clone());
                    f.prefill = None;
                    f
                })
                .collect(),
        ),
    };
    FormSpec {
        kind: TargetKind::Child,
        form_code: "2B".into(),
        title: Text::new("Formulir 2B: Pemantauan Bulanan Anak 0-23 Bulan", "Form 2B: monthly monitoring of children 0-23 months"),
        target_id: child.id.clone(),
        month,
        visit_date,
        applies,
        reason,
        age_months: age,
        post_delivery: false,
        fields,
    }
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// Validate a 2B record against its child and the child's other 2B records.
pub fn validate_child_visit<'a>(
    visit: &ChildVisit,
    child: &Child,
    others: impl IntoIterator<Item = &'a ChildVisit>,
    today: NaiveDate,
) -> Vec<Issue> {
    let mut issues = Vec::new();
    if visit.child_id != child.id {
        issues.push(Issue::error(
            "child_id",
            "V-2B-TARGET",
            Text::new("Catatan ini bukan untuk anak yang dipilih.", "This record belongs to another child."),
        ));
    }
    check_visit_date(visit.month, visit.visit_date, today, child.end.as_ref(), &mut issues);
    let others: Vec<&ChildVisit> = others.into_iter().filter(|o| o.child_id == child.id && o.id != visit.id).collect();
    check_one_per_month(&visit.id, visit.month, others.iter().map(|o| (o.id.as_str(), o.month, o.meta.deleted)), &mut issues);

    if visit.visit_date < child.birth_date {
        issues.push(Issue::error(
            "visit_date",
            "V-VISIT-BIRTH",
            Text::new(
                "Tanggal kunjungan sebelum tanggal lahir anak.",
                "The visit date is before the child's birth date.",
            ),
        ));
        return issues;
    }
    let age = completed_months(child.birth_date, visit.visit_date).unwrap_or(0);
    if age > BADUTA_MAX_MONTHS {
        issues.push(Issue::error(
            "visit_date",
            "V-2B-AGE",
            Text::new(
                format!("Umur anak {age} bulan pada tanggal kunjungan: Formulir 2B hanya untuk umur 0-23 bulan."),
                format!("The child is {age} months old at the visit: form 2B covers 0-23 months only."),
            ),
        ));
    }
    if visit.measles.is_some() && age < MEASLES_FROM_MONTHS {
        issues.push(Issue::error("measles", "V-2B-CAMPAK", why_measles(age)));
    }
    // Once "Sudah", a later "Belum" contradicts the record (a warning: the earlier entry may be the error).
    if visit.measles == Some(Measles::NotYet)
        && others.iter().any(|o| !o.meta.deleted && o.month < visit.month && o.measles == Some(Measles::Done))
    {
        issues.push(Issue::warning(
            "measles",
            "V-2B-CAMPAK-TURUN",
            Text::new(
                "Imunisasi campak sudah tercatat \"Sudah\" di bulan sebelumnya; periksa kembali.",
                "Measles was already recorded as done in an earlier month; please check.",
            ),
        ));
    }
    issues
}

#[cfg(test)]
mod tests {
    use super::super::common::fixtures::*;
    use super::*;
    use crate::model::{EndReason, EpisodeEnd, Severity};

    fn today() -> NaiveDate {
        d(2026, 12, 31)
    }

    #[test]
    fn birth_month_applies_from_the_birth_date_only() {
        let c = child(d(2025, 3, 10));
        assert!(!child_form(&c, &[], ym(2025, 2), d(2025, 2, 20)).applies);
        let before = child_form(&c, &[], ym(2025, 3), d(2025, 3, 9));
        assert!(!before.applies && before.reason.unwrap().id.contains("belum lahir"));
        let s = child_form(&c, &[], ym(2025, 3), d(2025, 3, 10));
        assert!(s.applies);
        assert_eq!(s.age_months, Some(0));
        assert_eq!(s.field("age_months").unwrap().kind, FieldKind::Derived);
        assert_eq!(s.field("age_months").unwrap().prefill.as_ref().unwrap().value, FieldValue::Count { value: 0 });
        let v = cvisit("v", ym(2025, 3), 9);
        assert_eq!(rules(&validate_child_visit(&v, &c, &[], today())), ["V-VISIT-BIRTH"]);
        assert!(validate_child_visit(&cvisit("v", ym(2025, 3), 10), &c, &[], today()).is_empty());
    }

    #[test]
    fn measles_only_from_six_completed_months() {
        let c = child(d(2025, 1, 20));
        let five = child_form(&c, &[], ym(2025, 7), d(2025, 7, 19));
        assert_eq!(five.age_months, Some(5));
        assert!(!five.field("measles").unwrap().applies);
        let six = child_form(&c, &[], ym(2025, 7), d(2025, 7, 20));
        assert!(six.field("measles").unwrap().applies);
        let mut v = cvisit("v", ym(2025, 7), 19);
        v.measles = Some(Measles::NotYet);
        assert_eq!(rules(&validate_child_visit(&v, &c, &[], today())), ["V-2B-CAMPAK"]);
        v.visit_date = d(2025, 7, 20);
        assert!(validate_child_visit(&v, &c, &[], today()).is_empty());
        // "Belum" after an earlier "Sudah" is a warning.
        let mut earlier = cvisit("e", ym(2025, 6), 25);
        earlier.measles = Some(Measles::Done);
        let r = validate_child_visit(&v, &c, &[earlier], today());
        assert_eq!((rules(&r), r[0].severity), (vec!["V-2B-CAMPAK-TURUN"], Severity::Warning));
    }

    #[test]
    fn month_23_applies_and_turning_24_ends_2b() {
        let c = child(d(2023, 5, 15));
        let m23 = child_form(&c, &[], ym(2025, 5), d(2025, 5, 14));
        assert!(m23.applies);
        assert_eq!(m23.age_months, Some(23));
        let m24 = child_form(&c, &[], ym(2025, 5), d(2025, 5, 15));
        assert!(!m24.applies && m24.age_months == Some(24));
        assert!(m24.fields.iter().all(|f| !f.applies && f.prefill.is_none()));
        assert!(validate_child_visit(&cvisit("v", ym(2025, 5), 14), &c, &[], today()).is_empty());
        assert_eq!(rules(&validate_child_visit(&cvisit("v", ym(2025, 5), 15), &c, &[], today())), ["V-2B-AGE"]);
    }

    #[test]
    fn died_child_takes_no_months_after_the_end() {
        let mut c = child(d(2025, 1, 5));
        c.end = Some(EpisodeEnd { date: d(2025, 6, 12), reason: EndReason::Died });
        assert!(child_form(&c, &[], ym(2025, 6), d(2025, 6, 10)).applies);
        let july = child_form(&c, &[], ym(2025, 7), d(2025, 7, 1));
        assert!(!july.applies && july.reason.unwrap().en.contains("died"));
        assert_eq!(rules(&validate_child_visit(&cvisit("v", ym(2025, 6), 20), &c, &[], today())), ["V-VISIT-ENDED"]);
    }

    #[test]
    fn prefills_household_and_person_and_measurement_bounds() {
        let mut c = child(d(2025, 1, 5));
        c.birth_certificate = true;
        let s = child_form(&c, &[condition(ym(2024, 1), true, false)], ym(2025, 6), d(2025, 6, 10));
        assert_eq!(s.field("latrine").unwrap().prefill.as_ref().unwrap().value, FieldValue::Bool { value: false });
        assert_eq!(s.field("birth_certificate").unwrap().prefill.as_ref().unwrap().value, FieldValue::Bool { value: true });
        assert_eq!(s.field("weight_kg").unwrap().enabled_when.as_deref(), Some("weighed"));
        let FieldKind::Number { min, max, .. } = s.field("length_cm").unwrap().kind else { panic!("number") };
        assert!(min < 64.0 && 64.0 < max && max < 90.0);
    }

    #[test]
    fn one_record_per_child_per_month() {
        let c = child(d(2025, 1, 5));
        let v = cvisit("v", ym(2025, 6), 10);
        assert_eq!(rules(&validate_child_visit(&v, &c, &[cvisit("w", ym(2025, 6), 2)], today())), ["V-VISIT-DUP"]);
        assert!(validate_child_visit(&v, &c, &[cvisit("w", ym(2025, 5), 2)], today()).is_empty());
        let mut outside = v.clone();
        outside.visit_date = d(2025, 7, 1);
        assert_eq!(rules(&validate_child_visit(&outside, &c, &[], today())), ["V-VISIT-MONTH"]);
        assert_eq!(rules(&validate_child_visit(&v, &c, &[], d(2025, 6, 1))), ["V-VISIT-FUTURE"]);
    }
}
