//! Possible-duplicate check before registering a person (domain.md A.9, 8.3: "duplicate target
//! data" is the top e-HDW complaint): the same NIK, the same KIA number, or the same normalised
//! name and birth date as a record already in the village. The caller shows the matches and
//! lets the cadre choose; twins legitimately share a KIA number and a birth date.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::model::{Id, Text, VillageData};

use super::names::normalize_name;

/// Which register a candidate or a match belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum PersonKind {
    Mother,
    /// A pregnancy episode (matched by KIA number; its mother by NIK / name).
    Pregnancy,
    Child,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum DuplicateReason {
    SameNik,
    SameKiaNumber,
    SameNameAndBirthDate,
}

/// The person about to be registered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct DuplicateCandidate {
    pub kind: PersonKind,
    pub name: String,
    pub birth_date: Option<NaiveDate>,
    pub nik: Option<String>,
    pub kia_number: Option<String>,
    /// When editing, the record's own id (never matched against itself).
    pub own_id: Option<Id>,
}

/// An existing record that may be the same person / episode.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct DuplicateMatch {
    pub kind: PersonKind,
    pub id: Id,
    pub reason: DuplicateReason,
    pub message: Text,
}

fn message(reason: DuplicateReason, kind: PersonKind) -> Text {
    let (kid, ken) = match kind {
        PersonKind::Mother => ("ibu", "mother"),
        PersonKind::Pregnancy => ("kehamilan", "pregnancy"),
        PersonKind::Child => ("anak", "child"),
    };
    match reason {
        DuplicateReason::SameNik => Text::new(
            format!("NIK yang sama sudah terdaftar untuk seorang {kid}."),
            format!("The same NIK is already registered for a {ken}."),
        ),
        DuplicateReason::SameKiaNumber => Text::new(
            format!("Nomor KIA yang sama sudah terdaftar untuk {kid} lain (anak kembar memakai nomor yang sama)."),
            format!("The same KIA number is already registered for another {ken} (twins share a number)."),
        ),
        DuplicateReason::SameNameAndBirthDate => Text::new(
            format!("Nama dan tanggal lahir yang sama sudah terdaftar untuk seorang {kid}."),
            format!("The same name and birth date are already registered for a {ken}."),
        ),
    }
}

fn digits(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn kia_key(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// Possible duplicates of `candidate` among the village's non-deleted records. NIKs are
/// compared across mothers and children (a NIK is one person's); KIA numbers within the same
/// kind (a child shares its mother's KIA book, which is no duplicate); name + birth date
/// within the same kind.
pub fn find_duplicates(candidate: &DuplicateCandidate, data: &VillageData) -> Vec<DuplicateMatch> {
    let mut out = Vec::new();
    let own = candidate.own_id.as_deref();
    let mut push = |kind: PersonKind, id: &Id, reason: DuplicateReason| {
        if Some(id.as_str()) != own && !out.iter().any(|m: &DuplicateMatch| &m.id == id && m.reason == reason) {
            out.push(DuplicateMatch { kind, id: id.clone(), reason, message: message(reason, kind) });
        }
    };

    let nik = candidate.nik.as_deref().map(digits).filter(|n| !n.is_empty());
    let kia = candidate.kia_number.as_deref().map(kia_key).filter(|k| !k.is_empty());
    let name = normalize_name(&candidate.name);
    let name_date = (!name.is_empty()).then_some(()).and(candidate.birth_date).map(|d| (name.clone(), d));

    for m in data.mothers.iter().filter(|m| !m.meta.deleted) {
        if nik.is_some() && m.nik.as_deref().map(digits) == nik {
            push(PersonKind::Mother, &m.id, DuplicateReason::SameNik);
        }
        if candidate.kind == PersonKind::Mother {
            if let (Some((n, d)), Some(b)) = (&name_date, m.birth_date) {
                if b == *d && normalize_name(&m.name) == *n {
                    push(PersonKind::Mother, &m.id, DuplicateReason::SameNameAndBirthDate);
                }
            }
        }
    }
    if candidate.kind == PersonKind::Pregnancy {
        for p in data.pregnancies.iter().filter(|p| !p.meta.deleted) {
            if kia.is_some() && Some(kia_key(&p.kia_number)) == kia {
                push(PersonKind::Pregnancy, &p.id, DuplicateReason::SameKiaNumber);
            }
        }
    }
    for c in data.children.iter().filter(|c| !c.meta.deleted) {
        if nik.is_some() && c.nik.as_deref().map(digits) == nik {
            push(PersonKind::Child, &c.id, DuplicateReason::SameNik);
        }
        if candidate.kind == PersonKind::Child {
            if kia.is_some() && c.kia_number.as_deref().map(kia_key) == kia {
                push(PersonKind::Child, &c.id, DuplicateReason::SameKiaNumber);
            }
            if let Some((n, d)) = &name_date {
                if c.birth_date == *d && normalize_name(&c.name) == *n {
                    push(PersonKind::Child, &c.id, DuplicateReason::SameNameAndBirthDate);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::common::fixtures::*;
    use super::*;

    fn village() -> VillageData {
        let mut c2 = child(d(2025, 1, 1));
        c2.id = "c2".into();
        c2.name = "Dewi Lestari".into();
        c2.nik = Some("3302014101250002".into());
        c2.kia_number = Some("KIA-02".into());
        VillageData { mothers: vec![mother()], pregnancies: vec![pregnancy()], children: vec![child(d(2025, 2, 1)), c2], ..Default::default() }
    }
    fn cand(kind: PersonKind) -> DuplicateCandidate {
        DuplicateCandidate { kind, name: "Someone Else".into(), birth_date: None, nik: None, kia_number: None, own_id: None }
    }
    fn reasons(v: &[DuplicateMatch]) -> Vec<(&str, DuplicateReason)> {
        v.iter().map(|m| (m.id.as_str(), m.reason)).collect()
    }

    #[test]
    fn finds_same_nik_across_registers() {
        let mut c = cand(PersonKind::Child);
        c.nik = Some("3302 0152 0395 0007".into());
        assert_eq!(reasons(&find_duplicates(&c, &village())), [("m1", DuplicateReason::SameNik)]);
    }

    #[test]
    fn finds_same_kia_within_kind_only() {
        let mut c = cand(PersonKind::Pregnancy);
        c.kia_number = Some("kia 01".into());
        assert_eq!(reasons(&find_duplicates(&c, &village())), [("p1", DuplicateReason::SameKiaNumber)]);
        // A child with its mother's KIA book number is no duplicate of the pregnancy, but of a child with it (twins?).
        let mut c = cand(PersonKind::Child);
        c.kia_number = Some("KIA-01".into());
        let m = find_duplicates(&c, &village());
        assert_eq!(reasons(&m), [("c1", DuplicateReason::SameKiaNumber)]);
        assert!(m[0].message.id.contains("kembar"));
    }

    #[test]
    fn finds_same_normalised_name_and_birth_date() {
        let mut c = cand(PersonKind::Child);
        c.name = "  budi  SANTOSO ".into();
        c.birth_date = Some(d(2025, 2, 1));
        assert_eq!(reasons(&find_duplicates(&c, &village())), [("c1", DuplicateReason::SameNameAndBirthDate)]);
        c.birth_date = Some(d(2025, 2, 2));
        assert!(find_duplicates(&c, &village()).is_empty());
        let mut m = cand(PersonKind::Mother);
        m.name = "Siti Amínah".into();
        m.birth_date = Some(d(1995, 3, 12));
        assert_eq!(reasons(&find_duplicates(&m, &village())), [("m1", DuplicateReason::SameNameAndBirthDate)]);
        // Editing the record itself, or a deleted record, is no duplicate.
        m.own_id = Some("m1".into());
        assert!(find_duplicates(&m, &village()).is_empty());
        let mut v = village();
        v.mothers[0].meta.deleted = true;
        m.own_id = None;
        assert!(find_duplicates(&m, &v).is_empty());
    }
}
