//! Formulir 2A, Pemantauan Bulanan Ibu Hamil (domain.md 3.2): which columns apply for a
//! pregnancy in a month, and the validation of a 2A record (domain.md 11, A.10).
//!
//! Phase (A.10 "Delivered"): a record is post-delivery when its visit date is on or after the
//! delivery date. Post-delivery only the postnatal check (i) and water/latrine/insurance (l-n)
//! are asked; status (c), HPL (d), usia (e) and the ANC-related columns g, h, j, k stop
//! (OpenSID disables them after delivery, domain.md 3.2 [C]). Before delivery the postnatal
//! column is blank (domain.md 2.2, Sungai Besar row 2).
//!
//! The 2A row of a delivered mother continues through the nifas period, 42 days after delivery
//! (domain.md 2.1 [S]), so a late-quarter delivery still gets its postnatal months (A.4 IH-3);
//! months that start after it have no row.

use chrono::{Duration, NaiveDate};

use crate::model::{
    HouseholdCondition, Issue, Mother, Pregnancy, PregnancyVisit, TargetKind, Text, YearMonth,
};

use super::common::{
    bool_value, check_one_per_month, check_visit_date, condition_at, ended_before, not_applicable_filled, F,
};
use super::spec::{FieldKind, FieldValue, FormSpec, PrefillSource};

/// Nifas lasts 0-42 days after delivery (domain.md 2.1 [S]).
pub const NIFAS_DAYS: i64 = 42;
/// Usia kehamilan range (A.10).
pub const GESTATION_MIN: u32 = 1;
pub const GESTATION_MAX: u32 = 10;
/// Maximum postnatal checks in a month (A.10 IH-3: KF1-KF4).
pub const POSTNATAL_MAX: u32 = 4;
/// Iron tablets (butir pil Fe) in one month: above 62 is refused. IH-2 asks for one tablet a day
/// (domain.md 4.1), and the therapeutic dose for anaemia in pregnancy is two a day (WHO 2012
/// guideline "Daily iron and folic acid supplementation in pregnant women"; Kemenkes TTD
/// guidance), so 2 x 31 is the most one month can hold; above the days of the month is a warning.
pub const IRON_TABLETS_MAX: u32 = 62;

fn post_delivery(p: &Pregnancy, visit_date: NaiveDate) -> bool {
    p.delivery_date.is_some_and(|d| visit_date >= d)
}

/// Why a pregnancy has no 2A row in `month` at all, or `None` when it has one.
pub fn pregnancy_month_reason(p: &Pregnancy, month: YearMonth) -> Option<Text> {
    if let Some(t) = ended_before(p.end.as_ref(), month) {
        return Some(t);
    }
    // Usia kehamilan runs 1-10 months (A.10), so a pregnancy has no 2A month earlier than ten
    // months before the month of its HPL (nor before its delivery month minus ten).
    if let Some(anchor) = p.delivery_date.or(p.expected_delivery) {
        let first = YearMonth::of(anchor);
        if month.index() < first.index() - 10 {
            return Some(Text::new(
                "Bulan ini lebih dari 10 bulan sebelum HPL/persalinan; kehamilan belum berjalan.",
                "This month is more than 10 months before the expected/actual delivery; the pregnancy had not begun.",
            ));
        }
    }
    if let Some(d) = p.delivery_date {
        let nifas_end = d + Duration::days(NIFAS_DAYS);
        if month.first_day() > nifas_end {
            return Some(Text::new(
                "Masa nifas (42 hari sesudah melahirkan) sudah berakhir sebelum bulan ini; tidak ada baris 2A sesudahnya.",
                "The postnatal period (42 days after delivery) ended before this month; no 2A row after it.",
            ));
        }
    }
    None
}

fn why_delivered() -> Text {
    Text::new(
        "Ibu sudah melahirkan: hanya pemeriksaan nifas, air, jamban dan jaminan kesehatan yang dicatat.",
        "The mother has delivered: only postnatal checks, water, latrine and insurance are recorded.",
    )
}

fn why_pregnant() -> Text {
    Text::new("Ibu belum melahirkan: pemeriksaan nifas belum berlaku.", "The mother has not delivered yet: postnatal checks do not apply.")
}

/// The completed months of pregnancy implied by the HPL at a date: 280 days (40 weeks) before
/// the HPL is the first day of the last menstrual period (Naegele's rule); months of 30.4375 days.
pub fn gestation_from_hpl(hpl: NaiveDate, on: NaiveDate) -> i64 {
    let days_to = (hpl - on).num_days();
    ((280 - days_to) as f64 / 30.4375).floor() as i64
}

/// Labels of the 2A columns (domain.md 3.2; exact Bahasa headers of the official form).
mod labels {
    use crate::model::Text;
    pub fn kek() -> Text {
        Text::new("Kekurangan Energi Kronis (KEK)", "Chronic energy deficiency (KEK)")
    }
    pub fn risti() -> Text {
        Text::new("Risiko Tinggi (Risti)", "High-risk pregnancy (Risti)")
    }
    pub fn hpl() -> Text {
        Text::new("Hari perkiraan lahir (HPL)", "Expected delivery date")
    }
    pub fn usia() -> Text {
        Text::new("Usia kehamilan (bulan)", "Pregnancy month")
    }
    pub fn delivery() -> Text {
        Text::new("Tanggal melahirkan", "Delivery date")
    }
    pub fn anc() -> Text {
        Text::new("Periksa kehamilan bulan ini?", "Antenatal check this month?")
    }
    pub fn fe() -> Text {
        Text::new("Dapat dan minum pil Fe?", "Received and took iron tablets?")
    }
    pub fn fe_count() -> Text {
        Text::new("Berapa butir pil Fe?", "How many iron tablets?")
    }
    pub fn nifas() -> Text {
        Text::new("Berapa kali periksa nifas bulan ini?", "Postnatal checks this month")
    }
    pub fn counselling() -> Text {
        Text::new("Ikut konseling gizi / kelas ibu hamil?", "Nutrition counselling / pregnancy class?")
    }
    pub fn home_visit() -> Text {
        Text::new("Dikunjungi di rumah?", "Home visit?")
    }
    pub fn water() -> Text {
        Text::new("Punya akses air bersih?", "Safe drinking water?")
    }
    pub fn latrine() -> Text {
        Text::new("Punya jamban?", "Has a latrine?")
    }
    pub fn insurance() -> Text {
        Text::new("Punya jaminan kesehatan?", "Has health insurance?")
    }
}

/// The 2A form for one pregnancy in `month`, for a visit on `visit_date`.
/// `conditions` are the village's household conditions (filtered here by the mother's household);
/// `history` are the pregnancy's monthly records (others than this month's are used for the
/// usia pre-fill).
pub fn pregnancy_form(
    pregnancy: &Pregnancy,
    mother: Option<&Mother>,
    conditions: &[HouseholdCondition],
    history: &[PregnancyVisit],
    month: YearMonth,
    visit_date: NaiveDate,
) -> FormSpec {
    let row_reason = pregnancy_month_reason(pregnancy, month);
    let post = post_delivery(pregnancy, visit_date);
    let delivered = why_delivered();
    let pregnant = why_pregnant();
    let pre_only = if post { Some(&delivered) } else { None };
    let post_only = if post { None } else { Some(&pregnant) };
    let not_delivered = Text::new(
        "Ibu belum melahirkan pada tanggal kunjungan; tanggal melahirkan dicatat di register kehamilan.",
        "The mother had not delivered by the visit date; the delivery date is recorded on the pregnancy register.",
    );

    let cond = mother.and_then(|m| condition_at(conditions, &m.household_id, month));
    let usia_prefill = gestation_prefill(pregnancy, history, month, visit_date);

    let fields = vec![
        F::yes_no("kek", "c", labels::kek(), "Status Kehamilan (KEK/RISTI)")
            .unless(pre_only)
            .prefill(bool_value(pregnancy.kek), PrefillSource::Register)
            .done(),
        F::yes_no("risti", "c", labels::risti(), "Status Kehamilan (KEK/RISTI)")
            .unless(pre_only)
            .prefill(bool_value(pregnancy.risti), PrefillSource::Register)
            .done(),
        F::new("expected_delivery", "d", labels::hpl(), "Hari Perkiraan Lahir (Tgl/Bln/Thn)", FieldKind::Date)
            .unless(pre_only)
            .prefill(pregnancy.expected_delivery.map(|d| FieldValue::Date { value: d }), PrefillSource::Register)
            .done(),
        F::new(
            "gestational_age_months",
            "e",
            labels::usia(),
            "Usia Kehamilan (Bulan)",
            FieldKind::Count { min: GESTATION_MIN, max: GESTATION_MAX },
        )
        .unless(pre_only)
        .prefill(usia_prefill.map(|(v, _)| FieldValue::Count { value: v }), usia_prefill.map_or(PrefillSource::History, |(_, s)| s))
        .done(),
        F::new("delivery_date", "f", labels::delivery(), "Tanggal Melahirkan (Tgl/Bln/Thn)", FieldKind::Date)
            .unless(if post { None } else { Some(&not_delivered) })
            .prefill(pregnancy.delivery_date.map(|d| FieldValue::Date { value: d }), PrefillSource::Register)
            .done(),
        F::yes_no("antenatal_check", "g", labels::anc(), "Pemeriksaan Kehamilan").unless(pre_only).done(),
        F::yes_no("iron_tablets", "h", labels::fe(), "Dapat & Konsumsi Pil Fe").unless(pre_only).done(),
        F::new("iron_tablet_count", "h", labels::fe_count(), "Berapa butir pil Fe", FieldKind::Count { min: 0, max: IRON_TABLETS_MAX })
            .unless(pre_only)
            .when("iron_tablets")
            .done(),
        F::new("postnatal_checks", "i", labels::nifas(), "Pemeriksaan Nifas", FieldKind::Count { min: 0, max: POSTNATAL_MAX })
            .unless(post_only)
            .done(),
        F::yes_no("nutrition_counselling", "j", labels::counselling(), "Konseling Gizi (Kelas IH)").unless(pre_only).done(),
        F::yes_no("home_visit", "k", labels::home_visit(), "Kunjungan Rumah").unless(pre_only).done(),
        F::yes_no("safe_water", "l", labels::water(), "Kepemilikan Akses Air Bersih")
            .prefill(cond.and_then(|c| bool_value(c.safe_water)), PrefillSource::Household)
            .done(),
        F::yes_no("latrine", "m", labels::latrine(), "Kepemilikan Jamban")
            .prefill(cond.and_then(|c| bool_value(c.latrine)), PrefillSource::Household)
            .done(),
        F::yes_no("insurance", "n", labels::insurance(), "Jaminan Kesehatan")
            .prefill(mother.and_then(|m| bool_value(m.insurance)), PrefillSource::Person)
            .done(),
    ];
    let fields = if row_reason.is_some() {
        fields
            .into_iter()
            .map(|mut f| {
                f.applies = false;
                f.reason = row_reason.clone();
                f.prefill = None;
                f
            })
            .collect()
    } else {
        fields
    };

    FormSpec {
        kind: TargetKind::Pregnancy,
        form_code: "2A".into(),
        title: Text::new("Formulir 2A: Pemantauan Bulanan Ibu Hamil", "Form 2A: monthly monitoring of pregnant women"),
        target_id: pregnancy.id.clone(),
        month,
        visit_date,
        applies: row_reason.is_none(),
        reason: row_reason,
        age_months: None,
        post_delivery: post,
        fields,
    }
}

/// Usia pre-fill: the latest earlier record's usia plus the months elapsed (capped at 10),
/// else the month implied by the HPL.
fn gestation_prefill(p: &Pregnancy, history: &[PregnancyVisit], month: YearMonth, visit_date: NaiveDate) -> Option<(u32, PrefillSource)> {
    let last = history
        .iter()
        .filter(|v| !v.meta.deleted && v.pregnancy_id == p.id && v.month < month)
        .filter_map(|v| v.gestational_age_months.map(|g| (v.month, g)))
        .max_by_key(|(m, _)| *m);
    if let Some((m, g)) = last {
        let elapsed = (month.index() - m.index()).max(0) as u32;
        return Some(((g + elapsed).clamp(GESTATION_MIN, GESTATION_MAX), PrefillSource::History));
    }
    let hpl = p.expected_delivery?;
    let implied = gestation_from_hpl(hpl, visit_date);
    (GESTATION_MIN as i64..=GESTATION_MAX as i64).contains(&implied).then_some((implied as u32, PrefillSource::Register))
}

/// Validate a 2A record against its pregnancy and the pregnancy's other records
/// (`others` may include the record itself or records of other pregnancies; they are skipped).
/// Errors refuse the record; warnings are saved and shown.
pub fn validate_pregnancy_visit<'a>(
    visit: &PregnancyVisit,
    pregnancy: &Pregnancy,
    others: impl IntoIterator<Item = &'a PregnancyVisit>,
    today: NaiveDate,
) -> Vec<Issue> {
    let mut issues = Vec::new();
    let others: Vec<&PregnancyVisit> =
        others.into_iter().filter(|o| o.pregnancy_id == pregnancy.id && o.id != visit.id && !o.meta.deleted).collect();

    if visit.pregnancy_id != pregnancy.id {
        issues.push(Issue::error(
            "pregnancy_id",
            "V-2A-TARGET",
            Text::new("Catatan ini bukan untuk kehamilan yang dipilih.", "This record belongs to another pregnancy."),
        ));
    }
    check_visit_date(visit.month, visit.visit_date, today, pregnancy.end.as_ref(), &mut issues);
    check_one_per_month(&visit.id, visit.month, others.iter().map(|o| (o.id.as_str(), o.month, o.meta.deleted)), &mut issues);
    if let Some(why) = pregnancy_month_reason(pregnancy, visit.month) {
        issues.push(Issue::error("month", "V-2A-MONTH", why));
    }

    let post = post_delivery(pregnancy, visit.visit_date);
    if post {
        let why = why_delivered();
        let na = |key: &str, label: Text| not_applicable_filled("V-2A-NA", key, &label, &why);
        if visit.kek {
            issues.push(na("kek", labels::kek()));
        }
        if visit.risti {
            issues.push(na("risti", labels::risti()));
        }
        if visit.gestational_age_months.is_some() {
            issues.push(na("gestational_age_months", labels::usia()));
        }
        if visit.antenatal_check.is_some() {
            issues.push(na("antenatal_check", labels::anc()));
        }
        if visit.iron_tablets.is_some() {
            issues.push(na("iron_tablets", labels::fe()));
        }
        if visit.iron_tablet_count.is_some() {
            issues.push(na("iron_tablet_count", labels::fe_count()));
        }
        if visit.nutrition_counselling.is_some() {
            issues.push(na("nutrition_counselling", labels::counselling()));
        }
        if visit.home_visit.is_some() {
            issues.push(na("home_visit", labels::home_visit()));
        }
    } else {
        if visit.postnatal_checks.is_some() {
            issues.push(not_applicable_filled("V-2A-NA", "postnatal_checks", &labels::nifas(), &why_pregnant()));
        }
        check_gestation(visit, pregnancy, &others, &mut issues);
        check_iron(visit, &mut issues);
    }
    if let Some(n) = visit.postnatal_checks {
        if n > POSTNATAL_MAX {
            issues.push(Issue::error(
                "postnatal_checks",
                "V-2A-NIFAS",
                Text::new(
                    format!("Pemeriksaan nifas {n} kali dalam sebulan tidak masuk akal; paling banyak {POSTNATAL_MAX} (KF1-KF4)."),
                    format!("{n} postnatal checks in one month is implausible; at most {POSTNATAL_MAX} (KF1-KF4)."),
                ),
            ));
        }
    }
    issues
}

fn check_gestation(visit: &PregnancyVisit, p: &Pregnancy, others: &[&PregnancyVisit], issues: &mut Vec<Issue>) {
    let Some(u) = visit.gestational_age_months else { return };
    if !(GESTATION_MIN..=GESTATION_MAX).contains(&u) {
        issues.push(Issue::error(
            "gestational_age_months",
            "V-2A-USIA",
            Text::new(
                format!("Usia kehamilan {u} bulan di luar batas {GESTATION_MIN}-{GESTATION_MAX} bulan."),
                format!("Pregnancy month {u} is outside {GESTATION_MIN}-{GESTATION_MAX}."),
            ),
        ));
        return;
    }
    // Not decreasing within the episode (domain.md 11): compare with every other record.
    for o in others {
        let Some(g) = o.gestational_age_months else { continue };
        let (earlier, later, ge, gl) = if o.month < visit.month { (o.month, visit.month, g, u) } else { (visit.month, o.month, u, g) };
        if earlier == later {
            continue;
        }
        if gl < ge {
            issues.push(Issue::error(
                "gestational_age_months",
                "V-2A-USIA-TURUN",
                Text::new(
                    format!(
                        "Usia kehamilan tidak boleh turun: {ge} bulan pada {} lalu {gl} bulan pada {}.",
                        super::common::month_label(earlier).id,
                        super::common::month_label(later).id
                    ),
                    format!(
                        "Pregnancy month cannot decrease: {ge} in {} then {gl} in {}.",
                        super::common::month_label(earlier).en,
                        super::common::month_label(later).en
                    ),
                ),
            ));
        } else {
            let elapsed = (later.index() - earlier.index()) as u32;
            if gl - ge > elapsed + 1 {
                issues.push(Issue::warning(
                    "gestational_age_months",
                    "V-2A-USIA-LOMPAT",
                    Text::new(
                        format!("Usia kehamilan naik {} bulan dalam {elapsed} bulan; periksa kembali.", gl - ge),
                        format!("Pregnancy month rose by {} in {elapsed} months; please check.", gl - ge),
                    ),
                ));
            }
        }
    }
    // HPL consistent with usia: the month implied by the HPL within [usia - 2, usia + 1] (A.10), a warning.
    if let Some(hpl) = p.expected_delivery {
        let implied = gestation_from_hpl(hpl, visit.visit_date);
        let u = u as i64;
        if implied < u - 2 || implied > u + 1 {
            issues.push(Issue::warning(
                "gestational_age_months",
                "V-2A-HPL",
                Text::new(
                    format!(
                        "HPL berarti usia kehamilan sekitar {implied} bulan pada tanggal kunjungan, bukan {u}; periksa HPL atau usia kehamilan."
                    ),
                    format!(
                        "The expected delivery date means about month {implied} of pregnancy at the visit, not {u}; check the date or the month."
                    ),
                ),
            ));
        }
    }
}

fn check_iron(visit: &PregnancyVisit, issues: &mut Vec<Issue>) {
    let Some(n) = visit.iron_tablet_count else { return };
    if visit.iron_tablets != Some(true) {
        issues.push(Issue::error(
            "iron_tablet_count",
            "V-2A-FE-COUNT",
            Text::new(
                "Jumlah butir pil Fe hanya diisi bila \"Dapat & Konsumsi Pil Fe\" = v.",
                "The iron-tablet count is only filled when \"received and took iron tablets\" is v.",
            ),
        ));
        return;
    }
    let days = (visit.month.last_day() - visit.month.first_day()).num_days() as u32 + 1;
    if n > IRON_TABLETS_MAX {
        issues.push(Issue::error(
            "iron_tablet_count",
            "V-2A-FE-RANGE",
            Text::new(
                format!("{n} butir pil Fe dalam sebulan tidak masuk akal; paling banyak {IRON_TABLETS_MAX} (2 butir sehari)."),
                format!("{n} iron tablets in a month is implausible; at most {IRON_TABLETS_MAX} (2 a day)."),
            ),
        ));
    } else if n > days {
        issues.push(Issue::warning(
            "iron_tablet_count",
            "V-2A-FE-HIGH",
            Text::new(
                format!("{n} butir pil Fe melebihi {days} hari bulan ini (1 butir sehari); periksa kembali."),
                format!("{n} iron tablets exceed the {days} days of this month (1 a day); please check."),
            ),
        ));
    } else if n == 0 {
        issues.push(Issue::warning(
            "iron_tablet_count",
            "V-2A-FE-ZERO",
            Text::new("Pil Fe = v tetapi jumlah butir 0; periksa kembali.", "Iron tablets = v but the count is 0; please check."),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::common::fixtures::*;
    use super::*;
    use crate::model::{EndReason, EpisodeEnd, Severity};

    fn today() -> NaiveDate {
        d(2025, 12, 31)
    }

    #[test]
    fn no_2a_month_more_than_ten_months_before_hpl() {
        let p = pregnancy(); // HPL 20-06-2025
        assert!(pregnancy_month_reason(&p, ym(2024, 7)).is_some(), "11 months before the HPL month");
        assert!(pregnancy_month_reason(&p, ym(2024, 8)).is_none(), "10 months before: usia may be 1");
        let mut delivered = pregnancy();
        delivered.delivery_date = Some(d(2025, 5, 2)); // early delivery anchors the window
        assert!(pregnancy_month_reason(&delivered, ym(2024, 6)).is_some());
        assert!(pregnancy_month_reason(&delivered, ym(2024, 7)).is_none());
    }
    fn applies(spec: &FormSpec, key: &str) -> bool {
        spec.field(key).unwrap().applies
    }

    #[test]
    fn pre_delivery_form_asks_anc_not_nifas_and_prefills_from_registers() {
        let conds = [condition(ym(2025, 1), false, true), condition(ym(2025, 4), true, true)];
        let m = mother();
        let s = pregnancy_form(&pregnancy(), Some(&m), &conds, &[], ym(2025, 3), d(2025, 3, 10));
        assert!(s.applies && !s.post_delivery);
        let keys: Vec<_> = s.fields.iter().map(|f| f.key.as_str()).collect();
        assert_eq!(keys[..3], ["kek", "risti", "expected_delivery"]);
        for k in ["kek", "gestational_age_months", "antenatal_check", "iron_tablets", "iron_tablet_count", "home_visit"] {
            assert!(applies(&s, k), "{k}");
        }
        assert!(!applies(&s, "postnatal_checks"));
        assert!(s.field("postnatal_checks").unwrap().reason.is_some());
        assert_eq!(s.field("iron_tablet_count").unwrap().enabled_when.as_deref(), Some("iron_tablets"));
        assert_eq!(s.field("kek").unwrap().prefill.as_ref().unwrap().value, FieldValue::Bool { value: true });
        // March: the January condition (no water) is in force; insurance from the mother.
        let water = s.field("safe_water").unwrap().prefill.clone().unwrap();
        assert_eq!((water.value, water.source), (FieldValue::Bool { value: false }, PrefillSource::Household));
        assert_eq!(s.field("insurance").unwrap().prefill.as_ref().unwrap().source, PrefillSource::Person);
        // May: the April condition.
        let s = pregnancy_form(&pregnancy(), Some(&m), &conds, &[], ym(2025, 5), d(2025, 5, 10));
        assert_eq!(s.field("safe_water").unwrap().prefill.as_ref().unwrap().value, FieldValue::Bool { value: true });
        // Usia from the HPL (20-06-2025 at 10-03-2025: 102 days to go, 5 completed months).
        assert_eq!(
            pregnancy_form(&pregnancy(), None, &[], &[], ym(2025, 3), d(2025, 3, 10)).field("gestational_age_months").unwrap().prefill,
            Some(super::super::spec::Prefill { value: FieldValue::Count { value: 5 }, source: PrefillSource::Register })
        );
    }

    #[test]
    fn usia_prefill_follows_history() {
        let mut v = pvisit("v1", ym(2025, 2), 5);
        v.gestational_age_months = Some(4);
        let s = pregnancy_form(&pregnancy(), None, &[], &[v], ym(2025, 4), d(2025, 4, 5));
        let p = s.field("gestational_age_months").unwrap().prefill.clone().unwrap();
        assert_eq!((p.value, p.source), (FieldValue::Count { value: 6 }, PrefillSource::History));
    }

    #[test]
    fn delivery_mid_month_switches_on_the_visit_date() {
        let mut p = pregnancy();
        p.delivery_date = Some(d(2025, 6, 15));
        let before = pregnancy_form(&p, None, &[], &[], ym(2025, 6), d(2025, 6, 14));
        assert!(!before.post_delivery && applies(&before, "antenatal_check") && !applies(&before, "postnatal_checks"));
        let after = pregnancy_form(&p, None, &[], &[], ym(2025, 6), d(2025, 6, 15));
        assert!(after.post_delivery);
        for k in ["kek", "risti", "gestational_age_months", "antenatal_check", "iron_tablets", "iron_tablet_count", "nutrition_counselling", "home_visit"] {
            assert!(!applies(&after, k), "{k}");
            assert!(after.field(k).unwrap().prefill.is_none() || k == "expected_delivery");
        }
        for k in ["postnatal_checks", "safe_water", "latrine", "insurance", "delivery_date"] {
            assert!(applies(&after, k), "{k}");
        }
        // Validation agrees: ANC after delivery refused, postnatal before delivery refused.
        let mut v = pvisit("v1", ym(2025, 6), 20);
        v.antenatal_check = Some(true);
        v.kek = true;
        v.postnatal_checks = Some(1);
        let r = validate_pregnancy_visit(&v, &p, &[], today());
        assert_eq!(rules(&r), ["V-2A-NA", "V-2A-NA"]);
        let mut v = pvisit("v1", ym(2025, 6), 10);
        v.postnatal_checks = Some(1);
        assert_eq!(rules(&validate_pregnancy_visit(&v, &p, &[], today())), ["V-2A-NA"]);
    }

    #[test]
    fn nifas_rows_end_42_days_after_delivery() {
        let mut p = pregnancy();
        p.delivery_date = Some(d(2025, 6, 15)); // nifas to 27-07-2025
        assert!(pregnancy_form(&p, None, &[], &[], ym(2025, 7), d(2025, 7, 20)).applies);
        let aug = pregnancy_form(&p, None, &[], &[], ym(2025, 8), d(2025, 8, 3));
        assert!(!aug.applies && aug.fields.iter().all(|f| !f.applies));
        let v = pvisit("v1", ym(2025, 8), 3);
        assert_eq!(rules(&validate_pregnancy_visit(&v, &p, &[], today())), ["V-2A-MONTH"]);
    }

    #[test]
    fn moved_away_takes_no_months_after_the_end() {
        let mut p = pregnancy();
        p.end = Some(EpisodeEnd { date: d(2025, 4, 10), reason: EndReason::MovedAway });
        assert!(pregnancy_form(&p, None, &[], &[], ym(2025, 4), d(2025, 4, 5)).applies);
        let may = pregnancy_form(&p, None, &[], &[], ym(2025, 5), d(2025, 5, 5));
        assert!(!may.applies);
        assert!(may.reason.unwrap().id.contains("pindah"));
        let v = pvisit("v1", ym(2025, 4), 20);
        assert_eq!(rules(&validate_pregnancy_visit(&v, &p, &[], today())), ["V-VISIT-ENDED"]);
        let v = pvisit("v1", ym(2025, 5), 2);
        assert_eq!(rules(&validate_pregnancy_visit(&v, &p, &[], today())), ["V-VISIT-ENDED", "V-2A-MONTH"]);
    }

    #[test]
    fn visit_date_in_month_not_future_one_per_month() {
        let p = pregnancy();
        let mut v = pvisit("v1", ym(2025, 3), 10);
        v.visit_date = d(2025, 4, 1);
        assert_eq!(rules(&validate_pregnancy_visit(&v, &p, &[], today())), ["V-VISIT-MONTH"]);
        let v = pvisit("v1", ym(2025, 3), 10);
        assert_eq!(rules(&validate_pregnancy_visit(&v, &p, &[], d(2025, 3, 9))), ["V-VISIT-FUTURE"]);
        assert!(validate_pregnancy_visit(&v, &p, &[], d(2025, 3, 10)).is_empty());
        let other = pvisit("v2", ym(2025, 3), 20);
        assert_eq!(rules(&validate_pregnancy_visit(&v, &p, std::slice::from_ref(&other), today())), ["V-VISIT-DUP"]);
        // Editing the record itself, a deleted record, or another pregnancy's record is no clash.
        assert!(validate_pregnancy_visit(&v, &p, std::slice::from_ref(&v), today()).is_empty());
        let mut deleted = other.clone();
        deleted.meta.deleted = true;
        assert!(validate_pregnancy_visit(&v, &p, &[deleted], today()).is_empty());
        let mut elsewhere = other;
        elsewhere.pregnancy_id = "p2".into();
        assert!(validate_pregnancy_visit(&v, &p, &[elsewhere], today()).is_empty());
    }

    #[test]
    fn usia_range_and_not_decreasing() {
        let mut p = pregnancy();
        p.expected_delivery = None;
        let with = |id: &str, m: u32, u: u32| {
            let mut v = pvisit(id, ym(2025, m), 10);
            v.gestational_age_months = Some(u);
            v
        };
        assert_eq!(rules(&validate_pregnancy_visit(&with("a", 3, 0), &p, &[], today())), ["V-2A-USIA"]);
        assert_eq!(rules(&validate_pregnancy_visit(&with("a", 3, 11), &p, &[], today())), ["V-2A-USIA"]);
        assert!(validate_pregnancy_visit(&with("a", 3, 10), &p, &[], today()).is_empty());
        // Earlier record has 5, this one 4: refused; a later record with 3 is refused too.
        assert_eq!(rules(&validate_pregnancy_visit(&with("b", 4, 4), &p, &[with("a", 3, 5)], today())), ["V-2A-USIA-TURUN"]);
        assert_eq!(rules(&validate_pregnancy_visit(&with("b", 2, 6), &p, &[with("a", 3, 5)], today())), ["V-2A-USIA-TURUN"]);
        // Same usia in the next month is allowed (counting differences); +3 in one month is a warning.
        assert!(validate_pregnancy_visit(&with("b", 4, 5), &p, &[with("a", 3, 5)], today()).is_empty());
        let r = validate_pregnancy_visit(&with("b", 4, 8), &p, &[with("a", 3, 5)], today());
        assert_eq!(rules(&r), ["V-2A-USIA-LOMPAT"]);
        assert_eq!(r[0].severity, Severity::Warning);
    }

    #[test]
    fn hpl_window_is_a_warning() {
        // HPL 20-06-2025, visit 10-03-2025: implied 5 completed months; window [usia-2, usia+1].
        let p = pregnancy();
        for (u, warn) in [(2, true), (3, true), (4, false), (5, false), (6, false), (7, false), (8, true)] {
            let mut v = pvisit("v", ym(2025, 3), 10);
            v.gestational_age_months = Some(u);
            let r = validate_pregnancy_visit(&v, &p, &[], today());
            assert_eq!(!r.is_empty(), warn, "usia {u}: {r:?}");
            if warn {
                assert_eq!((r[0].rule.as_str(), r[0].severity), ("V-2A-HPL", Severity::Warning));
            }
        }
        assert_eq!(gestation_from_hpl(d(2025, 6, 20), d(2025, 6, 20)), 9);
    }

    #[test]
    fn iron_tablet_count_needs_fe_and_a_plausible_number() {
        let p = pregnancy();
        let fe = |on: Option<bool>, n: u32| {
            let mut v = pvisit("v", ym(2025, 3), 10);
            v.iron_tablets = on;
            v.iron_tablet_count = Some(n);
            validate_pregnancy_visit(&v, &p, &[], today())
        };
        assert!(fe(Some(true), 30).is_empty());
        assert!(fe(Some(true), 31).is_empty()); // March has 31 days
        assert_eq!(rules(&fe(Some(false), 10)), ["V-2A-FE-COUNT"]);
        assert_eq!(rules(&fe(None, 10)), ["V-2A-FE-COUNT"]);
        assert_eq!(rules(&fe(Some(true), 63)), ["V-2A-FE-RANGE"]);
        let high = fe(Some(true), 40);
        assert_eq!((rules(&high)[0], high[0].severity), ("V-2A-FE-HIGH", Severity::Warning));
        assert_eq!(rules(&fe(Some(true), 0)), ["V-2A-FE-ZERO"]);
    }

    #[test]
    fn postnatal_checks_0_to_4() {
        let mut p = pregnancy();
        p.delivery_date = Some(d(2025, 3, 2));
        for (n, ok) in [(0, true), (4, true), (5, false)] {
            let mut v = pvisit("v", ym(2025, 3), 10);
            v.postnatal_checks = Some(n);
            let r = validate_pregnancy_visit(&v, &p, &[], today());
            assert_eq!(r.is_empty(), ok, "{n}");
            if !ok {
                assert_eq!(rules(&r), ["V-2A-NIFAS"]);
            }
        }
    }
}
