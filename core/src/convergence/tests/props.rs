//! Property tests on generated villages: the section 11 consistency checks hold, every T/TS has its
//! reason, the per-target call agrees with the full scorecard, and a past quarter never changes
//! when later months are recorded (A.10 Windows).

use proptest::prelude::*;

use crate::model::*;
use crate::ruleset::RuleSet;

use super::super::*;

use super::village_gen;

fn derive(_: &Child, m: &Measurement) -> Option<NutritionStatus> {
    // A stand-in for the growth module: short children are stunted, some weights implausible.
    match (m.length_cm, m.weight_kg) {
        (Some(l), _) if l < 56.0 => Some(NutritionStatus::Stunting),
        (_, Some(w)) if w > 9.0 => None,
        (Some(_), Some(_)) => Some(NutritionStatus::Normal),
        _ => None,
    }
}

fn village(seed: u64, hh: usize, preg: usize, children: usize, paud: usize, months: u32) -> VillageData {
    let last = YearMonth::new(2025, 6).unwrap();
    village_gen::village(&village_gen::Sizes { households: hh, pregnancies: preg, children, paud, months, last }, seed)
}

fn truncate(data: &VillageData, end: chrono::NaiveDate) -> VillageData {
    let mut d = data.clone();
    d.pregnancy_visits.retain(|v| v.visit_date <= end);
    d.child_visits.retain(|v| v.visit_date <= end);
    d.paud_visits.retain(|v| v.visit_date <= end);
    d.measurements.retain(|m| m.date <= end);
    d
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, .. ProptestConfig::default() })]

    #[test]
    fn scorecard_is_consistent(seed in any::<u64>(), hh in 1usize..40, preg in 0usize..25, children in 0usize..40, paud in 0usize..25, months in 1u32..30, back in 0u32..6) {
        let data = village(seed, hh, preg, children, paud, months);
        let mut quarter = YearMonth::new(2025, 6).unwrap().quarter();
        for _ in 0..back {
            quarter = quarter.prev();
        }
        let rules = RuleSet::kpm_2019();
        let sc = scorecard_with(rules, &data, quarter, &derive);
        prop_assert!(sc.check().is_empty(), "{:?}", sc.check());
        prop_assert_eq!(&sc.ruleset, "KPM-2019@1.0.0");

        let all = sc.pregnancies.iter().flat_map(|r| &r.results)
            .chain(sc.children.iter().flat_map(|r| &r.results))
            .chain(sc.paud.iter().map(|r| &r.result));
        for r in all {
            match r.outcome {
                Outcome::Yes => prop_assert!(r.reason.is_none()),
                _ => {
                    let t = r.reason.as_ref();
                    prop_assert!(t.is_some_and(|t| !t.id.is_empty() && !t.en.is_empty()), "{:?}", r);
                }
            }
            if let (Some(c), Some(n)) = (r.count, r.needed) {
                if r.outcome == Outcome::Yes { prop_assert!(c >= n, "{:?}", r); }
                if r.outcome == Outcome::No { prop_assert!(c < n, "{:?}", r); }
            }
        }
        for r in &sc.children {
            prop_assert!(r.age_months <= 23);
        }

        // The cheap per-target call gives the same rows.
        for r in &sc.pregnancies {
            let t = target_quarter(rules, &data, &r.pregnancy_id, quarter, &derive);
            prop_assert_eq!(t, Some(TargetResult::Pregnancy { row: r.clone() }));
        }
        for r in &sc.children {
            let t = target_quarter(rules, &data, &r.child_id, quarter, &derive);
            prop_assert_eq!(t, Some(TargetResult::Child { row: r.clone() }));
        }

        // A past quarter never changes because later months were recorded.
        let earlier = scorecard_with(rules, &truncate(&data, quarter.last_day()), quarter, &derive);
        prop_assert_eq!(earlier, sc);
    }
}

#[test]
fn an_empty_village_is_all_not_applicable() {
    let sc = scorecard_with(RuleSet::kpm_2019(), &VillageData::default(), Quarter::new(2025, 1).unwrap(), &derive);
    assert!(sc.check().is_empty());
    assert_eq!(sc.table4.total.display, "-");
    assert_eq!(sc.pd1.person_months.percent_hundredths, None);
    assert!(sc.table3.iter().all(|c| c.coverage.display == "-"));
}
