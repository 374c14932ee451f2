//! The data model of a village's 1000-HPK monitoring (domain.md sections 2-3 and A).
//!
//! Plain values, no I/O: the store persists them, the rules read them. Every entity has a
//! stable UUID (survives export/import between devices), `created_at`/`updated_at`, a
//! `version` counter (bumped on each edit, used by bundle merges) and a soft-delete flag.
//! Monthly observations are the raw truth (domain.md A.2); quarterly results are computed.

mod calendar;
mod codes;
mod natural_id;
mod note;
mod observations;
mod registry;
mod snapshot;
mod text;

pub use calendar::*;
pub use codes::*;
pub use natural_id::*;
pub use note::*;
pub use observations::*;
pub use registry::*;
pub use snapshot::*;
pub use text::*;

/// A stable identifier: a UUID v4 in its hyphenated lower-case text form.
pub type Id = String;

/// A fresh random id for a new record (monthly records and measurements use `NaturalId`).
pub fn new_id() -> Id {
    uuid::Uuid::new_v4().to_string()
}

/// Bookkeeping carried by every stored entity.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Meta {
    /// Milliseconds since the Unix epoch (UTC).
    pub created_at: i64,
    pub updated_at: i64,
    /// 1 on creation, +1 on every edit.
    pub version: u32,
    /// Soft delete: the row stays (history, bundle merges) but is hidden everywhere.
    pub deleted: bool,
    /// The device that made the last change (bundle merges explain themselves with it).
    pub device_id: String,
}

impl Meta {
    pub fn new(now_ms: i64, device_id: &str) -> Self {
        Meta { created_at: now_ms, updated_at: now_ms, version: 1, deleted: false, device_id: device_id.to_string() }
    }
}
