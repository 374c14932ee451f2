//! The payload parser and model checks past the checksum: the input is taken as the payload and
//! wrapped in an envelope with its correct SHA-256, so mutations reach the record parsing. Each
//! input is tried as a payload of every format version the reader takes (2: records, 3: columns).
#![no_main]

use libfuzzer_sys::fuzz_target;
use pantau_core::bundle::{
    from_json, payload_checksum, plan_merge, validate, FORMAT_VERSION, MIN_FORMAT_VERSION,
};

fuzz_target!(|data: &[u8]| {
    let Ok(payload) = std::str::from_utf8(data) else {
        return;
    };
    let sha256 = payload_checksum(payload.as_bytes());
    for version in MIN_FORMAT_VERSION..=FORMAT_VERSION {
        let env = format!(
            "{{\"format\":\"pantau-bundle\",\"version\":{version},\"sha256\":\"{sha256}\",\"payload\":{payload}}}"
        );
        if let Ok(b) = from_json(env.as_bytes()) {
            let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default();
            if validate(&b, &Default::default(), today).is_ok() {
                let plan = plan_merge(&Default::default(), &b.data, &b.notes);
                let mut r = pantau_core::bundle::Records::default();
                pantau_core::bundle::apply_plan(&mut r, &plan);
            }
        }
    }
});
