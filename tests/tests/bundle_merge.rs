//! Import and merge into a store (issue 4): round trip, idempotency, out-of-order incremental
//! bundles, two devices editing the same record, several villages in one subdistrict database.

mod bundle_support;

use bundle_support::*;
use pantau_core::bundle::{
    export_bundle, import_bundle, import_bytes, mark_exported, read_bundle, BundleRange,
    ExportRange, ReadOptions,
};
use pantau_core::model::*;

fn full(data: VillageData, dev: &str) -> pantau_core::bundle::Bundle {
    bundle_of(data, dev, BundleRange::Full { until: 1 })
}

/// A phone that holds the small village (imported as the cadre's starting data).
fn phone(name: &str, device: &str, seed: u64) -> TempDb {
    let p = TempDb::new(name, device);
    import_bundle(&p.store, full(village(CODE, seed, 4, 3, "setup"), "setup")).expect("seed phone");
    p
}

#[test]
fn round_trip_export_import_gives_the_same_records() {
    let p = phone("rt-phone", "phone-a", 1);
    let b = export_bundle(&p.store, CODE, ExportRange::Full, None).unwrap();
    let bytes = gz(&b);
    let k = TempDb::new("rt-kec", "kecamatan");
    let report = import_bytes(&k.store, &bytes, &ReadOptions::default()).unwrap();
    assert_eq!(report.stats.inserted as usize, 3 + 4 * 4 + 4 * 3 * 3);
    assert_eq!(k.records(CODE), p.records(CODE));
    // and the bundle itself carries exactly what was stored
    let back = read_bundle(&bytes, &ReadOptions::default()).unwrap();
    assert_eq!(back, b);
}

#[test]
fn importing_the_same_bundle_twice_changes_nothing() {
    let k = TempDb::new("idem", "kecamatan");
    let bytes = gz(&full(village(CODE, 2, 3, 2, "phone-a"), "phone-a"));
    import_bytes(&k.store, &bytes, &ReadOptions::default()).unwrap();
    let before = k.dump();
    let again = import_bytes(&k.store, &bytes, &ReadOptions::default()).unwrap();
    assert!(again.changed_nothing(), "{again:?}");
    assert_eq!(k.dump(), before);
}

#[test]
fn incremental_bundles_merge_in_any_order() {
    let p = phone("inc-phone", "phone-a", 3);
    let f = export_bundle(&p.store, CODE, ExportRange::SinceLast, None).unwrap();
    assert!(matches!(f.header.range, BundleRange::Full { .. }));
    mark_exported(&p.store, &f.header).unwrap();

    // edits on the phone: one visit corrected, one child moved away
    let mut cv: ChildVisit = p.records(CODE).data.child_visits[0].clone();
    cv.home_visit = Some(true);
    p.store.save(&cv).unwrap();
    let i1 = export_bundle(&p.store, CODE, ExportRange::SinceLast, None).unwrap();
    mark_exported(&p.store, &i1.header).unwrap();
    assert!(matches!(i1.header.range, BundleRange::Incremental { .. }));
    assert_eq!(i1.data.child_visits.len(), 1);
    assert!(
        i1.data.children.len() == 1 && i1.data.village.is_some(),
        "closure carries the parents"
    );

    let mut cv2 = p.store.get::<ChildVisit>(&cv.id).unwrap();
    cv2.parenting_class = Some(true);
    p.store.save(&cv2).unwrap();
    let mut child = p.records(CODE).data.children[1].clone();
    child.end = Some(EpisodeEnd {
        date: date(2025, 3, 20),
        reason: EndReason::MovedAway,
    });
    p.store.save(&child).unwrap();
    let i2 = export_bundle(&p.store, CODE, ExportRange::SinceLast, None).unwrap();
    mark_exported(&p.store, &i2.header).unwrap();
    assert_eq!(i2.data.child_visits.len(), 1);

    let expected = p.records(CODE);
    for order in [[0, 1, 2], [2, 0, 1], [1, 2, 0], [2, 1, 0]] {
        let k = TempDb::new("inc-kec", "kecamatan");
        let bundles = [&f, &i1, &i2];
        for i in order {
            import_bytes(&k.store, &gz(bundles[i]), &ReadOptions::default()).unwrap();
        }
        assert_eq!(k.records(CODE), expected, "order {order:?}");
    }
}

#[test]
fn two_devices_editing_the_same_record_merge_deterministically() {
    // both phones start from the same village
    let start = full(village(CODE, 4, 2, 2, "setup"), "setup");
    let a = TempDb::new("conf-a", "phone-a");
    let b = TempDb::new("conf-b", "phone-b");
    import_bundle(&a.store, start.clone()).unwrap();
    import_bundle(&b.store, start.clone()).unwrap();
    let visit_id = start.data.child_visits[0].id.clone();

    let mut va = a.store.get::<ChildVisit>(&visit_id).unwrap();
    va.home_visit = Some(true);
    a.store.save(&va).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(5));
    let mut vb = b.store.get::<ChildVisit>(&visit_id).unwrap();
    vb.home_visit = Some(false);
    vb.counselling_father = Some(true);
    b.store.save(&vb).unwrap();

    // the same month of another child recorded on both phones with different ids
    let child = start.data.children[1].clone();
    let month = YearMonth {
        year: 2025,
        month: 6,
    };
    let new_visit = |dev_store: &pantau_core::store::Store, weighed: bool| {
        let v = ChildVisit {
            id: new_id(),
            child_id: child.id.clone(),
            month,
            visit_date: date(2025, 6, 12),
            status: FormStatus::Final,
            ruleset: "KPM-2019@1".into(),
            weighed: Some(weighed),
            ..Default::default()
        };
        dev_store.save(&v).unwrap().record
    };
    let na = new_visit(&a.store, true);
    std::thread::sleep(std::time::Duration::from_millis(5));
    let nb = new_visit(&b.store, false);

    let ba = gz(&export_bundle(&a.store, CODE, ExportRange::Full, None).unwrap());
    let bb = gz(&export_bundle(&b.store, CODE, ExportRange::Full, None).unwrap());
    let k1 = TempDb::new("conf-k1", "kecamatan");
    let k2 = TempDb::new("conf-k2", "kecamatan");
    for bytes in [&ba, &bb] {
        import_bytes(&k1.store, bytes, &ReadOptions::default()).unwrap();
    }
    for bytes in [&bb, &ba] {
        import_bytes(&k2.store, bytes, &ReadOptions::default()).unwrap();
    }
    let r1 = k1.records(CODE);
    assert_eq!(r1, k2.records(CODE), "same result in both orders");
    // version tie (2 = 2): the later edit (phone B) wins
    let won = r1
        .data
        .child_visits
        .iter()
        .find(|v| v.id == visit_id)
        .unwrap();
    assert_eq!(won.meta.device_id, "phone-b");
    assert_eq!(won.counselling_father, Some(true));
    // the losing version is kept in the history of both databases
    for k in [&k1, &k2] {
        let h = k.store.history::<ChildVisit>(&visit_id).unwrap();
        assert!(
            h.iter().any(|rev| rev.previous.meta.device_id == "phone-a"
                && rev.previous.home_visit == Some(true)),
            "{h:?}"
        );
    }
    // one live visit for the child in June: the later one (B); A's is in the history
    let june: Vec<_> = r1
        .data
        .child_visits
        .iter()
        .filter(|v| v.child_id == child.id && v.month == month)
        .collect();
    assert_eq!(june.len(), 1);
    assert_eq!(june[0].id, nb.id);
    for k in [&k1, &k2] {
        assert_eq!(k.store.history::<ChildVisit>(&na.id).unwrap().len(), 1);
    }
    // re-importing either bundle changes nothing
    let before = k1.dump();
    for bytes in [&ba, &bb] {
        assert!(import_bytes(&k1.store, bytes, &ReadOptions::default())
            .unwrap()
            .changed_nothing());
    }
    assert_eq!(k1.dump(), before);
}

#[test]
fn two_devices_recording_the_same_month_meet_as_one_record() {
    // docs/adr/0005-natural-ids.md: a new monthly record or measurement gets the id derived from
    // its target and month (date), so the same month recorded on two phones is one record in two
    // versions (an ordinary version conflict), not two records of which one is evicted.
    let start = full(village(CODE, 4, 2, 2, "setup"), "setup");
    let a = TempDb::new("nat-a", "phone-a");
    let b = TempDb::new("nat-b", "phone-b");
    import_bundle(&a.store, start.clone()).unwrap();
    import_bundle(&b.store, start.clone()).unwrap();
    let child = start.data.children[1].clone();
    let month = YearMonth {
        year: 2025,
        month: 6,
    };
    let record = |store: &pantau_core::store::Store, weighed: bool, kg: f64| {
        let v = ChildVisit {
            id: child_visit_id(&child.id, month),
            child_id: child.id.clone(),
            month,
            visit_date: date(2025, 6, 12),
            status: FormStatus::Final,
            ruleset: "KPM-2019@1".into(),
            weighed: Some(weighed),
            ..Default::default()
        };
        let m = Measurement {
            id: measurement_id(&child.id, date(2025, 6, 12)),
            child_id: child.id.clone(),
            date: date(2025, 6, 12),
            weight_kg: Some(kg),
            length_cm: None,
            position: None,
            oedema: false,
            meta: Meta::default(),
        };
        (
            store.save(&v).unwrap().record,
            store.save(&m).unwrap().record,
        )
    };
    let (va, ma) = record(&a.store, true, 8.1);
    std::thread::sleep(std::time::Duration::from_millis(5));
    let (vb, mb) = record(&b.store, false, 8.3);
    assert_eq!((&va.id, &ma.id), (&vb.id, &mb.id));

    let ba = gz(&export_bundle(&a.store, CODE, ExportRange::Full, None).unwrap());
    let bb = gz(&export_bundle(&b.store, CODE, ExportRange::Full, None).unwrap());
    let k1 = TempDb::new("nat-k1", "kecamatan");
    let k2 = TempDb::new("nat-k2", "kecamatan");
    for bytes in [&ba, &bb] {
        import_bytes(&k1.store, bytes, &ReadOptions::default()).unwrap();
    }
    for bytes in [&bb, &ba] {
        import_bytes(&k2.store, bytes, &ReadOptions::default()).unwrap();
    }
    let r1 = k1.records(CODE);
    assert_eq!(r1, k2.records(CODE), "same result in both orders");
    // one record each, version tie (1 = 1): the later one (phone B) wins, A's is in the history
    let june: Vec<_> = r1
        .data
        .child_visits
        .iter()
        .filter(|v| v.child_id == child.id && v.month == month)
        .collect();
    assert_eq!(june.len(), 1);
    assert_eq!(
        (june[0].id.as_str(), june[0].weighed),
        (vb.id.as_str(), Some(false))
    );
    let weighed: Vec<_> = r1
        .data
        .measurements
        .iter()
        .filter(|m| m.child_id == child.id && m.date == date(2025, 6, 12))
        .collect();
    assert_eq!(weighed.len(), 1);
    assert_eq!(weighed[0].weight_kg, Some(8.3));
    for k in [&k1, &k2] {
        let h = k.store.history::<ChildVisit>(&va.id).unwrap();
        assert!(
            h.iter().any(|rev| rev.previous.meta.device_id == "phone-a"
                && rev.previous.weighed == Some(true)),
            "{h:?}"
        );
        let h = k.store.history::<Measurement>(&ma.id).unwrap();
        assert!(
            h.iter().any(|rev| rev.previous.weight_kg == Some(8.1)),
            "{h:?}"
        );
    }
}

#[test]
fn villages_stay_apart_in_one_subdistrict_database() {
    let k = TempDb::new("many", "kecamatan");
    let a = village("33.02.01.2001", 10, 3, 2, "pa");
    let b = village("33.02.01.2002", 11, 2, 2, "pb");
    import_bundle(&k.store, full(a.clone(), "pa")).unwrap();
    import_bundle(&k.store, full(b.clone(), "pb")).unwrap();
    assert_eq!(k.records("33.02.01.2001").data.households.len(), 3);
    assert_eq!(k.records("33.02.01.2002").data.households.len(), 2);
    assert_eq!(k.records("33.02.01.2002").data.child_visits.len(), 4);
}
