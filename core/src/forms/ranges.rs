//! Physiological ranges for weights and lengths of children 0-83 months, used to refuse typing
//! errors before they reach the database (issue 3) and by the demo generator.
//!
//! Sources and choices:
//! - Medians: WHO Child Growth Standards 2006 (length/height-for-age and weight-for-age, 0-60
//!   months, boys and girls; median column "M" of the LMS tables, rounded to 0.1) and the WHO
//!   Growth Reference 2007 for 61-84 months. This is an approximation for range checks only;
//!   z-scores are the `growth` module's job (growth.md).
//! - Absolute limits (error): weight 0.5-45 kg and length/height 35-140 cm. 0.5 kg is below the
//!   smallest surviving preterm births and 35 cm is about -7 SD at birth; at 83 months the WHO 2007
//!   +3 SD is about 33-35 kg and 137 cm for boys, so 45 kg / 140 cm leave room for real tall or
//!   heavy children while refusing a misplaced decimal (the brief's 40 kg / 130 cm would refuse a
//!   boy of 7 years at +2 SD height).
//! - Per-age limits (error): the WHO Anthro implausibility flags, length-for-age |z| > 6 and
//!   weight-for-age z < -6 or > +5 (WHO Anthro manual, "flagged" values), approximated with an SD of
//!   4 % of the median for length (WHO: 1.9/49.9 at birth, 3.1/87.8 at 24 m, 4.7/110 at 60 m) and
//!   a coefficient of variation of 13 % for weight (0.39/3.3 at birth, 1.0/9.6 at 12 m, 2.3/18.3 at
//!   60 m). Outside ±4 SD is a warning (saved, but "periksa kembali").

use crate::model::Sex;

/// (age in months, boys, girls) WHO medians for length/height in cm (lying to 24 months,
/// standing from 24 months, WHO 2006 / 2007).
const LENGTH: &[(f64, f64, f64)] = &[
    (0.0, 49.9, 49.1),
    (1.0, 54.7, 53.7),
    (2.0, 58.4, 57.1),
    (3.0, 61.4, 59.8),
    (4.0, 63.9, 62.1),
    (5.0, 65.9, 64.0),
    (6.0, 67.6, 65.7),
    (9.0, 72.0, 70.1),
    (12.0, 75.7, 74.0),
    (15.0, 79.1, 77.5),
    (18.0, 82.3, 80.7),
    (21.0, 85.1, 83.7),
    (24.0, 87.8, 86.4),
    (36.0, 96.1, 95.1),
    (48.0, 103.3, 102.7),
    (60.0, 110.0, 109.4),
    (72.0, 116.0, 115.1),
    (84.0, 121.7, 120.8),
];

/// (age in months, boys, girls) WHO medians for weight in kg.
const WEIGHT: &[(f64, f64, f64)] = &[
    (0.0, 3.3, 3.2),
    (1.0, 4.5, 4.2),
    (2.0, 5.6, 5.1),
    (3.0, 6.4, 5.8),
    (4.0, 7.0, 6.4),
    (5.0, 7.5, 6.9),
    (6.0, 7.9, 7.3),
    (9.0, 8.9, 8.2),
    (12.0, 9.6, 8.9),
    (15.0, 10.3, 9.6),
    (18.0, 10.9, 10.2),
    (21.0, 11.5, 10.9),
    (24.0, 12.2, 11.5),
    (36.0, 14.3, 13.9),
    (48.0, 16.3, 16.1),
    (60.0, 18.3, 18.2),
    (72.0, 20.5, 20.2),
    (84.0, 22.9, 22.4),
];

/// Absolute limits for 0-83 months (error outside).
pub const WEIGHT_MIN_KG: f64 = 0.5;
pub const WEIGHT_MAX_KG: f64 = 45.0;
pub const LENGTH_MIN_CM: f64 = 35.0;
pub const LENGTH_MAX_CM: f64 = 140.0;

/// Relative SD used for the per-age bands (see module header).
pub const LENGTH_SD_FRACTION: f64 = 0.04;
pub const WEIGHT_CV: f64 = 0.13;

fn interpolate(table: &[(f64, f64, f64)], sex: Sex, age_months: f64) -> f64 {
    let pick = |row: &(f64, f64, f64)| if sex == Sex::Male { row.1 } else { row.2 };
    let age = age_months.clamp(0.0, 84.0);
    for w in table.windows(2) {
        let (a, b) = (&w[0], &w[1]);
        if age <= b.0 {
            let t = (age - a.0) / (b.0 - a.0);
            return pick(a) + t * (pick(b) - pick(a));
        }
    }
    table.last().map(pick).unwrap_or(0.0)
}

/// Approximate WHO median length/height (cm) at an age in (fractional) months.
pub fn median_length_cm(sex: Sex, age_months: f64) -> f64 {
    interpolate(LENGTH, sex, age_months)
}

/// Approximate WHO median weight (kg) at an age in (fractional) months.
pub fn median_weight_kg(sex: Sex, age_months: f64) -> f64 {
    interpolate(WEIGHT, sex, age_months)
}

/// A plausibility band: outside `hard` is refused, outside `soft` is a warning.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Band {
    pub hard_min: f64,
    pub hard_max: f64,
    pub soft_min: f64,
    pub soft_max: f64,
}

/// Length/height band at an age: ±6 SD hard (WHO flag), ±4 SD soft, inside the absolute limits.
pub fn length_band(sex: Sex, age_months: f64) -> Band {
    let m = median_length_cm(sex, age_months);
    let sd = m * LENGTH_SD_FRACTION;
    Band {
        hard_min: (m - 6.0 * sd).max(LENGTH_MIN_CM),
        hard_max: (m + 6.0 * sd).min(LENGTH_MAX_CM),
        soft_min: (m - 4.0 * sd).max(LENGTH_MIN_CM),
        soft_max: (m + 4.0 * sd).min(LENGTH_MAX_CM),
    }
}

/// Weight band at an age: z -6..+5 hard (WHO flag), -4..+4 soft; z taken on a log scale
/// (weight is right-skewed), inside the absolute limits.
pub fn weight_band(sex: Sex, age_months: f64) -> Band {
    let m = median_weight_kg(sex, age_months);
    let at = |z: f64| m * (z * WEIGHT_CV).exp();
    Band {
        hard_min: at(-6.0).max(WEIGHT_MIN_KG),
        hard_max: at(5.0).min(WEIGHT_MAX_KG),
        soft_min: at(-4.0).max(WEIGHT_MIN_KG),
        soft_max: at(4.0).min(WEIGHT_MAX_KG),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians_interpolate_between_table_rows() {
        assert!((median_length_cm(Sex::Male, 0.0) - 49.9).abs() < 1e-9);
        assert!((median_length_cm(Sex::Female, 7.5) - (65.7 + 70.1) / 2.0).abs() < 1e-9);
        assert!((median_weight_kg(Sex::Male, 84.0) - 22.9).abs() < 1e-9);
        // Clamped beyond the table.
        assert!((median_weight_kg(Sex::Female, 100.0) - 22.4).abs() < 1e-9);
    }

    #[test]
    fn bands_hold_typical_children_and_refuse_typing_errors() {
        let b = length_band(Sex::Male, 12.0);
        assert!(b.hard_min < 70.0 && 70.0 < b.hard_max);
        assert!(757.0 > b.hard_max && 7.57 < b.hard_min); // 75.7 typed as 757 or 7.57
        assert!(b.soft_min > b.hard_min && b.soft_max < b.hard_max);
        let w = weight_band(Sex::Female, 0.0);
        assert!(w.hard_min <= 1.5 && w.hard_max >= 5.5);
        assert!(w.hard_max < 32.0); // 3.2 typed as 32
        assert!(weight_band(Sex::Male, 83.0).hard_max <= WEIGHT_MAX_KG);
        assert!(length_band(Sex::Male, 0.0).hard_min >= LENGTH_MIN_CM);
    }
}
