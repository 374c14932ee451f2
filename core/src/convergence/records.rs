//! A target's monthly records as the rules read them: one packed row per month up to the quarter's
//! end, sorted by month (A.10: one record per target per month, windows end at the quarter's end,
//! records after an episode's end ignored, soft-deleted rows ignored).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use chrono::NaiveDate;

use crate::model::{
    completed_months, ChildVisit, EpisodeEnd, FormStatus, MatResult, Measles, Meta, NutritionStatus, PaudCell,
    PaudVisit, PregnancyVisit, Quarter, YearMonth,
};
use crate::ruleset::{Field, MonthBand, StatusFlag};

/// A small fast hasher for id strings (the snapshot is local data, no adversary): FxHash.
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            self.add(u64::from_le_bytes(b));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut b = [0u8; 8];
            b[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(b));
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.add(i as u64);
    }
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    fn finish(&self) -> u64 {
        // The multiply leaves the low bits (hashbrown's bucket index) weak: fold the high bits down.
        let x = self.0;
        (x ^ (x >> 32)).rotate_left(26)
    }
}

impl FxHasher {
    #[inline]
    fn add(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

pub(crate) type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// One month of one target, packed.
#[derive(Debug, Clone, Copy)]
pub(crate) struct MonthRow {
    pub ym: YearMonth,
    pub date: NaiveDate,
    /// Child: completed months at the visit; PAUD: on the month's last day; pregnancy: usia kehamilan (0 = blank).
    pub age: u32,
    pub post_delivery: bool,
    /// Fields answered v.
    pub yes: u32,
    /// Fields answered x (blank = neither).
    pub no: u32,
    /// `StatusFlag` bits of this month (2A KEK/RISTI pre-delivery; 2B status gizi, filled per quarter).
    pub status: u8,
    pub nutrition: Option<NutritionStatus>,
    pub postnatal_checks: u32,
    pub iron_tablet_count: u32,
    pub mat: MatResult,
    pub draft: bool,
}

impl MonthRow {
    fn new(ym: YearMonth, date: NaiveDate, draft: bool) -> MonthRow {
        MonthRow {
            ym,
            date,
            age: 0,
            post_delivery: false,
            yes: 0,
            no: 0,
            status: 0,
            nutrition: None,
            postnatal_checks: 0,
            iron_tablet_count: 0,
            mat: MatResult::NotMeasured,
            draft,
        }
    }
    fn cell(&mut self, f: Field, v: Option<bool>) {
        match v {
            Some(true) => self.yes |= f.bit(),
            Some(false) => self.no |= f.bit(),
            None => {}
        }
    }
    pub fn has(&self, f: Field) -> bool {
        self.yes & f.bit() != 0
    }
    /// The month's answer for a field: Some(v) / Some(x) / None (blank).
    pub fn answer(&self, f: Field) -> Option<bool> {
        if self.yes & f.bit() != 0 {
            Some(true)
        } else if self.no & f.bit() != 0 {
            Some(false)
        } else {
            None
        }
    }
}

/// Whether a record counts for a quarter ending on `end`: not deleted, not after the quarter's end,
/// not after the episode's end (A.10 Episodes).
pub(crate) fn usable(meta: &Meta, date: NaiveDate, end: NaiveDate, episode_end: Option<&EpisodeEnd>) -> bool {
    !meta.deleted && date <= end && episode_end.is_none_or(|e| date <= e.date)
}

/// Pushes a month's row, replacing the previous one of the same month: the input is sorted by
/// (visit date, last edit), so the latest record of a month wins (A.10: an edit replaces).
fn push_month(out: &mut Vec<MonthRow>, r: MonthRow) {
    match out.last_mut() {
        Some(last) if last.ym == r.ym => *last = r,
        _ => out.push(r),
    }
}

/// 2A rows of one pregnancy (domain.md 3.2; A.10 Delivered, IH-3, IH-5), into `out`.
pub(crate) fn pregnancy_rows(
    visits: &mut [&PregnancyVisit],
    delivery: Option<NaiveDate>,
    episode_end: Option<&EpisodeEnd>,
    quarter_end: NaiveDate,
    out: &mut Vec<MonthRow>,
) {
    out.clear();
    visits.sort_unstable_by_key(|v| (v.visit_date, v.meta.updated_at));
    for v in visits.iter().filter(|v| usable(&v.meta, v.visit_date, quarter_end, episode_end)) {
        let date = v.visit_date;
        let mut r = MonthRow::new(YearMonth::of(date), date, v.status == FormStatus::Draft);
        r.post_delivery = delivery.is_some_and(|d| date >= d);
        if !r.post_delivery {
            r.age = v.gestational_age_months.unwrap_or(0);
            if v.kek {
                r.status |= StatusFlag::Kek.bit();
            }
            if v.risti {
                r.status |= StatusFlag::Risti.bit();
            }
        } else {
            r.postnatal_checks = v.postnatal_checks.unwrap_or(0);
            if let Some(n) = v.postnatal_checks {
                r.cell(Field::PostnatalCheck, Some(n > 0));
            }
        }
        r.cell(Field::AntenatalCheck, v.antenatal_check);
        r.cell(Field::IronTablets, v.iron_tablets);
        if v.iron_tablets == Some(true) {
            r.iron_tablet_count = v.iron_tablet_count.unwrap_or(0);
        }
        r.cell(Field::NutritionCounselling, v.nutrition_counselling);
        r.cell(Field::HomeVisit, v.home_visit);
        r.cell(Field::SafeWater, v.safe_water);
        r.cell(Field::Latrine, v.latrine);
        r.cell(Field::Insurance, v.insurance);
        push_month(out, r);
    }
}

/// 2B rows of one child (domain.md 3.3), into `out`: only records at ages inside the group's band
/// (0-23 completed months at the visit, A.10); a record before birth or from 24 months is not a 2B record.
pub(crate) fn child_rows(
    visits: &mut [&ChildVisit],
    birth: NaiveDate,
    band: MonthBand,
    episode_end: Option<&EpisodeEnd>,
    quarter_end: NaiveDate,
    out: &mut Vec<MonthRow>,
) {
    out.clear();
    visits.sort_unstable_by_key(|v| (v.visit_date, v.meta.updated_at));
    for v in visits.iter().filter(|v| usable(&v.meta, v.visit_date, quarter_end, episode_end)) {
        let Some(age) = completed_months(birth, v.visit_date) else { continue };
        if !band.contains(age) {
            continue;
        }
        let mut r = MonthRow::new(YearMonth::of(v.visit_date), v.visit_date, v.status == FormStatus::Draft);
        r.age = age;
        r.mat = v.mat_result;
        r.nutrition = v.reported_nutrition_status;
        r.cell(Field::BasicImmunization, v.basic_immunization);
        // Campak counts only "Sudah", and only from 6 months (A.10).
        if age >= 6 {
            r.cell(Field::MeaslesDone, v.measles.map(|m| m == Measles::Done));
        }
        r.cell(Field::Weighed, v.weighed);
        r.cell(Field::LengthMeasured, v.length_measured);
        let either = match (v.counselling_father, v.counselling_mother) {
            (Some(true), _) | (_, Some(true)) => Some(true),
            (None, None) => None,
            _ => Some(false),
        };
        r.cell(Field::CounsellingParent, either);
        r.cell(Field::CounsellingFather, v.counselling_father);
        r.cell(Field::CounsellingMother, v.counselling_mother);
        r.cell(Field::HomeVisit, v.home_visit);
        r.cell(Field::SafeWater, v.safe_water);
        r.cell(Field::Latrine, v.latrine);
        r.cell(Field::BirthCertificate, v.birth_certificate);
        r.cell(Field::Insurance, v.insurance);
        r.cell(Field::ParentingClass, v.parenting_class);
        push_month(out, r);
    }
}

/// 2C cells of one child in the quarter (domain.md 3.4): the month cell of each quarter month
/// ("-" when no record or outside 24-83 months on the month's last day, A.10), and the enrolled rows.
pub(crate) fn paud_rows(
    visits: &mut [&PaudVisit],
    birth: NaiveDate,
    band: MonthBand,
    episode_end: Option<&EpisodeEnd>,
    quarter: Quarter,
    out: &mut Vec<MonthRow>,
) -> [PaudCell; 3] {
    out.clear();
    let months = quarter.months();
    let mut cells = [PaudCell::NotEnrolled; 3];
    visits.sort_unstable_by_key(|v| (v.visit_date, v.meta.updated_at));
    let end = quarter.last_day();
    for v in visits.iter().filter(|v| usable(&v.meta, v.visit_date, end, episode_end) && quarter.contains(v.visit_date)) {
        let ym = YearMonth::of(v.visit_date);
        let Some(i) = months.iter().position(|m| *m == ym) else { continue };
        // The latest record of the month decides the cell, "-" included.
        if out.last().is_some_and(|r| r.ym == ym) {
            out.pop();
        }
        cells[i] = PaudCell::NotEnrolled;
        let Some(age) = completed_months(birth, ym.last_day()) else { continue };
        if !band.contains(age) || v.cell == PaudCell::NotEnrolled {
            continue;
        }
        cells[i] = v.cell;
        let mut r = MonthRow::new(ym, v.visit_date, v.status == FormStatus::Draft);
        r.age = age;
        r.cell(Field::PaudAttended, Some(v.cell == PaudCell::Attended));
        out.push(r);
    }
    cells
}

/// Index of the first row of the quarter.
pub(crate) fn quarter_start(rows: &[MonthRow], quarter: Quarter) -> usize {
    let first = quarter.months()[0];
    rows.partition_point(|r| r.ym < first)
}
