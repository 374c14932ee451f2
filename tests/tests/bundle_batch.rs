//! `pantau import FILE...` imports its files in one transaction with a savepoint per bundle
//! (`bundle::import_batch`): each bundle is still all or nothing, a bad one is reported alone and
//! the others land, and the result is the same database as importing the good ones one by one.

mod bundle_support;

use bundle_support::*;
use pantau_core::bundle::{
    import_batch, import_bytes, read_bundle, Bundle, BundleError, BundleRange, ImportReport,
    ReadOptions,
};

fn full(code: &str, seed: u64, dev: &str) -> Bundle {
    bundle_of(village(code, seed, 3, 3, dev), dev, BundleRange::Full { until: 5 })
}

/// A kecamatan database already holding one village.
fn kecamatan(name: &str) -> (TempDb, Bundle) {
    let k = TempDb::new(name, "kecamatan");
    let other = full("33.02.01.2099", 99, "phone-z");
    import_bytes(&k.store, &gz(&other), &ReadOptions::default()).unwrap();
    (k, other)
}

#[test]
fn a_batch_keeps_each_bundle_all_or_nothing_and_equals_one_by_one_imports() {
    let (a, b) = (full("33.02.01.2001", 7, "phone-a"), full("33.02.01.2002", 8, "phone-b"));
    // A bundle whose records are written before one of them fails in the database: a child of
    // the stored village under this village's code (the primary key refuses it mid-write).
    let (k, other) = kecamatan("batch");
    let mut mixing = full("33.02.01.2003", 9, "phone-c");
    let mut stolen = other.data.children[0].clone();
    stolen.household_id = mixing.data.households[0].id.clone();
    stolen.mother_id = None;
    stolen.pregnancy_id = None;
    stolen.meta.version = 5;
    mixing.data.children.push(stolen);
    let truncated = {
        let bytes = gz(&a);
        read_bundle(&bytes[..bytes.len() / 2], &ReadOptions::default())
    };
    let mut outcomes: Vec<Result<ImportReport, BundleError>> = Vec::new();
    import_batch(&k.store, [Ok(a.clone()), truncated, Ok(mixing), Ok(b.clone())], |r| outcomes.push(r))
        .expect("the batch commits");
    assert_eq!(outcomes.len(), 4);
    assert!(outcomes[0].is_ok(), "{:?}", outcomes[0]);
    assert!(outcomes[1].is_err(), "truncated file refused");
    assert!(matches!(outcomes[2], Err(BundleError::VillageMismatch { .. })), "{:?}", outcomes[2]);
    assert!(outcomes[3].is_ok(), "{:?}", outcomes[3]);
    // Nothing of the mixing bundle stayed, though its households were written before the child.
    assert_eq!(k.records("33.02.01.2003"), pantau_core::bundle::Records::default());

    // The same good bundles imported one by one, each in its own transaction.
    let (one_by_one, _) = kecamatan("single");
    import_bytes(&one_by_one.store, &gz(&a), &ReadOptions::default()).unwrap();
    import_bytes(&one_by_one.store, &gz(&b), &ReadOptions::default()).unwrap();
    assert_eq!(k.dump(), one_by_one.dump());

    // Idempotent: the same batch again changes nothing.
    let before = k.dump();
    let mut again = Vec::new();
    import_batch(&k.store, [Ok(a), Ok(b)], |r| again.push(r)).unwrap();
    assert!(again.iter().all(|r| r.as_ref().is_ok_and(|r| r.changed_nothing())), "{again:?}");
    assert_eq!(k.dump(), before);
}
