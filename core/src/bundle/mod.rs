//! Bundles: a village's data as one file that leaves the phone by WhatsApp, USB or e-mail and is
//! merged at the subdistrict (kecamatan) desk (issue 4). Format: docs/bundle-format.md and
//! docs/bundle.schema.json; merge rule: docs/adr/0003-merge-rule.md.
//!
//! - `codec`: bytes <-> `Bundle` (envelope, SHA-256, gzip, age encryption, size caps).
//! - `records`: the compact JSON shape of each model record inside a bundle.
//! - `check`: the model rules a bundle must satisfy before anything is written (domain.md 11, A.10).
//! - `merge`: the deterministic merge rule and the merge plan (pure, no database).
//! - `keys`: age X25519 keys of the recipient.
//!
//! Only this module (and `store`) does I/O-adjacent work; `merge` and `check` are pure functions
//! over `model::VillageData`, so the rules are tested without a database.

mod check;
mod codec;
pub mod columns;
mod error;
mod keys;
mod merge;
pub mod records;
mod store_io;

pub use check::{validate, RULE_IDS};
pub use codec::{
    from_json, open_bytes, payload_checksum, read_bundle, to_json, write_bundle, ReadOptions,
    WriteOptions, MAX_FILE_BYTES, MAX_JSON_BYTES,
};
pub use error::BundleError;
pub use keys::{Identity, Recipient};
pub use merge::{
    apply_plan, compare_versions, plan_merge, MergePlan, MergeStats, Monthly, Record, Records,
    Superseded,
};
pub use store_io::{
    export_bundle, import_batch, import_bundle, import_bytes, import_files, last_export, load_village_records, mark_exported,
    only_village_code, ExportRange, ImportReport,
};

use serde::{Deserialize, Serialize};

use crate::model::{Id, Note, VillageData};

/// The `format` field of every bundle.
pub const FORMAT_NAME: &str = "pantau-bundle";
/// The version this build writes and the newest it reads. Bump it for any change an older reader
/// would misread; readers ignore unknown fields, so purely additive optional fields keep it.
pub const FORMAT_VERSION: u32 = 3;
/// The oldest version this build reads: version 1 was never released (docs/bundle-format.md).
pub const MIN_FORMAT_VERSION: u32 = 2;

/// Which changes a bundle carries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum BundleRange {
    /// Every record of the village on the device, up to the device's change cursor `until`.
    Full { until: u64 },
    /// Records changed on the device after cursor `since` (the `until` of the device's previous
    /// bundle) up to `until`, plus every record they refer to (see docs/bundle-format.md "Closure").
    Incremental {
        since: u64,
        until: u64,
        /// `exported_at` of the bundle the cursor comes from, for people reading the file.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        since_time: Option<i64>,
    },
}

impl BundleRange {
    /// The device's change cursor at export time: where the next incremental bundle starts.
    pub fn until(&self) -> u64 {
        match self {
            BundleRange::Full { until } | BundleRange::Incremental { until, .. } => *until,
        }
    }
}

/// Who made a bundle, when, and what it covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundleHeader {
    /// Kemendagri code of the village (e.g. "33.02.01.2001"); every record belongs to it.
    pub village_code: String,
    /// The phone that exported the bundle.
    pub device_id: String,
    /// The cadre signed in on that phone, if known (a `Cadre` id).
    pub cadre_id: Option<Id>,
    /// Milliseconds since the Unix epoch (UTC).
    pub exported_at: i64,
    pub range: BundleRange,
    /// The program that wrote it, e.g. "pantau 0.1.0".
    pub producer: Option<String>,
}

/// A bundle in memory: its header and the records it carries.
#[derive(Debug, Clone, PartialEq)]
pub struct Bundle {
    pub header: BundleHeader,
    pub data: VillageData,
    /// The cadres' notes on targets (not part of `VillageData`).
    pub notes: Vec<Note>,
}

/// "pantau <version>", written as `producer`.
pub fn producer() -> String {
    format!("pantau {}", env!("CARGO_PKG_VERSION"))
}

#[cfg(test)]
pub(crate) mod sample;
