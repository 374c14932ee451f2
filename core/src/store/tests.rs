//! Unit tests of the store on an in-memory database: CRUD with history, drafts, validation
//! refusal, search, snapshots, change sets and the screen queries.

use chrono::NaiveDate;

use super::*;
use crate::model::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

struct Ids {
    hamlet: Id,
    household: Id,
    mother: Id,
    pregnancy: Id,
    child: Id,
}

fn seed(store: &Store) -> Ids {
    let village = Village {
        id: new_id(),
        code: "33.02.01.2001".into(),
        name: "Sukamaju".into(),
        kecamatan: "K".into(),
        kabupaten: "B".into(),
        provinsi: "Jawa Tengah".into(),
        meta: Meta::default(),
    };
    store.save(&village).unwrap();
    let hamlet = Hamlet {
        id: new_id(),
        village_id: village.id.clone(),
        name: "Dusun Krajan".into(),
        meta: Meta::default(),
    };
    store.save(&hamlet).unwrap();
    let household = Household {
        id: new_id(),
        village_id: village.id.clone(),
        hamlet_id: hamlet.id.clone(),
        number: "RT01/007".into(),
        head_name: "Pak Darmo".into(),
        address: "Jl. Melati".into(),
        meta: Meta::default(),
    };
    store.save(&household).unwrap();
    let mother = Mother {
        id: new_id(),
        household_id: household.id.clone(),
        name: "Siti Nur'aini Désirée".into(),
        nik: Some("3302014505900001".into()),
        birth_date: Some(d(1990, 5, 5)),
        insurance: true,
        meta: Meta::default(),
    };
    store.save(&mother).unwrap();
    let pregnancy = Pregnancy {
        id: new_id(),
        mother_id: mother.id.clone(),
        kia_number: "KIA-001".into(),
        posyandu_id: None,
        kek: false,
        risti: false,
        expected_delivery: Some(d(2024, 9, 1)),
        delivery_date: None,
        end: None,
        meta: Meta::default(),
    };
    store.save(&pregnancy).unwrap();
    let child = Child {
        id: new_id(),
        household_id: household.id.clone(),
        mother_id: Some(mother.id.clone()),
        pregnancy_id: None,
        kia_number: None,
        name: "Ahmad Fauzi".into(),
        nik: None,
        nik_temporary: false,
        sex: Sex::Male,
        birth_date: d(2023, 6, 10),
        birth_date_approximate: false,
        posyandu_id: None,
        birth_certificate: false,
        insurance: true,
        end: None,
        meta: Meta::default(),
    };
    store.save(&child).unwrap();
    Ids {
        hamlet: hamlet.id,
        household: household.id,
        mother: mother.id,
        pregnancy: pregnancy.id,
        child: child.id,
    }
}

fn pvisit(pregnancy: &str, m: YearMonth, day: u32) -> PregnancyVisit {
    PregnancyVisit {
        id: new_id(),
        pregnancy_id: pregnancy.into(),
        month: m,
        visit_date: d(m.year, m.month, day),
        ruleset: "KPM-2019@1".into(),
        gestational_age_months: Some(5),
        ..Default::default()
    }
}

fn ym(y: i32, m: u32) -> YearMonth {
    YearMonth::new(y, m).unwrap()
}

#[test]
fn save_sets_meta_and_edit_keeps_history() {
    let store = Store::open_in_memory().unwrap();
    store.set_cadre(Some("cadre-1".into()));
    let ids = seed(&store);
    let mut m: Mother = store.get(&ids.mother).unwrap();
    assert_eq!(m.meta.version, 1);
    assert_eq!(m.meta.device_id, "memory");
    // Unchanged content: no new version, no history.
    assert_eq!(store.save(&m).unwrap().record.meta.version, 1);
    assert!(store.history::<Mother>(&ids.mother).unwrap().is_empty());

    m.name = "Siti Aminah".into();
    let saved = store.save(&m).unwrap().record;
    assert_eq!(saved.meta.version, 2);
    let h = store.history::<Mother>(&ids.mother).unwrap();
    assert_eq!(h.len(), 1);
    assert_eq!(h[0].op, Op::Update);
    assert_eq!(h[0].previous.name, "Siti Nur'aini Désirée");
    assert_eq!(h[0].previous.meta.version, 1);
    assert_eq!(h[0].cadre_id.as_deref(), Some("cadre-1"));
    assert_eq!(h[0].device_id, "memory");
}

#[test]
fn delete_is_soft_and_kept_in_history() {
    let store = Store::open_in_memory().unwrap();
    let ids = seed(&store);
    let v = store
        .save(&pvisit(&ids.pregnancy, ym(2024, 3), 4))
        .unwrap()
        .record;
    let gone: PregnancyVisit = store.delete(&v.id).unwrap();
    assert!(gone.meta.deleted);
    assert_eq!(gone.meta.version, 2);
    assert!(matches!(
        store.get::<PregnancyVisit>(&v.id),
        Err(StoreError::NotFound { .. })
    ));
    let h = store.history::<PregnancyVisit>(&v.id).unwrap();
    assert_eq!(h.len(), 1);
    assert_eq!(h[0].op, Op::Delete);
    assert_eq!(h[0].previous, v);
    // The row stays in the file (soft delete) and a new record for the month is allowed again.
    let n: i64 = store
        .read(|c| Ok(c.query_row("SELECT count(*) FROM pregnancy_visit", [], |r| r.get(0))?))
        .unwrap();
    assert_eq!(n, 1);
    store.save(&pvisit(&ids.pregnancy, ym(2024, 3), 5)).unwrap();
}

#[test]
fn draft_answer_by_answer_then_final() {
    let store = Store::open_in_memory().unwrap();
    let ids = seed(&store);
    let mut v = pvisit(&ids.pregnancy, ym(2024, 3), 4);
    v.status = FormStatus::Final; // save_draft forces Draft
    let s1 = store.save_draft(&v).unwrap().record;
    assert_eq!(s1.status, FormStatus::Draft);
    let mut next = s1.clone();
    next.antenatal_check = Some(true);
    let s2 = store.save_draft(&next).unwrap().record;
    assert_eq!(s2.antenatal_check, Some(true));
    assert_eq!(s2.meta.version, 2);
    let done: Saved<PregnancyVisit> = store.finish(&v.id).unwrap();
    assert_eq!(done.record.status, FormStatus::Final);
    assert_eq!(done.record.antenatal_check, Some(true));
    // Filling a draft in and finishing it keeps no history (nothing typed was replaced)...
    assert!(store.history::<PregnancyVisit>(&v.id).unwrap().is_empty());
    // ...changing an answer already given does, in a draft as in a finished form.
    let mut again = done.record.clone();
    again.antenatal_check = Some(false);
    store.save_draft(&again).unwrap();
    let mut changed = store.get::<PregnancyVisit>(&v.id).unwrap();
    changed.antenatal_check = Some(true);
    store.save_draft(&changed).unwrap();
    let h = store.history::<PregnancyVisit>(&v.id).unwrap();
    assert_eq!(h.len(), 2);
    assert_eq!((h[0].previous.status, h[0].previous.antenatal_check), (FormStatus::Final, Some(true)));
    assert_eq!((h[1].previous.status, h[1].previous.antenatal_check), (FormStatus::Draft, Some(false)));
}

#[test]
fn given_answers_are_kept_with_the_draft_across_a_reopen_and_forgotten_when_final() {
    let dir = std::env::temp_dir().join(format!("pantau-store-drafts-{}", new_id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("pantau.db");
    let store = Store::open(&path, "dev-a").unwrap();
    let ids = seed(&store);
    let v = pvisit(&ids.pregnancy, ym(2024, 3), 4);
    // KEK has no blank state: false given by the cadre is an answer only by this mark
    let saved = store.save_draft_answer(&v, "kek", true).unwrap().record;
    assert_eq!(saved.status, FormStatus::Draft);
    store.save_draft_answer(&saved, "antenatal_check", true).unwrap();
    store.save_draft_answer(&saved, "antenatal_check", false).unwrap();
    let given = |s: &Store| store_answers(s, &v.id);
    assert_eq!(given(&store), ["kek"]);
    drop(store);
    let store = Store::open(&path, "dev-a").unwrap();
    assert_eq!(given(&store), ["kek"]);
    // finishing the form forgets them (every value of a final form is an answer)
    let done: Saved<PregnancyVisit> = store.finish(&v.id).unwrap();
    assert_eq!(done.record.status, FormStatus::Final);
    assert!(given(&store).is_empty());
    // a refused answer (visit date outside its month) marks nothing
    let mut bad = pvisit(&ids.pregnancy, ym(2024, 4), 4);
    bad.visit_date = d(2024, 2, 1);
    assert!(store.save_draft_answer(&bad, "kek", true).is_err());
    assert!(store_answers(&store, &bad.id).is_empty());
    drop(store);
    std::fs::remove_dir_all(dir).unwrap();
}

fn store_answers(store: &Store, id: &str) -> Vec<String> {
    let mut v: Vec<String> = store.draft_answers(id).unwrap().into_iter().collect();
    v.sort();
    v
}

#[test]
fn invalid_input_is_refused_and_database_unchanged() {
    let store = Store::open_in_memory().unwrap();
    let ids = seed(&store);
    let before = store.changes_since(0).unwrap();
    // Visit date outside its month.
    let mut bad = pvisit(&ids.pregnancy, ym(2024, 3), 4);
    bad.visit_date = d(2024, 4, 2);
    match store.save(&bad) {
        Err(StoreError::Invalid(issues)) => {
            assert!(issues.iter().any(|i| i.rule == "V-VISIT-MONTH"))
        }
        other => panic!("expected refusal, got {other:?}"),
    }
    // A date in the future.
    let mut child: Child = store.get(&ids.child).unwrap();
    child.birth_date = today() + chrono::Duration::days(30);
    match store.save(&child) {
        Err(StoreError::Invalid(issues)) => assert!(issues.iter().any(|i| i.field == "birth_date"), "{issues:?}"),
        other => panic!("expected refusal, got {other:?}"),
    }
    // A second record for the same target and month.
    store.save(&pvisit(&ids.pregnancy, ym(2024, 5), 4)).unwrap();
    let after_first = store.changes_since(0).unwrap();
    match store.save(&pvisit(&ids.pregnancy, ym(2024, 5), 9)) {
        Err(StoreError::Invalid(issues)) => assert!(issues.iter().any(|i| i.rule == "V-VISIT-DUP"), "{issues:?}"),
        other => panic!("expected refusal, got {other:?}"),
    }
    // A visit of a target that does not exist.
    assert!(matches!(
        store.save(&pvisit("nope", ym(2024, 5), 4)),
        Err(StoreError::Invalid(_))
    ));
    // A NIK that is not 16 digits (forms::validate_nik), with a message in Bahasa Indonesia.
    let mut m: Mother = store.get(&ids.mother).unwrap();
    m.nik = Some("12345".into());
    match store.save(&m) {
        Err(e @ StoreError::Invalid(_)) => assert!(!e.user_message().id.is_empty()),
        other => panic!("expected refusal, got {other:?}"),
    }
    // A weight outside physiological ranges (forms::ranges).
    let ms = Measurement {
        id: new_id(),
        child_id: ids.child.clone(),
        date: d(2024, 2, 3),
        weight_kg: Some(80.0),
        length_cm: Some(68.0),
        position: Some(Position::Lying),
        oedema: false,
        meta: Meta::default(),
    };
    assert!(matches!(store.save(&ms), Err(StoreError::Invalid(i)) if i.iter().any(|i| i.field == "weight_kg")));
    // Duplicate KIA number.
    let mut p2: Pregnancy = store.get(&ids.pregnancy).unwrap();
    p2.id = new_id();
    assert!(matches!(store.save(&p2), Err(StoreError::Invalid(i)) if i.iter().any(|i| i.rule == "V-KIA-UNIQUE")));
    assert_eq!(store.changes_since(0).unwrap(), after_first);
    assert_ne!(before, after_first);
    assert_eq!(
        store.get::<Child>(&ids.child).unwrap().birth_date,
        d(2023, 6, 10)
    );
}

#[test]
fn search_ignores_case_diacritics_and_matches_word_prefixes() {
    let store = Store::open_in_memory().unwrap();
    let ids = seed(&store);
    let find = |q: &str| {
        store
            .search(q, 20)
            .unwrap()
            .into_iter()
            .map(|h| h.target_id)
            .collect::<Vec<_>>()
    };
    // Mother's name finds her pregnancy and her child.
    let hits = find("desir");
    assert!(
        hits.contains(&ids.pregnancy) && hits.contains(&ids.child),
        "{hits:?}"
    );
    assert_eq!(find("NURAI").len(), 2);
    assert_eq!(find("aini").len(), 2);
    assert_eq!(find("fauz"), vec![ids.child.clone()]);
    assert_eq!(find("ahmad siti"), vec![ids.child.clone()]);
    assert_eq!(find("330201450"), vec![ids.pregnancy.clone()]);
    assert_eq!(find("rt01").len(), 2);
    assert_eq!(find("kia-001"), vec![ids.pregnancy.clone()]);
    assert!(find("uzi").is_empty(), "infix must not match");
    assert!(find("").is_empty());
    // Renaming the mother re-indexes her targets in the same transaction.
    let mut m: Mother = store.get(&ids.mother).unwrap();
    m.name = "Rahayu".into();
    store.save(&m).unwrap();
    assert!(find("desir").is_empty());
    assert_eq!(find("rahayu").len(), 2);
    // Deleted targets are not found.
    store.delete::<Child>(&ids.child).unwrap();
    assert_eq!(find("rahayu"), vec![ids.pregnancy.clone()]);
    store.rebuild_search_index().unwrap();
    assert_eq!(find("rahayu"), vec![ids.pregnancy.clone()]);
    let hit = &store.search("rahayu", 5).unwrap()[0];
    assert_eq!(hit.kind, TargetKind::Pregnancy);
    assert_eq!(hit.household_number.as_deref(), Some("RT01/007"));
    assert_eq!(hit.hamlet_name.as_deref(), Some("Dusun Krajan"));
}

#[test]
fn quarter_snapshot_holds_records_up_to_its_end_for_targets_of_the_quarter() {
    let store = Store::open_in_memory().unwrap();
    let ids = seed(&store);
    for (m, day) in [(1, 5), (4, 6), (7, 7)] {
        store
            .save(&pvisit(&ids.pregnancy, ym(2024, m), day))
            .unwrap();
    }
    let q2 = store.load_quarter(Quarter::new(2024, 2).unwrap()).unwrap();
    assert_eq!(q2.pregnancies.len(), 1);
    assert_eq!(
        q2.pregnancy_visits
            .iter()
            .map(|v| v.month.month)
            .collect::<Vec<_>>(),
        vec![1, 4]
    );
    assert_eq!(q2.mothers.len(), 1);
    assert_eq!(q2.households.len(), 1);
    assert!(
        q2.children.is_empty(),
        "the child has no record in the quarter"
    );
    assert!(q2.village.is_some());
    let q4 = store.load_quarter(Quarter::new(2024, 4).unwrap()).unwrap();
    assert!(q4.pregnancies.is_empty() && q4.mothers.is_empty());
    let all = store.load_village().unwrap();
    assert_eq!(all.pregnancy_visits.len(), 3);
    assert_eq!(all.children.len(), 1);
}

#[test]
fn changes_since_reports_rows_written_after_the_cursor_including_deletions() {
    let store = Store::open_in_memory().unwrap();
    let ids = seed(&store);
    let first = store.changes_since(0).unwrap();
    assert_eq!(first.data.mothers.len(), 1);
    assert!(first.cursor > 0);
    let none = store.changes_since(first.cursor).unwrap();
    assert_eq!(none.cursor, first.cursor);
    assert!(none.data.mothers.is_empty() && none.data.children.is_empty());
    let v = store
        .save(&pvisit(&ids.pregnancy, ym(2024, 3), 4))
        .unwrap()
        .record;
    store.delete::<Child>(&ids.child).unwrap();
    let next = store.changes_since(first.cursor).unwrap();
    assert_eq!(next.data.pregnancy_visits, vec![v]);
    assert_eq!(next.data.children.len(), 1);
    assert!(next.data.children[0].meta.deleted);
    assert!(next.cursor > first.cursor);
}

#[test]
fn put_as_is_writes_incoming_versions_and_keeps_the_replaced_one() {
    let store = Store::open_in_memory().unwrap();
    let ids = seed(&store);
    let mut incoming: Mother = store.get(&ids.mother).unwrap();
    incoming.name = "From other phone".into();
    incoming.meta.version = 7;
    incoming.meta.device_id = "phone-b".into();
    assert!(store.transaction(|w| w.put_as_is(&incoming)).unwrap());
    assert!(!store.transaction(|w| w.put_as_is(&incoming)).unwrap());
    assert_eq!(store.get::<Mother>(&ids.mother).unwrap(), incoming);
    let h = store.history::<Mother>(&ids.mother).unwrap();
    assert_eq!(h.len(), 1);
    assert_eq!(h[0].op, Op::Merge);
    assert_eq!(store.search("other phone", 5).unwrap().len(), 2);
}

#[test]
fn target_lists_marks_and_home_summary() {
    let store = Store::open_in_memory().unwrap();
    let ids = seed(&store);
    let m = ym(2024, 3);
    let filter = TargetFilter {
        month: m,
        kind: None,
        hamlet_id: None,
        posyandu_id: None,
    };
    let rows = store.targets(&filter).unwrap();
    assert_eq!(rows.len(), 2);
    assert!(rows.iter().all(|r| r.mark == VisitMark::Missing));
    store.save_draft(&pvisit(&ids.pregnancy, m, 4)).unwrap();
    let rows = store
        .targets(&TargetFilter {
            kind: Some(TargetKind::Pregnancy),
            ..filter.clone()
        })
        .unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].mark, VisitMark::Draft);
    let child_rows = store
        .targets(&TargetFilter {
            kind: Some(TargetKind::Child),
            ..filter.clone()
        })
        .unwrap();
    assert_eq!(child_rows[0].age_months, Some(9));
    assert!(store
        .targets(&TargetFilter {
            hamlet_id: Some("elsewhere".into()),
            ..filter.clone()
        })
        .unwrap()
        .is_empty());
    assert_eq!(
        store
            .targets(&TargetFilter {
                hamlet_id: Some(ids.hamlet.clone()),
                ..filter
            })
            .unwrap()
            .len(),
        2
    );
    let rows = store.targets(&TargetFilter { month: m, kind: Some(TargetKind::Pregnancy), hamlet_id: None, posyandu_id: None }).unwrap();
    let ratio = rows[0].quarter_convergence.as_ref().expect("the draft counts in the quarter");
    assert!(ratio.denominator > 0);
    let home = store.home_summary(m).unwrap();
    assert_eq!(home.quarter, Quarter::new(2024, 1).unwrap());
    assert_eq!(home.convergence.pregnancy.denominator, ratio.denominator);
    assert!(home.gaps > 0 && home.gaps >= home.targets_with_gaps && home.targets_with_gaps > 0);
    let card = store.scorecard(Quarter::new(2024, 1).unwrap()).unwrap();
    assert_eq!(card.pregnancies.len(), 1);
    assert_eq!(card.draft_records, 1);
    assert_eq!(
        (
            home.households,
            home.pregnancies,
            home.children_0_23,
            home.paud_children
        ),
        (1, 1, 1, 0)
    );
    assert_eq!(
        (home.visits_due, home.visits_draft, home.visits_done),
        (1, 1, 0)
    );
    // The forms' rule (forms::pregnancy_month_reason): an undelivered pregnancy keeps its 2A row
    // past the HPL (the cadre records the delivery); once delivered, the row ends with the nifas.
    assert_eq!(store.home_summary(ym(2024, 11)).unwrap().pregnancies, 1);
    let mut delivered: Pregnancy = store.get(&ids.pregnancy).unwrap();
    delivered.delivery_date = Some(d(2024, 9, 3));
    store.save(&delivered).unwrap();
    assert_eq!(store.home_summary(ym(2024, 10)).unwrap().pregnancies, 1);
    assert_eq!(store.home_summary(ym(2024, 11)).unwrap().pregnancies, 0);
    // The child is a PAUD target from 24 months.
    let later = store.home_summary(ym(2025, 7)).unwrap();
    assert_eq!((later.children_0_23, later.paud_children), (0, 1));
}

#[test]
fn target_card_collects_registers_and_records() {
    let store = Store::open_in_memory().unwrap();
    let ids = seed(&store);
    let cv = ChildVisit {
        id: new_id(),
        child_id: ids.child.clone(),
        month: ym(2024, 2),
        visit_date: d(2024, 2, 3),
        ruleset: "KPM-2019@1".into(),
        weighed: Some(true),
        ..Default::default()
    };
    store.save(&cv).unwrap();
    let ms = Measurement {
        id: new_id(),
        child_id: ids.child.clone(),
        date: d(2024, 2, 3),
        weight_kg: Some(7.9),
        length_cm: Some(68.5),
        position: Some(Position::Lying),
        oedema: false,
        meta: Meta::default(),
    };
    store.save(&ms).unwrap();
    let note = Note {
        id: new_id(),
        target_kind: TargetKind::Child,
        target_id: ids.child.clone(),
        cadre_id: None,
        date: d(2024, 2, 3),
        text: "Ibu minta jadwal imunisasi".into(),
        meta: Meta::default(),
    };
    store.save(&note).unwrap();
    let card = store.target_card(TargetKind::Child, &ids.child, Quarter::new(2024, 1).unwrap()).unwrap();
    assert_eq!(
        card.child.as_ref().map(|c| c.name.as_str()),
        Some("Ahmad Fauzi")
    );
    assert_eq!(
        card.mother.as_ref().map(|m| m.id.as_str()),
        Some(ids.mother.as_str())
    );
    assert_eq!(
        card.household.as_ref().map(|h| h.id.as_str()),
        Some(ids.household.as_str())
    );
    assert_eq!(card.child_visits.len(), 1);
    assert_eq!(card.measurements[0].weight_kg, Some(7.9));
    assert_eq!(card.notes.len(), 1);
    assert!(card.pregnancy_visits.is_empty());
    // Growth verdict per measurement, the quarter's 3B row and what is missing now.
    assert_eq!(card.growth.len(), 1);
    assert_eq!(card.growth[0].age_months, Some(7));
    assert!(matches!(card.quarter_result, Some(crate::convergence::TargetResult::Child { .. })));
    assert!(!card.missing_now.is_empty(), "one weighing in a quarter leaves services missing");
    assert!(card.missing_now.iter().all(|g| !g.reason.id.is_empty() && !g.reason.en.is_empty()));
    let pcard = store
        .target_card(TargetKind::Pregnancy, &ids.pregnancy, Quarter::new(2024, 1).unwrap())
        .unwrap();
    assert!(pcard.pregnancy.is_some() && pcard.child.is_none());
    assert!(matches!(
        store.target_card(TargetKind::Child, "nope", Quarter::new(2024, 1).unwrap()),
        Err(StoreError::NotFound { .. })
    ));
}

#[test]
fn check_and_backup_on_memory_store() {
    let store = Store::open_in_memory().unwrap();
    seed(&store);
    assert!(store.check(false).unwrap().ok);
    assert!(store.check(true).unwrap().ok);
    let dir = std::env::temp_dir().join(format!("pantau-store-unit-{}", new_id()));
    std::fs::create_dir_all(&dir).unwrap();
    let copy = dir.join("copy.db");
    store.backup_to(&copy).unwrap();
    let reopened = Store::open(&copy, "dev").unwrap();
    assert_eq!(
        reopened.load_village().unwrap(),
        store.load_village().unwrap()
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn store_is_send_and_sync() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Store>();
}

#[test]
fn a_newer_search_interrupts_a_running_one() {
    let dir = std::env::temp_dir().join(format!("pantau-store-interrupt-{}", new_id()));
    std::fs::create_dir_all(&dir).unwrap();
    let store = std::sync::Arc::new(Store::open(dir.join("p.db"), "dev").unwrap());
    seed(&store);
    let (started_tx, started_rx) = std::sync::mpsc::channel();
    let old = {
        let store = std::sync::Arc::clone(&store);
        std::thread::spawn(move || {
            let (conn, _) = store.search.as_ref().unwrap();
            let guard = lock(conn);
            started_tx.send(()).unwrap();
            // A long query standing for a slow search on the search connection.
            guard
                .query_row(
                    "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 2000000000) SELECT count(*) FROM c",
                    [],
                    |r| r.get::<_, i64>(0),
                )
                .map_err(StoreError::from)
        })
    };
    started_rx.recv().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(50));
    let newer = store.search("ahmad", 10).unwrap();
    assert_eq!(newer.len(), 1);
    assert!(matches!(old.join().unwrap(), Err(StoreError::Interrupted)));
    drop(store);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn home_counts_agree_with_the_target_list() {
    // The home summary counts with a lean query; it must count exactly the list's rows and marks.
    let store = Store::open_in_memory().unwrap();
    let end = ym(2024, 6);
    let mut data = crate::demo::generate_village(11, &crate::demo::VillageSize::small(), end);
    // Some drafts, so that all three marks occur.
    for v in data.child_visits.iter_mut().filter(|v| v.month == end).step_by(2) {
        v.status = FormStatus::Draft;
    }
    for v in data.pregnancy_visits.iter_mut().filter(|v| v.month == end).step_by(2) {
        v.status = FormStatus::Draft;
    }
    store.import_snapshot(&data, &[]).unwrap();
    let mut m = ym(2022, 1);
    while m <= ym(2025, 9) {
        let rows = store.targets(&TargetFilter { month: m, kind: None, hamlet_id: None, posyandu_id: None }).unwrap();
        let kind = |k: TargetKind| rows.iter().filter(|r| r.kind == k).count() as u32;
        let mark = |v: VisitMark| rows.iter().filter(|r| r.mark == v).count() as u32;
        let home = store.home_summary(m).unwrap();
        assert_eq!(
            (home.pregnancies, home.children_0_23, home.paud_children),
            (kind(TargetKind::Pregnancy), kind(TargetKind::Child), kind(TargetKind::Paud)),
            "{m}"
        );
        assert_eq!(
            (home.visits_due, home.visits_draft, home.visits_done),
            (mark(VisitMark::Missing), mark(VisitMark::Draft), mark(VisitMark::Done)),
            "{m}"
        );
        m = m.next();
    }
    let home = store.home_summary(end).unwrap();
    assert!(home.visits_draft > 0 && home.visits_done > 0 && home.visits_due > 0, "{home:?}");
}

#[test]
fn measurements_between_reads_live_rows_of_the_window_only() {
    let store = Store::open_in_memory().unwrap();
    let ids = seed(&store);
    let at = |y, m, day, kg| Measurement {
        id: new_id(),
        child_id: ids.child.clone(),
        date: d(y, m, day),
        weight_kg: Some(kg),
        length_cm: None,
        position: None,
        oedema: false,
        meta: Meta::default(),
    };
    let (before, first, last, after) =
        (at(2024, 1, 31, 7.5), at(2024, 2, 1, 7.6), at(2024, 4, 30, 8.0), at(2024, 5, 1, 8.1));
    for m in [&before, &first, &last, &after] {
        store.save(m).unwrap();
    }
    let gone = at(2024, 3, 10, 7.8);
    store.save(&gone).unwrap();
    store.delete::<Measurement>(&gone.id).unwrap();
    let got: Vec<NaiveDate> = store
        .measurements_between(d(2024, 2, 1), d(2024, 4, 30))
        .unwrap()
        .into_iter()
        .map(|m| m.date)
        .collect();
    assert_eq!(got, [d(2024, 2, 1), d(2024, 4, 30)]);
}

// --- Search tokens left to the next search on the desk (`TokenUpkeep::Deferred`) ---

/// A directory removed when the test ends.
struct TempDir(std::path::PathBuf);
impl TempDir {
    fn new(tag: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!("pantau-store-{tag}-{}", new_id()));
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }
}
impl Drop for TempDir {
    fn drop(&mut self) {
        std::fs::remove_dir_all(&self.0).ok();
    }
}

/// The stale mark and every token row, read with a plain connection (not through the store,
/// whose search would rebuild them).
fn token_state(path: &std::path::Path) -> (bool, Vec<(String, String, String)>) {
    let conn = rusqlite::Connection::open(path).unwrap();
    let stale = search::is_stale(&conn).unwrap();
    let mut stmt = conn.prepare("SELECT token, target_kind, target_id FROM search_token ORDER BY 1, 3").unwrap();
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap();
    (stale, rows.collect::<rusqlite::Result<_>>().unwrap())
}

fn small_village() -> VillageData {
    crate::demo::generate_village(21, &crate::demo::VillageSize::small(), ym(2024, 6))
}

/// Ids found by a whole name (a generated village repeats names: the limit takes every hit).
fn found(store: &Store, name: &str) -> Vec<Id> {
    store.search(name, 10_000).unwrap().into_iter().map(|h| h.target_id).collect()
}

#[test]
fn desk_import_leaves_tokens_stale_and_the_next_search_rebuilds_them_as_per_write_upkeep_would() {
    let data = small_village();
    let dir = TempDir::new("desk-search");
    let (desk_path, phone_path) = (dir.0.join("desk.db"), dir.0.join("phone.db"));
    let desk = Store::open_with(&desk_path, "desk", OpenOptions::desk()).unwrap();
    desk.import_snapshot(&data, &[]).unwrap();
    drop(desk);
    let (stale, tokens) = token_state(&desk_path);
    assert!(stale, "the desk marks the index stale");
    assert!(tokens.is_empty(), "the desk writes no token");

    // The same village written with the default options keeps its tokens per write.
    let phone = Store::open(&phone_path, "phone").unwrap();
    phone.import_snapshot(&data, &[]).unwrap();
    drop(phone);
    let (phone_stale, phone_tokens) = token_state(&phone_path);
    assert!(!phone_stale);
    assert!(!phone_tokens.is_empty());

    // The mark survived closing the desk store; a search on the file opened as a phone opens it
    // rebuilds the tokens first and finds every child and every pregnancy by name.
    let reopened = Store::open(&desk_path, "phone").unwrap();
    for c in &data.children {
        assert!(found(&reopened, &c.name).contains(&c.id), "child {}", c.name);
    }
    for p in &data.pregnancies {
        let mother = data.mothers.iter().find(|m| m.id == p.mother_id).unwrap();
        assert!(found(&reopened, &mother.name).contains(&p.id), "pregnancy of {}", mother.name);
    }
    drop(reopened);
    // The rebuild wrote exactly the tokens per-write upkeep wrote, and cleared the mark.
    assert_eq!(token_state(&desk_path), (false, phone_tokens));
}

#[test]
fn a_desk_bundle_import_finds_children_and_pregnancies_after_the_rebuild() {
    // The bundle import's own write path (plain INSERTs of records new to the database).
    let data = small_village();
    let dir = TempDir::new("desk-bundle");
    let path = dir.0.join("desk.db");
    let desk = Store::open_with(&path, "desk", OpenOptions::desk()).unwrap();
    let bundle = crate::bundle::Bundle {
        header: crate::bundle::BundleHeader {
            village_code: data.village.as_ref().unwrap().code.clone(),
            device_id: "phone-a".into(),
            cadre_id: None,
            exported_at: 1_719_792_000_000,
            range: crate::bundle::BundleRange::Full { until: 1 },
            producer: None,
        },
        data: data.clone(),
        notes: Vec::new(),
    };
    crate::bundle::import_bundle(&desk, bundle).unwrap();
    assert!(token_state(&path).1.is_empty());
    assert!(desk.read(|c| search::is_stale(c)).unwrap());
    let child = &data.children[0];
    assert!(found(&desk, &child.name).contains(&child.id));
    let p = &data.pregnancies[0];
    let mother = data.mothers.iter().find(|m| m.id == p.mother_id).unwrap();
    assert!(found(&desk, &mother.name).contains(&p.id));
    assert!(!desk.read(|c| search::is_stale(c)).unwrap());
}

#[test]
fn default_store_keeps_tokens_current_without_a_rebuild() {
    let store = Store::open_in_memory().unwrap();
    let ids = seed(&store);
    let tokens_of = |id: &str| -> Vec<String> {
        store
            .read(|c| {
                let mut s = c.prepare("SELECT token FROM search_token WHERE target_id = ?1 ORDER BY 1")?;
                let v = s.query_map([id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
                Ok(v)
            })
            .unwrap()
    };
    // Written by the saves themselves, before any search.
    assert!(tokens_of(&ids.child).contains(&"fauzi".to_string()));
    let mut m: Mother = store.get(&ids.mother).unwrap();
    m.name = "Rahayu".into();
    store.save(&m).unwrap();
    assert!(tokens_of(&ids.pregnancy).contains(&"rahayu".to_string()));
    assert!(!tokens_of(&ids.pregnancy).contains(&"siti".to_string()));
    assert!(!store.read(|c| search::is_stale(c)).unwrap());
    assert!(!store.refresh_search_index(true).unwrap(), "nothing to rebuild");
}

#[test]
fn a_default_write_on_a_stale_file_keeps_the_mark_until_a_full_rebuild() {
    let data = small_village();
    let dir = TempDir::new("stale-write");
    let path = dir.0.join("desk.db");
    let desk = Store::open_with(&path, "desk", OpenOptions::desk()).unwrap();
    desk.import_snapshot(&data, &[]).unwrap();
    drop(desk);
    // A phone-style write refreshes only the child it touches: the mark must stay, or the
    // village's other targets would never get tokens.
    let store = Store::open(&path, "phone").unwrap();
    let mut child = data.children[1].clone();
    child.name = "Bagus Prakoso Wicaksono".into();
    store.save(&child).unwrap();
    let (stale, tokens) = token_state(&path);
    assert!(stale);
    assert!(tokens.iter().all(|(_, _, id)| *id == child.id), "{tokens:?}");
    assert_eq!(found(&store, "wicaksono"), vec![child.id.clone()]);
    let other = &data.children[0];
    assert!(found(&store, &other.name).contains(&other.id));
    assert!(!token_state(&path).0);
}

#[test]
fn a_clean_index_is_not_rebuilt_again() {
    let data = small_village();
    let dir = TempDir::new("rebuild-once");
    let path = dir.0.join("desk.db");
    let desk = Store::open_with(&path, "desk", OpenOptions::desk()).unwrap();
    desk.import_snapshot(&data, &[]).unwrap();
    let child = &data.children[0];
    assert!(found(&desk, &child.name).contains(&child.id), "first search rebuilds");
    // Take one child's tokens away behind the store's back: a search that rebuilt again would
    // bring them back.
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute("DELETE FROM search_token WHERE target_id = ?1", [&child.id])
        .unwrap();
    assert!(!found(&desk, &child.name).contains(&child.id), "searched without a rebuild");
    // Two searches racing for a rebuild: the second, seeing the mark gone in its own
    // transaction, does not rebuild.
    assert!(!desk.refresh_search_index(true).unwrap());
}
