//! Format stability: bundles of format version 2 (the first released) and 3 (the current) stay readable. The fixture files in
//! tests/fixtures/bundles/ were written by this code; `PANTAU_WRITE_FIXTURES=1 cargo test -p
//! pantau-tests --test bundle_fixtures` rewrites them (only when the format version changes).

mod bundle_support;

use bundle_support::*;
use pantau_core::bundle::{
    open_bytes, read_bundle, validate, write_bundle, BundleRange, ReadOptions, WriteOptions,
};

fn dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/bundles")
}

fn small() -> pantau_core::bundle::Bundle {
    let mut b = bundle_of(
        village(CODE, 42, 3, 3, "phone-fixture"),
        "phone-fixture",
        BundleRange::Full { until: 64 },
    );
    b.header.producer = Some("pantau fixture".into());
    b
}

fn files(version: u32) -> [(String, WriteOptions); 2] {
    [
        (format!("v{version}-small.pantau.json.gz"), WriteOptions::default()),
        (
            format!("v{version}-small.pantau.json"),
            WriteOptions {
                uncompressed: true,
                recipient: None,
            },
        ),
    ]
}

fn read_fixture(name: &str) -> (Vec<u8>, pantau_core::bundle::Bundle) {
    let bytes = std::fs::read(dir().join(name)).expect("fixture");
    let read = read_bundle(&bytes, &ReadOptions::default()).unwrap();
    validate(&read, &Default::default(), today()).unwrap();
    (bytes, read)
}

#[test]
fn version_2_fixtures_still_read_the_same() {
    // written by the format 2 writer (commit 36b04bd); this build reads them and writes format 3
    for (name, _) in files(2) {
        let (_, read) = read_fixture(&name);
        assert_eq!(read, small(), "{name}");
    }
}

#[test]
fn version_3_fixtures_read_the_same_and_writing_is_deterministic() {
    let b = small();
    for (name, opts) in files(pantau_core::bundle::FORMAT_VERSION) {
        if std::env::var_os("PANTAU_WRITE_FIXTURES").is_some() {
            std::fs::write(dir().join(&name), write_bundle(&b, &opts).unwrap()).unwrap();
        }
        let (bytes, read) = read_fixture(&name);
        assert_eq!(read, b, "{name}");
        // the same bundle gives the same JSON (the gzip bytes may differ between compressors,
        // the content may not)
        let ours = open_bytes(&write_bundle(&b, &opts).unwrap(), &ReadOptions::default()).unwrap();
        assert_eq!(
            ours,
            open_bytes(&bytes, &ReadOptions::default()).unwrap(),
            "{name}"
        );
    }
}
