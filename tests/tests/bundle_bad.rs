//! Every bad bundle gets a clear error and changes nothing (issue 4): truncated, not gzip, wrong
//! checksum, wrong key / not encrypted for us, unknown future version, records violating the model,
//! duplicates inside one file, absurd sizes, another village's data.

mod bundle_support;

use std::io::Write;

use bundle_support::*;
use pantau_core::bundle::{
    import_bytes, to_json, write_bundle, BundleError, BundleRange, Identity, ImportReport,
    ReadOptions, WriteOptions,
};
use pantau_core::model::*;

fn good() -> pantau_core::bundle::Bundle {
    bundle_of(
        village(CODE, 7, 3, 3, "phone-a"),
        "phone-a",
        BundleRange::Full { until: 5 },
    )
}

/// A subdistrict database that already holds another village and this one, so "changes nothing"
/// is checked against real content.
fn kecamatan() -> TempDb {
    let k = TempDb::new("bad", "kecamatan");
    let other = bundle_of(
        village("33.02.01.2099", 99, 2, 2, "phone-z"),
        "phone-z",
        BundleRange::Full { until: 5 },
    );
    import_bytes(&k.store, &gz(&other), &ReadOptions::default()).unwrap();
    import_bytes(&k.store, &gz(&good()), &ReadOptions::default()).unwrap();
    k
}

/// Imports `bytes`, expects an error, and checks the database did not change.
fn refused(bytes: &[u8], ids: &[Identity]) -> BundleError {
    let k = kecamatan();
    let before = k.dump();
    let r: Result<ImportReport, BundleError> =
        import_bytes(&k.store, bytes, &ReadOptions { identities: ids });
    let err = r.expect_err("bundle must be refused");
    assert_eq!(
        k.dump(),
        before,
        "a refused bundle changed the database ({err:?})"
    );
    let t = err.text();
    assert!(
        !t.id.is_empty() && !t.en.is_empty() && t.id != t.en,
        "bilingual message for {err:?}"
    );
    err
}

fn with(f: impl FnOnce(&mut VillageData)) -> Vec<u8> {
    let mut b = good();
    // a newer version of everything, so it would overwrite if accepted
    f(&mut b.data);
    gz(&b)
}

#[test]
fn truncated() {
    let f = gz(&good());
    for cut in [f.len() / 3, f.len() - 9] {
        assert!(matches!(refused(&f[..cut], &[]), BundleError::Truncated));
    }
}

#[test]
fn not_gzip() {
    assert!(matches!(
        refused(b"%PDF-1.4 not a bundle", &[]),
        BundleError::NotABundle
    ));
    // gzip magic but garbage after it
    let mut junk = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3];
    junk.extend_from_slice(&[0xff; 64]);
    assert!(matches!(
        refused(&junk, &[]),
        BundleError::Malformed { .. } | BundleError::Truncated
    ));
}

#[test]
fn wrong_checksum() {
    let json = String::from_utf8(to_json(&good()).unwrap()).unwrap();
    // one more creation time in the first column of them: valid JSON, different content
    let tampered = json.replacen("\"created\":[", "\"created\":[0,", 1);
    assert_ne!(json, tampered);
    assert!(matches!(
        refused(tampered.as_bytes(), &[]),
        BundleError::ChecksumMismatch
    ));
}

#[test]
fn wrong_key_and_not_encrypted_for_us() {
    let ours = Identity::generate();
    let theirs = Identity::generate();
    let enc = write_bundle(
        &good(),
        &WriteOptions {
            uncompressed: false,
            recipient: Some(theirs.public()),
        },
    )
    .unwrap();
    assert!(matches!(refused(&enc, &[ours]), BundleError::NotForUs));
    assert!(matches!(refused(&enc, &[]), BundleError::NeedsIdentity));
}

#[test]
fn unknown_future_version() {
    let json = String::from_utf8(to_json(&good()).unwrap()).unwrap();
    let current = format!("\"version\":{},", pantau_core::bundle::FORMAT_VERSION);
    let v9 = json.replacen(&current, "\"version\":9,", 1);
    assert!(matches!(
        refused(v9.as_bytes(), &[]),
        BundleError::UnsupportedVersion { found: 9, .. }
    ));
}

#[test]
fn child_born_in_the_future() {
    let b = with(|d| d.children[0].birth_date = date(2099, 1, 1));
    match refused(&b, &[]) {
        BundleError::InvalidRecord { rule, .. } => assert!(rule.contains("FUTURE"), "{rule}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn visit_for_a_target_that_does_not_exist() {
    let b = with(|d| d.child_visits[0].child_id = new_id());
    assert!(matches!(
        refused(&b, &[]),
        BundleError::MissingReference {
            field: "child_id",
            ..
        }
    ));
    let b = with(|d| d.pregnancy_visits[0].pregnancy_id = new_id());
    assert!(matches!(
        refused(&b, &[]),
        BundleError::MissingReference {
            field: "pregnancy_id",
            ..
        }
    ));
}

#[test]
fn visit_outside_its_month() {
    let b = with(|d| d.child_visits[0].visit_date = date(2025, 11, 30));
    match refused(&b, &[]) {
        BundleError::InvalidRecord { rule, .. } => assert!(rule.contains("MONTH"), "{rule}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn duplicates_inside_one_file() {
    let b = with(|d| {
        let dup = d.measurements[0].clone();
        d.measurements.push(dup);
    });
    assert!(matches!(refused(&b, &[]), BundleError::Duplicate { .. }));
    // same target and month twice with different ids
    let b = with(|d| {
        let mut dup = d.child_visits[0].clone();
        dup.id = new_id();
        d.child_visits.push(dup);
    });
    assert!(matches!(
        refused(&b, &[]),
        BundleError::InvalidRecord { .. }
    ));
    // a JSON object with the same key twice
    let json = String::from_utf8(to_json(&good()).unwrap()).unwrap();
    let twice = json.replacen(
        "{\"village_code\":",
        "{\"device_id\":\"x\",\"village_code\":",
        1,
    );
    assert!(matches!(
        refused(twice.as_bytes(), &[]),
        BundleError::ChecksumMismatch | BundleError::Malformed { .. }
    ));
}

#[test]
fn zip_bomb() {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(b"{\"format\":\"pantau-bundle\",\"version\":2,\"payload\":\"")
        .unwrap();
    let block = vec![b'A'; 1 << 20];
    for _ in 0..80 {
        gz.write_all(&block).unwrap();
    }
    let bomb = gz.finish().unwrap();
    assert!(bomb.len() < 200_000, "{}", bomb.len());
    assert!(matches!(refused(&bomb, &[]), BundleError::TooLarge(..)));
}

#[test]
fn another_villages_data_never_mixes_in() {
    // the code of one village with the ids of another one's records
    let k = kecamatan();
    let other = village("33.02.01.2099", 99, 2, 2, "phone-z");
    let mut b = good();
    let mut stolen = other.children[0].clone();
    stolen.household_id = b.data.households[0].id.clone();
    stolen.mother_id = None;
    stolen.meta.version = 5;
    b.data.children.push(stolen);
    let before = k.dump();
    let err = import_bytes(&k.store, &gz(&b), &ReadOptions::default()).unwrap_err();
    assert!(
        matches!(err, BundleError::VillageMismatch { .. }),
        "{err:?}"
    );
    assert_eq!(k.dump(), before);
    // a hamlet pointing at a village id that is not the bundle's
    let b = with(|d| d.hamlets[0].village_id = new_id());
    assert!(matches!(
        refused(&b, &[]),
        BundleError::VillageMismatch { .. }
    ));
    // a household in a hamlet of the other village
    let b = with(|d| d.households[0].hamlet_id = other.hamlets[0].id.clone());
    assert!(matches!(
        refused(&b, &[]),
        BundleError::MissingReference { .. }
    ));
}

#[test]
fn model_rules_of_the_forms_are_enforced() {
    // a name with digits breaks the forms' V-NAME rule
    let b = with(|d| d.mothers[0].name = "Ibu 007".into());
    match refused(&b, &[]) {
        BundleError::InvalidRecord { rule, table, .. } => {
            assert_eq!((rule.as_str(), table), ("V-NAME", "mother"))
        }
        other => panic!("{other:?}"),
    }
}
