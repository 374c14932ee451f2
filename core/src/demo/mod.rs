//! Demo villages: a deterministic, realistic-looking Indonesian village with 1000-HPK targets
//! and 24 months of monthly records (2A, 2B, 2C, measurements), for the benchmarks of issues 2
//! and 3, the CLI's `demo` command and the app's screenshots.
//!
//! Same seed, same size, same end month -> the same `VillageData` on every platform (seeded
//! ChaCha8 from `rand_chacha`; ids are UUIDs drawn from the same stream). Rates follow the
//! brief and domain.md: KEK/RISTI ~10-15 % of pregnancies, v rates 65-90 %, ~12 % missed
//! months, ~20 % of children stunted (length-for-age below -2 SD on the approximate WHO medians
//! of `forms::ranges`), water ~85 %, latrine ~75 %, vulnerable ~15 % of households, a few
//! moved-away, deceased and miscarriage episodes. Every record passes `forms::validate_village`
//! with `today` = the end month's last day (tested).

mod generate;
mod names;

use crate::model::{VillageData, YearMonth};

/// The device id stamped on every generated record.
pub const DEMO_DEVICE: &str = "demo";
/// The rule set stamped on generated monthly records.
/// The stamp of the rule set the demo forms are "entered under"; equals `RuleSet::kpm_2019().stamp()` (tested).
pub const DEMO_RULESET: &str = "KPM-2019@1.0.0";

/// How big a demo village is.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct VillageSize {
    pub households: u32,
    /// Pregnancy episodes whose monitoring overlaps the window (ongoing, delivered, ended).
    pub pregnancies: u32,
    /// Children aged 0-23 completed months on the end month's last day.
    pub children_0_23: u32,
    /// Children aged 24-83 months (2-6 years) on the end month's last day.
    pub paud_children: u32,
    /// Months of monthly records, ending with the end month.
    pub months: u32,
}

impl Default for VillageSize {
    /// The benchmark village of issues 2 and 3.
    fn default() -> Self {
        VillageSize { households: 1000, pregnancies: 400, children_0_23: 800, paud_children: 600, months: 24 }
    }
}

impl VillageSize {
    /// A small village for quick tests and screenshots.
    pub fn small() -> Self {
        VillageSize { households: 20, pregnancies: 8, children_0_23: 14, paud_children: 10, months: 24 }
    }
}

/// Generate a village for `seed` with monthly records for the `size.months` months ending with `end`.
pub fn generate_village(seed: u64, size: &VillageSize, end: YearMonth) -> VillageData {
    generate::Generator::new(seed, size, end).run()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forms::{find_duplicates, parse_nik, validate_village, DuplicateCandidate, PersonKind};
    use crate::model::{completed_months, MatResult, Severity};

    fn end() -> YearMonth {
        YearMonth::new(2025, 6).unwrap()
    }

    #[test]
    fn same_seed_same_village_other_seed_other_village() {
        let a = generate_village(7, &VillageSize::small(), end());
        let b = generate_village(7, &VillageSize::small(), end());
        let c = generate_village(8, &VillageSize::small(), end());
        assert_eq!(a, b);
        assert_ne!(a, c);
    }

    #[test]
    fn small_village_passes_every_validator() {
        for seed in 0..20 {
            let v = generate_village(seed, &VillageSize::small(), end());
            let issues = validate_village(&v, end().last_day());
            assert!(issues.is_empty(), "seed {seed}: {:?}", &issues[..issues.len().min(5)]);
            assert_eq!(v.households.len(), 20);
            assert_eq!(v.pregnancies.len(), 8);
        }
    }

    #[test]
    fn default_village_has_the_requested_size_and_passes_every_validator() {
        let size = VillageSize::default();
        let v = generate_village(2025, &size, end());
        let today = end().last_day();
        let issues = validate_village(&v, today);
        let errors = issues.iter().filter(|i| i.issue.severity == Severity::Error).count();
        assert!(issues.is_empty(), "{errors} errors, {} findings, e.g. {:?}", issues.len(), &issues[..issues.len().min(5)]);

        assert_eq!(v.households.len(), 1000);
        assert_eq!(v.pregnancies.len(), 400);
        let ages: Vec<u32> = v.children.iter().map(|c| completed_months(c.birth_date, today).unwrap_or(999)).collect();
        assert_eq!(ages.iter().filter(|a| **a <= 23).count(), 800);
        assert_eq!(ages.iter().filter(|a| (24..=83).contains(*a)).count(), 600);
        assert_eq!(v.children.len(), 1400);
        assert!((4..=6).contains(&v.hamlets.len()) && (5..=8).contains(&v.posyandu.len()) && (1..=2).contains(&v.cadres.len()));

        // Every month of the window has records, the first is 23 months before the end.
        let first = v.child_visits.iter().map(|r| r.month).min().unwrap();
        assert_eq!(end().index() - first.index(), 23);
        assert!(v.pregnancy_visits.iter().all(|r| r.month <= end() && r.meta.device_id == DEMO_DEVICE));

        // Rates inside the brief's bands.
        let share = |n: usize, d: usize| n as f64 / d as f64;
        let first_conditions: Vec<_> = v.household_conditions.iter().filter(|c| c.effective_from == first).collect();
        assert_eq!(first_conditions.len(), 1000);
        let water = share(first_conditions.iter().filter(|c| c.safe_water).count(), 1000);
        let latrine = share(first_conditions.iter().filter(|c| c.latrine).count(), 1000);
        let vulnerable = share(first_conditions.iter().filter(|c| c.vulnerable).count(), 1000);
        assert!((0.8..0.9).contains(&water) && (0.7..0.8).contains(&latrine) && (0.11..0.19).contains(&vulnerable));
        let risk = share(v.pregnancies.iter().filter(|p| p.kek || p.risti).count(), 400);
        assert!((0.08..0.2).contains(&risk), "{risk}");
        let anc: Vec<bool> = v.pregnancy_visits.iter().filter_map(|r| r.antenatal_check).collect();
        assert!((0.7..0.9).contains(&share(anc.iter().filter(|b| **b).count(), anc.len())));
        assert!(v.pregnancies.iter().any(|p| p.delivery_date.is_some()) && v.pregnancies.iter().any(|p| p.delivery_date.is_none()));
        assert!(v.pregnancies.iter().any(|p| p.end.is_some()) && v.children.iter().any(|c| c.end.is_some()));
        assert!(v.pregnancy_visits.iter().any(|r| r.postnatal_checks.is_some()));
        assert!(v.paud_visits.iter().any(|r| r.cell == crate::model::PaudCell::Attended));

        // About 20 % of measured children are stunted (length below -2 SD on the approximate median),
        // and the mat colour agrees with it most of the time.
        let mut stunted = std::collections::HashSet::new();
        let mut measured = std::collections::HashSet::new();
        let children: std::collections::HashMap<_, _> = v.children.iter().map(|c| (c.id.as_str(), c)).collect();
        for m in &v.measurements {
            let (Some(l), Some(c)) = (m.length_cm, children.get(m.child_id.as_str())) else { continue };
            let age = (m.date - c.birth_date).num_days() as f64 / 30.4375;
            let med = crate::forms::ranges::median_length_cm(c.sex, age);
            measured.insert(&m.child_id);
            if (l - med) / (med * crate::forms::ranges::LENGTH_SD_FRACTION) < -2.0 {
                stunted.insert(&m.child_id);
            }
        }
        let s = share(stunted.len(), measured.len());
        assert!((0.15..0.25).contains(&s), "{s}");
        let coloured: Vec<_> = v.child_visits.iter().filter(|r| r.length_measured == Some(true)).collect();
        assert!(coloured.iter().all(|r| r.mat_result != MatResult::NotMeasured));
        let red = share(coloured.iter().filter(|r| r.mat_result == MatResult::Red).count(), coloured.len());
        assert!((0.12..0.3).contains(&red), "{red}");

        // NIKs are valid and unique; temporary ones are the mother's NIK plus a digit.
        let mut niks = std::collections::HashSet::new();
        for n in v.mothers.iter().filter_map(|m| m.nik.as_deref()) {
            assert!(parse_nik(n, today).is_ok());
            assert!(niks.insert(n.to_string()));
        }
        for c in &v.children {
            if let Some(n) = c.nik.as_deref() {
                assert!(niks.insert(n.to_string()));
                assert_eq!(n.len(), if c.nik_temporary { 17 } else { 16 });
            }
        }
        // No registered person is flagged a duplicate of another by NIK or KIA number.
        for p in v.pregnancies.iter().take(50) {
            let cand = DuplicateCandidate {
                kind: PersonKind::Pregnancy,
                name: String::new(),
                birth_date: None,
                nik: None,
                kia_number: Some(p.kia_number.clone()),
                own_id: Some(p.id.clone()),
            };
            assert!(find_duplicates(&cand, &v).is_empty());
        }
    }

    #[test]
    fn end_month_moves_the_window() {
        let v = generate_village(1, &VillageSize::small(), YearMonth::new(2024, 12).unwrap());
        let last = YearMonth::new(2024, 12).unwrap();
        assert!(v.child_visits.iter().all(|r| r.month <= last && r.visit_date <= last.last_day()));
        assert!(v.paud_visits.iter().any(|r| r.month == last));
        assert!(validate_village(&v, last.last_day()).is_empty());
    }
}

#[cfg(test)]
mod stamp_tests {
    #[test]
    fn demo_ruleset_is_the_builtin_stamp() {
        assert_eq!(super::DEMO_RULESET, crate::ruleset::RuleSet::kpm_2019().stamp());
    }
}
