//! Child growth: WHO Child Growth Standards (2006) z-scores exactly as WHO's `anthro` R package computes
//! them, the Permenkes 2/2020 categories, the status gizi of the monitoring forms, the KMS weight-gain
//! verdict and chart curves. Rules from `growth.md` (section A = decisions; 1 = WHO algorithm,
//! 2 = Permenkes, 3 = KMS, 4 = tables) and `domain.md` A.8/A.10. Pure functions, no I/O.
//!
//! - `tables`: the embedded WHO LMS tables (`core/data/who`, © WHO), dense arrays.
//! - `zscore`: `zscores(&Input) -> ZScores` (growth.md 1.9).
//! - `category`: Permenkes 2/2020 categories of the 2-decimal z.
//! - `verdict`: `nutrition_status`, `GrowthVerdict` for the app.
//! - `kms`: B/O/N/T and 2T against the KBM table.
//! - `curves`: median and ±1/±2/±3 SD lines.

pub mod category;
pub mod curves;
pub mod kms;
pub mod tables;
pub mod verdict;
pub mod zscore;

pub use category::{LengthForAgeCategory, WastingCategory, WeightForAgeCategory};
pub use curves::{curve, curve_by_month, CurvePoint};
pub use kms::{
    above_orange_line, below_red_line, kbm_g, kms_line_labels, weight_gain, weight_gain_of_child, Weighing, WeightGain,
    WeightGainVerdict, ORANGE_LINE_Z, RED_LINE_Z,
};
pub use kms::{two_t_alerts, two_t_window, TwoTAlert};
pub use tables::{check_tables, Lms, Table, TableError};
pub use verdict::{input_of, nutrition_status, status_from, verdict, GrowthVerdict};
pub use zscore::{lms_at_day, lms_at_lenhei, round2, zscores, Input, WflTable, ZScores};
