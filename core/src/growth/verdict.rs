//! A child's growth at one measurement, ready for the app: z-scores, flags, Permenkes categories, the
//! status gizi of the monitoring forms, and the sentences to show (growth.md 1-2; domain.md A.8 and A.10
//! "Status gizi from z-scores").

use crate::model::{age_in_days, completed_months, Child, Measurement, NutritionStatus, Text};

use super::category::{LengthForAgeCategory, WastingCategory, WeightForAgeCategory};
use super::zscore::{zscores, zscores_for_status, Input, WflTable, ZScores};

/// The WHO input of a stored measurement: age in whole days from the birth date (growth.md 1.2).
pub fn input_of(child: &Child, m: &Measurement) -> Input {
    Input {
        sex: Some(child.sex),
        age_days: Some(age_in_days(child.birth_date, m.date).map_or(-1.0, |d| d as f64)),
        weight_kg: m.weight_kg,
        lenhei_cm: m.length_cm,
        position: m.position,
        oedema: m.oedema,
    }
}

/// A z-score that exists and is not flagged implausible.
fn plausible(z: Option<f64>, flag: Option<bool>) -> Option<f64> {
    z.filter(|_| flag == Some(false))
}

/// Status gizi from the z-scores (domain.md A.10): GB = WLZ < −3 or bilateral oedema; GK = −3 ≤ WLZ < −2;
/// S = LAZ < −2; otherwise N; priority GB > GK > S; on the 2-decimal z; a flagged z is not used.
/// `None` without a plausible length/height-for-age (the caller then falls back to the status the
/// puskesmas reported, if any).
pub fn status_from(z: &ZScores, oedema: bool) -> Option<NutritionStatus> {
    let laz = plausible(z.zlen, z.flen)?;
    let wlz = plausible(z.zwfl, z.fwfl);
    Some(if oedema || wlz.is_some_and(|w| w < -3.0) {
        NutritionStatus::GiziBuruk
    } else if wlz.is_some_and(|w| w < -2.0) {
        NutritionStatus::GiziKurang
    } else if laz < -2.0 {
        NutritionStatus::Stunting
    } else {
        NutritionStatus::Normal
    })
}

/// Status gizi of one measurement of a child (domain.md A.10); the convergence engine calls this.
/// Computes only the two z-scores `status_from` reads (the same values `zscores` gives).
pub fn nutrition_status(child: &Child, m: &Measurement) -> Option<NutritionStatus> {
    status_from(&zscores_for_status(&input_of(child, m)), m.oedema)
}

/// Everything the app shows about one measurement (one call per screen).
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct GrowthVerdict {
    /// Age at the measurement in whole days; `None` when measured before the birth date.
    pub age_days: Option<u32>,
    /// Age in completed months (*umur dalam bulan penuh*), as shown to the cadre (growth.md 2).
    pub age_months: Option<u32>,
    /// The birth day is not known; the 15th of the month was used (growth.md A.6).
    pub age_approximate: bool,
    pub z: ZScores,
    /// Categories of plausible (unflagged) z-scores only.
    pub weight_for_age: Option<WeightForAgeCategory>,
    pub length_for_age: Option<LengthForAgeCategory>,
    pub weight_for_length: Option<WastingCategory>,
    pub bmi_for_age: Option<WastingCategory>,
    pub status: Option<NutritionStatus>,
    /// One line per indicator with a z-score, e.g. "BB/U −1,23: Berat badan normal".
    pub lines: Vec<Text>,
    /// Warnings and advice: oedema, implausible values, standing under 9 months, approximate age.
    pub notes: Vec<Text>,
}

fn fmt_z(z: f64) -> (String, String) {
    let en = format!("{z:.2}");
    let en = if en == "-0.00" { "0.00".to_string() } else { en };
    (en.replace('.', ","), en)
}

fn line(abbr_id: &str, name_en: &str, z: f64, label: Text) -> Text {
    let (zi, ze) = fmt_z(z);
    Text::new(format!("{abbr_id} {zi}: {}", label.id), format!("{name_en} {ze}: {}", label.en))
}

fn implausible(abbr_id: &str, name_en: &str, z: f64) -> Text {
    let (zi, ze) = fmt_z(z);
    Text::new(
        format!("{abbr_id} {zi}: nilai tidak wajar, periksa ulang pengukuran"),
        format!("{name_en} {ze}: implausible value, check the measurement"),
    )
}

/// The verdict for one measurement of a child.
pub fn verdict(child: &Child, m: &Measurement) -> GrowthVerdict {
    let input = input_of(child, m);
    let z = zscores(&input);
    let age_days = age_in_days(child.birth_date, m.date);
    let mut lines = Vec::new();
    let mut notes = Vec::new();

    let mut weight_for_age = None;
    if let (Some(v), Some(f)) = (z.zwei, z.fwei) {
        if f {
            lines.push(implausible("BB/U", "Weight-for-age", v));
        } else {
            let c = WeightForAgeCategory::of(v);
            weight_for_age = Some(c);
            lines.push(line("BB/U", "Weight-for-age", v, c.label()));
        }
    }
    let mut length_for_age = None;
    let (laz_id, laz_en) = match age_days {
        Some(d) if d >= super::zscore::HEIGHT_FROM_DAY => ("TB/U", "Height-for-age"),
        _ => ("PB/U", "Length-for-age"),
    };
    if let (Some(v), Some(f)) = (z.zlen, z.flen) {
        if f {
            lines.push(implausible(laz_id, laz_en, v));
        } else {
            let c = LengthForAgeCategory::of(v);
            length_for_age = Some(c);
            lines.push(line(laz_id, laz_en, v, c.label()));
        }
    }
    let mut weight_for_length = None;
    let (wlz_id, wlz_en) = match z.wfl_table {
        Some(WflTable::Height) => ("BB/TB", "Weight-for-height"),
        _ => ("BB/PB", "Weight-for-length"),
    };
    if let (Some(v), Some(f)) = (z.zwfl, z.fwfl) {
        if f {
            lines.push(implausible(wlz_id, wlz_en, v));
        } else {
            let c = WastingCategory::of(v);
            weight_for_length = Some(c);
            lines.push(line(wlz_id, wlz_en, v, c.label()));
        }
    }
    let mut bmi_for_age = None;
    if let (Some(v), Some(f)) = (z.zbmi, z.fbmi) {
        if f {
            lines.push(implausible("IMT/U", "BMI-for-age", v));
        } else {
            let c = WastingCategory::of(v);
            bmi_for_age = Some(c);
            lines.push(line("IMT/U", "BMI-for-age", v, c.label()));
        }
    }

    if m.oedema {
        // growth.md 1.7 [I]: shown instead of BB/U, BB/TB and IMT/U.
        notes.push(Text::new("Gizi buruk (edema) — rujuk", "Severe acute malnutrition (oedema) — refer"));
    }
    if z.c9mo_flag {
        notes.push(Text::new(
            "Anak di bawah 9 bulan diukur berdiri: ukur ulang dengan berbaring",
            "Child under 9 months measured standing: measure again lying down",
        ));
    }
    if child.birth_date_approximate {
        notes.push(Text::new(
            "Tanggal lahir perkiraan (tanggal 15): umur dan z-skor perkiraan",
            "Approximate birth date (the 15th): age and z-scores are approximate",
        ));
    }
    match age_days {
        None => notes.push(Text::new(
            "Tanggal pengukuran sebelum tanggal lahir",
            "Measurement date is before the birth date",
        )),
        Some(d) if d > super::tables::LAST_DAY => notes.push(Text::new(
            "Umur 60 bulan atau lebih: standar WHO 2006 tidak berlaku",
            "Age 60 months or more: the WHO 2006 standards do not apply",
        )),
        _ => {}
    }

    GrowthVerdict {
        age_days,
        age_months: completed_months(child.birth_date, m.date),
        age_approximate: child.birth_date_approximate,
        status: status_from(&z, m.oedema),
        z,
        weight_for_age,
        length_for_age,
        weight_for_length,
        bmi_for_age,
        lines,
        notes,
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::growth::tables::Table;
    use crate::growth::zscore::{lms_at_day, lms_at_lenhei};
    use crate::model::{Meta, Position, Sex};
    use chrono::NaiveDate;

    pub(crate) fn child(sex: Sex, birth: NaiveDate) -> Child {
        Child {
            id: "c1".into(),
            household_id: "h1".into(),
            mother_id: None,
            pregnancy_id: None,
            kia_number: None,
            name: "Test".into(),
            nik: None,
            nik_temporary: false,
            sex,
            birth_date: birth,
            birth_date_approximate: false,
            posyandu_id: None,
            birth_certificate: false,
            insurance: false,
            end: None,
            meta: Meta::default(),
        }
    }

    pub(crate) fn measurement(date: NaiveDate, w: Option<f64>, l: Option<f64>, p: Option<Position>) -> Measurement {
        Measurement {
            id: "m1".into(),
            child_id: "c1".into(),
            date,
            weight_kg: w,
            length_cm: l,
            position: p,
            oedema: false,
            meta: Meta::default(),
        }
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// A measurement of a boy at `days` with weight-for-length z `wlz` and length-for-age z `laz`.
    fn at(days: i64, laz: f64, wlz: f64, oedema: bool) -> (Child, Measurement) {
        let birth = d(2024, 1, 1);
        let c = child(Sex::Male, birth);
        let len = lms_at_day(Table::LengthForAge, Sex::Male, days as u32).unwrap().at(laz);
        let table = if days < 731 { WflTable::Length } else { WflTable::Height };
        let w = lms_at_lenhei(table, Sex::Male, len).unwrap().at_restricted(wlz);
        // Position not recorded: no 0.7 cm correction, so the z-scores are exactly `laz` and `wlz`.
        let mut m = measurement(birth + chrono::Duration::days(days), Some(w), Some(len), None);
        m.oedema = oedema;
        (c, m)
    }

    #[test]
    fn status_priority_and_cut_offs() {
        use NutritionStatus::*;
        for (laz, wlz, oedema, want) in [
            (0.0, 0.0, false, Normal),
            (-2.0, -2.0, false, Normal),
            (-2.01, 0.0, false, Stunting),
            (-2.5, -2.01, false, GiziKurang),
            (-3.5, -3.0, false, GiziKurang),
            (-3.5, -3.01, false, GiziBuruk),
            (0.0, 0.0, true, GiziBuruk),
        ] {
            let (c, m) = at(300, laz, wlz, oedema);
            assert_eq!(nutrition_status(&c, &m), Some(want), "LAZ {laz} WLZ {wlz} oedema {oedema}");
        }
    }

    #[test]
    fn status_needs_a_plausible_length() {
        let birth = d(2024, 1, 1);
        let c = child(Sex::Female, birth);
        // Weight only: unknown.
        assert_eq!(nutrition_status(&c, &measurement(d(2024, 6, 1), Some(3.0), None, None)), None);
        // Implausible length (|LAZ| > 6): unknown.
        let m = measurement(d(2024, 6, 1), Some(7.0), Some(40.0), Some(Position::Lying));
        assert_eq!(nutrition_status(&c, &m), None);
        // Flagged WLZ is not used: status from LAZ alone.
        let len = lms_at_day(Table::LengthForAge, Sex::Female, 152).unwrap().at(-2.5);
        let w = lms_at_lenhei(WflTable::Length, Sex::Female, len).unwrap().at_restricted(-5.5);
        let m = measurement(d(2024, 6, 1), Some(w), Some(len), Some(Position::Lying));
        assert_eq!(nutrition_status(&c, &m), Some(NutritionStatus::Stunting));
        // Measured before birth: unknown.
        assert_eq!(nutrition_status(&c, &measurement(d(2023, 6, 1), Some(3.0), Some(50.0), None)), None);
    }

    /// The status-only z-scores are bit for bit those of `zscores`, so the status is the same.
    #[test]
    fn status_z_scores_are_those_of_zscores() {
        use crate::growth::zscore::zscores_for_status;
        let birth = d(2024, 1, 1);
        for sex in [Sex::Male, Sex::Female] {
            let c = child(sex, birth);
            for days in (0..1900).step_by(37) {
                for (w, l) in [(2.1, 45.3), (3.4, 50.07), (6.3, 63.9), (8.05, 71.2), (9.9, 76.6), (12.5, 87.15), (14.2, 95.0), (4.0, 80.0), (20.0, 70.0)] {
                    for p in [None, Some(Position::Lying), Some(Position::Standing)] {
                        for oedema in [false, true] {
                            let mut m = measurement(birth + chrono::Duration::days(days), Some(w), Some(l), p);
                            m.oedema = oedema;
                            let all = zscores(&input_of(&c, &m));
                            let part = zscores_for_status(&input_of(&c, &m));
                            assert_eq!(part.zlen.map(f64::to_bits), all.zlen.map(f64::to_bits));
                            assert_eq!(part.zwfl.map(f64::to_bits), all.zwfl.map(f64::to_bits));
                            assert_eq!((part.flen, part.fwfl, part.wfl_table), (all.flen, all.fwfl, all.wfl_table));
                            assert_eq!(nutrition_status(&c, &m), status_from(&all, oedema), "day {days} w {w} l {l}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn verdict_lines_and_notes() {
        let (c, mut m) = at(800, -2.5, 0.0, false);
        let v = verdict(&c, &m);
        assert_eq!(v.age_days, Some(800));
        assert_eq!(v.age_months, Some(26));
        assert_eq!(v.length_for_age, Some(LengthForAgeCategory::Stunted));
        assert_eq!(v.status, Some(NutritionStatus::Stunting));
        assert!(v.lines.iter().any(|t| t.id.starts_with("TB/U -2,5") && t.id.ends_with("Pendek")), "{:?}", v.lines);
        assert!(v.lines.iter().any(|t| t.en.starts_with("Height-for-age -2.5")));
        assert!(v.notes.is_empty());
        m.oedema = true;
        let v = verdict(&c, &m);
        assert_eq!(v.status, Some(NutritionStatus::GiziBuruk));
        assert_eq!((v.weight_for_age, v.weight_for_length, v.bmi_for_age), (None, None, None));
        assert!(v.notes.iter().any(|t| t.id.contains("edema")));
    }
}
