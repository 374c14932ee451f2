//! Natural ids of monthly records and measurements (docs/adr/0005-natural-ids.md).
//!
//! A monthly record (Formulir 2A, 2B, 2C) is unique per target and month (domain.md 11 "at most
//! one monthly record", the store's `*_target_month` unique indexes), and a measurement is unique
//! per child and date (ADR 0005: a second measurement on the same day corrects the first). So a
//! new one gets an id derived from that key instead of a random one: a UUID v5 (RFC 9562) in the
//! fixed Pantau namespace `ID_NAMESPACE` of the name `"<form>/<target id>/<YYYY-MM or YYYY-MM-DD>"`
//! with form `2A`, `2B`, `2C` or `M` (measurement). Two devices recording the same child's month
//! then make the same record (a version conflict, not two records), and a bundle omits the id
//! when it is the derived one (docs/bundle-format.md). Ids minted before (random UUID v4) stay
//! valid: a record's id is whatever it was created with; `natural_id` is only the default.

use chrono::NaiveDate;
use uuid::Uuid;

use super::{ChildVisit, Id, Measurement, PaudVisit, PregnancyVisit, YearMonth};

/// The namespace of every Pantau derived id. Fixed forever: changing it would change every id.
pub const ID_NAMESPACE: Uuid = uuid::uuid!("192eca13-fbb8-49da-a12d-7edd1b3f5df5");

fn derived(form: &str, target_id: &str, key: std::fmt::Arguments) -> Id {
    let name = format!("{form}/{target_id}/{key}");
    Uuid::new_v5(&ID_NAMESPACE, name.as_bytes()).to_string()
}

/// Id of the Formulir 2A record of `pregnancy_id` for `month`.
pub fn pregnancy_visit_id(pregnancy_id: &str, month: YearMonth) -> Id {
    derived("2A", pregnancy_id, format_args!("{month}"))
}

/// Id of the Formulir 2B record of `child_id` for `month`.
pub fn child_visit_id(child_id: &str, month: YearMonth) -> Id {
    derived("2B", child_id, format_args!("{month}"))
}

/// Id of the Formulir 2C record of `child_id` for `month`.
pub fn paud_visit_id(child_id: &str, month: YearMonth) -> Id {
    derived("2C", child_id, format_args!("{month}"))
}

/// Id of the measurement of `child_id` on `date`.
pub fn measurement_id(child_id: &str, date: NaiveDate) -> Id {
    use chrono::Datelike;
    derived(
        "M",
        child_id,
        format_args!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day()),
    )
}

/// The id a record gets when it is created (its natural key's derived id).
pub trait NaturalId {
    fn natural_id(&self) -> Id;
    /// Whether `id` is this record's natural id. Cheap for ids that are not UUID v5 (random v4
    /// ids of older records): no hash is computed for them.
    fn has_natural_id(&self, id: &str) -> bool {
        id.as_bytes().get(14) == Some(&b'5') && id == self.natural_id()
    }
}

impl NaturalId for PregnancyVisit {
    fn natural_id(&self) -> Id {
        pregnancy_visit_id(&self.pregnancy_id, self.month)
    }
}
impl NaturalId for ChildVisit {
    fn natural_id(&self) -> Id {
        child_visit_id(&self.child_id, self.month)
    }
}
impl NaturalId for PaudVisit {
    fn natural_id(&self) -> Id {
        paud_visit_id(&self.child_id, self.month)
    }
}
impl NaturalId for Measurement {
    fn natural_id(&self) -> Id {
        measurement_id(&self.child_id, self.date)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derived_ids_are_uuid_v5_of_the_documented_name() {
        let m = YearMonth {
            year: 2025,
            month: 3,
        };
        let id = child_visit_id("c1", m);
        // Independent computation of docs/bundle-format.md's rule (Python: uuid.uuid5(ns, "2B/c1/2025-03")).
        assert_eq!(
            id,
            Uuid::new_v5(&ID_NAMESPACE, b"2B/c1/2025-03").to_string()
        );
        assert_eq!(id, "12c11bd0-bfba-5dc6-9a07-d180bdbd20ad");
        let d = NaiveDate::from_ymd_opt(2025, 3, 6).unwrap_or_default();
        assert_eq!(
            measurement_id("c1", d),
            "d2b20b04-5620-56f5-852d-95dd3f5a327c"
        );
        assert_eq!(
            Uuid::parse_str(&id).map(|u| u.get_version_num()).ok(),
            Some(5)
        );
        // Each form and key gives its own id; the same key gives the same id.
        let all = [
            pregnancy_visit_id("c1", m),
            child_visit_id("c1", m),
            paud_visit_id("c1", m),
            child_visit_id("c1", m.next()),
            child_visit_id("c2", m),
            measurement_id(
                "c1",
                NaiveDate::from_ymd_opt(2025, 3, 1).unwrap_or_default(),
            ),
        ];
        let distinct: std::collections::HashSet<_> = all.iter().collect();
        assert_eq!(distinct.len(), all.len());
        assert_eq!(child_visit_id("c1", m), id);
        let mut v = ChildVisit {
            child_id: "c1".into(),
            month: m,
            ..Default::default()
        };
        assert!(v.has_natural_id(&id));
        assert!(!v.has_natural_id("0f5d5c3a-77e4-4b7e-9a2e-2f4a1c9d8e70"));
        v.month = m.next();
        assert!(!v.has_natural_id(&id));
    }
}
