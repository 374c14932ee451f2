//! WHO 2006 z-scores for one measurement, exactly as WHO's `anthro` R package computes them
//! (growth.md 1.2-1.9, decision A.1; pseudocode 1.9): age in whole days, z-scores only for days 0..=1826
//! (months < 60 on the unrounded age), the 0.7 cm rule at day 731, no correction and `c9mo_flag` for a
//! standing measurement under 9 months, weight-for-length/height interpolated at 0.1 cm, the restricted
//! formula beyond ±3 for the weight-based indicators, oedema, round to 2 decimals, then the flags.
//! Output names follow WHO Anthro (`clenhei cbmi c9mo_flag zwei fwei zlen flen zwfl fwfl zbmi fbmi`).

use crate::model::{Position, Sex};

use super::tables::{tables, Lms, Table, Tables};

/// `ANTHRO_DAYS_OF_MONTH` in WHO anthro: 365.25 / 12 (growth.md 1.2).
pub const DAYS_PER_MONTH: f64 = 30.4375;

/// The first day measured as height: `lenanthro` switches from L to H, the 0.7 cm rule and the WFL/WFH
/// choice all use `age_in_days < 731` (growth.md 1.2, 1.5, 1.6).
pub const HEIGHT_FROM_DAY: u32 = 731;

/// One measurement as WHO Anthro takes it (growth.md 1.9).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Input {
    /// `None`: no z-score (WHO gives NA), but `clenhei` and `cbmi` are still computed.
    pub sex: Option<Sex>,
    /// Age in days; may be fractional (rounded half up, as WHO does). `None` = unknown: only
    /// weight-for-length/height can be computed then.
    pub age_days: Option<f64>,
    pub weight_kg: Option<f64>,
    /// Length or height as measured, in cm.
    pub lenhei_cm: Option<f64>,
    /// Lying (L) or standing (H); `None` = not recorded (no 0.7 cm correction).
    pub position: Option<Position>,
    /// Bilateral pitting oedema (growth.md 1.7).
    pub oedema: bool,
}

/// Which table weight-for-length/height used (for the label BB/PB or BB/TB).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum WflTable {
    /// Weight-for-length (BB/PB), under 24 months.
    Length,
    /// Weight-for-height (BB/TB), from 24 months.
    Height,
}

/// The z-scores of one measurement, named as WHO Anthro names them. Each z is rounded to 2 decimals;
/// each flag (`Some(true)` = implausible) is set exactly when its z exists (growth.md 1.8).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ZScores {
    /// Length/height after the 0.7 cm rule, used by every length-based index (growth.md 1.5).
    pub clenhei: Option<f64>,
    /// BMI from `clenhei`: weight / (clenhei/100)².
    pub cbmi: Option<f64>,
    /// Standing measurement under 9 months: judged implausible, position dropped (growth.md 1.5).
    pub c9mo_flag: bool,
    /// Weight-for-age (BB/U); flagged if z < −6 or z > 5.
    pub zwei: Option<f64>,
    pub fwei: Option<bool>,
    /// Length/height-for-age (PB/U, TB/U); flagged if |z| > 6.
    pub zlen: Option<f64>,
    pub flen: Option<bool>,
    /// Weight-for-length/height (BB/PB, BB/TB); flagged if |z| > 5.
    pub zwfl: Option<f64>,
    pub fwfl: Option<bool>,
    /// The table `zwfl` came from, when it exists.
    pub wfl_table: Option<WflTable>,
    /// BMI-for-age (IMT/U); flagged if |z| > 5.
    pub zbmi: Option<f64>,
    pub fbmi: Option<bool>,
}

/// `round_up` of WHO anthro `utils.R`: below .5 down, from .5 up (ages are never negative there).
#[inline]
fn round_half_up(x: f64) -> f64 {
    let f = x.floor();
    if x - f >= 0.5 {
        f + 1.0
    } else {
        f
    }
}

/// R's `round(z, 2)` as WHO anthro applies it (growth.md 1.8), with R's algorithm (R >= 4.0.0, `fround.c`):
/// of the two candidates `floor(x·100)/100` and `ceil(x·100)/100` take the one nearer to x in double
/// arithmetic, on a tie the one with an even last digit; symmetric in the sign. So 0.125 → 0.12 and
/// 0.015 (binary 0.01499…) → 0.01, where `(x·100).round()/100` gives 0.13 and 0.02.
#[inline]
pub fn round2(z: f64) -> f64 {
    if !z.is_finite() || z == 0.0 {
        return z;
    }
    let (sign, x) = if z < 0.0 { (-1.0, -z) } else { (1.0, z) };
    // Rounding to more digits than a double holds changes nothing: R returns x when
    // log10(2)·(0.5 + logb(x)) + 2 > 15, i.e. logb(x) >= 43, i.e. x >= 2^43.
    if x >= 8_796_093_022_208.0 {
        return z;
    }
    let x100 = x * 100.0;
    // Fast path, same result: away from a half the nearer candidate is plain to see (x100 < 2^50 here,
    // so the integer conversion is exact truncation).
    let i = x100 as i64;
    let frac = x100 - i as f64;
    if frac < 0.4999 {
        return sign * (i as f64 / 100.0);
    }
    if frac > 0.5001 {
        return sign * ((i + 1) as f64 / 100.0);
    }
    let i100 = x100.floor();
    let down = i100 / 100.0;
    let up = x100.ceil() / 100.0;
    let (du, dd) = (up - x, x - down);
    // i100 < 2^50: its parity as an integer is fmod(i10, 2) == 1 of R, without a libm call.
    sign * if du < dd || (du == dd && (i100 as i64) % 2 == 1) { up } else { down }
}

#[inline]
fn finite(x: Option<f64>) -> Option<f64> {
    x.filter(|v| v.is_finite())
}

#[inline]
fn positive(x: Option<f64>) -> Option<f64> {
    x.filter(|v| *v > 0.0)
}

/// The four z-scores of one measurement (growth.md 1.9).
pub fn zscores(input: &Input) -> ZScores {
    compute(input, true)
}

/// Only the z-scores status gizi reads (length/height-for-age and weight-for-length/height, domain.md
/// A.10); weight-for-age and BMI-for-age are left `None`. The two computed are the same f64 as
/// `zscores` gives: neither depends on the two skipped (one code path, `compute`).
pub(crate) fn zscores_for_status(input: &Input) -> ZScores {
    compute(input, false)
}

/// `zscores`, with weight-for-age and BMI-for-age only when `weight_based_by_age`.
#[inline(always)]
fn compute(input: &Input, weight_based_by_age: bool) -> ZScores {
    let mut out = ZScores::default();
    let age_raw = finite(input.age_days);
    let weight = finite(input.weight_kg);
    let lenhei = finite(input.lenhei_cm);

    // Age: whole days rounded half up; the 60-month limit on the unrounded age (growth.md 1.2).
    let age = age_raw.map(round_half_up);
    let months = age_raw.map(|a| a / DAYS_PER_MONTH);
    let age_ok = match (age, months) {
        (Some(d), Some(m)) => (0.0..=1856.0).contains(&d) && m < 60.0,
        _ => false,
    };

    // Standing before 9 months: implausible, position dropped, no correction (growth.md 1.5).
    let mut position = input.position;
    if position == Some(Position::Standing) && months.is_some_and(|m| m < 9.0) {
        out.c9mo_flag = true;
        position = None;
    }

    // The 0.7 cm rule at day 731 (growth.md 1.5).
    let clen = lenhei.map(|h| match (age, position) {
        (Some(d), Some(Position::Standing)) if d < HEIGHT_FROM_DAY as f64 => h + 0.7,
        (Some(d), Some(Position::Lying)) if d >= HEIGHT_FROM_DAY as f64 => h - 0.7,
        _ => h,
    });
    out.clenhei = clen;
    out.cbmi = match (weight, clen) {
        (Some(w), Some(c)) if c != 0.0 => {
            let m = c / 100.0;
            Some(w / (m * m))
        }
        _ => None,
    };

    let (Some(sex), Some(t)) = (input.sex, tables()) else {
        return out;
    };
    let oedema = input.oedema;
    let day = age.filter(|_| age_ok).map(|d| d as i64);

    if let Some(day) = day {
        if !oedema && weight_based_by_age {
            if let (Some(w), Some(row)) = (positive(weight), t.row(Table::WeightForAge, sex, day)) {
                let z = round2(row.z_restricted(w));
                out.zwei = Some(z);
                out.fwei = Some(!(-6.0..=5.0).contains(&z));
            }
        }
        if let (Some(c), Some(row)) = (positive(clen), t.row(Table::LengthForAge, sex, day)) {
            let z = round2(row.z(c));
            out.zlen = Some(z);
            out.flen = Some(z.abs() > 6.0);
        }
        // BMI-for-age takes `cbmi` as its measure, and WHO's only check is `measure <= 0 -> NA`: so a weight > 0
        // with a negative length still gets a BAZ there, as here. (A length of exactly 0 gives BMI = Inf and
        // an infinite z in R; here it gives no `cbmi` and no z.)
        if !oedema && weight_based_by_age {
            if let (Some(bmi), Some(row)) = (positive(out.cbmi), t.row(Table::BmiForAge, sex, day)) {
                let z = round2(row.z_restricted(bmi));
                out.zbmi = Some(z);
                out.fbmi = Some(z.abs() > 5.0);
            }
        }
    }

    // Weight-for-length/height (growth.md 1.6): table by age if known, else by position, else by 87 cm.
    // WHO anthro's weight-for-length code has no `measure <= 0 -> NA` step (only the age-based indicators go
    // through it): a weight of exactly 0 gets the restricted z of 0 kg (a large negative, flagged z), as there.
    // A negative weight gives NaN in R, i.e. no z-score.
    if !oedema && (age.is_none() || age_ok) {
        if let (Some(w), Some(c)) = (weight.filter(|w| *w >= 0.0), clen) {
            let table = match (age, position) {
                (Some(d), _) if d < HEIGHT_FROM_DAY as f64 => WflTable::Length,
                (Some(_), _) => WflTable::Height,
                (None, Some(Position::Lying)) => WflTable::Length,
                (None, Some(Position::Standing)) => WflTable::Height,
                (None, None) if c < 87.0 => WflTable::Length,
                (None, None) => WflTable::Height,
            };
            if let Some(row) = lms_by_lenhei(t, table, sex, c) {
                let z = round2(row.z_restricted(w));
                out.zwfl = Some(z);
                out.fwfl = Some(z.abs() > 5.0);
                out.wfl_table = Some(table);
            }
        }
    }
    out
}

/// The LMS at a length/height, interpolated at 0.1 cm with WHO anthro's arithmetic (growth.md 1.6):
/// `lo = trunc(x·10)/10`, `hi = trunc(x·10 + 1)/10`, `d = (x − lo)/0.1`, linear in L, M and S when d > 0.
/// `None` outside the table's valid range (WFL 45-110 cm, WFH 65-120 cm; nothing is clamped).
#[inline]
fn lms_by_lenhei(t: &Tables, table: WflTable, sex: Sex, x: f64) -> Option<Lms> {
    let (tab, lo_cm, hi_cm) = match table {
        WflTable::Length => (Table::WeightForLength, 45.0, 110.0),
        WflTable::Height => (Table::WeightForHeight, 65.0, 120.0),
    };
    if !(lo_cm..=hi_cm).contains(&x) {
        return None;
    }
    // x is within 45..=120 here, so `as i64` is exactly R's trunc().
    let lo_key = (x * 10.0) as i64;
    let lo = lo_key as f64 / 10.0;
    let d = (x - lo) / 0.1;
    let a = t.row(tab, sex, lo_key)?;
    if d > 0.0 {
        let b = t.row(tab, sex, (x * 10.0 + 1.0) as i64)?;
        Some(Lms { l: a.l + d * (b.l - a.l), m: a.m + d * (b.m - a.m), s: a.s + d * (b.s - a.s) })
    } else {
        Some(*a)
    }
}

/// The LMS of weight-for-length/height at `cm`, interpolated as WHO anthro does (for charts and checks).
pub fn lms_at_lenhei(table: WflTable, sex: Sex, cm: f64) -> Option<Lms> {
    lms_by_lenhei(tables()?, table, sex, cm)
}

/// The LMS of an age table at a whole day 0..=1826.
pub fn lms_at_day(table: Table, sex: Sex, day: u32) -> Option<Lms> {
    if !table.by_age() {
        return None;
    }
    tables()?.row(table, sex, day as i64).copied()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::growth::tables::check_tables;

    const M: Option<Sex> = Some(Sex::Male);
    const F: Option<Sex> = Some(Sex::Female);

    fn input(sex: Option<Sex>, age: Option<f64>, w: Option<f64>, h: Option<f64>, p: Option<Position>) -> Input {
        Input { sex, age_days: age, weight_kg: w, lenhei_cm: h, position: p, oedema: false }
    }

    fn close(a: Option<f64>, b: f64) -> bool {
        a.is_some_and(|a| (a - b).abs() < 1e-9)
    }

    #[test]
    fn growth_md_worked_examples() {
        check_tables().unwrap();
        // 1.4: boy, day 700, 6.78 kg -> restricted z -4.685867 -> -4.69, not flagged.
        let row = lms_at_day(Table::WeightForAge, Sex::Male, 700).unwrap();
        assert!((row.z(6.78) - -4.99757).abs() < 1e-5);
        assert!((row.z_restricted(6.78) - -4.685867).abs() < 1e-6);
        let z = zscores(&input(M, Some(700.0), Some(6.78), None, None));
        assert_eq!((z.zwei, z.fwei), (Some(-4.69), Some(false)));
        // 1.6: boy, 67.35 cm, 8.29 kg -> interpolated M 7.81805, z 0.706455 -> 0.71.
        let lms = lms_at_lenhei(WflTable::Length, Sex::Male, 67.35).unwrap();
        assert!((lms.m - 7.81805).abs() < 1e-9);
        assert!((lms.z_restricted(8.29) - 0.706455).abs() < 1e-6);
        let z = zscores(&input(M, Some(400.0), Some(8.29), Some(67.35), Some(Position::Lying)));
        assert_eq!((z.zwfl, z.fwfl, z.wfl_table), (Some(0.71), Some(false), Some(WflTable::Length)));
    }

    /// Every SD line −3..+3 of every row (and ±4, ±5 through the restricted rule) comes back as its exact z.
    #[test]
    fn every_sd_line_returns_its_z() {
        let t = tables().unwrap();
        for sex in [Sex::Male, Sex::Female] {
            for table in Table::ALL {
                for (i, row) in t.rows(table, sex).iter().enumerate() {
                    for k in [-5.0, -4.0, -3.0, -2.0, -1.0, 0.0, 1.0, 2.0, 3.0, 4.0, 5.0] {
                        let y = row.at_restricted(k);
                        let z = match table {
                            Table::LengthForAge => row.z(y),
                            _ => row.z_restricted(y),
                        };
                        assert!((z - k).abs() < 1e-9, "{table:?} {sex:?} row {i} SD{k}: {z}");
                        assert_eq!(round2(z), k);
                    }
                }
            }
        }
    }

    /// The SD lines through `zscores` itself, on sample rows of each table.
    #[test]
    fn sd_lines_through_zscores() {
        for sex in [Sex::Male, Sex::Female] {
            for day in [0u32, 1, 45, 273, 274, 500, 730, 731, 1000, 1500, 1826] {
                for k in [-3.0, -2.0, -1.0, 0.0, 1.0, 2.0, 3.0] {
                    let wfa = lms_at_day(Table::WeightForAge, sex, day).unwrap();
                    let lfa = lms_at_day(Table::LengthForAge, sex, day).unwrap();
                    let z = zscores(&input(Some(sex), Some(day as f64), Some(wfa.at(k)), Some(lfa.at(k)), None));
                    assert_eq!(z.zwei, Some(k), "WAZ {sex:?} day {day} SD{k}");
                    assert_eq!(z.zlen, Some(k), "LAZ {sex:?} day {day} SD{k}");
                    // BMI: the weight that gives the SD-k BMI at the median length.
                    let bfa = lms_at_day(Table::BmiForAge, sex, day).unwrap();
                    let h = lfa.m / 100.0;
                    let z = zscores(&input(Some(sex), Some(day as f64), Some(bfa.at(k) * h * h), Some(lfa.m), None));
                    assert_eq!(z.zbmi, Some(k), "BAZ {sex:?} day {day} SD{k}");
                }
            }
            for (table, age, cms) in [
                (WflTable::Length, 300.0, [45.0, 45.1, 60.0, 87.3, 109.9, 110.0]),
                (WflTable::Height, 1000.0, [65.0, 65.1, 87.0, 100.5, 119.9, 120.0]),
            ] {
                for cm in cms {
                    for k in [-3.0, -2.0, -1.0, 0.0, 1.0, 2.0, 3.0] {
                        let w = lms_at_lenhei(table, sex, cm).unwrap().at(k);
                        let z = zscores(&input(Some(sex), Some(age), Some(w), Some(cm), None));
                        assert_eq!(z.zwfl, Some(k), "{table:?} {sex:?} {cm} cm SD{k}");
                        assert_eq!(z.wfl_table, Some(table));
                    }
                }
            }
        }
    }

    /// The expectations of WHO anthro's own test suite (tests/testthat at commit b776d8a), same inputs.
    #[test]
    fn who_anthro_test_suite_expectations() {
        let mo = DAYS_PER_MONTH;
        // test-zscores.R "length for age uses adjusted lenhei"
        let z = zscores(&input(M, Some(987.0), None, Some(72.86), Some(Position::Lying)));
        assert_eq!((z.zlen, z.flen), (Some(-6.09), Some(true)));
        // test-zscore-weight-for-age.R
        let z = zscores(&input(F, Some(1522.0), Some(17.0), None, None));
        assert_eq!((z.zwei, z.fwei), (Some(0.24), Some(false)));
        assert_eq!(zscores(&input(F, Some(1.0), Some(10.37), None, None)).fwei, Some(true));
        assert_eq!(zscores(&input(M, Some(1857.0), Some(10.0), None, None)).zwei, None);
        // test-zscore-bmi-for-age.R: BMI 25 on day 1 is flagged.
        assert_eq!(zscores(&input(F, Some(1.0), Some(25.0), Some(100.0), None)).fbmi, Some(true));
        // test-zscore-length-for-age.R: day 44, 50 cm, boy.
        let z = zscores(&input(M, Some(44.0), None, Some(50.0), None));
        assert_eq!((z.zlen, z.flen), (Some(round2((50.0 / 56.4833 - 1.0) / 0.03492)), Some(false)));
        // "young children with measured standing will be adjusted": 8 and 9 months, 60 cm standing.
        let a = zscores(&input(M, Some(8.0 * mo), None, Some(60.0), Some(Position::Standing)));
        let b = zscores(&input(M, Some(9.0 * mo), None, Some(60.0), Some(Position::Standing)));
        assert_eq!((a.c9mo_flag, b.c9mo_flag), (true, false));
        assert!(close(a.clenhei, 60.0) && close(b.clenhei, 60.7));
        assert!((a.zlen.unwrap() - -4.81).abs() <= 0.01 && (b.zlen.unwrap() - -5.02).abs() <= 0.01);
        // "only computed for children younger than 60 months": 59.9, 60, 60.1 months.
        for (m, some) in [(59.9, true), (60.0, false), (60.1, false)] {
            let z = zscores(&input(M, Some(m * mo), Some(20.0), Some(80.0), Some(Position::Standing)));
            assert_eq!([z.zwei, z.zlen, z.zwfl, z.zbmi].iter().all(Option::is_some), some, "{m} months");
            assert!([z.zwei, z.zlen, z.zwfl, z.zbmi].iter().all(|v| v.is_some() == some), "{m} months");
        }
        // "height measurements are used for age 24 months" and "clenhei takes the measure into account".
        for p in [None, Some(Position::Standing)] {
            let z = zscores(&input(F, Some(24.0 * mo), Some(8.8), Some(77.5), p));
            assert!(close(z.clenhei, 77.5));
            assert_eq!(z.zlen, Some(-2.55));
        }
        // "adds adjusted lenhei": 730/800 days, h/h/l/l.
        let c: Vec<Option<f64>> = [(730.0, Position::Standing), (800.0, Position::Standing), (730.0, Position::Lying), (800.0, Position::Lying)]
            .iter()
            .map(|(d, p)| zscores(&input(M, Some(*d), None, Some(100.0), Some(*p))).clenhei)
            .collect();
        assert!(close(c[0], 100.7) && close(c[1], 100.0) && close(c[2], 100.0) && close(c[3], 99.3));
        // "adds bmi": 20 kg, 100 cm.
        assert!(close(zscores(&input(M, Some(30.0), Some(20.0), Some(100.0), None)).cbmi, 20.0));
    }

    #[test]
    fn round2_is_r_round() {
        // Values R 4.x gives for round(x, 2).
        for (x, r) in [(0.125, 0.12), (0.135, 0.14), (0.015, 0.01), (0.005, 0.0), (-0.125, -0.12), (-4.685867, -4.69),
            (0.706455, 0.71), (2.675, 2.67), (5.004, 5.0), (-6.006, -6.01), (1.0, 1.0), (123.456, 123.46)]
        {
            assert_eq!(round2(x), r, "{x}");
        }
        assert!(round2(f64::NAN).is_nan());
        // The fast path agrees with R's candidate rule everywhere (pseudo-random z-scores).
        let r_rule = |z: f64| {
            let (sign, x) = if z < 0.0 { (-1.0, -z) } else { (1.0, z) };
            let x100 = x * 100.0;
            let (down, up) = (x100.floor() / 100.0, x100.ceil() / 100.0);
            let (du, dd) = (up - x, x - down);
            sign * if du < dd || (du == dd && x100.floor() % 2.0 == 1.0) { up } else { down }
        };
        let mut s = 1u64;
        for _ in 0..200_000 {
            s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let z = ((s >> 11) as f64 / (1u64 << 53) as f64 - 0.5) * 24.0;
            assert_eq!(round2(z).to_bits(), r_rule(z).to_bits(), "{z}");
            let tie = (z * 100.0).trunc() / 100.0 + 0.005;
            assert_eq!(round2(tie).to_bits(), r_rule(tie).to_bits(), "{tie}");
        }
    }

    #[test]
    fn valid_ages_are_days_0_to_1826() {
        for (day, valid) in [(0.0, true), (1826.0, true), (1826.2, true), (1826.4, false), (1827.0, false), (1856.0, false)] {
            let z = zscores(&input(F, Some(day), Some(15.0), Some(100.0), Some(Position::Standing)));
            assert_eq!(z.zwei.is_some(), valid, "day {day}");
            assert_eq!(z.zlen.is_some(), valid, "day {day}");
            assert_eq!(z.zbmi.is_some(), valid, "day {day}");
            assert_eq!(z.zwfl.is_some(), valid, "day {day}");
        }
        // Day 0 with a newborn's median values is z 0.
        let z = zscores(&input(M, Some(0.0), Some(3.3464), Some(49.8842), Some(Position::Lying)));
        assert_eq!((z.zwei, z.zlen), (Some(0.0), Some(0.0)));
        // Negative age: nothing, and weight-for-length is not computed as if age were unknown.
        let z = zscores(&input(M, Some(-1.0), Some(3.3), Some(50.0), None));
        assert_eq!((z.zwei, z.zlen, z.zwfl, z.zbmi), (None, None, None, None));
    }

    #[test]
    fn fractional_age_rounds_half_up() {
        // 730.5 -> 731: height table and the -0.7 cm for lying.
        let z = zscores(&input(M, Some(730.5), Some(12.0), Some(87.0), Some(Position::Lying)));
        assert!(close(z.clenhei, 86.3));
        assert_eq!(z.wfl_table, Some(WflTable::Height));
        let z = zscores(&input(M, Some(730.4), Some(12.0), Some(87.0), Some(Position::Lying)));
        assert!(close(z.clenhei, 87.0));
        assert_eq!(z.wfl_table, Some(WflTable::Length));
    }

    #[test]
    fn rule_of_0_7_cm_at_day_731() {
        let case = |age: f64, p| zscores(&input(M, Some(age), Some(12.0), Some(85.0), p));
        assert!(close(case(730.0, Some(Position::Standing)).clenhei, 85.7));
        assert!(close(case(730.0, Some(Position::Lying)).clenhei, 85.0));
        assert!(close(case(731.0, Some(Position::Lying)).clenhei, 84.3));
        assert!(close(case(731.0, Some(Position::Standing)).clenhei, 85.0));
        assert!(close(case(730.0, None).clenhei, 85.0));
        assert!(close(case(731.0, None).clenhei, 85.0));
        // Day 730 uses the length table, day 731 the height table, whatever the position.
        assert_eq!(case(730.0, Some(Position::Standing)).wfl_table, Some(WflTable::Length));
        assert_eq!(case(731.0, Some(Position::Lying)).wfl_table, Some(WflTable::Height));
        // LAZ at day 730 vs 731 reads different rows (lenanthro L then H).
        let l730 = lms_at_day(Table::LengthForAge, Sex::Male, 730).unwrap();
        let z = case(730.0, Some(Position::Standing));
        assert_eq!(z.zlen, Some(round2(l730.z(85.7))));
        let l731 = lms_at_day(Table::LengthForAge, Sex::Male, 731).unwrap();
        let z = case(731.0, Some(Position::Lying));
        assert_eq!(z.zlen, Some(round2(l731.z(85.0 - 0.7))));
        // Same BMI rule: from the corrected length.
        let z = case(731.0, Some(Position::Lying));
        assert!(close(z.cbmi, 12.0 / (0.843 * 0.843)));
    }

    #[test]
    fn standing_under_nine_months() {
        // 9 months = 273.94 days: day 273 flagged, 274 not (growth.md 1.5).
        for (day, flagged) in [(0.0, true), (100.0, true), (273.0, true), (274.0, false), (275.0, false)] {
            let z = zscores(&input(F, Some(day), Some(7.0), Some(65.0), Some(Position::Standing)));
            assert_eq!(z.c9mo_flag, flagged, "day {day}");
            assert!(close(z.clenhei, if flagged { 65.0 } else { 65.7 }), "day {day}");
        }
        // Lying under 9 months is fine; standing without age is not flagged.
        assert!(!zscores(&input(F, Some(100.0), None, Some(60.0), Some(Position::Lying))).c9mo_flag);
        assert!(!zscores(&input(F, None, Some(7.0), Some(65.0), Some(Position::Standing))).c9mo_flag);
    }

    #[test]
    fn weight_for_length_ranges_and_bounds_through_0_7() {
        let wfl = |age: f64, cm: f64, p| zscores(&input(M, Some(age), Some(8.0), Some(cm), p)).zwfl;
        assert!(wfl(300.0, 45.0, Some(Position::Lying)).is_some());
        assert!(wfl(300.0, 44.95, Some(Position::Lying)).is_none());
        assert!(wfl(300.0, 110.0, Some(Position::Lying)).is_some());
        assert!(wfl(300.0, 110.05, Some(Position::Lying)).is_none());
        // Standing at 300 days: 44.3 + 0.7 = 45.0 in range; 109.4 + 0.7 = 110.1 out.
        assert!(wfl(300.0, 44.3, Some(Position::Standing)).is_some());
        assert!(wfl(300.0, 44.2, Some(Position::Standing)).is_none());
        assert!(wfl(300.0, 109.4, Some(Position::Standing)).is_none());
        assert!(wfl(300.0, 109.3, Some(Position::Standing)).is_some());
        // Height table from day 731: 65-120 cm; lying loses 0.7 cm.
        let wfh = |cm: f64, p| zscores(&input(M, Some(800.0), Some(12.0), Some(cm), p)).zwfl;
        assert!(wfh(65.0, Some(Position::Standing)).is_some());
        assert!(wfh(64.99, Some(Position::Standing)).is_none());
        assert!(wfh(120.0, Some(Position::Standing)).is_some());
        assert!(wfh(120.01, Some(Position::Standing)).is_none());
        assert!(wfh(65.7, Some(Position::Lying)).is_some());
        assert!(wfh(65.6, Some(Position::Lying)).is_none());
        assert!(wfh(120.7, Some(Position::Lying)).is_some());
        assert!(wfh(120.8, Some(Position::Lying)).is_none());
        // 64.6 standing at day 700 -> 65.29999.. : interpolation equals the 65.3 row to ~1e-14.
        let a = lms_at_lenhei(WflTable::Length, Sex::Male, 64.6 + 0.7).unwrap();
        let b = lms_at_lenhei(WflTable::Length, Sex::Male, 65.3).unwrap();
        assert!((a.m - b.m).abs() < 1e-12);
    }

    #[test]
    fn weight_for_length_without_age() {
        let z = |cm: f64, p| zscores(&input(M, None, Some(10.0), Some(cm), p));
        assert_eq!(z(80.0, Some(Position::Lying)).wfl_table, Some(WflTable::Length));
        assert_eq!(z(80.0, Some(Position::Standing)).wfl_table, Some(WflTable::Height));
        assert_eq!(z(86.9, None).wfl_table, Some(WflTable::Length));
        assert_eq!(z(87.0, None).wfl_table, Some(WflTable::Height));
        // No age: no 0.7 correction, no age-based z-scores.
        let r = z(80.0, Some(Position::Standing));
        assert!(close(r.clenhei, 80.0));
        assert_eq!((r.zwei, r.zlen, r.zbmi), (None, None, None));
        // Out of the chosen table's range: nothing, the other table is not tried.
        assert_eq!(z(112.0, Some(Position::Lying)).zwfl, None);
        assert_eq!(z(60.0, Some(Position::Standing)).zwfl, None);
    }

    #[test]
    fn restricted_beyond_three() {
        // Heavier than +3 SD: restricted; length-for-age stays plain.
        let row = lms_at_day(Table::WeightForAge, Sex::Female, 400).unwrap();
        let y = row.at(3.0) + 1.5 * (row.at(3.0) - row.at(2.0));
        let z = zscores(&input(F, Some(400.0), Some(y), None, None));
        assert_eq!(z.zwei, Some(4.5));
        assert!((row.z(y) - 4.5).abs() > 0.05, "plain LMS would differ: {}", row.z(y));
        // Just beyond -3 on the unrounded z uses the restricted formula too.
        let y = row.at(-3.004);
        let r = row.z_restricted(y);
        assert!(r < -3.0 && (r - row.z(y)).abs() > 1e-6);
        // Flags on the rounded value: WAZ 5.004 -> 5.00 not flagged; 5.006 -> 5.01 flagged; -6.004 not.
        for (k, flag) in [(5.004, false), (5.006, true), (-6.004, false), (-6.006, true)] {
            let z = zscores(&input(F, Some(400.0), Some(row.at_restricted(k)), None, None));
            assert_eq!(z.fwei, Some(flag), "WAZ {k}");
        }
        for (k, flag) in [(5.004, false), (5.006, true), (-5.004, false), (-5.006, true)] {
            let lms = lms_at_lenhei(WflTable::Length, Sex::Female, 70.0).unwrap();
            let z = zscores(&input(F, Some(400.0), Some(lms.at_restricted(k)), Some(70.0), Some(Position::Lying)));
            assert_eq!(z.fwfl, Some(flag), "WLZ {k}");
        }
        let lfa = lms_at_day(Table::LengthForAge, Sex::Female, 400).unwrap();
        for (k, flag) in [(6.004, false), (6.006, true), (-6.006, true), (-5.9, false)] {
            let z = zscores(&input(F, Some(400.0), None, Some(lfa.at(k)), Some(Position::Lying)));
            assert_eq!(z.flen, Some(flag), "LAZ {k}");
        }
    }

    #[test]
    fn oedema_leaves_only_length_for_age() {
        let mut i = input(M, Some(500.0), Some(9.0), Some(75.0), Some(Position::Lying));
        i.oedema = true;
        let z = zscores(&i);
        assert!(z.zlen.is_some() && z.flen.is_some());
        assert_eq!((z.zwei, z.zwfl, z.zbmi, z.fwei, z.fwfl, z.fbmi), (None, None, None, None, None, None));
        assert!(z.cbmi.is_some());
    }

    #[test]
    fn missing_values() {
        let z = zscores(&input(M, Some(500.0), None, Some(75.0), Some(Position::Lying)));
        assert!(z.zlen.is_some());
        assert_eq!((z.zwei, z.zwfl, z.zbmi, z.cbmi), (None, None, None, None));
        let z = zscores(&input(M, Some(500.0), Some(9.0), None, None));
        assert!(z.zwei.is_some());
        assert_eq!((z.zlen, z.zwfl, z.zbmi, z.clenhei), (None, None, None, None));
        let z = zscores(&input(None, Some(500.0), Some(9.0), Some(75.0), Some(Position::Lying)));
        assert_eq!((z.zwei, z.zlen, z.zwfl, z.zbmi), (None, None, None, None));
        assert!(z.clenhei.is_some() && z.cbmi.is_some());
        // Zero, negative and non-finite measures give nothing (helper.R: measure <= 0 -> NA) ...
        for w in [0.0, -3.0, f64::NAN, f64::INFINITY] {
            let z = zscores(&input(M, Some(500.0), Some(w), Some(75.0), Some(Position::Lying)));
            assert_eq!((z.zwei, z.zbmi), (None, None), "weight {w}");
            assert_eq!(z.zwfl.is_some(), w == 0.0, "weight {w}");
        }
        // ... except weight-for-length at exactly 0 kg, which WHO's code computes: -3 + (0 - SD-3)/(SD-2 - SD-3).
        let lms = lms_at_lenhei(WflTable::Length, Sex::Male, 75.0).unwrap();
        let z = zscores(&input(M, Some(500.0), Some(0.0), Some(75.0), Some(Position::Lying)));
        let want = round2(-3.0 - lms.at(-3.0) / (lms.at(-2.0) - lms.at(-3.0)));
        assert_eq!((z.zwfl, z.fwfl), (Some(want), Some(true)));
        let z = zscores(&input(M, Some(500.0), Some(9.0), Some(0.0), Some(Position::Lying)));
        assert_eq!((z.zlen, z.zwfl, z.zbmi, z.cbmi), (None, None, None, None));
        // A negative length: no LAZ or WLZ, but WHO's BMI-for-age sees a positive BMI and computes it.
        let z = zscores(&input(M, Some(500.0), Some(9.0), Some(-75.0), None));
        assert_eq!((z.zlen, z.zwfl), (None, None));
        let bfa = lms_at_day(Table::BmiForAge, Sex::Male, 500).unwrap();
        assert_eq!(z.zbmi, Some(round2(bfa.z_restricted(9.0 / (0.75 * 0.75)))));
        assert_eq!(zscores(&Input::default()), ZScores::default());
    }
}
