//! A tiny village for the bundle's unit tests.

use chrono::NaiveDate;

use super::{Bundle, BundleHeader, BundleRange};
use crate::model::*;

pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

pub fn meta(dev: &str) -> Meta {
    Meta::new(1_735_689_600_000, dev)
}

pub fn village_data(dev: &str) -> VillageData {
    let m = meta(dev);
    let village = Village {
        id: "v-1".into(),
        code: "33.02.01.2001".into(),
        name: "Sukamaju".into(),
        kecamatan: "Kec".into(),
        kabupaten: "Kab".into(),
        provinsi: "Prov".into(),
        meta: m.clone(),
    };
    let hamlet = Hamlet {
        id: "h-1".into(),
        village_id: "v-1".into(),
        name: "Krajan".into(),
        meta: m.clone(),
    };
    let household = Household {
        id: "hh-1".into(),
        village_id: "v-1".into(),
        hamlet_id: "h-1".into(),
        number: "001".into(),
        head_name: "Kepala".into(),
        address: String::new(),
        meta: m.clone(),
    };
    let mother = Mother {
        id: "m-1".into(),
        household_id: "hh-1".into(),
        name: "Ibu".into(),
        nik: None,
        birth_date: Some(date(1995, 5, 1)),
        insurance: true,
        meta: m.clone(),
    };
    let pregnancy = Pregnancy {
        id: "p-1".into(),
        mother_id: "m-1".into(),
        kia_number: "KIA-1".into(),
        posyandu_id: None,
        kek: false,
        risti: true,
        expected_delivery: Some(date(2025, 6, 1)),
        delivery_date: None,
        end: None,
        meta: m.clone(),
    };
    let child = Child {
        id: "c-1".into(),
        household_id: "hh-1".into(),
        mother_id: Some("m-1".into()),
        pregnancy_id: None,
        kia_number: None,
        name: "Anak".into(),
        nik: None,
        nik_temporary: false,
        sex: Sex::Female,
        birth_date: date(2024, 3, 10),
        birth_date_approximate: false,
        posyandu_id: None,
        birth_certificate: false,
        insurance: true,
        end: None,
        meta: m.clone(),
    };
    let pv = PregnancyVisit {
        id: "pv-1".into(),
        pregnancy_id: "p-1".into(),
        month: YearMonth {
            year: 2025,
            month: 1,
        },
        visit_date: date(2025, 1, 14),
        status: FormStatus::Final,
        ruleset: "KPM-2019@1".into(),
        gestational_age_months: Some(5),
        antenatal_check: Some(true),
        meta: m.clone(),
        ..Default::default()
    };
    let cv = ChildVisit {
        id: child_visit_id(
            "c-1",
            YearMonth {
                year: 2025,
                month: 1,
            },
        ),
        child_id: "c-1".into(),
        month: YearMonth {
            year: 2025,
            month: 1,
        },
        visit_date: date(2025, 1, 15),
        status: FormStatus::Final,
        ruleset: "KPM-2019@1".into(),
        weighed: Some(true),
        mat_result: MatResult::Green,
        meta: m.clone(),
        ..Default::default()
    };
    let ms = Measurement {
        id: "ms-1".into(),
        child_id: "c-1".into(),
        date: date(2025, 1, 15),
        weight_kg: Some(9.1),
        length_cm: Some(74.5),
        position: Some(Position::Lying),
        oedema: false,
        meta: m,
    };
    VillageData {
        village: Some(village),
        hamlets: vec![hamlet],
        households: vec![household],
        mothers: vec![mother],
        pregnancies: vec![pregnancy],
        children: vec![child],
        pregnancy_visits: vec![pv],
        child_visits: vec![cv],
        measurements: vec![ms],
        ..Default::default()
    }
}

pub fn bundle(dev: &str) -> Bundle {
    Bundle {
        header: BundleHeader {
            village_code: "33.02.01.2001".into(),
            device_id: dev.into(),
            cadre_id: None,
            exported_at: 1_737_000_000_000,
            range: BundleRange::Full { until: 9 },
            producer: Some(super::producer()),
        },
        data: village_data(dev),
        notes: vec![Note {
            id: "n-1".into(),
            target_kind: TargetKind::Child,
            target_id: "c-1".into(),
            cadre_id: None,
            date: date(2025, 1, 15),
            text: "Rajin datang".into(),
            meta: meta(dev),
        }],
    }
}

pub fn today() -> NaiveDate {
    date(2025, 2, 1)
}
