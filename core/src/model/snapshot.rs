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
