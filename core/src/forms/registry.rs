//! Register validation: bad input is refused before it reaches the database (issue 3;
//! domain.md 11 "Registers and identity", A.9). Errors refuse, warnings are saved and shown.
//! Messages are Bahasa Indonesia first and never contain names or NIKs.

use chrono::NaiveDate;

use crate::model::{completed_months, Child, EndReason, Household, Issue, Measurement, Mother, Position, Pregnancy, Sex, Text};

use super::common::fmt_date;
use super::names::validate_name;
use super::nik::validate_nik;
use super::ranges::{length_band, weight_band};

/// A child is registered up to 7 years old (the end of the 2C age band, 83 months; domain.md 11).
pub const CHILD_MAX_AGE_MONTHS: u32 = 83;
/// Mother's age at registration outside 10-55 years is a warning (WHO counts pregnancies from 10
/// years in adolescent-pregnancy statistics; natural conception after 55 is exceptional).
pub const MOTHER_AGE_MIN_YEARS: u32 = 10;
pub const MOTHER_AGE_MAX_YEARS: u32 = 55;
/// Longest KIA register number accepted (the book's number is short, e.g. "01", "KIA-2025-0123").
pub const KIA_MAX_CHARS: usize = 30;

fn future(field: &str, what: &Text, date: NaiveDate, today: NaiveDate) -> Option<Issue> {
    (date > today).then(|| {
        Issue::error(
            field,
            "V-DATE-FUTURE",
            Text::new(
                format!("{} belum terjadi (hari ini {}).", what.id, fmt_date(today)),
                format!("{} is in the future (today is {}).", what.en, fmt_date(today)),
            ),
        )
    })
}

fn check_kia(field: &str, kia: &str) -> Option<Issue> {
    let k = kia.trim();
    let ok = !k.is_empty() && k.chars().count() <= KIA_MAX_CHARS && k.chars().all(|c| c.is_alphanumeric() || " ./-".contains(c));
    (!ok).then(|| {
        Issue::error(
            field,
            "V-KIA",
            Text::new(
                format!("Nomor register KIA wajib diisi: huruf, angka, spasi, . / - (paling banyak {KIA_MAX_CHARS} karakter)."),
                format!("The KIA register number is required: letters, digits, spaces, . / - (at most {KIA_MAX_CHARS} characters)."),
            ),
        )
    })
}

/// A household before it is saved: number and head's name.
pub fn validate_household(h: &Household) -> Vec<Issue> {
    let mut issues = validate_name("head_name", &h.head_name);
    if h.number.trim().is_empty() {
        issues.push(Issue::error(
            "number",
            "V-HH-NUMBER",
            Text::new("Nomor rumah tangga wajib diisi.", "The household number is required."),
        ));
    }
    issues
}

/// A mother before she is saved.
pub fn validate_mother(m: &Mother, today: NaiveDate) -> Vec<Issue> {
    let mut issues = validate_name("name", &m.name);
    if let Some(nik) = &m.nik {
        issues.extend(validate_nik("nik", nik, false, m.birth_date, Some(Sex::Female), None, today));
    }
    if let Some(b) = m.birth_date {
        if let Some(i) = future("birth_date", &Text::new("Tanggal lahir", "Birth date"), b, today) {
            issues.push(i);
        } else {
            let years = completed_months(b, today).unwrap_or(0) / 12;
            if !(MOTHER_AGE_MIN_YEARS..=MOTHER_AGE_MAX_YEARS).contains(&years) {
                issues.push(Issue::warning(
                    "birth_date",
                    "V-MOTHER-AGE",
                    Text::new(
                        format!("Umur ibu {years} tahun di luar {MOTHER_AGE_MIN_YEARS}-{MOTHER_AGE_MAX_YEARS} tahun; periksa tanggal lahir."),
                        format!("The mother is {years} years old, outside {MOTHER_AGE_MIN_YEARS}-{MOTHER_AGE_MAX_YEARS}; check the birth date."),
                    ),
                ));
            }
        }
    }
    issues
}

/// A pregnancy episode before it is saved.
pub fn validate_pregnancy(p: &Pregnancy, today: NaiveDate) -> Vec<Issue> {
    let mut issues = Vec::new();
    issues.extend(check_kia("kia_number", &p.kia_number));
    if let Some(d) = p.delivery_date {
        issues.extend(future("delivery_date", &Text::new("Tanggal melahirkan", "Delivery date"), d, today));
    }
    if let Some(hpl) = p.expected_delivery {
        // An HPL more than 10 months ahead cannot belong to a pregnancy that exists today.
        if (hpl - today).num_days() > 305 {
            issues.push(Issue::error(
                "expected_delivery",
                "V-PREG-HPL",
                Text::new(
                    "HPL lebih dari 10 bulan dari hari ini.",
                    "The expected delivery date is more than 10 months from today.",
                ),
            ));
        }
    }
    if let Some(end) = &p.end {
        issues.extend(future("end", &Text::new("Tanggal keluar", "End date"), end.date, today));
        if end.reason == EndReason::Miscarriage && p.delivery_date.is_some() {
            issues.push(Issue::error(
                "end",
                "V-PREG-END",
                Text::new(
                    "Kehamilan dengan tanggal melahirkan tidak dapat berakhir karena keguguran.",
                    "A pregnancy with a delivery date cannot end in a miscarriage.",
                ),
            ));
        }
        if let Some(d) = p.delivery_date {
            if end.date < d {
                issues.push(Issue::error(
                    "end",
                    "V-PREG-END",
                    Text::new("Tanggal keluar sebelum tanggal melahirkan.", "The end date is before the delivery date."),
                ));
            }
        }
    }
    issues
}

/// A child before registration. `mother` (when linked) gives the prefix of a temporary NIK.
/// The day a record was registered (its `created_at`), or today for a record not yet saved.
/// The 7-year limit is judged at registration: a child registered at 80 months stays editable
/// after turning 84, and a bundle of last year's data imports unchanged.
fn registered_on(meta: &crate::model::Meta, today: NaiveDate) -> NaiveDate {
    chrono::DateTime::from_timestamp_millis(meta.created_at)
        .map(|t| t.date_naive())
        .filter(|d| meta.created_at > 0 && *d <= today)
        .unwrap_or(today)
}

pub fn validate_child(c: &Child, mother: Option<&Mother>, today: NaiveDate) -> Vec<Issue> {
    let mut issues = validate_name("name", &c.name);
    if let Some(nik) = &c.nik {
        let mother_nik = mother.and_then(|m| m.nik.as_deref());
        issues.extend(validate_nik("nik", nik, c.nik_temporary, Some(c.birth_date), Some(c.sex), mother_nik, today));
    } else if c.nik_temporary {
        issues.push(Issue::error(
            "nik",
            "V-NIK-TEMP",
            Text::new("NIK sementara ditandai tetapi tidak diisi.", "A temporary NIK is flagged but not filled."),
        ));
    }
    if let Some(kia) = &c.kia_number {
        issues.extend(check_kia("kia_number", kia));
    }
    if let Some(i) = future("birth_date", &Text::new("Tanggal lahir", "Birth date"), c.birth_date, today) {
        issues.push(i);
    } else if completed_months(c.birth_date, registered_on(&c.meta, today)).unwrap_or(0) > CHILD_MAX_AGE_MONTHS {
        issues.push(Issue::error(
            "birth_date",
            "V-CHILD-AGE",
            Text::new(
                "Anak lebih dari 7 tahun (83 bulan) tidak didaftarkan sebagai sasaran 2B/2C.",
                "A child older than 7 years (83 months) is not registered as a 2B/2C target.",
            ),
        ));
    }
    if let Some(end) = &c.end {
        issues.extend(future("end", &Text::new("Tanggal keluar", "End date"), end.date, today));
        if end.date < c.birth_date || end.reason == EndReason::Miscarriage {
            issues.push(Issue::error(
                "end",
                "V-CHILD-END",
                Text::new(
                    "Akhir pemantauan anak harus sesudah lahir dan karena pindah atau meninggal.",
                    "A child's episode ends after birth, by moving away or death.",
                ),
            ));
        }
    }
    if let Some(mb) = mother.and_then(|m| m.birth_date) {
        if completed_months(mb, c.birth_date).is_none_or(|mo| mo < MOTHER_AGE_MIN_YEARS * 12) {
            issues.push(Issue::warning(
                "birth_date",
                "V-CHILD-MOTHER-AGE",
                Text::new(
                    format!("Ibu berumur kurang dari {MOTHER_AGE_MIN_YEARS} tahun saat anak lahir; periksa tanggal lahir."),
                    format!("The mother was under {MOTHER_AGE_MIN_YEARS} when the child was born; check the birth dates."),
                ),
            ));
        }
    }
    issues
}

/// A weighing / length measurement before it is saved: date not in the future and not before
/// birth, at least one value, values inside the physiological ranges of `ranges` for the
/// child's sex and age (outside the hard band refused, outside ±4 SD a warning), and the
/// position expected for the age (lying under 24 months, standing from 24; growth.md 1.5).
pub fn validate_measurement(m: &Measurement, child: &Child, today: NaiveDate) -> Vec<Issue> {
    let mut issues = Vec::new();
    issues.extend(future("date", &Text::new("Tanggal pengukuran", "Measurement date"), m.date, today));
    if m.date < child.birth_date {
        issues.push(Issue::error(
            "date",
            "V-MEAS-DATE",
            Text::new("Tanggal pengukuran sebelum anak lahir.", "The measurement date is before the child's birth."),
        ));
        return issues;
    }
    if m.weight_kg.is_none() && m.length_cm.is_none() {
        issues.push(Issue::error(
            "weight_kg",
            "V-MEAS-EMPTY",
            Text::new("Isi berat badan atau panjang/tinggi badan.", "Enter a weight or a length/height."),
        ));
    }
    let age = (m.date - child.birth_date).num_days() as f64 / 30.4375;
    if let Some(w) = m.weight_kg {
        let b = weight_band(child.sex, age);
        range_issue(&mut issues, "weight_kg", "V-MEAS-WEIGHT", w, b.hard_min, b.hard_max, b.soft_min, b.soft_max, "kg", ("Berat badan", "Weight"));
    }
    if let Some(l) = m.length_cm {
        let b = length_band(child.sex, age);
        range_issue(&mut issues, "length_cm", "V-MEAS-LENGTH", l, b.hard_min, b.hard_max, b.soft_min, b.soft_max, "cm", ("Panjang/tinggi badan", "Length/height"));
    }
    if let Some(p) = m.position {
        let expected = if completed_months(child.birth_date, m.date).unwrap_or(0) < 24 { Position::Lying } else { Position::Standing };
        if p != expected {
            issues.push(Issue::warning(
                "position",
                "V-MEAS-POSITION",
                Text::new(
                    "Di bawah 24 bulan diukur berbaring (panjang badan), mulai 24 bulan berdiri (tinggi badan); hasil akan dikoreksi 0,7 cm.",
                    "Under 24 months children are measured lying (length), from 24 months standing (height); the value is adjusted by 0.7 cm.",
                ),
            ));
        }
    }
    issues
}

#[allow(clippy::too_many_arguments)]
fn range_issue(
    issues: &mut Vec<Issue>,
    field: &str,
    rule: &str,
    v: f64,
    hard_min: f64,
    hard_max: f64,
    soft_min: f64,
    soft_max: f64,
    unit: &str,
    what: (&str, &str),
) {
    if !v.is_finite() || v < hard_min || v > hard_max {
        issues.push(Issue::error(
            field,
            rule,
            Text::new(
                format!("{} {v} {unit} tidak mungkin untuk umur ini (batas {hard_min:.1}-{hard_max:.1} {unit}); periksa angka dan koma.", what.0),
                format!("{} {v} {unit} is impossible at this age (limits {hard_min:.1}-{hard_max:.1} {unit}); check the digits and the decimal point.", what.1),
            ),
        ));
    } else if v < soft_min || v > soft_max {
        issues.push(Issue::warning(
            field,
            rule,
            Text::new(
                format!("{} {v} {unit} sangat jauh dari biasanya untuk umur ini ({soft_min:.1}-{soft_max:.1} {unit}); periksa kembali.", what.0),
                format!("{} {v} {unit} is far from usual for this age ({soft_min:.1}-{soft_max:.1} {unit}); please check.", what.1),
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::common::fixtures::*;
    use super::*;
    use crate::model::{EpisodeEnd, Meta, Severity};

    fn today() -> NaiveDate {
        d(2025, 6, 30)
    }
    fn meas(weight: Option<f64>, length: Option<f64>, date: NaiveDate) -> Measurement {
        Measurement { id: "x".into(), child_id: "c1".into(), date, weight_kg: weight, length_cm: length, position: None, oedema: false, meta: Meta::default() }
    }

    #[test]
    fn mother_registration() {
        assert!(validate_mother(&mother(), today()).is_empty());
        let mut m = mother();
        m.name = " ".into();
        m.nik = Some("3302015203950000".into());
        assert_eq!(rules(&validate_mother(&m, today())), ["V-NAME", "V-NIK-FORMAT"]);
        let mut m = mother();
        m.birth_date = Some(d(2026, 1, 1));
        m.nik = None;
        assert_eq!(rules(&validate_mother(&m, today())), ["V-DATE-FUTURE"]);
        m.birth_date = Some(d(2018, 1, 1));
        let r = validate_mother(&m, today());
        assert_eq!((rules(&r), r[0].severity), (vec!["V-MOTHER-AGE"], Severity::Warning));
        // NIK of a man for a mother: warning.
        let mut m = mother();
        m.nik = Some("3302011203950007".into());
        assert_eq!(rules(&validate_mother(&m, today())), ["V-NIK-SEX"]);
    }

    #[test]
    fn pregnancy_registration() {
        assert!(validate_pregnancy(&pregnancy(), today()).is_empty());
        let mut p = pregnancy();
        p.kia_number = "  ".into();
        assert_eq!(rules(&validate_pregnancy(&p, today())), ["V-KIA"]);
        p.kia_number = "KIA;DROP".into();
        assert_eq!(rules(&validate_pregnancy(&p, today())), ["V-KIA"]);
        let mut p = pregnancy();
        p.delivery_date = Some(d(2025, 7, 1));
        assert_eq!(rules(&validate_pregnancy(&p, today())), ["V-DATE-FUTURE"]);
        let mut p = pregnancy();
        p.expected_delivery = Some(d(2026, 6, 1));
        assert_eq!(rules(&validate_pregnancy(&p, today())), ["V-PREG-HPL"]);
        let mut p = pregnancy();
        p.delivery_date = Some(d(2025, 5, 1));
        p.end = Some(EpisodeEnd { date: d(2025, 4, 1), reason: EndReason::Miscarriage });
        assert_eq!(rules(&validate_pregnancy(&p, today())), ["V-PREG-END", "V-PREG-END"]);
    }

    #[test]
    fn child_registration() {
        let m = mother();
        let mut c = child(d(2025, 2, 1));
        assert!(validate_child(&c, Some(&m), today()).is_empty());
        c.nik = Some("33020152039500071".into());
        c.nik_temporary = true;
        assert!(validate_child(&c, Some(&m), today()).is_empty());
        c.nik_temporary = false;
        assert_eq!(rules(&validate_child(&c, Some(&m), today())), ["V-NIK-FORMAT"]);
        // A real child NIK: male, born 01-02-2025.
        c.nik = Some("3302010102250003".into());
        assert!(validate_child(&c, Some(&m), today()).is_empty());
        c.nik = None;
        c.nik_temporary = true;
        assert_eq!(rules(&validate_child(&c, Some(&m), today())), ["V-NIK-TEMP"]);
        let mut c = child(d(2018, 6, 29));
        assert_eq!(rules(&validate_child(&c, None, today())), ["V-CHILD-AGE"]);
        c.birth_date = d(2018, 7, 1); // 83 months on 30-06-2025
        assert!(validate_child(&c, None, today()).is_empty());
        // Registered when 83 months old (2025-06-30): still valid when edited years later.
        c.meta.created_at = chrono::NaiveDate::from_ymd_opt(2025, 6, 30).unwrap().and_hms_opt(8, 0, 0).unwrap().and_utc().timestamp_millis();
        assert!(validate_child(&c, None, d(2027, 1, 1)).is_empty());
        c.meta.created_at = 0; // not saved yet: judged today
        assert_eq!(rules(&validate_child(&c, None, d(2027, 1, 1))), ["V-CHILD-AGE"]);
        c.birth_date = d(2025, 7, 1);
        assert_eq!(rules(&validate_child(&c, None, today())), ["V-DATE-FUTURE"]);
        let mut c = child(d(2025, 1, 1));
        c.kia_number = Some(String::new());
        assert_eq!(rules(&validate_child(&c, None, today())), ["V-KIA"]);
        let mut c = child(d(2025, 1, 1));
        c.end = Some(EpisodeEnd { date: d(2025, 3, 1), reason: EndReason::Miscarriage });
        assert_eq!(rules(&validate_child(&c, None, today())), ["V-CHILD-END"]);
    }

    #[test]
    fn measurements_inside_physiological_ranges() {
        let c = child(d(2024, 6, 15)); // boy, 12 months on 15-06-2025
        let on = d(2025, 6, 15);
        assert!(validate_measurement(&meas(Some(9.6), Some(75.7), on), &c, today()).is_empty());
        assert_eq!(rules(&validate_measurement(&meas(Some(96.0), None, on), &c, today())), ["V-MEAS-WEIGHT"]);
        assert_eq!(rules(&validate_measurement(&meas(None, Some(757.0), on), &c, today())), ["V-MEAS-LENGTH"]);
        assert_eq!(rules(&validate_measurement(&meas(None, Some(f64::NAN), on), &c, today())), ["V-MEAS-LENGTH"]);
        // Very small but possible: warning only (about -5 SD).
        let r = validate_measurement(&meas(None, Some(61.0), on), &c, today());
        assert_eq!((rules(&r), r[0].severity), (vec!["V-MEAS-LENGTH"], Severity::Warning));
        assert_eq!(rules(&validate_measurement(&meas(None, None, on), &c, today())), ["V-MEAS-EMPTY"]);
        assert_eq!(rules(&validate_measurement(&meas(Some(3.0), None, d(2024, 6, 1)), &c, today())), ["V-MEAS-DATE"]);
        assert_eq!(rules(&validate_measurement(&meas(Some(9.6), None, d(2025, 7, 1)), &c, today())), ["V-DATE-FUTURE"]);
        let mut m = meas(Some(9.6), Some(75.7), on);
        m.position = Some(Position::Standing);
        assert_eq!(rules(&validate_measurement(&m, &c, today())), ["V-MEAS-POSITION"]);
    }

    #[test]
    fn households_need_number_and_head() {
        let h = Household {
            id: "h1".into(),
            village_id: "v".into(),
            hamlet_id: "d".into(),
            number: "".into(),
            head_name: "Slamet".into(),
            address: "".into(),
            meta: Meta::default(),
        };
        assert_eq!(rules(&validate_household(&h)), ["V-HH-NUMBER"]);
    }
}
