//! A small deterministic village for the bundle tests (the full-size one is `demo::generate_village`).
#![allow(dead_code)]

use chrono::NaiveDate;
use pantau_core::bundle::{Bundle, BundleHeader, BundleRange};
use pantau_core::model::*;

pub const CODE: &str = "33.02.01.2001";
pub const T0: i64 = 1_735_689_600_000; // 2025-01-01T00:00:00Z

pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

pub fn today() -> NaiveDate {
    date(2025, 12, 31)
}

/// UUID-shaped, random-looking but reproducible ids.
pub struct Ids(u64);
impl Ids {
    pub fn new(seed: u64) -> Self {
        Ids(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    pub fn id(&mut self) -> Id {
        let (a, b) = (self.next_u64(), self.next_u64());
        let x = ((a as u128) << 64) | b as u128;
        let h = format!("{x:032x}");
        format!(
            "{}-{}-4{}-a{}-{}",
            &h[0..8],
            &h[8..12],
            &h[13..16],
            &h[17..20],
            &h[20..32]
        )
    }
}

/// A village with `households` households, one mother, one pregnancy and one child each, and
/// monthly 2A/2B records plus a measurement per child for the months of 2025 up to `months`.
pub fn village(code: &str, seed: u64, households: usize, months: u32, dev: &str) -> VillageData {
    let mut ids = Ids::new(seed);
    let m = |t: i64| Meta::new(t, dev);
    let vid = ids.id();
    let mut d = VillageData {
        village: Some(Village {
            id: vid.clone(),
            code: code.into(),
            name: format!("Desa {}", letters(seed as usize)),
            kecamatan: "Kec".into(),
            kabupaten: "Kab".into(),
            provinsi: "Prov".into(),
            meta: m(T0),
        }),
        ..Default::default()
    };
    let hid = ids.id();
    d.hamlets.push(Hamlet {
        id: hid.clone(),
        village_id: vid.clone(),
        name: "Krajan".into(),
        meta: m(T0),
    });
    d.posyandu.push(Posyandu {
        id: ids.id(),
        village_id: vid.clone(),
        hamlet_id: Some(hid.clone()),
        name: "Melati".into(),
        meta: m(T0),
    });
    for i in 0..households {
        let hh = ids.id();
        d.households.push(Household {
            id: hh.clone(),
            village_id: vid.clone(),
            hamlet_id: hid.clone(),
            number: format!("{:03}", i + 1),
            head_name: format!("Kepala {}", letters(i)),
            address: String::new(),
            meta: m(T0),
        });
        let mo = ids.id();
        d.mothers.push(Mother {
            id: mo.clone(),
            household_id: hh.clone(),
            name: format!("Ibu {}", letters(i)),
            nik: None,
            birth_date: Some(date(1990 + (i % 10) as i32, 1 + (i % 12) as u32, 5)),
            insurance: i % 3 == 0,
            meta: m(T0),
        });
        let pr = ids.id();
        d.pregnancies.push(Pregnancy {
            id: pr.clone(),
            mother_id: mo.clone(),
            kia_number: format!("KIA-{seed}-{i}"),
            posyandu_id: None,
            kek: i % 7 == 0,
            risti: i % 5 == 0,
            expected_delivery: Some(date(2025, 11, 20)),
            delivery_date: None,
            end: None,
            meta: m(T0),
        });
        let ch = ids.id();
        let birth = date(2024, 1 + (i % 12) as u32, 1 + (i % 28) as u32);
        d.children.push(Child {
            id: ch.clone(),
            household_id: hh.clone(),
            mother_id: Some(mo.clone()),
            pregnancy_id: None,
            kia_number: None,
            name: format!("Anak {}", letters(i)),
            nik: None,
            nik_temporary: false,
            sex: if i % 2 == 0 { Sex::Male } else { Sex::Female },
            birth_date: birth,
            birth_date_approximate: false,
            posyandu_id: None,
            birth_certificate: i % 2 == 0,
            insurance: true,
            end: None,
            meta: m(T0),
        });
        for month in 1..=months {
            let ym = YearMonth { year: 2025, month };
            let day = 10 + (i % 15) as u32;
            let t = T0 + (month as i64 - 1) * 30 * 86_400_000 + i as i64 * 60_000;
            d.pregnancy_visits.push(PregnancyVisit {
                id: ids.id(),
                pregnancy_id: pr.clone(),
                month: ym,
                visit_date: date(2025, month, day),
                status: FormStatus::Final,
                ruleset: "KPM-2019@1".into(),
                gestational_age_months: Some(month.min(10)),
                antenatal_check: Some(true),
                iron_tablets: Some(i % 4 != 0),
                iron_tablet_count: (i % 4 != 0).then_some(30),
                nutrition_counselling: Some(true),
                home_visit: Some(i % 2 == 0),
                safe_water: Some(true),
                latrine: Some(i % 6 != 0),
                insurance: Some(true),
                meta: m(t),
                ..Default::default()
            });
            // 2B visits and measurements get natural ids like the app's (docs/adr/0005); the 2A
            // visits keep minted ids, like rows of older files, so both bundle forms are exercised.
            d.child_visits.push(ChildVisit {
                id: child_visit_id(&ch, ym),
                child_id: ch.clone(),
                month: ym,
                visit_date: date(2025, month, day),
                status: FormStatus::Final,
                ruleset: "KPM-2019@1".into(),
                mat_result: MatResult::Green,
                basic_immunization: Some(true),
                weighed: Some(true),
                length_measured: Some(month % 2 == 0),
                counselling_mother: Some(true),
                safe_water: Some(true),
                latrine: Some(true),
                meta: m(t),
                ..Default::default()
            });
            d.measurements.push(Measurement {
                id: measurement_id(&ch, date(2025, month, day)),
                child_id: ch.clone(),
                date: date(2025, month, day),
                weight_kg: Some(7.0 + month as f64 * 0.25),
                length_cm: Some(68.0 + month as f64),
                position: Some(Position::Lying),
                oedema: false,
                meta: m(t),
            });
        }
    }
    d
}

/// A name of letters only (names are validated: letters, spaces and . , ' -).
pub fn letters(mut i: usize) -> String {
    let mut s = String::new();
    loop {
        s.push((b'a' + (i % 26) as u8) as char);
        i /= 26;
        if i == 0 {
            break;
        }
    }
    s
}

pub fn bundle_of(data: VillageData, dev: &str, range: BundleRange) -> Bundle {
    let code = data
        .village
        .as_ref()
        .map(|v| v.code.clone())
        .unwrap_or_default();
    Bundle {
        header: BundleHeader {
            village_code: code,
            device_id: dev.into(),
            cadre_id: None,
            exported_at: T0 + 360 * 86_400_000,
            range,
            producer: Some(pantau_core::bundle::producer()),
        },
        data,
        notes: Vec::new(),
    }
}

/// A fresh file-backed store in a temporary directory (removed on drop).
pub struct TempDb {
    pub dir: std::path::PathBuf,
    pub store: pantau_core::store::Store,
}

impl TempDb {
    pub fn new(name: &str, device: &str) -> TempDb {
        let dir = std::env::temp_dir().join(format!(
            "pantau-bundle-{}-{}-{}",
            name,
            std::process::id(),
            unique()
        ));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let store =
            pantau_core::store::Store::open(dir.join("db.sqlite"), device).expect("open store");
        TempDb { dir, store }
    }
    pub fn path(&self) -> std::path::PathBuf {
        self.dir.join("db.sqlite")
    }
    /// Every table's rows, the history and the change counter, as text: equal dumps = same database.
    pub fn dump(&self) -> String {
        let conn = rusqlite::Connection::open(self.path()).expect("open");
        let mut out = String::new();
        let tables: Vec<String> = conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        for t in tables {
            let mut stmt = conn
                .prepare(&format!("SELECT * FROM {t} ORDER BY 1"))
                .unwrap();
            let n = stmt.column_count();
            let rows = stmt
                .query_map([], |r| {
                    let mut line = String::new();
                    for i in 0..n {
                        let v: rusqlite::types::Value = r.get(i)?;
                        line.push_str(&format!("{v:?}|"));
                    }
                    Ok(line)
                })
                .unwrap();
            out.push_str(&format!("== {t}\n"));
            for row in rows {
                out.push_str(&row.unwrap());
                out.push('\n');
            }
        }
        out
    }
    /// The records of one village as stored, without the store-local `change_seq`.
    pub fn records(&self, code: &str) -> pantau_core::bundle::Records {
        let conn = rusqlite::Connection::open(self.path()).expect("open");
        let mut r = pantau_core::bundle::load_village_records(&conn, code).expect("load");
        sort(&mut r);
        r
    }
}

impl Drop for TempDb {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn unique() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    N.fetch_add(1, Ordering::Relaxed)
}

/// Sorts every table by id, so two record sets compare regardless of order.
pub fn sort(r: &mut pantau_core::bundle::Records) {
    let d = &mut r.data;
    d.hamlets.sort_by(|a, b| a.id.cmp(&b.id));
    d.posyandu.sort_by(|a, b| a.id.cmp(&b.id));
    d.cadres.sort_by(|a, b| a.id.cmp(&b.id));
    d.households.sort_by(|a, b| a.id.cmp(&b.id));
    d.household_conditions.sort_by(|a, b| a.id.cmp(&b.id));
    d.mothers.sort_by(|a, b| a.id.cmp(&b.id));
    d.pregnancies.sort_by(|a, b| a.id.cmp(&b.id));
    d.children.sort_by(|a, b| a.id.cmp(&b.id));
    d.pregnancy_visits.sort_by(|a, b| a.id.cmp(&b.id));
    d.child_visits.sort_by(|a, b| a.id.cmp(&b.id));
    d.paud_visits.sort_by(|a, b| a.id.cmp(&b.id));
    d.measurements.sort_by(|a, b| a.id.cmp(&b.id));
    r.notes.sort_by(|a, b| a.id.cmp(&b.id));
}

/// Writes a bundle file's bytes (gzip) for `data`.
pub fn gz(b: &Bundle) -> Vec<u8> {
    pantau_core::bundle::write_bundle(b, &Default::default()).expect("write")
}
