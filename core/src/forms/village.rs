//! The form rules over a whole `VillageData`: look a target up and build its form, or run every
//! register and monthly-record check at once (used by the store before saving imported data,
//! and by tests on generated villages).

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::model::{Child, Id, Issue, TargetKind, VillageData, YearMonth};

use super::spec::FormSpec;
use super::{child, paud, pregnancy, registry};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FormsError {
    #[error("no {kind:?} target with id {id}")]
    UnknownTarget { kind: TargetKind, id: Id },
}

/// The form of `kind` for `target_id` in `month`, visit on `visit_date`, with pre-fills from
/// the village's household conditions and the target's history.
pub fn form_for(
    data: &VillageData,
    kind: TargetKind,
    target_id: &str,
    month: YearMonth,
    visit_date: NaiveDate,
) -> Result<FormSpec, FormsError> {
    let unknown = || FormsError::UnknownTarget { kind, id: target_id.to_string() };
    match kind {
        TargetKind::Pregnancy => {
            let p = data.pregnancies.iter().find(|p| p.id == target_id && !p.meta.deleted).ok_or_else(unknown)?;
            let mother = data.mothers.iter().find(|m| m.id == p.mother_id);
            let history: Vec<_> = data.pregnancy_visits.iter().filter(|v| v.pregnancy_id == p.id).cloned().collect();
            Ok(pregnancy::pregnancy_form(p, mother, &data.household_conditions, &history, month, visit_date))
        }
        TargetKind::Child => {
            let c = data.children.iter().find(|c| c.id == target_id && !c.meta.deleted).ok_or_else(unknown)?;
            Ok(child::child_form(c, &data.household_conditions, month, visit_date))
        }
        TargetKind::Paud => {
            let c = data.children.iter().find(|c| c.id == target_id && !c.meta.deleted).ok_or_else(unknown)?;
            Ok(paud::paud_form(c, month, visit_date))
        }
    }
}

/// The monthly form a child has in `month` (domain.md 3.3, 3.4, 11): `Child` (2B) when the child is
/// 0-23 completed months at the month's earliest possible visit (its first day, or the birth date
/// in the birth month), else `Paud` (2C) when 24-83 months on the month's last day, else None (not
/// born yet, too old, or left before the month). In the month a child turns 24 both rows can
/// exist; 2B comes first, as on the target list.
pub fn child_form_kind(child: &Child, month: YearMonth) -> Option<TargetKind> {
    let earliest = month.first_day().max(child.birth_date);
    if child::child_row(child, month, earliest).is_ok() {
        Some(TargetKind::Child)
    } else if paud::paud_row(child, month).is_ok() {
        Some(TargetKind::Paud)
    } else {
        None
    }
}

/// A finding about one record of a village.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct RecordIssue {
    pub record_id: Id,
    pub issue: Issue,
}

/// Every register and monthly-record check over the village's non-deleted records.
/// A monthly record whose target is missing is reported as "V-REF".
pub fn validate_village(data: &VillageData, today: NaiveDate) -> Vec<RecordIssue> {
    let mut out = Vec::new();
    let mut add = |id: &Id, issues: Vec<Issue>| out.extend(issues.into_iter().map(|issue| RecordIssue { record_id: id.clone(), issue }));
    let missing = |what: &str| {
        vec![Issue::error(
            what,
            "V-REF",
            crate::model::Text::new("Sasaran catatan ini tidak ditemukan.", "The record's target was not found."),
        )]
    };

    let mothers: HashMap<&str, _> = data.mothers.iter().filter(|m| !m.meta.deleted).map(|m| (m.id.as_str(), m)).collect();
    let pregnancies: HashMap<&str, _> = data.pregnancies.iter().filter(|p| !p.meta.deleted).map(|p| (p.id.as_str(), p)).collect();
    let children: HashMap<&str, _> = data.children.iter().filter(|c| !c.meta.deleted).map(|c| (c.id.as_str(), c)).collect();

    for h in data.households.iter().filter(|h| !h.meta.deleted) {
        add(&h.id, registry::validate_household(h));
    }
    for m in mothers.values() {
        add(&m.id, registry::validate_mother(m, today));
    }
    for p in pregnancies.values() {
        add(&p.id, registry::validate_pregnancy(p, today));
    }
    for c in children.values() {
        let mother = c.mother_id.as_deref().and_then(|id| mothers.get(id).copied());
        add(&c.id, registry::validate_child(c, mother, today));
    }

    let mut by_preg: HashMap<&str, Vec<_>> = HashMap::new();
    for v in data.pregnancy_visits.iter().filter(|v| !v.meta.deleted) {
        by_preg.entry(v.pregnancy_id.as_str()).or_default().push(v);
    }
    for (pid, visits) in &by_preg {
        for v in visits {
            match pregnancies.get(pid) {
                Some(p) => add(&v.id, pregnancy::validate_pregnancy_visit(v, p, visits.iter().copied(), today)),
                None => add(&v.id, missing("pregnancy_id")),
            }
        }
    }
    let mut by_child: HashMap<&str, Vec<_>> = HashMap::new();
    for v in data.child_visits.iter().filter(|v| !v.meta.deleted) {
        by_child.entry(v.child_id.as_str()).or_default().push(v);
    }
    for (cid, visits) in &by_child {
        for v in visits {
            match children.get(cid) {
                Some(c) => add(&v.id, child::validate_child_visit(v, c, visits.iter().copied(), today)),
                None => add(&v.id, missing("child_id")),
            }
        }
    }
    let mut by_paud: HashMap<&str, Vec<_>> = HashMap::new();
    for v in data.paud_visits.iter().filter(|v| !v.meta.deleted) {
        by_paud.entry(v.child_id.as_str()).or_default().push(v);
    }
    for (cid, visits) in &by_paud {
        for v in visits {
            match children.get(cid) {
                Some(c) => add(&v.id, paud::validate_paud_visit(v, c, visits.iter().copied(), today)),
                None => add(&v.id, missing("child_id")),
            }
        }
    }
    for m in data.measurements.iter().filter(|m| !m.meta.deleted) {
        match children.get(m.child_id.as_str()) {
            Some(c) => add(&m.id, registry::validate_measurement(m, c, today)),
            None => add(&m.id, missing("child_id")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::common::fixtures::*;
    use super::*;

    #[test]
    fn a_child_has_2b_until_23_months_then_2c() {
        let c = child(d(2023, 1, 20));
        assert_eq!(child_form_kind(&c, ym(2022, 12)), None);
        assert_eq!(child_form_kind(&c, ym(2023, 1)), Some(TargetKind::Child));
        assert_eq!(child_form_kind(&c, ym(2024, 12)), Some(TargetKind::Child));
        // 23 months on 1 January 2025, 24 at its end: 2B first.
        assert_eq!(child_form_kind(&c, ym(2025, 1)), Some(TargetKind::Child));
        assert_eq!(child_form_kind(&c, ym(2025, 2)), Some(TargetKind::Paud));
        assert_eq!(child_form_kind(&c, ym(2030, 1)), None);
    }

    #[test]
    fn form_for_looks_targets_up() {
        let data = VillageData { mothers: vec![mother()], pregnancies: vec![pregnancy()], children: vec![child(d(2025, 1, 1))], ..Default::default() };
        let s = form_for(&data, TargetKind::Pregnancy, "p1", ym(2025, 3), d(2025, 3, 3)).unwrap();
        assert_eq!(s.form_code, "2A");
        assert!(s.field("insurance").unwrap().prefill.is_some());
        assert_eq!(form_for(&data, TargetKind::Child, "c1", ym(2025, 3), d(2025, 3, 3)).unwrap().form_code, "2B");
        assert!(!form_for(&data, TargetKind::Paud, "c1", ym(2025, 3), d(2025, 3, 3)).unwrap().applies);
        assert_eq!(
            form_for(&data, TargetKind::Child, "nope", ym(2025, 3), d(2025, 3, 3)),
            Err(FormsError::UnknownTarget { kind: TargetKind::Child, id: "nope".into() })
        );
    }

    #[test]
    fn validate_village_reports_per_record() {
        let mut orphan = cvisit("o", ym(2025, 3), 3);
        orphan.child_id = "missing".into();
        let data = VillageData {
            mothers: vec![mother()],
            pregnancies: vec![pregnancy()],
            children: vec![child(d(2025, 1, 1))],
            child_visits: vec![cvisit("a", ym(2025, 3), 3), cvisit("b", ym(2025, 3), 9), orphan],
            ..Default::default()
        };
        let mut found: Vec<(String, String)> =
            validate_village(&data, d(2025, 12, 31)).into_iter().map(|r| (r.record_id, r.issue.rule)).collect();
        found.sort();
        assert_eq!(
            found,
            [("a".into(), "V-VISIT-DUP".into()), ("b".into(), "V-VISIT-DUP".into()), ("o".into(), "V-REF".into())]
        );
    }

    /// Messages never carry names, NIKs or a person's dates (birth, HPL, delivery, end).
    #[test]
    fn messages_carry_no_personal_data() {
        use crate::model::{EndReason, EpisodeEnd, Measurement, Meta, Sex};
        let mut m = mother();
        m.name = "Siti 9".into();
        m.nik = Some("3302015303950007".into()); // date digits disagree with the birth date
        m.birth_date = Some(d(2019, 3, 12)); // too young
        let mut p = pregnancy();
        p.expected_delivery = Some(d(2026, 9, 1));
        p.delivery_date = Some(d(2025, 3, 2));
        p.end = Some(EpisodeEnd { date: d(2025, 2, 1), reason: EndReason::Miscarriage });
        let mut c = child(d(2025, 1, 7));
        c.name = "Budi 2".into();
        c.nik = Some("3302014701250003".into()); // a girl's NIK for a boy
        c.sex = Sex::Male;
        let mut pv = pvisit("pv", ym(2025, 1), 10);
        pv.gestational_age_months = Some(2);
        pv.iron_tablet_count = Some(5);
        let mut cv = cvisit("cv", ym(2025, 1), 3);
        cv.measles = Some(crate::model::Measles::Done);
        let meas = Measurement { id: "x".into(), child_id: "c1".into(), date: d(2025, 1, 6), weight_kg: Some(33.0), length_cm: None, position: None, oedema: false, meta: Meta::default() };
        let data = VillageData {
            mothers: vec![m.clone()],
            pregnancies: vec![p.clone()],
            children: vec![c.clone()],
            pregnancy_visits: vec![pv],
            child_visits: vec![cv],
            measurements: vec![meas],
            ..Default::default()
        };
        let found = validate_village(&data, d(2025, 1, 5));
        let rules: std::collections::BTreeSet<&str> = found.iter().map(|r| r.issue.rule.as_str()).collect();
        assert!(rules.len() >= 8, "{rules:?}");
        let mut secrets = vec![m.name.clone(), c.name.clone(), m.nik.clone().unwrap(), c.nik.clone().unwrap(), "Siti".into(), "Budi".into()];
        for date in [m.birth_date.unwrap(), c.birth_date, p.expected_delivery.unwrap(), p.delivery_date.unwrap(), p.end.unwrap().date] {
            secrets.push(date.format("%d-%m-%Y").to_string());
            secrets.push(date.format("%Y-%m-%d").to_string());
            secrets.push(date.format("%d/%m/%Y").to_string());
        }
        for r in &found {
            for s in &secrets {
                assert!(!r.issue.message.id.contains(s.as_str()) && !r.issue.message.en.contains(s.as_str()), "{s} in {:?}", r.issue);
            }
        }
    }
}
