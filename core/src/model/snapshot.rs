//! A village's data as one plain value: what the convergence engine reads, what the store
//! loads for a quarter, and what a bundle carries. Computation over it needs no database.

use serde::{Deserialize, Serialize};

use super::*;

/// Calls macro `$m` with the names of `VillageData`'s lists (all but `village`) in dependency order:
/// registers before what refers to them. The one place the store's snapshot writes and the bundle's
/// merge and import take that order from.
#[macro_export]
macro_rules! village_lists {
    ($m:ident) => {
        $m!(
            hamlets,
            posyandu,
            cadres,
            households,
            household_conditions,
            mothers,
            pregnancies,
            children,
            pregnancy_visits,
            child_visits,
            paud_visits,
            measurements
        )
    };
}

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
        macro_rules! count {
            ($($f:ident),*) => { 0 $(+ self.$f.len())* };
        }
        usize::from(self.village.is_some()) + crate::village_lists!(count)
    }
}
