//! One rule in one place: on a generated village, the store's target lists (who is due a form
//! in a month) agree with the forms module (whether the form applies), month by month, and
//! every stored monthly record's target is on its month's list with the right mark.

use std::collections::BTreeSet;

use pantau_core::demo::{generate_village, VillageSize};
use pantau_core::forms::form_for;
use pantau_core::model::*;
use pantau_core::store::{Store, TargetFilter, VisitMark};
use pantau_tests::store_support::TempDir;

fn month_days(m: YearMonth) -> impl Iterator<Item = chrono::NaiveDate> {
    m.first_day().iter_days().take_while(move |d| *d <= m.last_day())
}

#[test]
fn due_lists_and_forms_agree_on_who_has_a_form_each_month() {
    let dir = TempDir::new("due-forms");
    let store = Store::open(dir.join("pantau.db"), "dev").unwrap();
    let last = YearMonth::new(2025, 12).unwrap();
    let size = VillageSize { households: 60, pregnancies: 25, children_0_23: 40, paud_children: 30, months: 12 };
    store.import_snapshot(&generate_village(5, &size, last), &[]).unwrap();
    let village = store.load_village().unwrap();
    let (mut seen_2a, mut seen_2b, mut seen_2c) = (0, 0, 0);
    // From before the first records to after the last (children age out, nifas ends).
    let mut m = YearMonth::new(2024, 11).unwrap();
    while m <= YearMonth::new(2026, 3).unwrap() {
        let rows = store.targets(&TargetFilter { month: m, kind: None, hamlet_id: None, posyandu_id: None }).unwrap();
        let listed: BTreeSet<(TargetKind, String)> = rows.iter().map(|r| (r.kind, r.target_id.clone())).collect();
        assert_eq!(listed.len(), rows.len(), "{m}: a target listed twice");
        let mut expected = BTreeSet::new();
        for p in &village.pregnancies {
            // 2A applicability does not depend on the day (forms::pregnancy::pregnancy_month_reason).
            if form_for(&village, TargetKind::Pregnancy, &p.id, m, m.first_day()).unwrap().applies {
                expected.insert((TargetKind::Pregnancy, p.id.clone()));
            }
        }
        for c in &village.children {
            // Due a 2B form when it applies on some day of the month.
            if month_days(m).any(|d| form_for(&village, TargetKind::Child, &c.id, m, d).unwrap().applies) {
                expected.insert((TargetKind::Child, c.id.clone()));
            }
            if form_for(&village, TargetKind::Paud, &c.id, m, m.last_day()).unwrap().applies {
                expected.insert((TargetKind::Paud, c.id.clone()));
            }
        }
        assert_eq!(listed, expected, "{m}");
        // Every record of the month: its target is listed, marked done or draft by the record.
        let mark = |s: FormStatus| if s == FormStatus::Final { VisitMark::Done } else { VisitMark::Draft };
        let find = |k: TargetKind, id: &str| rows.iter().find(|r| r.kind == k && r.target_id == id).map(|r| r.mark);
        for v in village.pregnancy_visits.iter().filter(|v| v.month == m) {
            assert_eq!(find(TargetKind::Pregnancy, &v.pregnancy_id), Some(mark(v.status)), "{m} 2A {}", v.id);
            seen_2a += 1;
        }
        for v in village.child_visits.iter().filter(|v| v.month == m) {
            assert_eq!(find(TargetKind::Child, &v.child_id), Some(mark(v.status)), "{m} 2B {}", v.id);
            seen_2b += 1;
        }
        for v in village.paud_visits.iter().filter(|v| v.month == m) {
            assert_eq!(find(TargetKind::Paud, &v.child_id), Some(mark(v.status)), "{m} 2C {}", v.id);
            seen_2c += 1;
        }
        m = m.next();
    }
    assert!(seen_2a > 0 && seen_2b > 0 && seen_2c > 0, "village too small to test");
}

#[test]
fn paud_rows_carry_their_pd1_ratio_for_the_quarter() {
    let dir = TempDir::new("due-pd1");
    let store = Store::open(dir.join("pantau.db"), "dev").unwrap();
    let last = YearMonth::new(2025, 12).unwrap();
    let size = VillageSize { households: 60, pregnancies: 25, children_0_23: 40, paud_children: 30, months: 12 };
    store.import_snapshot(&generate_village(5, &size, last), &[]).unwrap();
    let m = YearMonth::new(2025, 11).unwrap();
    let card = store.scorecard(m.quarter()).unwrap();
    let rows = store.targets(&TargetFilter { month: m, kind: Some(TargetKind::Paud), hamlet_id: None, posyandu_id: None }).unwrap();
    let mut with_ratio = 0;
    for r in &rows {
        let in_card = card.paud.iter().find(|p| p.child_id == r.target_id);
        match (in_card, &r.quarter_convergence) {
            (Some(p), Some(ratio)) => {
                assert_eq!((ratio.numerator, ratio.denominator), (u64::from(p.attended_months), u64::from(p.enrolled_months)));
                with_ratio += 1;
            }
            (None, None) => {}
            other => panic!("{}: scorecard row and list ratio disagree: {other:?}", r.target_id),
        }
    }
    assert!(with_ratio > 0, "no PAUD child with records in the quarter");
}
