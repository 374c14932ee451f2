//! Quarterly convergence: per-target Y/T/TS with reasons (forms 3A, 3B; PD-1 for 2C), Format 4
//! tables 1-5, Formulir 1, breakdowns by hamlet and posyandu, and the gap list (domain.md 3.5-3.7,
//! 4, 5; decisions of section A, not the defects of section 10). Pure functions over a
//! `model::VillageData`; every report carries `ruleset_id@version` (A.1).
//!
//! Decisions taken here (where A leaves a choice to the implementation):
//! - **Drafts count.** A monthly record still in `Draft` is the cadre's saved answers for that visit
//!   (architecture.md: every answer is saved as entered); leaving it out would show a service she did
//!   record as missing and put the target on the gap list for a visit already made. Blank cells of a
//!   half-filled draft count as "not received" like any blank. The number of draft records in the
//!   quarter is reported (`Scorecard::draft_records`, `draft_months` per row) so the desk can see it.
//! - A record belongs to the month of its *visit date* (A.3); of several records of one target in one
//!   month the latest (visit date, then last edit) counts (A.10: an edit replaces).
//! - Soft-deleted targets, records and measurements are ignored; records after an episode's end date
//!   are ignored and there is no row in quarters after the end (A.10 Episodes).
//! - 2B records at an age outside 0-23 completed months, and 2C cells outside 24-83 months on the
//!   month's last day, are not records of that form (A.10; the forms module refuses them at entry).
//! - Status gizi of a monitored month: the month's last measurement through `derive_status` (the
//!   growth module), else the status the puskesmas reported, else unknown (A.8, A.10). The quarter's
//!   status is the last known one. Months without a 2B record are not monitored months.
//! - Formulir 1 (a) "IBU HAMIL RESTI" uses Table 1's KEK/RESTI definition (the form's footnote is
//!   unreadable, domain.md 12.2); water, latrine, insurance and birth certificate use the quarter's last
//!   monthly answer (A.2), else the register attribute at the quarter's end.

mod check;
mod evaluate;
mod records;
mod scorecard;
mod target;
mod types;

#[cfg(test)]
mod tests;

pub use scorecard::dana_desa;
pub use target::DeriveStatus;
pub use types::*;
/// The engine's fast id-keyed map, shared with the store's quarter loader (local ids, no adversary).
pub(crate) use records::FxMap;

use crate::model::{Child, Measurement, NutritionStatus, Quarter, VillageData};
use crate::ruleset::RuleSet;

use target::Registry;

/// A derivation that never derives: the visit's reported status is used throughout. For callers
/// without the growth module (tests, quick CLI runs).
pub fn reported_status_only(_: &Child, _: &Measurement) -> Option<NutritionStatus> {
    None
}

/// The quarter's scorecard as the app and the CLI show it: status gizi derived from measurements by
/// the WHO growth standards (`growth::nutrition_status`, domain.md A.8), no entered figures.
pub fn scorecard(rules: &RuleSet, data: &VillageData, quarter: Quarter) -> Scorecard {
    scorecard_with(rules, data, quarter, &crate::growth::nutrition_status)
}

/// The quarter's scorecard with no manually entered figures (Table 5 empty, Formulir 1 (b)/(c) empty).
pub fn scorecard_with(
    rules: &RuleSet,
    data: &VillageData,
    quarter: Quarter,
    derive_status: &dyn Fn(&Child, &Measurement) -> Option<NutritionStatus>,
) -> Scorecard {
    scorecard::build(rules, data, quarter, &ReportInputs::default(), derive_status)
}

/// The quarter's scorecard including the entered budget (Table 5) and Formulir 1 (b)/(c).
pub fn scorecard_full(
    rules: &RuleSet,
    data: &VillageData,
    quarter: Quarter,
    inputs: &ReportInputs,
    derive_status: &dyn Fn(&Child, &Measurement) -> Option<NutritionStatus>,
) -> Scorecard {
    scorecard::build(rules, data, quarter, inputs, derive_status)
}

/// One target's quarter (the app's target card): its 3A, 3B or 2C row, or None when it has no
/// records in the quarter (or is unknown, deleted, or ended before the quarter). A child with both a
/// 2B record and a 2C cell in the quarter (the month it turns 24) gives its 3B row.
pub fn target_quarter(
    rules: &RuleSet,
    data: &VillageData,
    target_id: &str,
    quarter: Quarter,
    derive_status: &dyn Fn(&Child, &Measurement) -> Option<NutritionStatus>,
) -> Option<TargetResult> {
    let reg = Registry::new(&data.households, &data.mothers);
    if let Some(p) = data.pregnancies.iter().find(|p| p.id == target_id) {
        let mut visits: Vec<_> = data.pregnancy_visits.iter().filter(|v| v.pregnancy_id == target_id).collect();
        return target::pregnancy_row(rules, &reg, p, &mut visits, quarter, &mut Vec::new(), &mut Default::default())
            .map(|(row, _)| TargetResult::Pregnancy { row });
    }
    let c = data.children.iter().find(|c| c.id == target_id)?;
    let mut visits: Vec<_> = data.child_visits.iter().filter(|v| v.child_id == target_id).collect();
    let mut rows = Vec::new();
    if !visits.is_empty() {
        let meas: Vec<_> = data.measurements.iter().filter(|m| m.child_id == target_id).collect();
        if let Some((row, _)) = target::child_row(rules, &reg, c, &mut visits, &meas, quarter, derive_status, &mut rows, &mut Default::default()) {
            return Some(TargetResult::Child { row });
        }
    }
    let mut paud: Vec<_> = data.paud_visits.iter().filter(|v| v.child_id == target_id).collect();
    target::paud_row(rules, &reg, c, &mut paud, quarter, &mut rows, &mut Default::default()).map(|row| TargetResult::Paud { row })
}

/// The services one target lacks in the quarter, with reasons; None when the target has no row in
/// the quarter, an empty `gaps` list when it lacks nothing.
pub fn target_gaps(
    rules: &RuleSet,
    data: &VillageData,
    target_id: &str,
    quarter: Quarter,
    derive_status: &dyn Fn(&Child, &Measurement) -> Option<NutritionStatus>,
) -> Option<TargetGaps> {
    target_quarter(rules, data, target_id, quarter, derive_status).map(|t| target::gaps_of(rules, &t))
}
