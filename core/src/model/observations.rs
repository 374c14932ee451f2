//! Monthly observations, the raw truth (domain.md A.2): one record per target per month,
//! the visit date inside that month. A service cell is `Some(true)` = v, `Some(false)` = x,
//! `None` = blank / not asked (domain.md 2.2 "Monthly service cell").

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{FormStatus, Id, MatResult, Measles, Meta, NutritionStatus, PaudCell, Position, YearMonth};

/// Formulir 2A row for one pregnancy and one month (domain.md 3.2).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct PregnancyVisit {
    pub id: Id,
    pub pregnancy_id: Id,
    pub month: YearMonth,
    pub visit_date: NaiveDate,
    pub status: FormStatus,
    /// The rule set the form was entered under, `ruleset_id@version` (architecture.md "Rules as data").
    pub ruleset: String,
    /// This month's KEK / RISTI status (column c; blank = normal). Pre-delivery only.
    pub kek: bool,
    pub risti: bool,
    /// Usia kehamilan in months, 1-10 (A.10). Pre-delivery only.
    pub gestational_age_months: Option<u32>,
    /// g: pemeriksaan kehamilan (ANC). Pre-delivery only.
    pub antenatal_check: Option<bool>,
    /// h: dapat & konsumsi pil Fe. Pre-delivery only.
    pub iron_tablets: Option<bool>,
    /// Butir pil Fe this month; only when `iron_tablets` is v (domain.md 11).
    pub iron_tablet_count: Option<u32>,
    /// i: number of postnatal checks this month, 0-4 (A.10 IH-3). Post-delivery only.
    pub postnatal_checks: Option<u32>,
    /// j: konseling gizi / kelas ibu hamil. Pre-delivery only.
    pub nutrition_counselling: Option<bool>,
    /// k: kunjungan rumah. Pre-delivery only.
    pub home_visit: Option<bool>,
    /// l, m, n: asked every month.
    pub safe_water: Option<bool>,
    pub latrine: Option<bool>,
    pub insurance: Option<bool>,
    pub meta: Meta,
}

/// Formulir 2B row for one child 0-23 months and one month (domain.md 3.3).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ChildVisit {
    pub id: Id,
    pub child_id: Id,
    pub month: YearMonth,
    pub visit_date: NaiveDate,
    pub status: FormStatus,
    pub ruleset: String,
    /// Status gizi reported by the puskesmas, used only when no plausible measurement exists (A.8).
    pub reported_nutrition_status: Option<NutritionStatus>,
    /// Growth-mat colour as observed (never overwritten by the computed length-for-age, A.8).
    pub mat_result: MatResult,
    pub basic_immunization: Option<bool>,
    /// Only from 6 months (domain.md 11); only "Sudah" counts (A.10).
    pub measles: Option<Measles>,
    /// Weighed this month (AN-2); the value itself is a `Measurement`.
    pub weighed: Option<bool>,
    /// Length/height measured this month (AN-3).
    pub length_measured: Option<bool>,
    pub counselling_father: Option<bool>,
    pub counselling_mother: Option<bool>,
    pub home_visit: Option<bool>,
    pub safe_water: Option<bool>,
    pub latrine: Option<bool>,
    pub birth_certificate: Option<bool>,
    pub insurance: Option<bool>,
    /// Kelas pengasuhan (AN-10).
    pub parenting_class: Option<bool>,
    pub meta: Meta,
}

/// Formulir 2C cell for one PAUD child (24-83 months) and one month (domain.md 3.4).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct PaudVisit {
    pub id: Id,
    pub child_id: Id,
    pub month: YearMonth,
    pub visit_date: NaiveDate,
    pub status: FormStatus,
    pub ruleset: String,
    pub cell: PaudCell,
    pub meta: Meta,
}

/// A weighing / length measurement at the posyandu or a home visit (growth.md 1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Measurement {
    pub id: Id,
    pub child_id: Id,
    pub date: NaiveDate,
    pub weight_kg: Option<f64>,
    pub length_cm: Option<f64>,
    pub position: Option<Position>,
    /// Bilateral pitting oedema (growth.md 1.7).
    pub oedema: bool,
    pub meta: Meta,
}

impl Default for FormStatus {
    fn default() -> Self {
        FormStatus::Draft
    }
}
impl Default for MatResult {
    fn default() -> Self {
        MatResult::NotMeasured
    }
}
impl Default for Meta {
    fn default() -> Self {
        Meta { created_at: 0, updated_at: 0, version: 1, deleted: false, device_id: String::new() }
    }
}
impl Default for YearMonth {
    fn default() -> Self {
        YearMonth { year: 1970, month: 1 }
    }
}
