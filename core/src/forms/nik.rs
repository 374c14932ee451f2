//! NIK (Nomor Induk Kependudukan) checks before a person reaches the register (issue 3, A.9).
//!
//! Structure (UU 24/2013 Administrasi Kependudukan and its Permendagri; Dukcapil): 16 digits
//! = 2 province + 2 kabupaten/kota + 2 kecamatan (the Kemendagri region code of the place of
//! registration), then the birth date as DDMMYY with 40 added to the day for women, then a
//! 4-digit serial from 0001.
//!
//! Province codes: Kemendagri region codes (Kepmendagri 100.1.1-6117 Tahun 2022 on kode dan data
//! wilayah administrasi pemerintahan, kept in Kepmendagri 300.2.2-2138 Tahun 2025): 11-19 Sumatra,
//! 21 Kepulauan Riau, 31-36 Java, 51-53 Bali and Nusa Tenggara, 61-65 Kalimantan, 71-76 Sulawesi,
//! 81-82 Maluku, 91-96 Papua (91 Papua and 92 Papua Barat; 93-96 the provinces formed in 2022 by
//! UU 14, 15, 16 and 29 of 2022). NIKs issued before a split keep the old code, so all are accepted.
//!
//! A newborn without a NIK gets a temporary one: the mother's NIK plus one digit (e-HDW 2.0 FAQ,
//! domain.md 8.2 and A.9), 17 digits, accepted only when flagged temporary.

use chrono::{Datelike, NaiveDate};

use crate::model::{Issue, Sex, Text};

/// Valid first two digits of a NIK (see module header).
pub const PROVINCE_CODES: &[u32] = &[
    11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 51, 52, 53, 61, 62, 63, 64, 65, 71, 72, 73, 74, 75, 76, 81,
    82, 91, 92, 93, 94, 95, 96,
];

/// What a structurally valid NIK says about its holder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NikInfo {
    pub province: u32,
    pub regency: u32,
    pub district: u32,
    pub birth_date: NaiveDate,
    pub sex: Sex,
    pub serial: u32,
}

/// Why a NIK is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum NikError {
    #[error("NIK must be 16 digits")]
    Format,
    #[error("unknown province code")]
    Region,
    #[error("digits 7-12 are not a birth date")]
    BirthDate,
    #[error("serial 0000")]
    Serial,
}

fn num(s: &str) -> u32 {
    s.bytes().fold(0, |n, b| n * 10 + (b - b'0') as u32)
}

/// Parse a 16-digit NIK; `today` picks the century of the 2-digit birth year (the latest
/// century that does not put the birth in the future).
pub fn parse_nik(nik: &str, today: NaiveDate) -> Result<NikInfo, NikError> {
    if nik.len() != 16 || !nik.bytes().all(|b| b.is_ascii_digit()) {
        return Err(NikError::Format);
    }
    let province = num(&nik[0..2]);
    let regency = num(&nik[2..4]);
    let district = num(&nik[4..6]);
    if !PROVINCE_CODES.contains(&province) || regency == 0 || district == 0 {
        return Err(NikError::Region);
    }
    let mut day = num(&nik[6..8]);
    let month = num(&nik[8..10]);
    let yy = num(&nik[10..12]) as i32;
    let sex = if day > 40 {
        day -= 40;
        Sex::Female
    } else {
        Sex::Male
    };
    let century = today.year() / 100 * 100;
    let birth_date = [century + yy, century - 100 + yy]
        .into_iter()
        .filter_map(|y| NaiveDate::from_ymd_opt(y, month, day))
        .find(|d| *d <= today)
        .ok_or(NikError::BirthDate)?;
    let serial = num(&nik[12..16]);
    if serial == 0 {
        return Err(NikError::Serial);
    }
    Ok(NikInfo { province, regency, district, birth_date, sex, serial })
}

/// Encode the DDMMYY part of a NIK for a birth date and sex (women: day + 40).
pub fn nik_date_digits(birth_date: NaiveDate, sex: Sex) -> String {
    let day = birth_date.day() + if sex == Sex::Female { 40 } else { 0 };
    format!("{:02}{:02}{:02}", day, birth_date.month(), birth_date.year().rem_euclid(100))
}

fn nik_error_issue(field: &str, e: NikError) -> Issue {
    let (rule, msg) = match e {
        NikError::Format => ("V-NIK-FORMAT", Text::new("NIK harus 16 angka.", "The NIK must be 16 digits.")),
        NikError::Region => (
            "V-NIK-REGION",
            Text::new(
                "Kode wilayah NIK (6 angka pertama) tidak dikenal.",
                "The NIK's region code (first 6 digits) is not a known region.",
            ),
        ),
        NikError::BirthDate => (
            "V-NIK-DATE",
            Text::new("Angka ke-7 sampai 12 NIK bukan tanggal lahir yang sah.", "Digits 7-12 of the NIK are not a valid birth date."),
        ),
        NikError::Serial => (
            "V-NIK-FORMAT",
            Text::new("Nomor urut NIK (4 angka terakhir) tidak boleh 0000.", "The NIK's serial (last 4 digits) cannot be 0000."),
        ),
    };
    Issue::error(field, rule, msg)
}

/// Check a person's NIK. `birth_date` and `sex`, when known, must agree with the NIK's digits
/// 7-12; a disagreement is a warning, not a refusal, because Dukcapil does issue NIKs whose date
/// was later corrected on the KK, and refusing would block registering a real person.
/// A temporary NIK (`temporary`) is the mother's NIK plus one digit; `mother_nik`, when known,
/// must be its first 16 digits.
pub fn validate_nik(
    field: &str,
    nik: &str,
    temporary: bool,
    birth_date: Option<NaiveDate>,
    sex: Option<Sex>,
    mother_nik: Option<&str>,
    today: NaiveDate,
) -> Vec<Issue> {
    let mut issues = Vec::new();
    let nik = nik.trim();
    if temporary {
        if nik.len() != 17 || !nik.bytes().all(|b| b.is_ascii_digit()) {
            issues.push(Issue::error(
                field,
                "V-NIK-TEMP",
                Text::new(
                    "NIK sementara bayi = NIK ibu (16 angka) ditambah 1 angka, jadi 17 angka.",
                    "A newborn's temporary NIK is the mother's NIK (16 digits) plus one digit: 17 digits.",
                ),
            ));
            return issues;
        }
        if let Err(e) = parse_nik(&nik[..16], today) {
            issues.push(nik_error_issue(field, e));
        }
        if let Some(m) = mother_nik {
            if m.trim() != &nik[..16] {
                issues.push(Issue::error(
                    field,
                    "V-NIK-TEMP",
                    Text::new(
                        "16 angka pertama NIK sementara harus sama dengan NIK ibu.",
                        "The first 16 digits of a temporary NIK must be the mother's NIK.",
                    ),
                ));
            }
        }
        return issues;
    }
    match parse_nik(nik, today) {
        Err(e) => issues.push(nik_error_issue(field, e)),
        Ok(info) => {
            if let Some(b) = birth_date {
                let same = |x: NaiveDate| (x.day(), x.month(), x.year().rem_euclid(100));
                if same(b) != same(info.birth_date)
                {
                    issues.push(Issue::warning(
                        field,
                        "V-NIK-BIRTHDATE",
                        Text::new(
                            "Tanggal lahir di NIK (angka ke-7 sampai 12) berbeda dengan tanggal lahir yang diisi; periksa kembali.",
                            "The NIK's birth date (digits 7-12) differs from the birth date entered; please check.",
                        ),
                    ));
                }
            }
            if let Some(s) = sex {
                if s != info.sex {
                    let (id, en) = if info.sex == Sex::Female { ("perempuan", "female") } else { ("laki-laki", "male") };
                    issues.push(Issue::warning(
                        field,
                        "V-NIK-SEX",
                        Text::new(
                            format!("NIK ini milik seorang {id} (tanggal +40 untuk perempuan); periksa NIK atau jenis kelamin."),
                            format!("This NIK belongs to a {en} person (day +40 for women); check the NIK or the sex."),
                        ),
                    ));
                }
            }
        }
    }
    issues
}

#[cfg(test)]
mod tests {
    use super::*;
    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }
    const TODAY: (i32, u32, u32) = (2025, 6, 30);
    fn today() -> NaiveDate {
        d(TODAY.0, TODAY.1, TODAY.2)
    }
    fn rules(v: &[Issue]) -> Vec<&str> {
        v.iter().map(|i| i.rule.as_str()).collect()
    }

    #[test]
    fn parses_a_womans_nik() {
        // Jawa Tengah (33), Banyumas (02), kecamatan 01, born 12-03-1995 (52 = 12 + 40), serial 0007.
        let info = parse_nik("3302015203950007", today()).unwrap();
        assert_eq!(info.province, 33);
        assert_eq!(info.sex, Sex::Female);
        assert_eq!(info.birth_date, d(1995, 3, 12));
        assert_eq!(info.serial, 7);
        assert_eq!(nik_date_digits(d(1995, 3, 12), Sex::Female), "520395");
    }

    #[test]
    fn century_is_the_latest_not_in_the_future() {
        assert_eq!(parse_nik("3302011005240001", today()).unwrap().birth_date, d(2024, 5, 10));
        assert_eq!(parse_nik("3302011005260001", today()).unwrap().birth_date, d(1926, 5, 10));
    }

    #[test]
    fn refuses_bad_structure() {
        assert_eq!(parse_nik("330201520395000", today()), Err(NikError::Format));
        assert_eq!(parse_nik("33020152039500a7", today()), Err(NikError::Format));
        assert_eq!(parse_nik("2002015203950007", today()), Err(NikError::Region)); // 20 is no province
        assert_eq!(parse_nik("9702015203950007", today()), Err(NikError::Region));
        assert_eq!(parse_nik("3300015203950007", today()), Err(NikError::Region)); // kabupaten 00
        assert_eq!(parse_nik("3302013203950007", today()), Err(NikError::BirthDate)); // day 32
        assert_eq!(parse_nik("3302017203950007", today()), Err(NikError::BirthDate)); // day 72-40 = 32
        assert_eq!(parse_nik("3302011013950007", today()), Err(NikError::BirthDate)); // month 13
        assert_eq!(parse_nik("3302012902230007", today()), Err(NikError::BirthDate)); // 29-02-2023/1923
        assert_eq!(parse_nik("3302015203950000", today()), Err(NikError::Serial));
        for p in [11, 21, 36, 53, 65, 76, 82, 91, 96] {
            assert!(parse_nik(&format!("{p}02015203950007"), today()).is_ok(), "{p}");
        }
    }

    #[test]
    fn validate_reports_rules_and_consistency() {
        let ok = validate_nik("nik", "3302015203950007", false, Some(d(1995, 3, 12)), Some(Sex::Female), None, today());
        assert!(ok.is_empty(), "{ok:?}");
        let v = validate_nik("nik", "3302015203950007", false, Some(d(1995, 3, 13)), Some(Sex::Female), None, today());
        assert_eq!(rules(&v), ["V-NIK-BIRTHDATE"]);
        assert!(v.iter().all(|i| i.severity == crate::model::Severity::Warning));
        let v = validate_nik("nik", "3302015203950007", false, None, Some(Sex::Male), None, today());
        assert_eq!(rules(&v), ["V-NIK-SEX"]);
        let v = validate_nik("nik", "12345", false, None, None, None, today());
        assert_eq!(rules(&v), ["V-NIK-FORMAT"]);
        // No personal data in messages.
        assert!(!v[0].message.id.contains("12345") && !v[0].message.en.contains("12345"));
    }

    #[test]
    fn temporary_nik_is_mothers_plus_one_digit() {
        let m = "3302015203950007";
        assert!(validate_nik("nik", "33020152039500071", true, None, None, Some(m), today()).is_empty());
        // Not flagged temporary: 17 digits refused.
        assert_eq!(rules(&validate_nik("nik", "33020152039500071", false, None, None, Some(m), today())), ["V-NIK-FORMAT"]);
        // Wrong length or another mother's prefix.
        assert_eq!(rules(&validate_nik("nik", "3302015203950007", true, None, None, Some(m), today())), ["V-NIK-TEMP"]);
        assert_eq!(rules(&validate_nik("nik", "33020152039500081", true, None, None, Some(m), today())), ["V-NIK-TEMP"]);
        // Prefix must itself be a plausible NIK.
        assert_eq!(rules(&validate_nik("nik", "20020152039500071", true, None, None, None, today())), ["V-NIK-REGION"]);
    }
}
