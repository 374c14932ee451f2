//! The form rules over a whole `VillageData`: look a target up and build its form, or run every
//! register and monthly-record check at once (used by the store before saving imported data,
//! and by tests on generated villages).

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::model::{Id, Issue, TargetKind, VillageData, YearMonth};

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
        by_preg.entry(v.pregnancy_id.as_str()).or_default().push(v.clone());
    }
    for (pid, visits) in &by_preg {
        for v in visits {
            match pregnancies.get(pid) {
                Some(p) => add(&v.id, pregnancy::validate_pregnancy_visit(v, p, visits, today)),
                None => add(&v.id, missing("pregnancy_id")),
            }
        }
    }
    let mut by_child: HashMap<&str, Vec<_>> = HashMap::new();
    for v in data.child_visits.iter().filter(|v| !v.meta.deleted) {
        by_child.entry(v.child_id.as_str()).or_default().push(v.clone());
    }
    for (cid, visits) in &by_child {
        for v in visits {
            match children.get(cid) {
                Some(c) => add(&v.id, child::validate_child_visit(v, c, visits, today)),
                None => add(&v.id, missing("child_id")),
            }
        }
    }
    let mut by_paud: HashMap<&str, Vec<_>> = HashMap::new();
    for v in data.paud_visits.iter().filter(|v| !v.meta.deleted) {
        by_paud.entry(v.child_id.as_str()).or_default().push(v.clone());
    }
    for (cid, visits) in &by_paud {
        for v in visits {
            match children.get(cid) {
                Some(c) => add(&v.id, paud::validate_paud_visit(v, c, visits, today)),
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
