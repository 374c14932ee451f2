//! The quarter snapshot the store loads for the scorecard holds everything the convergence
//! engine reads: on a generated village, the scorecard from `Store::scorecard` (narrow load)
//! equals the engine's scorecard over the whole village, quarter by quarter.

use pantau_core::convergence::scorecard_with;
use pantau_core::growth::verdict::nutrition_status;
use pantau_core::model::*;
use pantau_core::ruleset::RuleSet;
use pantau_core::store::Store;
use pantau_tests::store_support::{generate_village, TempDir};

#[test]
fn scorecard_from_the_quarter_snapshot_equals_the_one_from_the_whole_village() {
    let dir = TempDir::new("snapshot");
    let store = Store::open(dir.join("pantau.db"), "dev").unwrap();
    let last = YearMonth::new(2025, 12).unwrap();
    store.import_snapshot(&generate_village(120, last, 12, 99), &[]).unwrap();
    let whole = store.load_village().unwrap();
    for q in [Quarter::new(2025, 1).unwrap(), Quarter::new(2025, 2).unwrap(), Quarter::new(2025, 4).unwrap()] {
        let from_store = store.scorecard(q).unwrap();
        let reference = scorecard_with(RuleSet::kpm_2019(), &whole, q, &nutrition_status);
        assert_eq!(from_store, reference, "{q}");
        assert!(!from_store.children.is_empty() && !from_store.paud.is_empty(), "{q}: village too small to test");
    }
}

#[test]
fn same_on_the_demo_village_with_ended_episodes() {
    let dir = TempDir::new("snapshot-demo");
    let store = Store::open(dir.join("pantau.db"), "dev").unwrap();
    let last = YearMonth::new(2025, 12).unwrap();
    let size = pantau_core::demo::VillageSize { households: 60, pregnancies: 25, children_0_23: 40, paud_children: 30, months: 12 };
    store.import_snapshot(&pantau_core::demo::generate_village(5, &size, last), &[]).unwrap();
    let whole = store.load_village().unwrap();
    for q in [Quarter::new(2025, 1).unwrap(), Quarter::new(2025, 3).unwrap(), Quarter::new(2025, 4).unwrap()] {
        let from_store = store.scorecard(q).unwrap();
        let reference = scorecard_with(RuleSet::kpm_2019(), &whole, q, &nutrition_status);
        assert_eq!(from_store, reference, "{q}");
    }
    assert!(store.check(true).unwrap().ok);
}
