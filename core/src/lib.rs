//! Pantau core: everything a KPM cadre's phone and the subdistrict desk compute, with no FFI.
//!
//! - `model`: the village, its targets and the monthly observations (domain.md 2-3).
//! - `labels`: every user-facing word, Bahasa Indonesia and English.
//! - `forms`: which fields of 2A/2B/2C apply and the validation of section 11.
//! - `ruleset` + `convergence`: KPM-2019 as data, quarterly Y/T/TS with reasons, Format 4 scorecard.
//! - `growth`: WHO 2006 z-scores, Permenkes 2/2020 categories, KMS weight gain.
//! - `store`: the on-device SQLite database.
//! - `bundle`: JSON bundles for upload and merge.

#[cfg(feature = "ffi")]
uniffi::setup_scaffolding!("pantau_core");

pub mod model;
pub mod forms;
pub mod growth;
pub mod labels;
pub mod ruleset;
pub mod convergence;
pub mod store;
#[cfg(feature = "demo")]
pub mod demo;
#[cfg(feature = "ffi")]
mod ffi_types;
pub mod bundle;
