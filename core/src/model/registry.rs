//! Registers: the village, its hamlets and posyandu, cadres, households and the targets
//! (domain.md 2.1, 2.3, 11 "Registers and identity", A.9).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{EndReason, Id, Meta, Sex, YearMonth};

/// A desa, identified by its official Kemendagri code (e.g. "33.02.01.2001").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Village {
    pub id: Id,
    pub code: String,
    pub name: String,
    pub kecamatan: String,
    pub kabupaten: String,
    pub provinsi: String,
    pub meta: Meta,
}

/// A dusun / RW.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Hamlet {
    pub id: Id,
    pub village_id: Id,
    pub name: String,
    pub meta: Meta,
}

/// A posyandu (monthly village health post).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Posyandu {
    pub id: Id,
    pub village_id: Id,
    pub hamlet_id: Option<Id>,
    pub name: String,
    pub meta: Meta,
}

/// A Kader Pembangunan Manusia.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Cadre {
    pub id: Id,
    pub village_id: Id,
    pub name: String,
    pub phone: Option<String>,
    pub meta: Meta,
}

/// A rumah tangga (domain.md 2.3). Water, latrine and the vulnerable flag have a history
/// (`HouseholdCondition`), which pre-fills the monthly forms; the monthly answer is what counts (A.2).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Household {
    pub id: Id,
    pub village_id: Id,
    pub hamlet_id: Id,
    /// Nomor rumah tangga as the village numbers it.
    pub number: String,
    pub head_name: String,
    pub address: String,
    pub meta: Meta,
}

/// A household's condition from a month on (domain.md 2.3 [I]: attributes with history).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct HouseholdCondition {
    pub id: Id,
    pub household_id: Id,
    pub effective_from: YearMonth,
    /// Sumber air bersih layak minum.
    pub safe_water: bool,
    /// Jamban keluarga yang layak.
    pub latrine: bool,
    /// Rumah tangga kategori rentan (Formulir 1 a).
    pub vulnerable: bool,
    pub meta: Meta,
}

/// A woman who is or was pregnant; she may have several pregnancy episodes over the years.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Mother {
    pub id: Id,
    pub household_id: Id,
    pub name: String,
    /// 16-digit NIK where known (A.9).
    pub nik: Option<String>,
    pub birth_date: Option<NaiveDate>,
    /// Has health insurance (JKN/KIS), person-level attribute that pre-fills 2A n.
    pub insurance: bool,
    pub meta: Meta,
}

/// How an episode ended (move, death, miscarriage), keeping its history (domain.md 11).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct EpisodeEnd {
    pub date: NaiveDate,
    pub reason: EndReason,
}

/// A pregnancy episode, keyed by its KIA register number (Formulir 2A a; unique per episode, A.9).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Pregnancy {
    pub id: Id,
    pub mother_id: Id,
    pub kia_number: String,
    pub posyandu_id: Option<Id>,
    /// Register-level flags; each monthly 2A record also carries that month's status (A.10 IH-5).
    pub kek: bool,
    pub risti: bool,
    /// Hari perkiraan lahir (HPL).
    pub expected_delivery: Option<NaiveDate>,
    /// Tanggal melahirkan; records on or after it are post-delivery (A.10 "Delivered").
    pub delivery_date: Option<NaiveDate>,
    pub end: Option<EpisodeEnd>,
    pub meta: Meta,
}

/// A child: a 2B target from birth to 23 months, a 2C (PAUD) target from 24 to 83 months
/// (domain.md 2.1, 11). Which form applies in a month follows from the birth date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Child {
    pub id: Id,
    pub household_id: Id,
    pub mother_id: Option<Id>,
    /// The pregnancy this child was born from, if registered (twins share it).
    pub pregnancy_id: Option<Id>,
    /// KIA number shared with the mother's book.
    pub kia_number: Option<String>,
    pub name: String,
    /// NIK, or a temporary NIK (mother's NIK + one digit) for a newborn (A.9).
    pub nik: Option<String>,
    pub nik_temporary: bool,
    pub sex: Sex,
    pub birth_date: NaiveDate,
    /// Only month and year of birth known: day set to the 15th (growth.md A.6).
    pub birth_date_approximate: bool,
    pub posyandu_id: Option<Id>,
    pub birth_certificate: bool,
    pub insurance: bool,
    pub end: Option<EpisodeEnd>,
    pub meta: Meta,
}
