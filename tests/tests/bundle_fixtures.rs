//! Format stability: bundles of format version 2 (the first released) stay readable. The fixture files in
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

#[test]
fn version_2_fixtures_still_read_the_same() {
    let b = small();
    let files = [
        ("v2-small.pantau.json.gz", WriteOptions::default()),
        (
            "v2-small.pantau.json",
            WriteOptions {
                uncompressed: true,
                recipient: None,
            },
        ),
    ];
    for (name, opts) in files {
        let path = dir().join(name);
        if std::env::var_os("PANTAU_WRITE_FIXTURES").is_some() {
            std::fs::write(&path, write_bundle(&b, &opts).unwrap()).unwrap();
        }
        let bytes = std::fs::read(&path).expect("fixture");
        let read = read_bundle(&bytes, &ReadOptions::default()).unwrap();
        assert_eq!(read, b, "{name}");
        validate(&read, &Default::default(), today()).unwrap();
        // writing is deterministic: the same bundle gives the same JSON (the gzip bytes may differ
        // between compressors, the content may not)
        let ours = open_bytes(&write_bundle(&b, &opts).unwrap(), &ReadOptions::default()).unwrap();
        assert_eq!(
            ours,
            open_bytes(&bytes, &ReadOptions::default()).unwrap(),
            "{name}"
        );
    }
}
