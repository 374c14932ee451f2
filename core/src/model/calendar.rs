//! Months, quarters and ages as the forms count them (domain.md A.3 and A.10).

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// A calendar month: the unit of the monthly forms 2A/2B/2C (one record per target per month).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct YearMonth {
    pub year: i32,
    /// 1..=12
    pub month: u32,
}

impl YearMonth {
    pub fn new(year: i32, month: u32) -> Option<Self> {
        (1..=12).contains(&month).then_some(YearMonth { year, month })
    }
    pub fn of(date: NaiveDate) -> Self {
        YearMonth { year: date.year(), month: date.month() }
    }
    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).expect("valid month")
    }
    pub fn last_day(self) -> NaiveDate {
        self.next().first_day().pred_opt().expect("valid date")
    }
    pub fn next(self) -> Self {
        if self.month == 12 { YearMonth { year: self.year + 1, month: 1 } } else { YearMonth { year: self.year, month: self.month + 1 } }
    }
    pub fn prev(self) -> Self {
        if self.month == 1 { YearMonth { year: self.year - 1, month: 12 } } else { YearMonth { year: self.year, month: self.month - 1 } }
    }
    pub fn contains(self, date: NaiveDate) -> bool {
        YearMonth::of(date) == self
    }
    pub fn quarter(self) -> Quarter {
        Quarter { year: self.year, q: (self.month - 1) / 3 + 1 }
    }
    /// Months since year 0; handy for differences.
    pub fn index(self) -> i32 {
        self.year * 12 + self.month as i32 - 1
    }
}

impl std::fmt::Display for YearMonth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// A calendar quarter (Q1 = Jan-Mar ...), domain.md A.3 / 1.3.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Quarter {
    pub year: i32,
    /// 1..=4
    pub q: u32,
}

impl Quarter {
    pub fn new(year: i32, q: u32) -> Option<Self> {
        (1..=4).contains(&q).then_some(Quarter { year, q })
    }
    pub fn of(date: NaiveDate) -> Self {
        YearMonth::of(date).quarter()
    }
    pub fn months(self) -> [YearMonth; 3] {
        let m1 = (self.q - 1) * 3 + 1;
        [0, 1, 2].map(|i| YearMonth { year: self.year, month: m1 + i })
    }
    pub fn first_day(self) -> NaiveDate {
        self.months()[0].first_day()
    }
    pub fn last_day(self) -> NaiveDate {
        self.months()[2].last_day()
    }
    pub fn contains(self, date: NaiveDate) -> bool {
        Quarter::of(date) == self
    }
    pub fn prev(self) -> Self {
        if self.q == 1 { Quarter { year: self.year - 1, q: 4 } } else { Quarter { year: self.year, q: self.q - 1 } }
    }
}

impl std::fmt::Display for Quarter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}-Q{}", self.year, self.q)
    }
}

/// Age in completed calendar months (Excel `DATEDIF(birth, on, "M")`), domain.md A.10:
/// the month difference, minus one if the day of the month is not yet reached.
/// `None` when `on` is before `birth`.
pub fn completed_months(birth: NaiveDate, on: NaiveDate) -> Option<u32> {
    if on < birth {
        return None;
    }
    let mut months = (on.year() - birth.year()) * 12 + on.month() as i32 - birth.month() as i32;
    if on.day() < birth.day() {
        months -= 1;
    }
    Some(months.max(0) as u32)
}

/// Age in whole days (growth.md 1.2: WHO uses days).
pub fn age_in_days(birth: NaiveDate, on: NaiveDate) -> Option<u32> {
    let d = (on - birth).num_days();
    (d >= 0).then_some(d as u32)
}

#[cfg(test)]
mod tests {
    use super::*;
    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn completed_months_is_datedif_m() {
        assert_eq!(completed_months(d(2024, 1, 31), d(2024, 2, 29)), Some(0));
        assert_eq!(completed_months(d(2024, 1, 15), d(2024, 2, 15)), Some(1));
        assert_eq!(completed_months(d(2024, 1, 15), d(2024, 2, 14)), Some(0));
        assert_eq!(completed_months(d(2022, 3, 10), d(2024, 3, 9)), Some(23));
        assert_eq!(completed_months(d(2022, 3, 10), d(2024, 3, 10)), Some(24));
        assert_eq!(completed_months(d(2024, 3, 10), d(2024, 3, 9)), None);
    }

    #[test]
    fn quarters_are_calendar_quarters() {
        assert_eq!(Quarter::of(d(2024, 3, 31)), Quarter { year: 2024, q: 1 });
        assert_eq!(Quarter::of(d(2024, 4, 1)), Quarter { year: 2024, q: 2 });
        assert_eq!(Quarter { year: 2024, q: 4 }.last_day(), d(2024, 12, 31));
        assert_eq!(YearMonth { year: 2024, month: 2 }.last_day(), d(2024, 2, 29));
    }
}
