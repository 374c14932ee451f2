//! `pantau import FILE...` imports its files in one transaction with a savepoint per bundle
//! (`bundle::import_batch`): each bundle is still all or nothing, a bad one is reported alone and
//! the others land, and the result is the same database as importing the good ones one by one.
//! Over files (`bundle::import_files`) the batch first runs without savepoints and, when a bundle
//! fails after writing rows, is rolled back and run again with them: the same outcome.

mod bundle_support;

use bundle_support::*;
use pantau_core::bundle::{
    import_batch, import_bytes, import_files, read_bundle, Bundle, BundleError, BundleRange,
    ImportReport, ReadOptions,
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

/// A bundle whose records are written before one of them fails in the database: a child of the
/// stored village `other` under this village's code (the primary key refuses it mid-write).
fn mixing(other: &Bundle) -> Bundle {
    let mut mixing = full("33.02.01.2003", 9, "phone-c");
    let mut stolen = other.data.children[0].clone();
    stolen.household_id = mixing.data.households[0].id.clone();
    stolen.mother_id = None;
    stolen.pregnancy_id = None;
    stolen.meta.version = 5;
    mixing.data.children.push(stolen);
    mixing
}

#[test]
fn import_files_rolls_back_and_uses_savepoints_when_a_bundle_fails_half_written() {
    let (a, b) = (full("33.02.01.2001", 7, "phone-a"), full("33.02.01.2002", 8, "phone-b"));
    let (k, other) = kecamatan("files");
    let bytes_a = gz(&a);
    let files = [bytes_a.clone(), bytes_a[..bytes_a.len() / 2].to_vec(), gz(&mixing(&other)), gz(&b)];
    let paths: Vec<_> = files
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let p = k.dir.join(format!("village-{i}.pantau.gz"));
            std::fs::write(&p, f).unwrap();
            p
        })
        .collect();
    let mut outcomes: Vec<Result<ImportReport, BundleError>> = Vec::new();
    import_files(&k.store, &paths, &ReadOptions::default(), |r| outcomes.push(r)).expect("the batch commits");
    assert_eq!(outcomes.len(), 4, "each file reported once, though the batch ran twice");
    assert!(outcomes[0].is_ok(), "{:?}", outcomes[0]);
    assert!(outcomes[1].is_err(), "truncated file refused");
    assert!(matches!(outcomes[2], Err(BundleError::VillageMismatch { .. })), "{:?}", outcomes[2]);
    assert!(outcomes[3].is_ok(), "{:?}", outcomes[3]);
    // The households the mixing bundle wrote before its child failed are gone.
    assert_eq!(k.records("33.02.01.2003"), pantau_core::bundle::Records::default());
    let (one_by_one, _) = kecamatan("files-single");
    import_bytes(&one_by_one.store, &gz(&a), &ReadOptions::default()).unwrap();
    import_bytes(&one_by_one.store, &gz(&b), &ReadOptions::default()).unwrap();
    assert_eq!(k.dump(), one_by_one.dump());

    // Refusals before any write (the truncated file) need no second run: same database again.
    let (k2, _) = kecamatan("files-refused-early");
    let mut outcomes2 = Vec::new();
    import_files(&k2.store, &[&paths[0], &paths[1], &paths[3]], &ReadOptions::default(), |r| outcomes2.push(r))
        .unwrap();
    assert_eq!(outcomes2.iter().map(Result::is_ok).collect::<Vec<_>>(), [true, false, true]);
    assert_eq!(k2.dump(), one_by_one.dump());
}

#[test]
fn a_batch_keeps_each_bundle_all_or_nothing_and_equals_one_by_one_imports() {
    let (a, b) = (full("33.02.01.2001", 7, "phone-a"), full("33.02.01.2002", 8, "phone-b"));
    // A bundle whose records are written before one of them fails in the database: a child of
    // the stored village under this village's code (the primary key refuses it mid-write).
    let (k, other) = kecamatan("batch");
    let mixing = mixing(&other);
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
