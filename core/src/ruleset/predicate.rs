//! The small set of predicate kinds rule sets are built from (domain.md 9.4 item 3).
//! Their evaluation over a target's monthly records lives in `crate::convergence::evaluate`.

use serde::{Deserialize, Serialize};

use crate::model::TargetKind;

use super::{MonthBand, RuleSetError};

/// The indicators of domain.md 4.1 (IH = ibu hamil, AN = anak 0-23, PD = PAUD). A closed set: each
/// has its wording in `crate::labels`; a later rule set adds its ids here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum IndicatorId {
    #[serde(rename = "IH-1")]
    Ih1,
    #[serde(rename = "IH-2")]
    Ih2,
    #[serde(rename = "IH-3")]
    Ih3,
    #[serde(rename = "IH-4")]
    Ih4,
    #[serde(rename = "IH-5")]
    Ih5,
    #[serde(rename = "IH-6")]
    Ih6,
    #[serde(rename = "IH-7")]
    Ih7,
    #[serde(rename = "IH-8")]
    Ih8,
    #[serde(rename = "AN-1")]
    An1,
    #[serde(rename = "AN-2")]
    An2,
    #[serde(rename = "AN-3")]
    An3,
    #[serde(rename = "AN-4")]
    An4,
    #[serde(rename = "AN-5")]
    An5,
    #[serde(rename = "AN-6")]
    An6,
    #[serde(rename = "AN-7")]
    An7,
    #[serde(rename = "AN-8")]
    An8,
    #[serde(rename = "AN-9")]
    An9,
    #[serde(rename = "AN-10")]
    An10,
    #[serde(rename = "PD-1")]
    Pd1,
}

impl IndicatorId {
    pub const ALL: &'static [IndicatorId] = &[IndicatorId::Ih1, IndicatorId::Ih2, IndicatorId::Ih3, IndicatorId::Ih4, IndicatorId::Ih5, IndicatorId::Ih6, IndicatorId::Ih7, IndicatorId::Ih8, IndicatorId::An1, IndicatorId::An2, IndicatorId::An3, IndicatorId::An4, IndicatorId::An5, IndicatorId::An6, IndicatorId::An7, IndicatorId::An8, IndicatorId::An9, IndicatorId::An10, IndicatorId::Pd1];
    /// "IH-1" ... "PD-1".
    pub fn code(self) -> &'static str {
        match self {
            IndicatorId::Ih1 => "IH-1",
            IndicatorId::Ih2 => "IH-2",
            IndicatorId::Ih3 => "IH-3",
            IndicatorId::Ih4 => "IH-4",
            IndicatorId::Ih5 => "IH-5",
            IndicatorId::Ih6 => "IH-6",
            IndicatorId::Ih7 => "IH-7",
            IndicatorId::Ih8 => "IH-8",
            IndicatorId::An1 => "AN-1",
            IndicatorId::An2 => "AN-2",
            IndicatorId::An3 => "AN-3",
            IndicatorId::An4 => "AN-4",
            IndicatorId::An5 => "AN-5",
            IndicatorId::An6 => "AN-6",
            IndicatorId::An7 => "AN-7",
            IndicatorId::An8 => "AN-8",
            IndicatorId::An9 => "AN-9",
            IndicatorId::An10 => "AN-10",
            IndicatorId::Pd1 => "PD-1",
        }
    }
    pub fn from_code(code: &str) -> Option<IndicatorId> {
        IndicatorId::ALL.iter().copied().find(|i| i.code() == code)
    }
}

impl std::fmt::Display for IndicatorId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// A yes/no cell of a monthly form (domain.md 3.2-3.4), as a rule reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    // Formulir 2A (domain.md 3.2)
    AntenatalCheck,
    IronTablets,
    /// v when at least one postnatal check that month (A.10 IH-3).
    PostnatalCheck,
    NutritionCounselling,
    HomeVisit,
    SafeWater,
    Latrine,
    Insurance,
    // Formulir 2B (domain.md 3.3)
    BasicImmunization,
    /// Measles "Sudah", counted only from 6 months of age (A.10).
    MeaslesDone,
    Weighed,
    LengthMeasured,
    /// Either parent or the carer attended (A.4 AN-4).
    CounsellingParent,
    CounsellingFather,
    CounsellingMother,
    BirthCertificate,
    ParentingClass,
    // Formulir 2C (domain.md 3.4)
    PaudAttended,
}

impl Field {
    pub const ALL: &'static [Field] = &[
        Field::AntenatalCheck,
        Field::IronTablets,
        Field::PostnatalCheck,
        Field::NutritionCounselling,
        Field::HomeVisit,
        Field::SafeWater,
        Field::Latrine,
        Field::Insurance,
        Field::BasicImmunization,
        Field::MeaslesDone,
        Field::Weighed,
        Field::LengthMeasured,
        Field::CounsellingParent,
        Field::CounsellingFather,
        Field::CounsellingMother,
        Field::BirthCertificate,
        Field::ParentingClass,
        Field::PaudAttended,
    ];

    /// Bit of this field in a month's packed answers.
    pub fn bit(self) -> u32 {
        1 << (self as u32)
    }

    /// The target groups whose form has this field.
    pub fn groups(self) -> &'static [TargetKind] {
        use Field::*;
        match self {
            AntenatalCheck | IronTablets | PostnatalCheck | NutritionCounselling => &[TargetKind::Pregnancy],
            HomeVisit | SafeWater | Latrine | Insurance => &[TargetKind::Pregnancy, TargetKind::Child],
            BasicImmunization | MeaslesDone | Weighed | LengthMeasured | CounsellingParent | CounsellingFather
            | CounsellingMother | BirthCertificate | ParentingClass => &[TargetKind::Child],
            PaudAttended => &[TargetKind::Paud],
        }
    }
}

/// A numeric cell of a monthly form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Amount {
    /// Number of postnatal checks that month, 0-4; a v without a number counts 1 (A.10 IH-3).
    PostnatalChecks,
    /// Butir pil Fe that month (A.4 IH-2 progress).
    IronTabletCount,
}

/// Which of a target's months a count looks at (A.10 "Windows"); all end at the quarter's end, so a
/// past quarter never changes because later months were recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Window {
    /// The quarter's months.
    Quarter,
    /// The whole record of the episode up to the quarter's end (AN-2, AN-4).
    RecordToQuarterEnd,
    /// 1 January of the quarter's year up to the quarter's end (AN-10).
    CalendarYearToQuarterEnd,
    /// From the delivery date up to the quarter's end (IH-3, A.4).
    DeliveryToQuarterEnd,
}

/// A status a monthly record can carry (2A column c; 2B status gizi).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum StatusFlag {
    #[serde(rename = "KEK")]
    Kek,
    #[serde(rename = "RISTI")]
    Risti,
    #[serde(rename = "GK")]
    GiziKurang,
    #[serde(rename = "GB")]
    GiziBuruk,
    #[serde(rename = "S")]
    Stunting,
}

impl StatusFlag {
    pub fn bit(self) -> u8 {
        1 << (self as u8)
    }
    pub fn code(self) -> &'static str {
        match self {
            StatusFlag::Kek => "KEK",
            StatusFlag::Risti => "RISTI",
            StatusFlag::GiziKurang => "GK",
            StatusFlag::GiziBuruk => "GB",
            StatusFlag::Stunting => "S",
        }
    }
    pub fn mask(flags: &[StatusFlag]) -> u8 {
        flags.iter().fold(0, |m, f| m | f.bit())
    }
}

/// Pregnancy phase of a quarter (A.10 "Delivered").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    Pregnant,
    Delivered,
}

/// A threshold that may depend on the trimester or the age band (domain.md 4.3, 4.4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "by", rename_all = "snake_case")]
pub enum Threshold {
    Fixed { n: u32 },
    /// One value per trimester band of the rule set.
    Trimester { n: Vec<u32> },
    /// By the maximum age in the quarter (completed months); 0 = not required in that band.
    AgeBand { bands: Vec<AgeThreshold> },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgeThreshold {
    pub from: u32,
    pub to: u32,
    pub n: u32,
}

impl AgeThreshold {
    pub fn band(self) -> MonthBand {
        MonthBand { from: self.from, to: self.to }
    }
}

/// When an indicator applies to a target in a quarter; otherwise the result is TS.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind")]
pub enum Applicability {
    Always,
    /// Pregnancy phase of the quarter (A.10 "Delivered").
    Phase { phase: Phase },
    /// The maximum age in the quarter (completed months) lies in the band.
    AgeBand { from: u32, to: u32 },
    /// At least one monitored month of the quarter carries one of the statuses (A.4 IH-5, AN-5).
    StatusInAnyMonth { statuses: Vec<StatusFlag> },
    AllOf { all: Vec<Applicability> },
}

/// When an applicable indicator is met (Y); otherwise T.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind")]
pub enum Criterion {
    /// Months with the field = v in the window reach n.
    CountAtLeast { field: Field, window: Window, n: Threshold },
    /// The sum of a numeric cell over the window reaches n (CumulativeSum of 9.4).
    SumAtLeast { amount: Amount, field: Field, window: Window, n: Threshold },
    /// Every monitored month of the window (only those with one of `when`, if given) has the field = v.
    EveryMonth {
        field: Field,
        window: Window,
        #[serde(default)]
        when: Vec<StatusFlag>,
    },
    AllOf { all: Vec<Criterion> },
}

impl Criterion {
    /// Every field the criterion reads.
    pub fn fields(&self) -> Vec<Field> {
        match self {
            Criterion::CountAtLeast { field, .. }
            | Criterion::SumAtLeast { field, .. }
            | Criterion::EveryMonth { field, .. } => vec![*field],
            Criterion::AllOf { all } => all.iter().flat_map(|c| c.fields()).collect(),
        }
    }

    pub(super) fn check_thresholds(&self, id: IndicatorId, trimesters: usize) -> Result<(), RuleSetError> {
        let check = |t: &Threshold| match t {
            Threshold::Fixed { .. } => Ok(()),
            Threshold::Trimester { n } if n.len() == trimesters => Ok(()),
            Threshold::Trimester { .. } => Err(RuleSetError::TrimesterArity(id)),
            Threshold::AgeBand { bands } => {
                let ok = !bands.is_empty()
                    && bands.iter().all(|b| b.from <= b.to)
                    && bands.windows(2).all(|w| w[0].to < w[1].from);
                if ok { Ok(()) } else { Err(RuleSetError::BadAgeBands(id)) }
            }
        };
        match self {
            Criterion::CountAtLeast { n, .. } | Criterion::SumAtLeast { n, .. } => check(n),
            Criterion::EveryMonth { .. } => Ok(()),
            Criterion::AllOf { all } => all.iter().try_for_each(|c| c.check_thresholds(id, trimesters)),
        }
    }
}
