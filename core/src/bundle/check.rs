//! The rules a bundle's records must satisfy before anything is written (issue 4 "every bad bundle
//! gets a clear error"): no duplicates inside one file, every reference resolvable in the bundle or
//! the database, every record in the bundle's village, and the model rules of domain.md 11 / A.10
//! that a bundle can break (a child born in the future, a visit outside its month or before birth).
//! The first broken rule refuses the whole bundle. Pure: "today" and the existing data are inputs.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Days, NaiveDate};

use super::merge::Record;
use super::{Bundle, BundleError};
use crate::model::*;

/// Rule ids used in `BundleError::InvalidRecord::rule`, cited in docs/bundle-format.md.
pub const RULE_IDS: &[&str] = &[
    "B-ID",
    "B-META",
    "B-VILLAGE",
    "B-BIRTH-FUTURE",
    "B-DATE-FUTURE",
    "B-VISIT-MONTH",
    "B-BEFORE-BIRTH",
    "B-MEASURE-RANGE",
    "B-MONTH-DUP",
];

/// Largest id accepted (a UUID is 36 characters).
const MAX_ID_LEN: usize = 64;

fn t(id: impl Into<String>, en: impl Into<String>) -> Text {
    Text::new(id, en)
}

/// Ids of one table: in the bundle or already stored for the village.
struct Ids<'a>(HashSet<&'a str>);

impl<'a> Ids<'a> {
    fn of<R: Record>(bundle: &'a [R], existing: &'a [R]) -> Self {
        Ids(bundle.iter().chain(existing).map(|r| r.id()).collect())
    }
    fn has(&self, id: &str) -> bool {
        self.0.contains(id)
    }
}

fn check_ids<R: Record>(records: &[R]) -> Result<(), BundleError> {
    let mut seen = HashSet::with_capacity(records.len());
    for r in records {
        let id = r.id();
        if id.is_empty() || id.len() > MAX_ID_LEN || !id.bytes().all(|b| b.is_ascii_graphic()) {
            return Err(BundleError::invalid(
                R::TABLE,
                &id.chars().take(MAX_ID_LEN).collect::<String>(),
                "B-ID",
                t("id kosong atau tidak valid", "empty or invalid id"),
            ));
        }
        if !seen.insert(id) {
            return Err(BundleError::Duplicate {
                table: R::TABLE,
                id: id.to_string(),
            });
        }
        let m = r.meta();
        if m.version == 0 || m.updated_at < m.created_at || m.device_id.is_empty() {
            return Err(BundleError::invalid(
                R::TABLE,
                id,
                "B-META",
                t(
                    "meta tidak valid (versi 0, diubah sebelum dibuat, atau tanpa perangkat)",
                    "invalid meta (version 0, updated before created, or no device)",
                ),
            ));
        }
    }
    Ok(())
}

fn need(ok: bool, table: &'static str, id: &str, field: &'static str) -> Result<(), BundleError> {
    if ok {
        Ok(())
    } else {
        Err(BundleError::MissingReference {
            table,
            id: id.to_string(),
            field,
        })
    }
}

fn not_future(
    date: NaiveDate,
    limit: NaiveDate,
    table: &'static str,
    id: &str,
    rule: &str,
) -> Result<(), BundleError> {
    if date > limit {
        let msg = if rule == "B-BIRTH-FUTURE" {
            t(
                format!("tanggal lahir {date} di masa depan"),
                format!("birth date {date} is in the future"),
            )
        } else {
            t(
                format!("tanggal {date} di masa depan"),
                format!("date {date} is in the future"),
            )
        };
        return Err(BundleError::invalid(table, id, rule, msg));
    }
    Ok(())
}

fn visit_in_month(
    month: YearMonth,
    date: NaiveDate,
    table: &'static str,
    id: &str,
) -> Result<(), BundleError> {
    if !month.contains(date) {
        return Err(BundleError::invalid(
            table,
            id,
            "B-VISIT-MONTH",
            t(
                format!("tanggal kunjungan {date} tidak di bulan {month} (domain.md 11)"),
                format!("visit date {date} is not in month {month} (domain.md 11)"),
            ),
        ));
    }
    Ok(())
}

/// One record per target per month among live records (domain.md 11, A.10).
fn one_per_month<'a>(
    items: impl Iterator<Item = (&'a str, &'a str, YearMonth, bool)>,
    table: &'static str,
) -> Result<(), BundleError> {
    let mut seen: HashMap<(&str, YearMonth), &str> = HashMap::new();
    for (id, target, month, deleted) in items {
        if deleted {
            continue;
        }
        if let Some(_first) = seen.insert((target, month), id) {
            return Err(BundleError::invalid(
                table,
                id,
                "B-MONTH-DUP",
                t(
                    format!("dua rekaman untuk sasaran yang sama di bulan {month}"),
                    format!("two records for the same target in month {month}"),
                ),
            ));
        }
    }
    Ok(())
}

/// Checks a parsed bundle against the model rules and the village's `existing` records
/// (empty for a new village). `today` is the importer's date: dates more than one day after it
/// (time zones: WIB-WIT are UTC+7..+9) are "in the future".
pub fn validate(
    bundle: &Bundle,
    existing: &VillageData,
    today: NaiveDate,
) -> Result<(), BundleError> {
    let d = &bundle.data;
    let code = &bundle.header.village_code;
    if code.trim().is_empty() || code.len() > 32 {
        return Err(BundleError::Malformed {
            detail: "village_code empty or too long".into(),
        });
    }
    if bundle.header.device_id.is_empty() {
        return Err(BundleError::Malformed {
            detail: "device_id empty".into(),
        });
    }
    let limit = today.checked_add_days(Days::new(1)).unwrap_or(today);
    let exported =
        DateTime::from_timestamp_millis(bundle.header.exported_at).map(|t| t.date_naive());
    let limit = exported.map_or(limit, |e| {
        e.checked_add_days(Days::new(1)).unwrap_or(e).min(limit)
    });

    // Duplicates and ids, table by table.
    if let Some(v) = &d.village {
        check_ids(std::slice::from_ref(v))?;
    }
    check_ids(&d.hamlets)?;
    check_ids(&d.posyandu)?;
    check_ids(&d.cadres)?;
    check_ids(&d.households)?;
    check_ids(&d.household_conditions)?;
    check_ids(&d.mothers)?;
    check_ids(&d.pregnancies)?;
    check_ids(&d.children)?;
    check_ids(&d.pregnancy_visits)?;
    check_ids(&d.child_visits)?;
    check_ids(&d.paud_visits)?;
    check_ids(&d.measurements)?;
    check_ids(&bundle.notes)?;

    // The village: the bundle's own code, and the one already stored for that code.
    let village = d.village.as_ref().or(existing.village.as_ref());
    let village = match village {
        Some(v) => v,
        None => {
            return Err(BundleError::MissingReference {
                table: "village",
                id: code.clone(),
                field: "village_code",
            })
        }
    };
    for v in d.village.iter().chain(existing.village.iter()) {
        if &v.code != code {
            return Err(BundleError::VillageMismatch {
                expected: v.code.clone(),
                found: code.clone(),
            });
        }
    }
    let village_ids: HashSet<&str> = d
        .village
        .iter()
        .chain(existing.village.iter())
        .map(|v| v.id.as_str())
        .collect();
    let in_village = |table: &'static str, id: &str, vid: &str| {
        if village_ids.contains(vid) {
            Ok(())
        } else {
            Err(BundleError::VillageMismatch {
                expected: village.code.clone(),
                found: format!("{table} {id}"),
            })
        }
    };

    let hamlets = Ids::of(&d.hamlets, &existing.hamlets);
    let posyandu = Ids::of(&d.posyandu, &existing.posyandu);
    let households = Ids::of(&d.households, &existing.households);
    let mothers = Ids::of(&d.mothers, &existing.mothers);
    let pregnancies = Ids::of(&d.pregnancies, &existing.pregnancies);
    let children: HashMap<&str, &Child> = existing
        .children
        .iter()
        .chain(&d.children)
        .map(|c| (c.id.as_str(), c))
        .collect();

    for h in &d.hamlets {
        in_village("hamlet", &h.id, &h.village_id)?;
    }
    for p in &d.posyandu {
        in_village("posyandu", &p.id, &p.village_id)?;
        if let Some(h) = &p.hamlet_id {
            need(hamlets.has(h), "posyandu", &p.id, "hamlet_id")?;
        }
    }
    for c in &d.cadres {
        in_village("cadre", &c.id, &c.village_id)?;
    }
    for h in &d.households {
        in_village("household", &h.id, &h.village_id)?;
        need(hamlets.has(&h.hamlet_id), "household", &h.id, "hamlet_id")?;
    }
    for c in &d.household_conditions {
        need(
            households.has(&c.household_id),
            "household_condition",
            &c.id,
            "household_id",
        )?;
    }
    for m in &d.mothers {
        need(
            households.has(&m.household_id),
            "mother",
            &m.id,
            "household_id",
        )?;
        if let Some(b) = m.birth_date {
            not_future(b, limit, "mother", &m.id, "B-BIRTH-FUTURE")?;
        }
    }
    for p in &d.pregnancies {
        need(mothers.has(&p.mother_id), "pregnancy", &p.id, "mother_id")?;
        if let Some(h) = &p.posyandu_id {
            need(posyandu.has(h), "pregnancy", &p.id, "posyandu_id")?;
        }
        if let Some(dd) = p.delivery_date {
            not_future(dd, limit, "pregnancy", &p.id, "B-DATE-FUTURE")?;
        }
    }
    for c in &d.children {
        need(
            households.has(&c.household_id),
            "child",
            &c.id,
            "household_id",
        )?;
        if let Some(m) = &c.mother_id {
            need(mothers.has(m), "child", &c.id, "mother_id")?;
        }
        if let Some(p) = &c.pregnancy_id {
            need(pregnancies.has(p), "child", &c.id, "pregnancy_id")?;
        }
        if let Some(p) = &c.posyandu_id {
            need(posyandu.has(p), "child", &c.id, "posyandu_id")?;
        }
        not_future(c.birth_date, limit, "child", &c.id, "B-BIRTH-FUTURE")?;
    }
    for v in &d.pregnancy_visits {
        need(
            pregnancies.has(&v.pregnancy_id),
            "pregnancy_visit",
            &v.id,
            "pregnancy_id",
        )?;
        visit_in_month(v.month, v.visit_date, "pregnancy_visit", &v.id)?;
        not_future(
            v.visit_date,
            limit,
            "pregnancy_visit",
            &v.id,
            "B-DATE-FUTURE",
        )?;
    }
    let before_birth = |table: &'static str, id: &str, date: NaiveDate, child: &Child| {
        if date < child.birth_date {
            Err(BundleError::invalid(
                table,
                id,
                "B-BEFORE-BIRTH",
                t(
                    format!("tanggal {date} sebelum tanggal lahir anak"),
                    format!("date {date} is before the child's birth date"),
                ),
            ))
        } else {
            Ok(())
        }
    };
    for v in &d.child_visits {
        let child = children.get(v.child_id.as_str()).copied();
        need(child.is_some(), "child_visit", &v.id, "child_id")?;
        visit_in_month(v.month, v.visit_date, "child_visit", &v.id)?;
        not_future(v.visit_date, limit, "child_visit", &v.id, "B-DATE-FUTURE")?;
        if let Some(c) = child {
            before_birth("child_visit", &v.id, v.visit_date, c)?;
        }
    }
    for v in &d.paud_visits {
        let child = children.get(v.child_id.as_str()).copied();
        need(child.is_some(), "paud_visit", &v.id, "child_id")?;
        visit_in_month(v.month, v.visit_date, "paud_visit", &v.id)?;
        not_future(v.visit_date, limit, "paud_visit", &v.id, "B-DATE-FUTURE")?;
        if let Some(c) = child {
            before_birth("paud_visit", &v.id, v.visit_date, c)?;
        }
    }
    for m in &d.measurements {
        let child = children.get(m.child_id.as_str()).copied();
        need(child.is_some(), "measurement", &m.id, "child_id")?;
        not_future(m.date, limit, "measurement", &m.id, "B-DATE-FUTURE")?;
        if let Some(c) = child {
            before_birth("measurement", &m.id, m.date, c)?;
        }
        // Physically possible values only; plausibility of z-scores is growth.md's business.
        let bad_w = m
            .weight_kg
            .is_some_and(|w| !(w.is_finite() && w > 0.0 && w <= 100.0));
        let bad_l = m
            .length_cm
            .is_some_and(|l| !(l.is_finite() && l > 0.0 && l <= 200.0));
        if bad_w || bad_l {
            return Err(BundleError::invalid(
                "measurement",
                &m.id,
                "B-MEASURE-RANGE",
                t(
                    "berat atau panjang di luar batas yang mungkin",
                    "weight or length outside possible values",
                ),
            ));
        }
    }
    for n in &bundle.notes {
        let ok = match n.target_kind {
            TargetKind::Pregnancy => pregnancies.has(&n.target_id),
            TargetKind::Child | TargetKind::Paud => children.contains_key(n.target_id.as_str()),
        };
        need(ok, "note", &n.id, "target_id")?;
        not_future(n.date, limit, "note", &n.id, "B-DATE-FUTURE")?;
    }
    one_per_month(
        d.pregnancy_visits.iter().map(|v| {
            (
                v.id.as_str(),
                v.pregnancy_id.as_str(),
                v.month,
                v.meta.deleted,
            )
        }),
        "pregnancy_visit",
    )?;
    one_per_month(
        d.child_visits
            .iter()
            .map(|v| (v.id.as_str(), v.child_id.as_str(), v.month, v.meta.deleted)),
        "child_visit",
    )?;
    one_per_month(
        d.paud_visits
            .iter()
            .map(|v| (v.id.as_str(), v.child_id.as_str(), v.month, v.meta.deleted)),
        "paud_visit",
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::sample::{bundle, date, today};
    use super::*;

    fn rule_of(r: Result<(), BundleError>) -> String {
        match r {
            Err(BundleError::InvalidRecord { rule, .. }) => rule,
            Err(BundleError::MissingReference { field, .. }) => format!("ref:{field}"),
            Err(BundleError::Duplicate { table, .. }) => format!("dup:{table}"),
            Err(BundleError::VillageMismatch { .. }) => "village".into(),
            other => format!("{other:?}"),
        }
    }

    #[test]
    fn sample_is_valid() {
        validate(&bundle("d"), &VillageData::default(), today()).unwrap();
    }

    #[test]
    fn each_broken_rule_is_named() {
        let none = VillageData::default();
        let mut b = bundle("d");
        b.data.children[0].birth_date = date(2025, 3, 1);
        assert_eq!(rule_of(validate(&b, &none, today())), "B-BIRTH-FUTURE");

        let mut b = bundle("d");
        b.data.child_visits[0].visit_date = date(2025, 2, 1);
        assert_eq!(rule_of(validate(&b, &none, today())), "B-VISIT-MONTH");

        let mut b = bundle("d");
        b.data.child_visits[0].child_id = "nobody".into();
        assert_eq!(rule_of(validate(&b, &none, today())), "ref:child_id");

        let mut b = bundle("d");
        b.data.pregnancy_visits[0].pregnancy_id = "nobody".into();
        assert_eq!(rule_of(validate(&b, &none, today())), "ref:pregnancy_id");

        let mut b = bundle("d");
        let dup = b.data.measurements[0].clone();
        b.data.measurements.push(dup);
        assert_eq!(rule_of(validate(&b, &none, today())), "dup:measurement");

        let mut b = bundle("d");
        let mut second = b.data.child_visits[0].clone();
        second.id = "cv-2".into();
        b.data.child_visits.push(second);
        assert_eq!(rule_of(validate(&b, &none, today())), "B-MONTH-DUP");

        let mut b = bundle("d");
        b.data.measurements[0].date = date(2024, 3, 1);
        assert_eq!(rule_of(validate(&b, &none, today())), "B-BEFORE-BIRTH");

        let mut b = bundle("d");
        b.data.measurements[0].weight_kg = Some(f64::NAN);
        assert_eq!(rule_of(validate(&b, &none, today())), "B-MEASURE-RANGE");

        let mut b = bundle("d");
        b.data.hamlets[0].meta.version = 0;
        assert_eq!(rule_of(validate(&b, &none, today())), "B-META");

        let mut b = bundle("d");
        b.data.hamlets[0].village_id = "other-village".into();
        assert_eq!(rule_of(validate(&b, &none, today())), "village");

        let mut b = bundle("d");
        b.header.village_code = "99.99.99.9999".into();
        assert_eq!(rule_of(validate(&b, &none, today())), "village");
    }

    #[test]
    fn references_may_resolve_in_the_database() {
        let full = bundle("d");
        let mut inc = bundle("d");
        inc.data.children.clear();
        // the child is only in the database: the visit and measurement still resolve
        validate(&inc, &full.data, today()).unwrap();
        assert_eq!(
            rule_of(validate(&inc, &VillageData::default(), today())),
            "ref:child_id"
        );
    }
}
