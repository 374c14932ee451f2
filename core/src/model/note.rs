//! A free-text note a cadre writes on a target's card (issue 3: "notes" in the store schema).
//! Kept like every other record: stable id, meta, soft delete, edit history in the store.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Id, Meta, TargetKind};

/// A cadre's note about one target (a pregnancy, or a child as 2B or PAUD target).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Note {
    pub id: Id,
    pub target_kind: TargetKind,
    /// The pregnancy id (kind `Pregnancy`) or the child id (kinds `Child`, `Paud`).
    pub target_id: Id,
    /// The cadre who wrote it, when known.
    pub cadre_id: Option<Id>,
    pub date: NaiveDate,
    pub text: String,
    pub meta: Meta,
}
