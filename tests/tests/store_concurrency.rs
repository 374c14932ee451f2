//! The store's one handle shared by threads (issue 3): writers and searches run at once on an
//! `Arc<Store>`; every save is found afterwards, searches never fail except by being
//! interrupted by a newer search, and the file checks out.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;

use pantau_core::model::*;
use pantau_core::store::{Store, StoreError};
use pantau_tests::store_support::{generate_village, TempDir};

/// A name part without digits (names hold letters only, forms::validate_name).
fn letters(i: usize) -> String {
    let a = |n: usize| char::from(b'a' + (n % 26) as u8);
    format!("Ibu{}{}", a(i / 26), a(i))
}

#[test]
fn two_threads_write_while_two_search() {
    let dir = TempDir::new("threads");
    let store = Arc::new(Store::open(dir.join("pantau.db"), "dev").unwrap());
    let data = generate_village(60, YearMonth::new(2025, 6).unwrap(), 3, 11);
    store.import_snapshot(&data, &[]).unwrap();
    let household = data.households[0].clone();
    let writing = Arc::new(AtomicBool::new(true));
    let searches = Arc::new(AtomicUsize::new(0));

    let writers: Vec<_> = (0..2)
        .map(|t| {
            let store = Arc::clone(&store);
            let household = household.clone();
            std::thread::spawn(move || {
                let mut ids = Vec::new();
                for i in 0..40 {
                    let mother = Mother {
                        id: new_id(),
                        household_id: household.id.clone(),
                        name: format!("{} {} Kartini", ["Satu", "Dua"][t], letters(i)),
                        nik: None,
                        birth_date: None,
                        insurance: false,
                        meta: Meta::default(),
                    };
                    store.save(&mother).unwrap();
                    let p = Pregnancy {
                        id: new_id(),
                        mother_id: mother.id.clone(),
                        kia_number: format!("T{t}-{i}"),
                        posyandu_id: None,
                        kek: false,
                        risti: false,
                        expected_delivery: None,
                        delivery_date: None,
                        end: None,
                        meta: Meta::default(),
                    };
                    store.save(&p).unwrap();
                    ids.push(p.id);
                }
                ids
            })
        })
        .collect();
    let searchers: Vec<_> = (0..2)
        .map(|_| {
            let store = Arc::clone(&store);
            let writing = Arc::clone(&writing);
            let searches = Arc::clone(&searches);
            std::thread::spawn(move || {
                let mut done = 0;
                while writing.load(Ordering::Relaxed) || done < 5 {
                    match store.search("kart", 500) {
                        Ok(hits) => assert!(hits.iter().all(|h| h.name.contains("Kartini"))),
                        Err(StoreError::Interrupted) => {}
                        Err(e) => panic!("search failed: {e}"),
                    }
                    done += 1;
                }
                searches.fetch_add(done, Ordering::Relaxed);
            })
        })
        .collect();
    let written: Vec<String> = writers.into_iter().flat_map(|w| w.join().unwrap()).collect();
    writing.store(false, Ordering::Relaxed);
    for s in searchers {
        s.join().unwrap();
    }
    assert_eq!(written.len(), 80);
    let found = store.search("kartini", 500).unwrap();
    assert_eq!(found.len(), 80);
    for id in &written {
        assert!(store.get::<Pregnancy>(id).is_ok());
    }
    assert!(searches.load(Ordering::Relaxed) >= 10);
    assert!(store.check(true).unwrap().ok);
}

#[test]
fn many_concurrent_searches_either_finish_or_are_interrupted() {
    let dir = TempDir::new("interrupt");
    let store = Arc::new(Store::open(dir.join("pantau.db"), "dev").unwrap());
    store.import_snapshot(&generate_village(200, YearMonth::new(2025, 6).unwrap(), 2, 5), &[]).unwrap();
    // Each new call interrupts whatever search is running (the deterministic case is the unit
    // test `store::tests::a_newer_search_interrupts_a_running_one`); none may fail otherwise.
    let outcomes: Vec<_> = (0..6)
        .map(|_| {
            let store = Arc::clone(&store);
            std::thread::spawn(move || {
                let (mut ok, mut interrupted) = (0, 0);
                for _ in 0..50 {
                    match store.search("s", 2000) {
                        Ok(hits) => {
                            assert!(!hits.is_empty());
                            ok += 1
                        }
                        Err(StoreError::Interrupted) => interrupted += 1,
                        Err(e) => panic!("{e}"),
                    }
                }
                (ok, interrupted)
            })
        })
        .collect::<Vec<_>>()
        .into_iter()
        .map(|t| t.join().unwrap())
        .collect();
    let ok: i32 = outcomes.iter().map(|o| o.0).sum();
    let interrupted: i32 = outcomes.iter().map(|o| o.1).sum();
    eprintln!("{ok} searches completed, {interrupted} interrupted by a newer one");
    assert_eq!(ok + interrupted, 300);
    assert!(!store.search("s", 10).unwrap().is_empty());
}
