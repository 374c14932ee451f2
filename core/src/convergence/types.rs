//! Screen-ready output records of the convergence calculation (forms 3A/3B, PD-1, Format 4,
//! Formulir 1) and the few manually entered inputs (Table 5 budget, Formulir 1 (b)/(c)).
//! All derive Serialize (CLI `--json`) and, with the `ffi` feature, uniffi records/enums.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::ruleset::IndicatorId;
use crate::model::{EpisodeEnd, Id, MatResult, NutritionStatus, Outcome, Package, PaudCell, Quarter, Sex, TargetKind, Text, YearMonth};

/// An integer ratio, shown as a percentage with 2 decimals, half away from zero (domain.md A.5).
/// A zero denominator means "not applicable": `percent_hundredths` is None and `display` is "-" (A.10).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Ratio {
    pub numerator: u64,
    pub denominator: u64,
    /// 100 x percentage, rounded half away from zero (6471 = 64.71 %); None when the denominator is 0.
    pub percent_hundredths: Option<u64>,
    /// "64.71" or "-".
    pub display: String,
}

impl Ratio {
    pub fn new(numerator: u64, denominator: u64) -> Ratio {
        let percent_hundredths = (denominator > 0).then(|| {
            // round(10000 n / d) half away from zero, on non-negative integers: floor((20000 n + d) / 2d)
            let (n, d) = (numerator as u128, denominator as u128);
            ((20000 * n + d) / (2 * d)) as u64
        });
        let display = match percent_hundredths {
            Some(h) => {
                let mut s = String::with_capacity(8);
                push_num(&mut s, h / 100);
                s.push('.');
                if h % 100 < 10 {
                    s.push('0');
                }
                push_num(&mut s, h % 100);
                s
            }
            None => "-".to_string(),
        };
        Ratio { numerator, denominator, percent_hundredths, display }
    }
}

/// Appends a number in decimal without going through `core::fmt` (reasons and percentages are
/// written for thousands of cells per scorecard).
pub(crate) fn push_num(s: &mut String, mut n: u64) {
    if n < 10 {
        // Most counts and thresholds in reasons: one digit.
        s.push((b'0' + n as u8) as char);
        return;
    }
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &b in &buf[i..] {
        s.push(b as char);
    }
}

/// A piece of a reason: words or a number.
pub(crate) enum Piece<'a> {
    S(&'a str),
    N(u32),
}

/// Concatenates pieces into one string, allocated once, with room for `extra` more bytes appended later.
pub(crate) fn cat_reserving(parts: &[Piece<'_>], extra: usize) -> String {
    let len: usize = parts.iter().map(|p| if let Piece::S(x) = p { x.len() } else { 10 }).sum();
    let mut s = String::with_capacity(len + extra);
    for p in parts {
        match p {
            Piece::S(x) => s.push_str(x),
            Piece::N(n) => push_num(&mut s, *n as u64),
        }
    }
    s
}

/// Progress towards a target beside an indicator (IH-2: tablets towards 90, A.4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Progress {
    pub value: u32,
    pub target: u32,
}

/// One target's result for one indicator in one quarter (a cell of 3A/3B, or PD-1 per child).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct IndicatorResult {
    pub indicator: IndicatorId,
    pub outcome: Outcome,
    /// The evidence: what was counted (months with v, checks, visited months) ...
    pub count: Option<u32>,
    /// ... and what was needed, where the rule counts.
    pub needed: Option<u32>,
    /// Why T or TS (A.6), always present for them; None for Y.
    pub reason: Option<Text>,
    pub progress: Option<Progress>,
    /// AN-4: months the father attended over AN-4's window, and whether they reach AN-4's threshold (A.10).
    pub also_count: Option<u32>,
    pub also_met: bool,
}

/// A row of Formulir 3A: one pregnancy in one quarter (domain.md 3.5).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct PregnancyRow {
    pub pregnancy_id: Id,
    pub kia_number: String,
    pub mother_name: String,
    pub household_id: Option<Id>,
    pub hamlet_id: Option<Id>,
    pub posyandu_id: Option<Id>,
    /// Status of the last pre-delivery record of the quarter (A.10 IH-5; blank = normal).
    pub kek: bool,
    pub risti: bool,
    /// Maximum usia kehamilan over the quarter's pre-delivery records, and its trimester.
    pub gestational_age_months: Option<u32>,
    pub trimester: Option<u32>,
    /// The quarter is "bersalin" (A.10 Delivered).
    pub delivered: bool,
    pub delivery_date: Option<NaiveDate>,
    pub results: Vec<IndicatorResult>,
    /// Jumlah diterima lengkap / seharusnya (domain.md 5.1).
    pub convergence: Ratio,
    /// Set when the episode ended on or before the quarter's end.
    pub ended: Option<EpisodeEnd>,
    /// Months of the quarter whose record is still a draft (counted, see the module header).
    pub draft_months: u32,
}

/// A row of Formulir 3B: one child 0-23 months in one quarter (domain.md 3.6).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ChildRow {
    pub child_id: Id,
    pub kia_number: Option<String>,
    pub name: String,
    pub sex: Sex,
    pub birth_date: NaiveDate,
    pub household_id: Option<Id>,
    pub hamlet_id: Option<Id>,
    pub posyandu_id: Option<Id>,
    /// Maximum age in completed months over the quarter's records (A.10).
    pub age_months: u32,
    /// C1..C4 (domain.md 4.4).
    pub age_category: String,
    /// Last known status gizi of the quarter (A.10), None if unknown.
    pub nutrition_status: Option<NutritionStatus>,
    /// Last mat colour measured in the quarter; TD only if never measured (A.10 Table 2).
    pub mat_result: MatResult,
    pub results: Vec<IndicatorResult>,
    pub convergence: Ratio,
    pub ended: Option<EpisodeEnd>,
    pub draft_months: u32,
}

/// One month cell of Formulir 2C.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct PaudMonth {
    pub month: YearMonth,
    pub cell: PaudCell,
}

/// A PAUD child of the quarter (at least one cell not "-", A.10 PAUD).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct PaudRow {
    pub child_id: Id,
    pub name: String,
    pub sex: Sex,
    pub household_id: Option<Id>,
    pub hamlet_id: Option<Id>,
    pub posyandu_id: Option<Id>,
    /// 1 = 2 - < 3 years (parenting), 2 = 3 - 6 years (PAUD class), by the maximum age in the quarter.
    pub age_category: u32,
    pub months: Vec<PaudMonth>,
    pub enrolled_months: u32,
    pub attended_months: u32,
    /// Per-child view ([I] of domain.md 4.5): Y when "v" in every enrolled month.
    pub result: IndicatorResult,
    pub ended: Option<EpisodeEnd>,
}

/// One target in one quarter, for the app's target card.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum TargetResult {
    Pregnancy { row: PregnancyRow },
    Child { row: ChildRow },
    Paud { row: PaudRow },
}

/// A service a target lacks in the quarter (an indicator with T) and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct GapItem {
    /// Its words come from `labels::indicator_short` / `labels::indicator`.
    pub indicator: IndicatorId,
    pub package: Package,
    pub reason: Text,
}

/// One target's gaps in the quarter, so the cadre knows whom to visit and for what.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct TargetGaps {
    pub target_kind: TargetKind,
    pub target_id: Id,
    /// The target's name as registered (the cadre's own register; shown on her phone only).
    pub name: String,
    pub hamlet_id: Option<Id>,
    pub posyandu_id: Option<Id>,
    pub gaps: Vec<GapItem>,
}

/// Coverage of one indicator (3A/3B footer, Format 4 Table 3; domain.md 5.2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct IndicatorCoverage {
    pub indicator: IndicatorId,
    pub group: TargetKind,
    pub package: Package,
    pub label: Text,
    pub targets: u32,
    pub yes: u32,
    pub no: u32,
    pub not_applicable: u32,
    /// Y / seharusnya (targets - TS); for PD-1 the person-months.
    pub coverage: Ratio,
    /// AN-4's "Laki": children whose father's months reach the threshold, over AN-4's seharusnya.
    pub father: Option<Ratio>,
}

/// Format 4 Table 1 (domain.md 5.4, A.10).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Table1 {
    /// Distinct households of the 3A and 3B rows.
    pub households: u32,
    pub pregnancies: u32,
    pub pregnancies_kek_risti: u32,
    pub children: u32,
    pub children_gk_gb_s: u32,
}

/// Format 4 Table 2: growth-mat results (A.10).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Table2 {
    pub children: u32,
    pub green: u32,
    pub yellow: u32,
    pub red: u32,
    pub not_measured: u32,
}

/// Format 4 Table 4: village convergence, pooled ratio (domain.md 5.3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Table4 {
    pub pregnancy: Ratio,
    pub child: Ratio,
    pub total: Ratio,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Pd1Month {
    pub month: YearMonth,
    pub attended: u32,
    pub enrolled: u32,
}

/// PD-1 (domain.md 4.5, A.4): person-months, with the per-child view as information.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Pd1Summary {
    pub person_months: Ratio,
    pub months: Vec<Pd1Month>,
    pub enrolled_children: u32,
    pub active_children: u32,
    pub per_child: Ratio,
}

/// Bidang of Table 5 (domain.md 3.7).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum BudgetField {
    /// Bidang Pembangunan Desa.
    VillageDevelopment,
    /// Bidang Pemberdayaan Masyarakat Desa.
    CommunityEmpowerment,
}

/// An entered budget figure for Table 5, in rupiah.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct BudgetLine {
    pub field: BudgetField,
    pub total_allocation: u64,
    pub stunting_allocation: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Table5Row {
    pub field: BudgetField,
    pub label: Text,
    pub total_allocation: u64,
    pub stunting_allocation: u64,
    /// Stunting allocation / total allocation (domain.md 3.7 [I]).
    pub share: Ratio,
}

/// Format 4 Table 5: Dana Desa for stunting prevention, from entered figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Table5 {
    pub rows: Vec<Table5Row>,
    pub total: Table5Row,
}

/// Formulir 1 (b): one service provider's availability answers (domain.md 3.1), entered by hand.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ServiceAvailability {
    /// Posyandu, Puskesmas, Poskesdes, Polindes, Bidan, Dokter, PAUD, TK ... as named by the village.
    pub provider: String,
    pub antenatal_check: bool,
    pub iron_tablets: bool,
    pub postnatal_check: bool,
    pub immunization: bool,
    pub weighing: bool,
    pub length_measurement: bool,
    pub counselling: bool,
    pub paud_under_3: bool,
    pub paud_3_to_6: bool,
}

/// Formulir 1 (c): infrastructure counts in the village (domain.md 3.1), entered by hand.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Infrastructure {
    pub poskesdes: u32,
    pub posyandu: u32,
    pub puskesmas: u32,
    pub hospital: u32,
    pub midwife_practice: u32,
    pub doctor_practice: u32,
    pub paud: u32,
    pub tk: u32,
    pub other: u32,
}

/// The manually entered parts of the report (Table 5, Formulir 1 (b) and (c)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ReportInputs {
    pub budget: Vec<BudgetLine>,
    pub services: Vec<ServiceAvailability>,
    pub infrastructure: Option<Infrastructure>,
}

/// Formulir 1 (a), derived from the quarter's rows (domain.md 3.1, [I]: derived, not typed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Form1a {
    pub households: u32,
    pub vulnerable_households: u32,
    /// Pregnancies whose last pre-delivery record of the quarter is KEK or RISTI (as Table 1).
    pub pregnancies_risti: u32,
    pub children: u32,
    pub gizi_kurang: u32,
    pub gizi_buruk: u32,
    pub stunting: u32,
    pub households_without_water: u32,
    pub households_without_latrine: u32,
    pub pregnancies_without_insurance: u32,
    pub children_without_insurance: u32,
    pub children_without_birth_certificate: u32,
}

/// Convergence of one hamlet or posyandu (e-HDW "diagnostik tingkat dusun", domain.md 8.1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Breakdown {
    /// Hamlet / posyandu id; None collects targets without one.
    pub id: Option<Id>,
    pub name: String,
    pub pregnancies: u32,
    pub children: u32,
    pub paud_children: u32,
    pub pregnancy: Ratio,
    pub child: Ratio,
    pub total: Ratio,
    pub pd1: Ratio,
    pub indicators: Vec<IndicatorCoverage>,
    pub gaps: u32,
}

/// The quarterly scorecard: 3A, 3B, 2C/PD-1, Format 4 tables 1-5, Formulir 1, breakdowns and gaps.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Scorecard {
    /// `ruleset_id@version` (domain.md A.1).
    pub ruleset: String,
    pub quarter: Quarter,
    pub village_name: Option<String>,
    pub village_code: Option<String>,
    pub kecamatan: Option<String>,
    pub kabupaten: Option<String>,
    pub title: Text,
    pub heading: Text,
    pub pregnancies: Vec<PregnancyRow>,
    pub children: Vec<ChildRow>,
    pub paud: Vec<PaudRow>,
    pub table1: Table1,
    pub table2: Table2,
    /// Rows in rule-set order: the 3A/3B footers and Format 4 Table 3 (PD-1 last).
    pub table3: Vec<IndicatorCoverage>,
    pub table4: Table4,
    pub pd1: Pd1Summary,
    pub table5: Table5,
    pub form1a: Form1a,
    pub form1b: Vec<ServiceAvailability>,
    pub form1c: Option<Infrastructure>,
    pub by_hamlet: Vec<Breakdown>,
    pub by_posyandu: Vec<Breakdown>,
    /// Targets with at least one T, in 3A, 3B, 2C order.
    pub gaps: Vec<TargetGaps>,
    /// Monthly records of the quarter still in draft; they count (module header explains why).
    pub draft_records: u32,
}
