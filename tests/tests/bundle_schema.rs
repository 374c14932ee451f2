//! A produced bundle validates against docs/bundle.schema.json, and the schema rejects what the
//! reader rejects (issue 4: "documented, versioned JSON bundle").

mod bundle_support;

use bundle_support::*;
use pantau_core::bundle::{to_json, BundleRange};

fn schema() -> jsonschema::Validator {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../docs/bundle.schema.json"
    ))
    .expect("schema file");
    let value: serde_json::Value = serde_json::from_str(&text).expect("schema is JSON");
    jsonschema::validator_for(&value).expect("schema compiles")
}

#[test]
fn produced_bundles_validate_against_the_schema() {
    let v = schema();
    let mut data = village(CODE, 1, 3, 4, "dev-a");
    // exercise the optional parts too: another device, a deletion, an edit, an episode end, a
    // time that is not a whole second, a note
    data.child_visits[0].meta.device_id = "dev-b".into();
    data.child_visits[1].meta.deleted = true;
    data.child_visits[1].meta.updated_at += 5;
    data.measurements[0].meta.created_at += 1;
    data.children[0].end = Some(pantau_core::model::EpisodeEnd {
        date: date(2025, 6, 1),
        reason: pantau_core::model::EndReason::MovedAway,
    });
    for range in [
        BundleRange::Full { until: 7 },
        BundleRange::Incremental {
            since: 3,
            until: 7,
            since_time: Some(T0),
        },
    ] {
        let mut b = bundle_of(data.clone(), "dev-a", range);
        b.notes.push(pantau_core::model::Note {
            id: "n-1".into(),
            target_kind: pantau_core::model::TargetKind::Child,
            target_id: data.children[0].id.clone(),
            date: date(2025, 3, 2),
            text: "Rujuk ke puskesmas".into(),
            cadre_id: None,
            meta: pantau_core::model::Meta::new(T0, "dev-a"),
        });
        let json: serde_json::Value = serde_json::from_slice(&to_json(&b).unwrap()).unwrap();
        let errors: Vec<String> = v
            .iter_errors(&json)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{errors:#?}");
    }
}

#[test]
fn schema_rejects_a_future_version_and_a_bad_month() {
    let v = schema();
    let good: serde_json::Value = serde_json::from_slice(
        &to_json(&bundle_of(
            village(CODE, 1, 1, 1, "d"),
            "d",
            BundleRange::Full { until: 1 },
        ))
        .unwrap(),
    )
    .unwrap();
    assert!(v.is_valid(&good));
    let mut future = good.clone();
    future["version"] = 3.into();
    assert!(!v.is_valid(&future));
    let mut bad_month = good.clone();
    bad_month["payload"]["records"]["child_visits"][0]["rows"][0]["month"] = "2025-13".into();
    assert!(!v.is_valid(&bad_month));
    let mut no_time = good.clone();
    let row = &mut no_time["payload"]["records"]["measurements"][0]["rows"][0];
    assert!(row.get("created").is_some(), "{row}");
    row.as_object_mut().unwrap().remove("created");
    assert!(!v.is_valid(&no_time));
    let mut no_target = good.clone();
    no_target["payload"]["records"]["child_visits"][0]
        .as_object_mut()
        .unwrap()
        .remove("target_id");
    assert!(!v.is_valid(&no_target));
}
