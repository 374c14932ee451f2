//! domain.md 5.6 worked example, reproduced cell by cell under section A's decisions (A.10 last bullet).
//!
//! Differences from the REF-2019 figures of 5.6 (hand computation):
//! - 3A: IH-5 follows its wording (A.4/A.10): IH1 is normal -> TS (as 5.6 with ih5_normal = TS);
//!   IH2 is KEK in Jan, Feb and Mar but visited only in January -> T (REF-2019: 1 visit >= 1 -> Y).
//!   Numerator 12 - 1 = 11, denominator 17 unchanged: 11/17 = 64.7058.. -> 64.71 %.
//!   Row IH2: 5/7 -> 4/7. IH-5 capaian: 1/1 -> 0/1.
//! - 3B: AN-5 applies only in quarters with a GK/GB/S month (A.4); all three children are N -> TS.
//!   REF-2019 had A1 T, A2 Y, A3 T (3 due, 1 Y): numerator 18 - 1 = 17, denominator 26 - 3 = 23:
//!   17/23 = 73.913.. -> 73.91 %. Rows: A1 4/6 -> 4/5, A2 7/10 -> 6/9, A3 7/10 -> 7/9.
//!   AN-4 counts either parent (A.4), but no father attended, so AN-4 is unchanged (A2 4 < 5 -> T).
//! - Table 4: (11 + 17) / (17 + 23) = 28/40 = 70.00 % (REF-2019: 30/43 = 69.77 %).
//! - PD-1 person-months unchanged: 7/11 = 63.636.. -> 63.64 %; per-child view 2/4 = 50.00 %.

use crate::model::*;
use crate::ruleset::RuleSet;

use super::super::*;
use super::fixture::*;

pub fn worked_example() -> VillageData {
    let mut v = super::fixture::Village::new();
    // Ibu hamil. marks: ANC, Fe, konseling, kunjungan, air, jamban, JKN.
    let ih1 = v.pregnancy("IH1", None);
    v.pv(&ih1, d(2024, 1, 10), Some(2), false, false, "vvxxvxv", None);
    v.pv(&ih1, d(2024, 2, 10), Some(3), false, false, "xvxxvxv", None);
    v.pv(&ih1, d(2024, 3, 10), Some(4), false, false, "vvxxvxv", None);
    let ih2 = v.pregnancy("IH2", None);
    v.pv(&ih2, d(2024, 1, 10), Some(7), true, false, "vvvvvvx", None);
    v.pv(&ih2, d(2024, 2, 10), Some(8), true, false, "xvvxvvx", None);
    v.pv(&ih2, d(2024, 3, 10), Some(9), true, false, "xvxxvvx", None);
    let ih3 = v.pregnancy("IH3", Some(d(2024, 2, 5)));
    v.pv(&ih3, d(2024, 1, 10), Some(9), false, true, "vvvvvvv", None);
    v.pv(&ih3, d(2024, 2, 20), None, false, false, "____vvv", Some(1));
    v.pv(&ih3, d(2024, 3, 20), None, false, false, "____vvv", Some(1));

    // Anak. marks: dasar, BB, TB, konseling ayah, konseling ibu, kunjungan, air, jamban, akta, JKN, pengasuhan.
    let a1 = v.child("A1", d(2023, 10, 10)); // 3, 4, 5 months in Q1 2024: C1
    v.cv(&a1, d(2024, 1, 15), "vvxxxvvvxvx");
    v.cv(&a1, d(2024, 2, 15), "vvvxxxvvxvx");
    v.cv(&a1, d(2024, 3, 15), "vvxxxxvvxvx");

    let a2 = v.child("A2", d(2023, 4, 10)); // 9, 10, 11 months in Q1 2024: C2
    let mut ym = YearMonth::new(2023, 5).unwrap();
    let mut n = 0;
    while ym <= YearMonth::new(2023, 12).unwrap() {
        // 2023-05 .. 2023-12: weighed every month (8), mother counselled Jun-Sep (4 months).
        let bb = 'v';
        let ibu = if (1..=4).contains(&n) { 'v' } else { 'x' };
        v.cv(&a2, d(ym.year, ym.month, 15), &format!("v{bb}xx{ibu}xvxvvx"));
        ym = ym.next();
        n += 1;
    }
    // Q1: weighed Jan, Feb (10 in all with 8 before), TB in March, visits Jan and Feb, pengasuhan 3.
    v.cv(&a2, d(2024, 1, 15), "vvxxxvvxvvv");
    v.cv(&a2, d(2024, 2, 15), "vvxxxvvxvvv").measles = Some(Measles::Done);
    v.cv(&a2, d(2024, 3, 15), "vxvxxxvxvvv").measles = Some(Measles::Done);

    let a3 = v.child("A3", d(2022, 6, 10)); // 19, 20, 21 months in Q1 2024: C4
    let mut ym = YearMonth::new(2022, 7).unwrap();
    let mut n = 0;
    while ym <= YearMonth::new(2023, 12).unwrap() {
        // 18 months before the quarter: weighed in 14 (from the 5th), mother counselled in 13 (from the 6th).
        let bb = if n >= 4 { 'v' } else { 'x' };
        let ibu = if n >= 5 { 'v' } else { 'x' };
        v.cv(&a3, d(ym.year, ym.month, 15), &format!("v{bb}xx{ibu}xvvvxx"));
        ym = ym.next();
        n += 1;
    }
    // Q1: weighed 3 more (17), counselled 3 more (16), TB in January, no visits, JKN x, pengasuhan 3.
    v.cv(&a3, d(2024, 1, 15), "vvvxvxvvvxv").measles = Some(Measles::Done);
    v.cv(&a3, d(2024, 2, 15), "vvxxvxvvvxv").measles = Some(Measles::Done);
    v.cv(&a3, d(2024, 3, 15), "vvxxvxvvvxv").measles = Some(Measles::Done);

    // PAUD (born 2020: 40-45 months).
    let cells = [("P1", "vvx"), ("P2", "-vv"), ("P3", "xxx"), ("P4", "vvv")];
    for (id, marks) in cells {
        let p = v.child(id, d(2020, 8, 1));
        for (i, ch) in marks.chars().enumerate() {
            let cell = match ch {
                'v' => PaudCell::Attended,
                'x' => PaudCell::Absent,
                _ => PaudCell::NotEnrolled,
            };
            v.paud(&p, d(2024, i as u32 + 1, 12), cell);
        }
    }
    v.data
}

fn outcomes(results: &[IndicatorResult]) -> String {
    results.iter().map(|r| r.outcome.code()).collect::<Vec<_>>().join(" ")
}

#[test]
fn worked_example_3a_cell_by_cell() {
    let sc = scorecard_with(RuleSet::kpm_2019(), &worked_example(), q(2024, 1), &reported_status_only);
    let rows: Vec<(&str, String, String)> =
        sc.pregnancies.iter().map(|r| (r.kia_number.as_str(), outcomes(&r.results), r.convergence.display.clone())).collect();
    //                    ANC Fe Nifas Kons Kunj Air Jamban JKN
    assert_eq!(rows[0], ("IH1", "Y Y TS T TS Y T Y".to_string(), "66.67".to_string())); // 4/6
    assert_eq!(rows[1], ("IH2", "T Y TS Y T Y Y T".to_string(), "57.14".to_string())); // 4/7
    assert_eq!(rows[2], ("IH3", "TS TS T TS TS Y Y Y".to_string(), "75.00".to_string())); // 3/4
    let cap: Vec<String> = sc.table3.iter().filter(|c| c.group == TargetKind::Pregnancy).map(|c| format!("{}/{}", c.yes, c.yes + c.no)).collect();
    assert_eq!(cap, ["1/2", "2/2", "0/1", "1/2", "0/1", "3/3", "2/3", "2/3"]);
    assert_eq!((sc.table4.pregnancy.numerator, sc.table4.pregnancy.denominator), (11, 17));
    assert_eq!(sc.table4.pregnancy.display, "64.71");
    // Reasons of the T cells.
    let ih2 = &sc.pregnancies[1].results;
    assert_eq!(
        ih2[0].reason.as_ref().unwrap().id,
        "periksa kehamilan 1 kali dalam triwulan ini; perlu 2 untuk trimester 3"
    );
    assert_eq!(
        ih2[4].reason.as_ref().unwrap().id,
        "kunjungan rumah 1 dari 3 bulan berstatus KEK/RISTI; perlu setiap bulan (belum: Feb, Mar)"
    );
    assert_eq!(
        sc.pregnancies[2].results[2].reason.as_ref().unwrap().en,
        "postnatal check 2 times since delivery; 3 needed"
    );
    assert!(sc.pregnancies[0].results[4].reason.as_ref().unwrap().id.contains("KEK/RISTI"));
    // IH-2 progress: 3 months x 30 tablets towards 90.
    assert_eq!(ih2[1].progress, Some(Progress { value: 90, target: 90 }));
}

#[test]
fn worked_example_3b_cell_by_cell() {
    let sc = scorecard_with(RuleSet::kpm_2019(), &worked_example(), q(2024, 1), &reported_status_only);
    let rows: Vec<(String, u32, String, String)> = sc
        .children
        .iter()
        .map(|r| (r.name.clone(), r.age_months, outcomes(&r.results), r.convergence.display.clone()))
        .collect();
    //                                 Imun BB TB Kons Kunj Air Jamb Akta JKN PAUD
    assert_eq!(rows[0], ("Anak A1".into(), 5, "TS TS Y TS TS Y Y T Y TS".into(), "80.00".into())); // 4/5
    assert_eq!(rows[1], ("Anak A2".into(), 11, "Y Y Y T TS Y T Y Y T".into(), "66.67".into())); // 6/9
    assert_eq!(rows[2], ("Anak A3".into(), 21, "Y Y Y Y TS Y Y Y T T".into(), "77.78".into())); // 7/9
    assert_eq!(sc.children[0].age_category, "C1");
    assert_eq!(sc.children[1].age_category, "C2");
    assert_eq!(sc.children[2].age_category, "C4");
    let cap: Vec<String> = sc.table3.iter().filter(|c| c.group == TargetKind::Child).map(|c| format!("{}/{}", c.yes, c.yes + c.no)).collect();
    assert_eq!(cap, ["2/2", "2/2", "3/3", "1/2", "0/0", "3/3", "2/3", "2/3", "2/3", "0/2"]);
    // AN-5 nobody due: not applicable, shown "-" (A.10 zero denominators).
    assert_eq!(sc.table3[12].coverage.display, "-");
    assert_eq!(sc.table3[12].coverage.percent_hundredths, None);
    assert_eq!((sc.table4.child.numerator, sc.table4.child.denominator), (17, 23));
    assert_eq!(sc.table4.child.display, "73.91");
    // Evidence and the reason of A2's counselling (the A.6 example's shape).
    let an4 = &sc.children[1].results[3];
    assert_eq!((an4.count, an4.needed), (Some(4), Some(5)));
    assert_eq!(
        an4.reason.as_ref().unwrap().id,
        "orang tua/pengasuh ikut konseling gizi 4 kali sejak awal pencatatan; perlu 5 untuk usia 6-12 bulan"
    );
    assert_eq!(sc.children[1].results[1].count, Some(10)); // BB all-time 10
    assert_eq!(sc.children[2].results[1].count, Some(17));
    assert_eq!(sc.children[2].results[3].count, Some(16));
    assert_eq!(sc.children[1].results[9].reason.as_ref().unwrap().id, "ikut kelas pengasuhan 3 kali sejak 1 Januari; perlu 5");
    // AN-4 Laki: no father attended.
    assert_eq!(sc.table3[11].father.as_ref().map(|f| (f.numerator, f.denominator)), Some((0, 2)));
}

#[test]
fn worked_example_table4_and_pd1() {
    let sc = scorecard_with(RuleSet::kpm_2019(), &worked_example(), q(2024, 1), &reported_status_only);
    assert_eq!((sc.table4.total.numerator, sc.table4.total.denominator), (28, 40));
    assert_eq!(sc.table4.total.display, "70.00");
    assert_eq!((sc.pd1.person_months.numerator, sc.pd1.person_months.denominator), (7, 11));
    assert_eq!(sc.pd1.person_months.display, "63.64");
    assert_eq!(sc.pd1.per_child.display, "50.00");
    let pd1 = sc.table3.iter().find(|c| c.indicator.code() == "PD-1").unwrap();
    assert_eq!(pd1.coverage.numerator, 7);
    assert_eq!(sc.ruleset, "KPM-2019@1.0.0");
    // Table 1: 3 + 3 households, IH2 KEK and IH3 RISTI (last pre-delivery record), no GK/GB/S.
    assert_eq!(sc.table1, Table1 { households: 6, pregnancies: 3, pregnancies_kek_risti: 2, children: 3, children_gk_gb_s: 0 });
    assert_eq!(sc.table2.not_measured, 3);
    assert!(sc.check().is_empty(), "{:?}", sc.check());
    // The gap list: every T, with its reason.
    // 3A: 17 - 11 = 6 T, 3B: 23 - 17 = 6 T, PD-1 per child: P1 and P3 not active.
    assert_eq!(sc.gaps.iter().map(|t| t.gaps.len()).sum::<usize>(), 6 + 6 + 2);
    assert_eq!(sc.gaps.len(), 3 + 3 + 2);
    assert!(sc.gaps.iter().flat_map(|t| &t.gaps).all(|g| !g.reason.id.is_empty() && !g.reason.en.is_empty()));
}
