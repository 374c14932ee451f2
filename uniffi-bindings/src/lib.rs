//! The uniffi surface over `pantau_core` (issue 7, docs/adr/0004-ffi-surface.md). Thin: the one
//! long-lived handle [`Pantau`], screen-shaped records, and the one error type; no rules here
//! (matrix-rust-sdk `bindings/matrix-sdk-ffi`: "small Rust wrappers").
//!
//! - `handle`: [`Pantau`], opened once on the app's database file; `Send + Sync`, shared as `Arc`.
//! - `village`: first-run setup and the small registers (village, hamlets, posyandu, cadres).
//! - `register`: households, mothers, pregnancies, children, notes; the duplicate check.
//! - `form`: the monthly forms 2A/2B/2C: spec + saved answers, one answer at a time, finish.
//! - `growth`: a measurement with its growth verdict at once; chart data with WHO curves.
//! - `screens`: home summary, target lists, search as you type, target card, scorecard, gaps.
//! - `maintenance`: data check, backup.
//! - `bundle`: export of a bundle to a path, and reading one back to check it.
//! - `labels`: every code and indicator text in both languages.
//! - `error`: [`PantauError`], mapped from the core's errors in one place.
//!
//! Plain core records cross as they are (core's `ffi` feature derives their uniffi traits); only
//! what a screen needs in one call is shaped here.

uniffi::setup_scaffolding!("pantau");

// Dates cross as ISO-8601 text, as the core's `ffi_types` defines them (Kotlin: `String`).
uniffi::use_remote_type!(pantau_core::chrono::NaiveDate);

mod bundle;
#[cfg(feature = "demo")]
mod demo;
mod error;
mod form;
mod growth;
mod handle;
mod labels;
mod maintenance;
mod register;
mod screens;
mod village;

pub use bundle::{BundleSummary, ExportResult};
pub use error::PantauError;
pub use form::{Answer, MonthlyForm};
pub use growth::{ChartPoint, GrowthChart, GrowthScores, MeasurementResult, ScoredZ};
pub use handle::{About, Pantau, RecoveryNotice};
pub use labels::{CodeLabel, IndicatorLabel, LabelCatalog};
pub use maintenance::{BackupInfo, DataCheck};
pub use register::{HouseholdDetail, RecordKind, RegisteredPregnancy, Saved};
pub use screens::{TargetCard, TwoTChild};
pub use village::{PosyanduSetup, VillageOverview, VillageSetup};

use pantau_core::model::Meta;

/// An empty `Meta` for a record the app creates (the store sets the real one on save).
#[uniffi::export]
pub fn blank_meta() -> Meta {
    Meta::default()
}

/// The rule set the core computes with, `ruleset_id@version` (domain.md A.1). Also the cheapest
/// call of the surface: scripts/bench-bindings.sh uses it to measure the cost of one FFI call.
#[uniffi::export]
pub fn ruleset_stamp() -> String {
    pantau_core::ruleset::RuleSet::kpm_2019().stamp()
}
