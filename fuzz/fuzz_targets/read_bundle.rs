//! The bundle reader on arbitrary bytes (issue 4): gzip / age / JSON detection, size caps,
//! checksum, parsing, then the model checks and a merge plan. Must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pantau_core::bundle::{plan_merge, read_bundle, validate, ReadOptions};

fuzz_target!(|data: &[u8]| {
    if let Ok(b) = read_bundle(data, &ReadOptions::default()) {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default();
        if validate(&b, &Default::default(), today).is_ok() {
            let _ = plan_merge(&Default::default(), &b.data, &b.notes);
        }
        let _ = b.header.range.until();
    }
});
