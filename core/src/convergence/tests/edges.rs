//! Applicability rules, thresholds and edge months (issue 2 "How we will know").

use crate::model::*;
use crate::ruleset::RuleSet;

use super::super::*;
use super::fixture::{d, q, Village as V};

fn rules() -> &'static RuleSet {
    RuleSet::kpm_2019()
}

fn child_results(v: &V, id: &str, quarter: Quarter) -> Option<ChildRow> {
    match target_quarter(rules(), &v.data, id, quarter, &reported_status_only)? {
        TargetResult::Child { row } => Some(row),
        _ => None,
    }
}

fn preg_row(v: &V, id: &str, quarter: Quarter) -> Option<PregnancyRow> {
    match target_quarter(rules(), &v.data, id, quarter, &reported_status_only)? {
        TargetResult::Pregnancy { row } => Some(row),
        _ => None,
    }
}

fn outcome(results: &[IndicatorResult], id: &str) -> Outcome {
    results.iter().find(|r| r.indicator.code() == id).unwrap().outcome
}

fn result<'a>(results: &'a [IndicatorResult], id: &str) -> &'a IndicatorResult {
    results.iter().find(|r| r.indicator.code() == id).unwrap()
}

const ALL_V: &str = "vvvvvvvvvvv";

#[test]
fn birth_month_is_age_zero_c1() {
    let mut v = V::new();
    let a = v.child("A", d(2024, 2, 10));
    v.cv(&a, d(2024, 2, 5), ALL_V); // before birth: not a record
    v.cv(&a, d(2024, 2, 20), ALL_V);
    let row = child_results(&v, &a, q(2024, 1)).unwrap();
    assert_eq!((row.age_months, row.age_category.as_str()), (0, "C1"));
    for id in ["AN-1", "AN-2", "AN-4", "AN-10"] {
        let r = result(&row.results, id);
        assert_eq!(r.outcome, Outcome::NotApplicable, "{id}");
        assert_eq!(r.reason.as_ref().unwrap().id, "usia 0 bulan; berlaku untuk usia 6-23 bulan");
    }
    assert_eq!(outcome(&row.results, "AN-3"), Outcome::Yes);
    // Only the record after birth counts (1 month).
    assert_eq!(result(&row.results, "AN-3").count, Some(1));
}

#[test]
fn completed_months_decide_the_category() {
    // Born 10 Oct: on 9 Apr 5 completed months (C1), on 10 Apr 6 (C2).
    let mut v = V::new();
    let a = v.child("A", d(2023, 10, 10));
    v.cv(&a, d(2024, 4, 9), ALL_V);
    assert_eq!(child_results(&v, &a, q(2024, 2)).unwrap().age_category, "C1");
    let b = v.child("B", d(2023, 10, 10));
    v.cv(&b, d(2024, 4, 10), ALL_V);
    assert_eq!(child_results(&v, &b, q(2024, 2)).unwrap().age_category, "C2");
}

#[test]
fn twenty_third_month_and_turning_24() {
    let mut v = V::new();
    // Born 10 Feb 2022: 23 on 10 Jan 2024, 24 on 10 Feb 2024.
    let a = v.child("A", d(2022, 2, 10));
    v.cv(&a, d(2024, 1, 15), "vvxvvvvvvvv");
    v.cv(&a, d(2024, 2, 15), ALL_V); // 24 months: not a 2B record
    v.cv(&a, d(2024, 4, 15), ALL_V);
    let row = child_results(&v, &a, q(2024, 1)).unwrap();
    assert_eq!((row.age_months, row.age_category.as_str()), (23, "C4"));
    // TB only in the (ignored) February record: T.
    assert_eq!(outcome(&row.results, "AN-3"), Outcome::No);
    assert_eq!(result(&row.results, "AN-3").count, Some(0));
    // After 24 months the child leaves 3B.
    assert!(child_results(&v, &a, q(2024, 2)).is_none());
    let sc = scorecard_with(rules(), &v.data, q(2024, 2), &reported_status_only);
    assert!(sc.children.is_empty());
}

#[test]
fn an1_dasar_until_9_months_then_measles_sudah_from_6_months() {
    let mut v = V::new();
    let a = v.child("A", d(2023, 6, 1)); // 7-9 months in Q1 2024
    v.cv(&a, d(2024, 3, 5), ALL_V);
    assert_eq!(outcome(&child_results(&v, &a, q(2024, 1)).unwrap().results, "AN-1"), Outcome::Yes);
    let b = v.child("B", d(2023, 5, 1)); // 10 months in March
    v.cv(&b, d(2024, 3, 5), ALL_V).measles = Some(Measles::NotYet);
    let row = child_results(&v, &b, q(2024, 1)).unwrap();
    let r = result(&row.results, "AN-1");
    assert_eq!(r.outcome, Outcome::No);
    assert_eq!(
        r.reason.as_ref().unwrap().id,
        "imunisasi campak (Sudah) 0 kali dalam triwulan ini; perlu 1 untuk usia 10-23 bulan"
    );
    // "Sudah" recorded before 6 months does not count (A.10); at 10 months it does.
    let c = v.child("C", d(2023, 5, 1));
    v.cv(&c, d(2023, 10, 5), ALL_V).measles = Some(Measles::Done); // 5 months, other quarter anyway
    v.cv(&c, d(2024, 1, 5), ALL_V).measles = Some(Measles::Done); // 8 months
    v.cv(&c, d(2024, 3, 5), ALL_V); // 10 months, measles blank
    assert_eq!(outcome(&child_results(&v, &c, q(2024, 1)).unwrap().results, "AN-1"), Outcome::Yes);
    let e = v.child("E", d(2023, 10, 1)); // 3-5 months: C1 TS
    v.cv(&e, d(2024, 3, 5), ALL_V).measles = Some(Measles::Done);
    assert_eq!(outcome(&child_results(&v, &e, q(2024, 1)).unwrap().results, "AN-1"), Outcome::NotApplicable);
}

/// A child weighed every month since birth month 1; AN-2 at the band edges 12/13 and 17/18.
#[test]
fn an2_thresholds_5_8_15_over_the_whole_record() {
    for (age_at_end, weighings, want) in [(12u32, 5u32, Outcome::Yes), (12, 4, Outcome::No), (13, 7, Outcome::No), (13, 8, Outcome::Yes), (17, 8, Outcome::Yes), (18, 14, Outcome::No), (18, 15, Outcome::Yes)] {
        let mut v = V::new();
        // Quarter Q4 2024; the last record on 15 Dec at `age_at_end` months.
        let last = YearMonth::new(2024, 12).unwrap();
        let mut first = last;
        for _ in 0..age_at_end {
            first = first.prev();
        }
        let a = v.child("A", d(first.year, first.month, 10));
        let mut ym = first.next();
        let mut n = 0;
        while ym <= last {
            let bb = if n < weighings { 'v' } else { 'x' };
            // weighings are spent from the start of the record
            v.cv(&a, d(ym.year, ym.month, 15), &format!("v{bb}vvvvvvvvv"));
            ym = ym.next();
            n += 1;
        }
        let row = child_results(&v, &a, q(2024, 4)).unwrap();
        assert_eq!(row.age_months, age_at_end);
        let r = result(&row.results, "AN-2");
        assert_eq!((r.outcome, r.count), (want, Some(weighings)), "age {age_at_end} weighed {weighings}");
    }
}

#[test]
fn an2_window_ends_at_the_quarter_end_past_quarters_never_change() {
    let mut v = V::new();
    let a = v.child("A", d(2023, 3, 1));
    for m in 8..=12 {
        v.cv(&a, d(2023, m, 5), if m < 12 { "vxvvvvvvvvv" } else { ALL_V });
    }
    v.cv(&a, d(2024, 1, 5), ALL_V);
    let before = child_results(&v, &a, q(2023, 4)).unwrap();
    // More weighings later do not change Q4 2023.
    for m in 2..=6 {
        v.cv(&a, d(2024, m, 5), ALL_V);
    }
    let after = child_results(&v, &a, q(2023, 4)).unwrap();
    assert_eq!(before, after);
    assert_eq!(result(&after.results, "AN-2").count, Some(1));
}

#[test]
fn an10_counts_the_calendar_year_only() {
    let mut v = V::new();
    let a = v.child("A", d(2023, 3, 1));
    for m in 8..=12 {
        v.cv(&a, d(2023, m, 5), ALL_V); // 5 classes in 2023
    }
    v.cv(&a, d(2024, 1, 5), ALL_V);
    let row = child_results(&v, &a, q(2024, 1)).unwrap();
    let r = result(&row.results, "AN-10");
    assert_eq!((r.outcome, r.count), (Outcome::No, Some(1)));
    let q4 = child_results(&v, &a, q(2023, 4)).unwrap();
    assert_eq!(outcome(&q4.results, "AN-10"), Outcome::Yes);
}

#[test]
fn an4_either_parent_and_the_father_count() {
    let mut v = V::new();
    let a = v.child("A", d(2023, 6, 1)); // 6-8 months in Q4 2023... use Q1 2024: 7-9
    for (i, m) in [(0, (2023, 9)), (1, (2023, 10)), (2, (2023, 11)), (3, (2023, 12)), (4, (2024, 1))] {
        // father in the first three months, mother in the last two
        let (ayah, ibu) = if i < 3 { ('v', 'x') } else { ('x', 'v') };
        v.cv(&a, d(m.0, m.1, 5), &format!("vvv{ayah}{ibu}vvvvvv"));
    }
    let row = child_results(&v, &a, q(2024, 1)).unwrap();
    let r = result(&row.results, "AN-4");
    assert_eq!((r.outcome, r.count, r.also_count, r.also_met), (Outcome::Yes, Some(5), Some(3), false));
}

#[test]
fn an5_applies_only_in_gk_gb_s_months_and_needs_a_visit_every_such_month() {
    let mut v = V::new();
    let a = v.child("A", d(2023, 6, 1));
    v.cv(&a, d(2024, 1, 5), ALL_V); // N
    v.cv(&a, d(2024, 2, 5), "vvvvvxvvvvv").reported_nutrition_status = Some(NutritionStatus::GiziKurang);
    v.cv(&a, d(2024, 3, 5), ALL_V).reported_nutrition_status = Some(NutritionStatus::Stunting);
    let row = child_results(&v, &a, q(2024, 1)).unwrap();
    let r = result(&row.results, "AN-5");
    assert_eq!((r.outcome, r.count, r.needed), (Outcome::No, Some(1), Some(2)));
    assert!(r.reason.as_ref().unwrap().id.ends_with("(belum: Feb)"), "{:?}", r.reason);
    assert_eq!(row.nutrition_status, Some(NutritionStatus::Stunting));
    // A derived status from a measurement wins over the reported one (A.8).
    v.data.measurements.push(Measurement {
        id: "m1".into(),
        child_id: a.clone(),
        date: d(2024, 2, 5),
        weight_kg: Some(7.0),
        length_cm: Some(68.0),
        position: Some(Position::Lying),
        oedema: false,
        meta: Meta::default(),
    });
    let normal = |_: &Child, _: &Measurement| Some(NutritionStatus::Normal);
    let t = target_quarter(rules(), &v.data, &a, q(2024, 1), &normal).unwrap();
    let TargetResult::Child { row } = t else { panic!() };
    assert_eq!(outcome(&row.results, "AN-5"), Outcome::Yes);
    // Not derivable (implausible): the reported status is used.
    let none = |_: &Child, _: &Measurement| None;
    let TargetResult::Child { row } = target_quarter(rules(), &v.data, &a, q(2024, 1), &none).unwrap() else { panic!() };
    assert_eq!(outcome(&row.results, "AN-5"), Outcome::No);
    // All normal: TS with its reason.
    let b = v.child("B", d(2023, 6, 1));
    v.cv(&b, d(2024, 1, 5), ALL_V);
    let r = child_results(&v, &b, q(2024, 1)).unwrap();
    assert_eq!(result(&r.results, "AN-5").reason.as_ref().unwrap().id, "tidak ada bulan dipantau dengan status gizi kurang/gizi buruk/stunting");
}

#[test]
fn ih1_ih4_trimester_thresholds() {
    let mut v = V::new();
    let p = v.pregnancy("P", None);
    v.pv(&p, d(2024, 1, 5), Some(6), false, false, "vvvxvvv", None);
    v.pv(&p, d(2024, 2, 5), Some(7), false, false, "xvxxvvv", None);
    let row = preg_row(&v, &p, q(2024, 1)).unwrap();
    assert_eq!(row.trimester, Some(3));
    assert_eq!(outcome(&row.results, "IH-1"), Outcome::No); // 1 < 2 in TM3
    assert_eq!(outcome(&row.results, "IH-4"), Outcome::No);
    let p2 = v.pregnancy("P2", None);
    v.pv(&p2, d(2024, 1, 5), Some(4), false, false, "vvvxvvv", None);
    v.pv(&p2, d(2024, 2, 5), Some(6), false, false, "xvxxvvv", None);
    let row = preg_row(&v, &p2, q(2024, 1)).unwrap();
    assert_eq!(row.trimester, Some(2));
    assert_eq!(outcome(&row.results, "IH-1"), Outcome::Yes);
    assert_eq!(outcome(&row.results, "IH-5"), Outcome::NotApplicable); // normal (A.4)
}

#[test]
fn ih5_risti_in_one_month_needs_a_visit_that_month_only() {
    let mut v = V::new();
    let p = v.pregnancy("P", None);
    v.pv(&p, d(2024, 1, 5), Some(4), false, false, "vvvxvvv", None);
    v.pv(&p, d(2024, 2, 5), Some(5), false, true, "vvvvvvv", None);
    v.pv(&p, d(2024, 3, 5), Some(6), false, false, "vvvxvvv", None);
    let row = preg_row(&v, &p, q(2024, 1)).unwrap();
    let r = result(&row.results, "IH-5");
    assert_eq!((r.outcome, r.count, r.needed), (Outcome::Yes, Some(1), Some(1)));
    // Last pre-delivery record is normal: Table 1 does not count it KEK/RESTI (A.10).
    assert!(!row.risti && !row.kek);
}

#[test]
fn delivery_mid_quarter_is_bersalin_for_the_whole_quarter() {
    let mut v = V::new();
    let p = v.pregnancy("P", Some(d(2024, 2, 10)));
    v.pv(&p, d(2024, 1, 5), Some(9), true, false, "vvvvvvv", None);
    v.pv(&p, d(2024, 2, 10), None, false, false, "____vvv", Some(2)); // on the delivery date: post-delivery
    let row = preg_row(&v, &p, q(2024, 1)).unwrap();
    assert!(row.delivered);
    for id in ["IH-1", "IH-2", "IH-4", "IH-5"] {
        assert_eq!(outcome(&row.results, id), Outcome::NotApplicable, "{id}");
    }
    assert_eq!(result(&row.results, "IH-1").reason.as_ref().unwrap().id, "sudah melahirkan; indikator ini untuk masa kehamilan");
    assert_eq!(outcome(&row.results, "IH-3"), Outcome::No);
    // Table 1: KEK from the last pre-delivery record of the quarter.
    assert!(row.kek);
}

#[test]
fn delivery_after_the_last_visit_leaves_the_quarter_pregnant() {
    let mut v = V::new();
    let p = v.pregnancy("P", Some(d(2024, 3, 25)));
    v.pv(&p, d(2024, 3, 10), Some(9), false, false, "vvvxvvv", None);
    let row = preg_row(&v, &p, q(2024, 1)).unwrap();
    assert!(!row.delivered);
    let r = result(&row.results, "IH-3");
    assert_eq!(r.outcome, Outcome::NotApplicable);
    assert_eq!(r.reason.as_ref().unwrap().id, "belum melahirkan; berlaku setelah persalinan");
}

#[test]
fn nifas_across_a_quarter_boundary_counts_from_delivery() {
    let mut v = V::new();
    let p = v.pregnancy("P", Some(d(2024, 3, 20)));
    v.pv(&p, d(2024, 3, 5), Some(9), false, false, "vvvxvvv", None);
    v.pv(&p, d(2024, 3, 27), None, false, false, "____vvv", Some(2));
    let q1 = preg_row(&v, &p, q(2024, 1)).unwrap();
    let r = result(&q1.results, "IH-3");
    assert_eq!((r.outcome, r.count), (Outcome::No, Some(2)));
    assert_eq!(r.reason.as_ref().unwrap().id, "pemeriksaan nifas 2 kali sejak melahirkan; perlu 3");
    v.pv(&p, d(2024, 4, 10), None, false, false, "____vvv", Some(1));
    let q2 = preg_row(&v, &p, q(2024, 2)).unwrap();
    assert_eq!((outcome(&q2.results, "IH-3"), result(&q2.results, "IH-3").count), (Outcome::Yes, Some(3)));
    // The past quarter does not change.
    assert_eq!(preg_row(&v, &p, q(2024, 1)).unwrap(), q1);
}

#[test]
fn a_target_that_moves_away_has_no_quarters_after_its_end() {
    let mut v = V::new();
    let a = v.child("A", d(2023, 6, 1));
    v.cv(&a, d(2024, 1, 5), ALL_V);
    v.cv(&a, d(2024, 2, 5), ALL_V);
    v.cv(&a, d(2024, 3, 5), ALL_V); // after the move: ignored
    v.cv(&a, d(2024, 4, 5), ALL_V);
    v.data.children[0].end = Some(EpisodeEnd { date: d(2024, 2, 20), reason: EndReason::MovedAway });
    let row = child_results(&v, &a, q(2024, 1)).unwrap();
    assert_eq!(row.ended.as_ref().map(|e| e.reason), Some(EndReason::MovedAway));
    assert_eq!(result(&row.results, "AN-3").count, Some(2));
    assert!(child_results(&v, &a, q(2024, 2)).is_none());
    // A miscarriage ends a pregnancy the same way.
    let p = v.pregnancy("P", None);
    v.pv(&p, d(2024, 1, 5), Some(2), false, false, "vvvxvvv", None);
    v.pv(&p, d(2024, 5, 5), Some(6), false, false, "vvvxvvv", None);
    v.data.pregnancies[0].end = Some(EpisodeEnd { date: d(2024, 2, 1), reason: EndReason::Miscarriage });
    assert!(preg_row(&v, &p, q(2024, 1)).is_some());
    assert!(preg_row(&v, &p, q(2024, 2)).is_none());
}

#[test]
fn deleted_rows_are_ignored_and_the_latest_record_of_a_month_counts() {
    let mut v = V::new();
    let a = v.child("A", d(2023, 6, 1));
    v.cv(&a, d(2024, 1, 5), "vvxvvvvvvvv");
    v.cv(&a, d(2024, 1, 20), ALL_V).meta.deleted = true;
    let row = child_results(&v, &a, q(2024, 1)).unwrap();
    assert_eq!(outcome(&row.results, "AN-3"), Outcome::No);
    // A second (edited) record in January replaces the first.
    v.cv(&a, d(2024, 1, 25), ALL_V);
    let row = child_results(&v, &a, q(2024, 1)).unwrap();
    assert_eq!(outcome(&row.results, "AN-3"), Outcome::Yes);
    assert_eq!(result(&row.results, "AN-3").count, Some(1));
    // A deleted child has no row.
    v.data.children[0].meta.deleted = true;
    assert!(child_results(&v, &a, q(2024, 1)).is_none());
}

#[test]
fn drafts_count_and_are_reported() {
    let mut v = V::new();
    let a = v.child("A", d(2023, 6, 1));
    v.cv(&a, d(2024, 1, 5), ALL_V).status = FormStatus::Draft;
    let sc = scorecard_with(rules(), &v.data, q(2024, 1), &reported_status_only);
    assert_eq!(sc.children.len(), 1);
    assert_eq!(sc.draft_records, 1);
    assert_eq!(sc.children[0].draft_months, 1);
    assert_eq!(outcome(&sc.children[0].results, "AN-3"), Outcome::Yes);
}

#[test]
fn paud_cells_outside_24_83_months_do_not_count() {
    let mut v = V::new();
    let a = v.child("A", d(2022, 2, 15)); // 23 months on 31 Jan 2024, 24 on 29 Feb
    v.paud(&a, d(2024, 1, 10), PaudCell::Attended);
    v.paud(&a, d(2024, 2, 10), PaudCell::Absent);
    let sc = scorecard_with(rules(), &v.data, q(2024, 1), &reported_status_only);
    assert_eq!(sc.paud.len(), 1);
    assert_eq!((sc.pd1.person_months.numerator, sc.pd1.person_months.denominator), (0, 1));
    assert_eq!(sc.paud[0].months[0].cell, PaudCell::NotEnrolled);
    assert_eq!(sc.paud[0].age_category, 1);
    assert_eq!(sc.paud[0].result.reason.as_ref().unwrap().id, "hadir PAUD 0 dari 1 bulan tercatat; perlu setiap bulan (belum: Feb)");
}

#[test]
fn ratio_rounds_half_away_from_zero_and_zero_is_not_applicable() {
    assert_eq!(Ratio::new(2, 3).display, "66.67");
    assert_eq!(Ratio::new(1, 8).display, "12.50");
    assert_eq!(Ratio::new(1, 20000).display, "0.01"); // 0.005 -> 0.01
    assert_eq!(Ratio::new(1, 40000).display, "0.00"); // 0.0025
    assert_eq!(Ratio::new(1, 1).display, "100.00");
    assert_eq!(Ratio::new(0, 5).display, "0.00");
    let na = Ratio::new(0, 0);
    assert_eq!((na.display.as_str(), na.percent_hundredths), ("-", None));
    assert_eq!(serde_json::to_value(&na).unwrap()["percent_hundredths"], serde_json::Value::Null);
}

#[test]
fn table5_from_entered_budget() {
    let t = dana_desa(&[
        BudgetLine { field: BudgetField::VillageDevelopment, total_allocation: 400_000_000, stunting_allocation: 50_000_000 },
        BudgetLine { field: BudgetField::CommunityEmpowerment, total_allocation: 0, stunting_allocation: 0 },
    ]);
    assert_eq!(t.rows[0].share.display, "12.50");
    assert_eq!(t.rows[1].share.display, "-");
    assert_eq!(t.total.share.display, "12.50");
    assert_eq!(t.rows[1].label.id, "Bidang Pemberdayaan Masyarakat Desa");
}

#[test]
fn form1a_hamlet_breakdown_and_target_gaps() {
    let mut v = V::new();
    let a = v.child("A", d(2023, 6, 1)); // household in h2
    v.cv(&a, d(2024, 1, 5), "vvvvvvxxxxv");
    let p = v.pregnancy("P", None); // household in h1
    v.pv(&p, d(2024, 1, 5), Some(3), false, false, "vvvxvvx", None);
    let sc = scorecard_full(
        rules(),
        &v.data,
        q(2024, 1),
        &ReportInputs { infrastructure: Some(Infrastructure { posyandu: 2, ..Default::default() }), ..Default::default() },
        &reported_status_only,
    );
    assert_eq!(sc.form1a.households, 2);
    assert_eq!(sc.form1a.households_without_water, 1);
    assert_eq!(sc.form1a.households_without_latrine, 1);
    assert_eq!(sc.form1a.children_without_insurance, 1);
    assert_eq!(sc.form1a.children_without_birth_certificate, 1);
    assert_eq!(sc.form1a.pregnancies_without_insurance, 1);
    assert_eq!(sc.form1c.as_ref().map(|i| i.posyandu), Some(2));
    let h1 = sc.by_hamlet.iter().find(|b| b.id.as_deref() == Some("h1")).unwrap();
    let h2 = sc.by_hamlet.iter().find(|b| b.id.as_deref() == Some("h2")).unwrap();
    assert_eq!((h1.pregnancies, h1.children, h2.pregnancies, h2.children), (1, 0, 0, 1));
    assert!(sc.check().is_empty(), "{:?}", sc.check());
    let tg = target_gaps(rules(), &v.data, &a, q(2024, 1), &reported_status_only).unwrap();
    assert_eq!((tg.name.as_str(), tg.hamlet_id.as_deref()), ("Anak A", Some("h2")));
    let gaps = tg.gaps;
    let ids: Vec<&str> = gaps.iter().map(|g| g.indicator.code()).collect();
    // 7 months old with one record: weighing and counselling (5 needed) are gaps too.
    assert_eq!(ids, ["AN-2", "AN-4", "AN-6", "AN-7", "AN-8", "AN-9", "AN-10"]);
    assert_eq!(gaps[0].reason.id, "ditimbang 1 kali sejak awal pencatatan; perlu 5 untuk usia 6-12 bulan");
    assert_eq!(gaps[2].reason.id, "akses air bersih 0 kali dalam triwulan ini; perlu 1");
    assert_eq!(gaps[2].package, Package::Sanitation);
    assert_eq!(Some(&gaps), sc.gaps.iter().find(|g| g.target_id == a).map(|g| &g.gaps));
    assert!(target_gaps(rules(), &v.data, &a, q(2024, 2), &reported_status_only).is_none());
}

#[test]
fn check_rejects_inconsistent_tables() {
    let mut sc = scorecard_with(rules(), &super::worked_example::worked_example(), q(2024, 1), &reported_status_only);
    assert!(sc.check().is_empty());
    sc.table2.green = 1080;
    sc.table3[1].coverage = Ratio::new(27 * 7, 27);
    sc.table1.pregnancies_kek_risti = 9;
    let rules: Vec<String> = sc.check().into_iter().map(|i| i.rule).collect();
    for r in ["C-T2-SUM", "C-PCT-100", "C-T1-SUBSET"] {
        assert!(rules.iter().any(|x| x == r), "{r} in {rules:?}");
    }
}
