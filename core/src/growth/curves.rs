//! Growth curves for charts: the median and the ±1, ±2, ±3 SD lines of each WHO 2006 indicator and sex,
//! by age (days or completed months) or by length/height (growth.md 1.3-1.4: SD(k) = M·(1 + L·S·k)^(1/L),
//! the same LMS the z-scores use, so a point on a line has exactly that z-score).

use crate::model::Sex;

use super::tables::{tables, Lms, Table};
use super::zscore::DAYS_PER_MONTH;

/// One x position of a chart with its seven lines.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct CurvePoint {
    /// Age in days, age in months, or length/height in cm, as asked.
    pub x: f64,
    pub sd_neg3: f64,
    pub sd_neg2: f64,
    pub sd_neg1: f64,
    pub median: f64,
    pub sd_pos1: f64,
    pub sd_pos2: f64,
    pub sd_pos3: f64,
}

impl CurvePoint {
    fn of(x: f64, r: &Lms) -> Self {
        CurvePoint {
            x,
            sd_neg3: r.at(-3.0),
            sd_neg2: r.at(-2.0),
            sd_neg1: r.at(-1.0),
            median: r.m,
            sd_pos1: r.at(1.0),
            sd_pos2: r.at(2.0),
            sd_pos3: r.at(3.0),
        }
    }
}

/// The curve of `table` for `sex`, every `step` days (age tables, days 0..=1826, x in days) or every
/// `step` tenths of a cm (length tables, x in cm). The last row is always included. `step` 0 counts as 1.
pub fn curve(table: Table, sex: Sex, step: u32) -> Vec<CurvePoint> {
    let Some(t) = tables() else { return Vec::new() };
    let rows = t.rows(table, sex);
    let step = step.max(1) as usize;
    let first = table.first_key() as f64;
    let x = |i: usize| if table.by_age() { first + i as f64 } else { (first + i as f64) / 10.0 };
    let mut out: Vec<CurvePoint> = rows.iter().enumerate().step_by(step).map(|(i, r)| CurvePoint::of(x(i), r)).collect();
    if let Some(r) = rows.last() {
        let last = rows.len() - 1;
        if last % step != 0 {
            out.push(CurvePoint::of(x(last), r));
        }
    }
    out
}

/// The curve of an age table by month 0..=60 (x in months), each month read at day round(m · 30.4375)
/// (month 60 = day 1826, the last day WHO computes). Empty for the length tables.
pub fn curve_by_month(table: Table, sex: Sex) -> Vec<CurvePoint> {
    let Some(t) = tables() else { return Vec::new() };
    if !table.by_age() {
        return Vec::new();
    }
    (0..=60u32)
        .filter_map(|m| {
            let day = (m as f64 * DAYS_PER_MONTH).round() as i64;
            t.row(table, sex, day).map(|r| CurvePoint::of(m as f64, r))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::growth::zscore::{zscores, Input};
    use crate::model::Position;

    #[test]
    fn sizes_and_axes() {
        assert_eq!(curve(Table::WeightForAge, Sex::Male, 1).len(), 1827);
        let c = curve(Table::WeightForAge, Sex::Male, 7);
        assert_eq!(c.len(), 1826 / 7 + 2);
        assert_eq!(c.last().map(|p| p.x), Some(1826.0));
        let c = curve(Table::WeightForLength, Sex::Female, 5);
        assert_eq!((c.first().map(|p| p.x), c.last().map(|p| p.x), c.len()), (Some(45.0), Some(110.0), 131));
        let c = curve(Table::WeightForHeight, Sex::Female, 1);
        assert_eq!((c[0].x, c[550].x), (65.0, 120.0));
        let m = curve_by_month(Table::LengthForAge, Sex::Female);
        assert_eq!(m.len(), 61);
        assert!(curve_by_month(Table::WeightForHeight, Sex::Female).is_empty());
    }

    #[test]
    fn permenkes_bb_u_boys_month_0_and_12() {
        // growth.md 2: Permenkes BB/U boys, −3..+3 SD rounded to 0.1 kg.
        let m = curve_by_month(Table::WeightForAge, Sex::Male);
        let r = |p: &CurvePoint| {
            [p.sd_neg3, p.sd_neg2, p.sd_neg1, p.median, p.sd_pos1, p.sd_pos2, p.sd_pos3].map(|v| (v * 10.0).round() / 10.0)
        };
        assert_eq!(r(&m[0]), [2.1, 2.5, 2.9, 3.3, 3.9, 4.4, 5.0]);
        assert_eq!(r(&m[12]), [6.9, 7.7, 8.6, 9.6, 10.8, 12.0, 13.3]);
    }

    #[test]
    fn points_on_a_line_have_its_z() {
        for p in curve(Table::WeightForAge, Sex::Female, 100) {
            let z = |w: f64| zscores(&Input { sex: Some(Sex::Female), age_days: Some(p.x), weight_kg: Some(w), ..Input::default() }).zwei;
            assert_eq!([p.sd_neg2, p.median, p.sd_pos3].map(z), [Some(-2.0), Some(0.0), Some(3.0)]);
        }
        for p in curve(Table::WeightForLength, Sex::Male, 50) {
            let i = Input { sex: Some(Sex::Male), age_days: Some(100.0), weight_kg: Some(p.sd_neg1), lenhei_cm: Some(p.x), position: Some(Position::Lying), oedema: false };
            assert_eq!(zscores(&i).zwfl, Some(-1.0), "{} cm", p.x);
        }
    }
}
