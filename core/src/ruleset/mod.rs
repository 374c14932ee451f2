//! Rule sets as versioned data (domain.md A.1, 9.4 item 3; architecture.md "Rules as data").
//!
//! A rule set names its target groups, the five service packages (domain.md 7, kept as data because
//! the mapping is [I]), and one rule per indicator built from a small set of predicate kinds:
//! - applicability ([`Applicability`]): always, pregnancy phase, age band, a status in a monitored month;
//! - criterion ([`Criterion`]): `CountAtLeast { field, window, n }` with fixed, trimester or age-band
//!   thresholds, `SumAtLeast` (cumulative sum, e.g. postnatal checks), `EveryMonth` (every monitored
//!   month, optionally only the months with a given status) and `AllOf`.
//!
//! The default rule set KPM-2019 lives in `core/data/rulesets/kpm-2019.json` (embedded); every rule
//! row carries its `source`, and [`RuleSet::from_json`] refuses a rule set where one is missing.
//! Reports are stamped with [`RuleSet::stamp`] = `id@version`.

mod predicate;

pub use predicate::*;

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::model::{Package, TargetKind};

/// The embedded KPM-2019 rule set text.
pub const KPM_2019_JSON: &str = include_str!("../../data/rulesets/kpm-2019.json");

/// Why a rule-set file was refused.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum RuleSetError {
    #[error("rule set is not valid JSON for the rule-set schema: {0}")]
    Parse(String),
    #[error("rule {0} has no source citation")]
    MissingSource(String),
    #[error("indicator id {0} appears twice")]
    DuplicateIndicator(IndicatorId),
    #[error("rule {indicator}: field {field:?} does not belong to target group {group:?}")]
    FieldNotInGroup { indicator: IndicatorId, field: Field, group: TargetKind },
    #[error("package {package:?} lists indicator {indicator} that has no rule")]
    UnknownIndicatorInPackage { package: Package, indicator: IndicatorId },
    #[error("rule {indicator}: package {package:?} is not the package that lists it")]
    PackageMismatch { indicator: IndicatorId, package: Package },
    #[error("rule {0}: a trimester threshold needs one value per trimester band")]
    TrimesterArity(IndicatorId),
    #[error("rule {0}: age bands overlap or are empty")]
    BadAgeBands(IndicatorId),
    #[error("target group {0:?} is declared twice or is missing")]
    BadGroups(TargetKind),
}

/// A band of months, both ends inclusive (completed months of age, or months of gestation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthBand {
    pub from: u32,
    pub to: u32,
}

impl MonthBand {
    pub fn contains(self, m: u32) -> bool {
        self.from <= m && m <= self.to
    }
}

/// A named age category of the 3B recap (C1..C4, domain.md 4.4 step 1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgeCategory {
    pub code: String,
    #[serde(flatten)]
    pub band: MonthBand,
}

/// How a group's indicator results are pooled (domain.md 5.2-5.3, 4.5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Aggregation {
    /// One Y/T/TS per target; Y / (targets - TS).
    PerTarget,
    /// PD-1 (domain.md 4.5): v cells / non-"-" cells over the quarter's months.
    PersonMonths,
}

/// A target group of the rule set (3A, 3B, 2C).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupRule {
    pub kind: TargetKind,
    /// Ages (completed months) at which a record belongs to this group; pregnancies have none.
    pub age: Option<MonthBand>,
    /// Part of Table 4's pooled village total (PD-1 is not, domain.md 3.7).
    pub in_village_total: bool,
    pub aggregation: Aggregation,
    pub source: String,
}

/// A service package and its indicators (domain.md 7, [I] mapping kept as data).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackageRule {
    pub package: Package,
    pub indicators: Vec<IndicatorId>,
    pub source: String,
}

/// Progress shown beside an indicator (IH-2: tablets towards 90, domain.md A.4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgressRule {
    pub field: Amount,
    pub window: Window,
    pub target: u32,
}

/// One indicator's rule: what it reads, when it applies, when it is met, and where that comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndicatorRule {
    /// IH-1..IH-8, AN-1..AN-10, PD-1 (domain.md 4.1); labels come from `crate::labels`.
    pub id: IndicatorId,
    pub group: TargetKind,
    pub package: Package,
    /// The monthly input field (domain.md 4.2 column "Monthly input field").
    pub field: Field,
    pub applies: Applicability,
    pub criterion: Criterion,
    /// Counted separately, e.g. AN-4's father for Format 4's "Laki" column (A.4, A.10).
    #[serde(default)]
    pub also_count: Option<Field>,
    #[serde(default)]
    pub progress: Option<ProgressRule>,
    /// Citation: domain.md section(s), Kemenkes/Kemendes text.
    pub source: String,
}

/// A whole rule set (domain.md 9.4 item 3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleSet {
    pub id: String,
    pub version: String,
    pub valid_from: chrono::NaiveDate,
    pub source: String,
    pub groups: Vec<GroupRule>,
    /// Gestational-month bands of trimesters 1..3 (domain.md 4.3 step 1).
    pub trimesters: Vec<MonthBand>,
    /// 3B age categories (domain.md 4.4 step 1, A.10: C4 is 18-23 inclusive).
    pub child_age_categories: Vec<AgeCategory>,
    pub packages: Vec<PackageRule>,
    pub indicators: Vec<IndicatorRule>,
}

impl RuleSet {
    /// Parses and validates a rule-set file.
    pub fn from_json(text: &str) -> Result<RuleSet, RuleSetError> {
        let rs: RuleSet = serde_json::from_str(text).map_err(|e| RuleSetError::Parse(e.to_string()))?;
        rs.validate()?;
        Ok(rs)
    }

    /// The built-in KPM-2019 rule set (domain.md A.1). The embedded file is checked by the tests
    /// of this module, so it cannot fail at run time.
    pub fn kpm_2019() -> &'static RuleSet {
        static RS: OnceLock<RuleSet> = OnceLock::new();
        RS.get_or_init(|| RuleSet::from_json(KPM_2019_JSON).expect("embedded KPM-2019 rule set is validated by tests"))
    }

    /// `ruleset_id@version`, stamped on every report and stored form (domain.md A.1).
    pub fn stamp(&self) -> String {
        format!("{}@{}", self.id, self.version)
    }

    pub fn group(&self, kind: TargetKind) -> Option<&GroupRule> {
        self.groups.iter().find(|g| g.kind == kind)
    }

    /// The indicators of one target group, in rule-set order (the column order of 3A/3B).
    pub fn indicators_of(&self, kind: TargetKind) -> impl Iterator<Item = &IndicatorRule> {
        self.indicators.iter().filter(move |r| r.group == kind)
    }

    pub fn indicator(&self, id: IndicatorId) -> Option<&IndicatorRule> {
        self.indicators.iter().find(|r| r.id == id)
    }

    /// The trimester (1-based) of a gestational age in months.
    pub fn trimester_of(&self, gestational_months: u32) -> Option<u32> {
        self.trimesters.iter().position(|b| b.contains(gestational_months)).map(|i| i as u32 + 1)
    }

    /// The 3B age category code (C1..C4) of an age in completed months.
    pub fn age_category_of(&self, months: u32) -> Option<&AgeCategory> {
        self.child_age_categories.iter().find(|c| c.band.contains(months))
    }

    fn validate(&self) -> Result<(), RuleSetError> {
        if self.source.trim().is_empty() {
            return Err(RuleSetError::MissingSource(self.id.clone()));
        }
        for kind in TargetKind::ALL {
            if self.groups.iter().filter(|g| g.kind == *kind).count() > 1 {
                return Err(RuleSetError::BadGroups(*kind));
            }
        }
        for g in &self.groups {
            if g.source.trim().is_empty() {
                return Err(RuleSetError::MissingSource(format!("group {}", g.kind.code())));
            }
        }
        for p in &self.packages {
            if p.source.trim().is_empty() {
                return Err(RuleSetError::MissingSource(format!("package {}", p.package.code())));
            }
        }
        let mut seen = std::collections::HashSet::new();
        for r in &self.indicators {
            if !seen.insert(r.id) {
                return Err(RuleSetError::DuplicateIndicator(r.id));
            }
            if r.source.trim().is_empty() {
                return Err(RuleSetError::MissingSource(r.id.to_string()));
            }
            if self.group(r.group).is_none() {
                return Err(RuleSetError::BadGroups(r.group));
            }
            for f in std::iter::once(r.field).chain(r.criterion.fields()).chain(r.also_count) {
                if !f.groups().contains(&r.group) {
                    return Err(RuleSetError::FieldNotInGroup { indicator: r.id, field: f, group: r.group });
                }
            }
            let listed: Vec<&PackageRule> = self.packages.iter().filter(|p| p.indicators.contains(&r.id)).collect();
            if listed.len() != 1 || listed[0].package != r.package {
                return Err(RuleSetError::PackageMismatch { indicator: r.id, package: r.package });
            }
            r.criterion.check_thresholds(r.id, self.trimesters.len())?;
        }
        for p in &self.packages {
            for i in &p.indicators {
                if self.indicator(*i).is_none() {
                    return Err(RuleSetError::UnknownIndicatorInPackage { package: p.package, indicator: *i });
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kpm_2019_parses_and_is_stamped() {
        let rs = RuleSet::from_json(KPM_2019_JSON).unwrap();
        assert_eq!(rs.stamp(), format!("KPM-2019@{}", rs.version));
        assert_eq!(rs.indicators_of(TargetKind::Pregnancy).count(), 8);
        assert_eq!(rs.indicators_of(TargetKind::Child).count(), 10);
        assert_eq!(rs.indicators_of(TargetKind::Paud).count(), 1);
        let ids: Vec<&str> = rs.indicators.iter().map(|r| r.id.code()).collect();
        let mut expected: Vec<String> = (1..=8).map(|i| format!("IH-{i}")).collect();
        expected.extend((1..=10).map(|i| format!("AN-{i}")));
        expected.push("PD-1".into());
        assert_eq!(ids, expected);
    }

    #[test]
    fn every_rule_has_a_source() {
        let rs = RuleSet::kpm_2019();
        for r in &rs.indicators {
            assert!(r.source.contains("domain.md"), "{} source {:?}", r.id, r.source);
        }
        for p in &rs.packages {
            assert!(!p.source.is_empty());
        }
    }

    #[test]
    fn a_missing_source_is_refused() {
        let mut v: serde_json::Value = serde_json::from_str(KPM_2019_JSON).unwrap();
        v["indicators"][3]["source"] = serde_json::Value::String("  ".into());
        let err = RuleSet::from_json(&v.to_string()).unwrap_err();
        assert_eq!(err, RuleSetError::MissingSource("IH-4".into()));
        let mut v: serde_json::Value = serde_json::from_str(KPM_2019_JSON).unwrap();
        v["indicators"][0].as_object_mut().unwrap().remove("source");
        assert!(matches!(RuleSet::from_json(&v.to_string()), Err(RuleSetError::Parse(_))));
    }

    #[test]
    fn packages_are_data_and_match_section_7() {
        let rs = RuleSet::kpm_2019();
        let of = |p: Package| {
            let list = &rs.packages.iter().find(|x| x.package == p).unwrap().indicators;
            list.iter().map(|i| i.code()).collect::<Vec<_>>().join(",")
        };
        assert_eq!(of(Package::Kia), "IH-1,IH-2,IH-3,IH-5,AN-1");
        assert_eq!(of(Package::Gizi), "IH-4,AN-2,AN-3,AN-4,AN-5");
        assert_eq!(of(Package::Sanitation), "IH-6,IH-7,AN-6,AN-7");
        assert_eq!(of(Package::SocialProtection), "IH-8,AN-8,AN-9");
        assert_eq!(of(Package::Paud), "AN-10,PD-1");
    }

    #[test]
    fn an_unknown_indicator_id_is_refused() {
        let mut v: serde_json::Value = serde_json::from_str(KPM_2019_JSON).unwrap();
        v["indicators"][0]["id"] = serde_json::Value::String("IH-99".into());
        assert!(matches!(RuleSet::from_json(&v.to_string()), Err(RuleSetError::Parse(_))));
        assert_eq!(IndicatorId::from_code("AN-10"), Some(IndicatorId::An10));
        assert_eq!(serde_json::to_string(&IndicatorId::Pd1).unwrap(), "\"PD-1\"");
    }

    #[test]
    fn a_field_from_another_form_is_refused() {
        let mut v: serde_json::Value = serde_json::from_str(KPM_2019_JSON).unwrap();
        v["indicators"][0]["field"] = serde_json::Value::String("weighed".into());
        assert!(matches!(RuleSet::from_json(&v.to_string()), Err(RuleSetError::FieldNotInGroup { .. })));
    }

    #[test]
    fn bands_follow_section_4() {
        let rs = RuleSet::kpm_2019();
        assert_eq!(rs.trimester_of(3), Some(1));
        assert_eq!(rs.trimester_of(4), Some(2));
        assert_eq!(rs.trimester_of(7), Some(3));
        assert_eq!(rs.trimester_of(10), Some(3));
        assert_eq!(rs.age_category_of(5).unwrap().code, "C1");
        assert_eq!(rs.age_category_of(6).unwrap().code, "C2");
        assert_eq!(rs.age_category_of(12).unwrap().code, "C2");
        assert_eq!(rs.age_category_of(13).unwrap().code, "C3");
        assert_eq!(rs.age_category_of(17).unwrap().code, "C3");
        assert_eq!(rs.age_category_of(18).unwrap().code, "C4");
        assert_eq!(rs.age_category_of(23).unwrap().code, "C4");
        assert!(rs.age_category_of(24).is_none());
    }
}
