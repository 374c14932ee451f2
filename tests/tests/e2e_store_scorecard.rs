//! End to end through the database: a generated village saved record by record through the store
//! (validated like an entry) into a file, reopened, and its quarterly scorecard computed from the
//! database equals the one computed from the in-memory snapshot; the section 11 consistency checks
//! (`Scorecard::check`, domain.md 11) hold on several generated villages, and Table 3 / Table 4
//! agree with a recount of the 3A/3B rows (domain.md 5.2, 5.3).

use pantau_core::convergence::Scorecard;
use pantau_core::demo::{generate_village, VillageSize};
use pantau_core::model::{Outcome, Quarter, TargetKind};
use pantau_core::store::Store;
use pantau_tests::{db_order, end_month, quarter, save_village, scorecard, small_village, TempDir};

/// Recounts Table 3 (per indicator) and Table 4 from the 3A/3B rows, independently of the engine's
/// accumulators.
fn recount(sc: &Scorecard) {
    for c in sc.table3.iter().filter(|c| c.group != TargetKind::Paud) {
        let outcomes: Vec<Outcome> = match c.group {
            TargetKind::Pregnancy => sc
                .pregnancies
                .iter()
                .flat_map(|r| r.results.iter().filter(|x| x.indicator == c.indicator).map(|x| x.outcome))
                .collect(),
            _ => sc.children.iter().flat_map(|r| r.results.iter().filter(|x| x.indicator == c.indicator).map(|x| x.outcome)).collect(),
        };
        let y = outcomes.iter().filter(|o| **o == Outcome::Yes).count() as u64;
        let ts = outcomes.iter().filter(|o| **o == Outcome::NotApplicable).count() as u64;
        assert_eq!(c.coverage.numerator, y, "{}", c.indicator);
        assert_eq!(c.coverage.denominator, outcomes.len() as u64 - ts, "{}", c.indicator);
    }
    let sum = |rows: &mut dyn Iterator<Item = &pantau_core::convergence::Ratio>| {
        rows.fold((0u64, 0u64), |(n, d), r| (n + r.numerator, d + r.denominator))
    };
    let p = sum(&mut sc.pregnancies.iter().map(|r| &r.convergence));
    let c = sum(&mut sc.children.iter().map(|r| &r.convergence));
    assert_eq!((sc.table4.pregnancy.numerator, sc.table4.pregnancy.denominator), p);
    assert_eq!((sc.table4.child.numerator, sc.table4.child.denominator), c);
    assert_eq!((sc.table4.total.numerator, sc.table4.total.denominator), (p.0 + c.0, p.1 + c.1));
    // Display: 2 decimals, half away from zero (A.5), "-" when nothing is due (A.10).
    let t = &sc.table4.total;
    if t.denominator == 0 {
        assert_eq!(t.display, "-");
    } else {
        let expect = (t.numerator as f64 * 10000.0 / t.denominator as f64 + 0.5).floor() / 100.0;
        assert_eq!(t.display, format!("{expect:.2}"));
    }
}

#[test]
fn scorecard_from_the_database_equals_the_one_from_memory() {
    let dir = TempDir::new("e2e-store");
    for seed in [1u64, 2, 3] {
        let path = dir.join(&format!("village-{seed}.db"));
        let mut data = small_village(seed);
        {
            let store = Store::open(&path, "e2e").unwrap();
            let n = save_village(&store, &data).unwrap();
            assert!(n > 500, "seed {seed}: only {n} records");
        }
        // Reopen the file: nothing is carried over in memory.
        let store = Store::open(&path, "e2e").unwrap();
        let villages = store.villages().unwrap();
        assert_eq!(villages.len(), 1);
        db_order(&mut data);
        for q in [quarter(), quarter().prev(), Quarter::new(2024, 4).unwrap()] {
            let expected = scorecard(&data, q);
            let from_db = scorecard(&store.load_quarter_of(&villages[0].id, q).unwrap(), q);
            assert_eq!(from_db, expected, "seed {seed} {q}");
            // The single-village loader of the phone gives the same.
            assert_eq!(scorecard(&store.load_quarter(q).unwrap(), q), expected, "seed {seed} {q}");
            // The store's own scorecard reads a reduced snapshot (only the columns the rules read).
            assert_eq!(store.scorecard(q).unwrap(), expected, "seed {seed} {q}");
            assert!(from_db.check().is_empty(), "seed {seed} {q}: {:?}", from_db.check());
        }
    }
}

#[test]
fn consistency_checks_hold_on_generated_villages() {
    let last = quarter();
    let quarters: Vec<Quarter> = std::iter::successors(Some(last), |q| Some(q.prev())).take(8).collect();
    let mut rows = 0;
    for seed in 10..18u64 {
        let data = small_village(seed);
        for q in &quarters {
            let sc = scorecard(&data, *q);
            assert!(sc.check().is_empty(), "seed {seed} {q}: {:?}", sc.check());
            recount(&sc);
            assert_eq!(sc.ruleset, "KPM-2019@1.0.0");
            rows += sc.pregnancies.len() + sc.children.len();
        }
    }
    assert!(rows > 500, "the generated quarters hold too few rows ({rows}) to test anything");
}

#[test]
fn consistency_checks_hold_on_the_full_size_village() {
    let data = generate_village(2025, &VillageSize::default(), end_month());
    let sc = scorecard(&data, quarter());
    assert!(sc.check().is_empty(), "{:?}", sc.check());
    recount(&sc);
    assert!(sc.pregnancies.len() > 50 && sc.children.len() > 500, "{} / {}", sc.pregnancies.len(), sc.children.len());
    assert!(!sc.gaps.is_empty() && sc.by_hamlet.len() >= 4);
}
