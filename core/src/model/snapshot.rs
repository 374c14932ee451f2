//! A village's data as one plain value: what the convergence engine reads, what the store
//! loads for a quarter, and what a bundle carries. Computation over it needs no database.

use serde::{Deserialize, Serialize};

use super::*;

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct VillageData {
    pub village: Option<Village>,
    pub hamlets: Vec<Hamlet>,
    pub posyandu: Vec<Posyandu>,
    pub cadres: Vec<Cadre>,
    pub households: Vec<Household>,
    pub household_conditions: Vec<HouseholdCondition>,
    pub mothers: Vec<Mother>,
    pub pregnancies: Vec<Pregnancy>,
    pub children: Vec<Child>,
    pub pregnancy_visits: Vec<PregnancyVisit>,
    pub child_visits: Vec<ChildVisit>,
    pub paud_visits: Vec<PaudVisit>,
    pub measurements: Vec<Measurement>,
}

impl VillageData {
    /// How many records the snapshot holds (the village row included), for reports and bundles.
    pub fn record_count(&self) -> usize {
        usize::from(self.village.is_some())
            + self.hamlets.len()
            + self.posyandu.len()
            + self.cadres.len()
            + self.households.len()
            + self.household_conditions.len()
            + self.mothers.len()
            + self.pregnancies.len()
            + self.children.len()
            + self.pregnancy_visits.len()
            + self.child_visits.len()
            + self.paud_visits.len()
            + self.measurements.len()
    }
}
