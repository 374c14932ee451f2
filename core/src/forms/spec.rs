//! The screen-ready description of one monthly form (2A, 2B, 2C) for one target and one month:
//! which fields, in the paper form's column order (domain.md 3.2-3.4), what each asks, whether
//! it applies this month and why not, and the value to pre-fill (domain.md 2.3, A.2).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::model::{Id, TargetKind, Text, YearMonth};

/// One option of a choice field: the stored code and its bilingual label.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ChoiceOption {
    /// The code stored in the model (e.g. "H", "SUDAH", "v").
    pub code: String,
    pub label: Text,
}

/// How a field is answered on screen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum FieldKind {
    /// A v / x service cell (`Option<bool>` in the model), or a tick box such as KEK.
    YesNo,
    /// A whole number within `min..=max` (usia kehamilan, butir pil Fe, pemeriksaan nifas).
    Count { min: u32, max: u32 },
    /// One of a fixed list of codes (growth-mat colour, campak, PAUD cell, status gizi).
    Choice { options: Vec<ChoiceOption> },
    /// A decimal measurement within `min..=max` (weight, length), `unit` as shown ("kg", "cm").
    Number { min: f64, max: f64, unit: String },
    /// A date kept on the register (HPL, tanggal melahirkan); shown on the form, edited on the register.
    Date,
    /// Computed by the core and shown read-only, never typed (age in months, domain.md 11).
    Derived,
}

/// A value to show or pre-fill.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum FieldValue {
    Bool { value: bool },
    Count { value: u32 },
    Code { code: String },
    Number { value: f64 },
    Date { value: NaiveDate },
}

/// Where a pre-filled value comes from (so the screen can say "dari data rumah tangga").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum PrefillSource {
    /// The household condition effective in that month (water, latrine; domain.md 2.3).
    Household,
    /// The person's register (insurance, birth certificate; domain.md 2.3).
    Person,
    /// The target's register (KEK/RISTI flags, HPL, delivery date).
    Register,
    /// The latest earlier monthly record of the same target (usia kehamilan + elapsed months).
    History,
    /// Computed from dates (age).
    Computed,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Prefill {
    pub value: FieldValue,
    pub source: PrefillSource,
}

/// One field of a monthly form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct FieldSpec {
    /// The model's field name (e.g. "antenatal_check" of `PregnancyVisit`; "expected_delivery"
    /// of `Pregnancy`; "weight_kg" of `Measurement`).
    pub key: String,
    /// The paper form's column letter where it has one (2A: "c".."n"), else empty.
    pub column: String,
    /// Short bilingual label for the screen.
    pub label: Text,
    /// The exact Bahasa header / question of the official form (domain.md 3).
    pub question: String,
    pub kind: FieldKind,
    /// Whether the field is asked this month (a field that does not apply must stay empty).
    pub applies: bool,
    /// Why not, when `applies` is false.
    pub reason: Option<Text>,
    /// Asked only when this yes/no field (key) is answered v, e.g. the tablet count needs Fe = v.
    pub enabled_when: Option<String>,
    /// Value to pre-fill (or, for `Derived`/`Date`, to show).
    pub prefill: Option<Prefill>,
}

/// The form for one target and one month, as the screen needs it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct FormSpec {
    pub kind: TargetKind,
    /// "2A", "2B" or "2C".
    pub form_code: String,
    pub title: Text,
    pub target_id: Id,
    pub month: YearMonth,
    pub visit_date: NaiveDate,
    /// Whether this target has a row on this form this month at all (birth, age band, episode end).
    pub applies: bool,
    pub reason: Option<Text>,
    /// Age in completed months at the visit (2B) or on the month's last day (2C), A.10.
    pub age_months: Option<u32>,
    /// 2A: the visit is on or after the delivery date (A.10 "Delivered").
    pub post_delivery: bool,
    pub fields: Vec<FieldSpec>,
}

impl FormSpec {
    /// The field with this key, if the form has it.
    pub fn field(&self, key: &str) -> Option<&FieldSpec> {
        self.fields.iter().find(|f| f.key == key)
    }
}
