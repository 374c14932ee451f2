//! Writes the generated village's bundle JSON for size analysis (ignored; run by hand).
#[test]
#[ignore]
fn write_demo_bundle_json() {
    use pantau_core::bundle::*;
    let v = pantau_core::demo::generate_village(1, &Default::default(), pantau_core::model::YearMonth { year: 2025, month: 6 });
    let code = v.village.as_ref().unwrap().code.clone();
    let b = Bundle {
        header: BundleHeader { village_code: code, device_id: "demo".into(), cadre_id: None, exported_at: 0, range: BundleRange::Full { until: 0 }, producer: None },
        data: v,
        notes: vec![],
    };
    std::fs::write("/tmp/demo-bundle.json", to_json(&b).unwrap()).unwrap();
}
