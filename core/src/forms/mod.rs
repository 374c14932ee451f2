//! The monthly monitoring forms 2A, 2B, 2C and the validation of what a cadre enters
//! (domain.md sections 3 and 11, decisions A.9-A.10; issue 2 and issue 3 "bad input is refused").
//!
//! - `spec`: the screen-ready `FormSpec` (fields in paper order, bilingual labels, exact Bahasa
//!   questions, applicability with reasons, pre-fill values).
//! - `pregnancy` (2A), `child` (2B), `paud` (2C): applicability and record validation.
//! - `registry`, `nik`, `names`, `ranges`: register validation (NIK, names, dates, measurements).
//! - `duplicates`: possible duplicates by NIK, KIA number, name + birth date.
//! - `village`: the same checks over a whole `VillageData` (what the store and tests call).
//!
//! Findings are `model::Issue`s: errors refuse the record, warnings are saved and shown; every
//! rule has a stable id ("V-2A-HPL", ...), listed in `RULES`.

mod common;
pub mod spec;
pub mod pregnancy;
pub mod child;
pub mod paud;
pub mod nik;
pub mod names;
pub mod ranges;
pub mod registry;
pub mod duplicates;
pub mod village;

pub use child::{child_form, validate_child_visit};
pub use common::{condition_at, month_label};
pub use duplicates::{find_duplicates, DuplicateCandidate, DuplicateMatch, DuplicateReason, PersonKind};
pub use names::{normalize_name, validate_name};
pub use nik::{parse_nik, validate_nik, NikError, NikInfo};
pub use paud::{paud_form, validate_paud_visit};
pub use pregnancy::{pregnancy_form, validate_pregnancy_visit};
pub use registry::{validate_child, validate_household, validate_measurement, validate_mother, validate_pregnancy};
pub use spec::{ChoiceOption, FieldKind, FieldSpec, FieldValue, FormSpec, Prefill, PrefillSource};
pub use village::{child_form_kind, form_for, validate_village, FormsError, RecordIssue};

/// Every validation rule id with a one-line description (English), for docs and tests.
pub const RULES: &[(&str, &str)] = &[
    ("V-VISIT-MONTH", "visit date lies in the record's month"),
    ("V-VISIT-FUTURE", "visit date not in the future"),
    ("V-VISIT-ENDED", "no visit after the episode's end (moved away, died, miscarriage)"),
    ("V-VISIT-DUP", "one record per target per month"),
    ("V-VISIT-BIRTH", "no visit before the child's birth"),
    ("V-2A-TARGET", "2A record belongs to the pregnancy"),
    ("V-2A-MONTH", "no 2A row after the episode's end or after the nifas period"),
    ("V-2A-NA", "2A fields that do not apply (pre/post delivery) are empty"),
    ("V-2A-USIA", "usia kehamilan 1-10"),
    ("V-2A-USIA-TURUN", "usia kehamilan does not decrease within the episode"),
    ("V-2A-USIA-LOMPAT", "warning: usia rises faster than the months elapsed + 1"),
    ("V-2A-HPL", "warning: HPL implies a month outside [usia-2, usia+1]"),
    ("V-2A-FE-COUNT", "iron-tablet count only with Fe = v"),
    ("V-2A-FE-RANGE", "iron-tablet count at most 62 a month"),
    ("V-2A-FE-HIGH", "warning: more tablets than days in the month"),
    ("V-2A-FE-ZERO", "warning: Fe = v with 0 tablets"),
    ("V-2A-NIFAS", "postnatal checks 0-4 a month"),
    ("V-2B-TARGET", "2B record belongs to the child"),
    ("V-2B-AGE", "2B only for 0-23 completed months at the visit"),
    ("V-2B-CAMPAK", "measles only from 6 completed months"),
    ("V-2B-CAMPAK-TURUN", "warning: measles 'Belum' after an earlier 'Sudah'"),
    ("V-2C-TARGET", "2C record belongs to the child"),
    ("V-2C-AGE", "2C only for 24-83 months on the month's last day"),
    ("V-2C-MONTH", "no 2C cell after the episode's end"),
    ("V-NIK-FORMAT", "NIK is 16 digits, serial not 0000"),
    ("V-NIK-REGION", "NIK province code valid, kabupaten and kecamatan not 00"),
    ("V-NIK-DATE", "NIK digits 7-12 are a birth date (women +40)"),
    ("V-NIK-BIRTHDATE", "warning: NIK date differs from the birth date"),
    ("V-NIK-SEX", "warning: NIK sex differs from the sex"),
    ("V-NIK-TEMP", "temporary NIK = mother's NIK + one digit"),
    ("V-NAME", "name non-empty and sane"),
    ("V-HH-NUMBER", "household number non-empty"),
    ("V-KIA", "KIA number non-empty and sane"),
    ("V-DATE-FUTURE", "register dates not in the future"),
    ("V-MOTHER-AGE", "warning: mother's age outside 10-55"),
    ("V-PREG-HPL", "HPL at most 10 months ahead"),
    ("V-PREG-END", "episode end consistent with delivery"),
    ("V-CHILD-AGE", "child registered up to 83 months"),
    ("V-CHILD-END", "child's episode ends after birth, by moving or death"),
    ("V-CHILD-MOTHER-AGE", "warning: mother under 10 at the child's birth"),
    ("V-MEAS-DATE", "measurement not before birth"),
    ("V-MEAS-EMPTY", "measurement has a weight or a length"),
    ("V-MEAS-WEIGHT", "weight inside the per-age physiological range"),
    ("V-MEAS-LENGTH", "length/height inside the per-age physiological range"),
    ("V-MEAS-POSITION", "warning: lying under 24 months, standing from 24"),
    ("V-REF", "a monthly record or measurement points at an existing target"),
];

#[cfg(test)]
mod tests {
    use super::RULES;

    /// Every rule id used in the code is listed in `RULES` exactly once, and every listed id is used.
    #[test]
    fn rule_catalogue_matches_the_code() {
        let sources = [
            include_str!("common.rs"),
            include_str!("pregnancy.rs"),
            include_str!("child.rs"),
            include_str!("paud.rs"),
            include_str!("nik.rs"),
            include_str!("names.rs"),
            include_str!("registry.rs"),
            include_str!("village.rs"),
        ];
        let mut used = std::collections::BTreeSet::new();
        for s in sources {
            // Only the code, not the tests.
            let code = s.split("#[cfg(test)]").next().unwrap_or("");
            for part in code.split('"').skip(1).step_by(2) {
                if part.starts_with("V-") && part.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-') {
                    used.insert(part.to_string());
                }
            }
        }
        let listed: std::collections::BTreeSet<String> = RULES.iter().map(|(id, _)| id.to_string()).collect();
        assert_eq!(listed.len(), RULES.len(), "duplicate ids in RULES");
        assert_eq!(used, listed);
    }
}
