//! A simple generated village for the convergence benchmark and the property tests (issue 2):
//! households, pregnancies with monthly 2A records through delivery and nifas, children 0-23 months
//! with 2B records and measurements, PAUD children with 2C cells; random but deterministic per seed.
//! (Test-only; the benchmark uses the realistic `crate::demo` generator.)

use crate::model::*;
use chrono::NaiveDate;

pub struct Sizes {
    pub households: usize,
    pub pregnancies: usize,
    pub children: usize,
    pub paud: usize,
    /// Months of records, ending with `last`.
    pub months: u32,
    pub last: YearMonth,
}

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next() % n }
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    /// v (mostly), x, or blank.
    fn cell(&mut self, yes: u64) -> Option<bool> {
        match self.below(100) {
            r if r < yes => Some(true),
            r if r < 97 => Some(false),
            _ => None,
        }
    }
}

fn meta() -> Meta {
    Meta::default()
}

fn day(ym: YearMonth, d: u32) -> NaiveDate {
    let last = ym.last_day();
    NaiveDate::from_ymd_opt(ym.year, ym.month, d.min(chrono::Datelike::day(&last))).unwrap_or(last)
}

fn shift(mut ym: YearMonth, by: i32) -> YearMonth {
    for _ in 0..by.unsigned_abs() {
        ym = if by > 0 { ym.next() } else { ym.prev() };
    }
    ym
}

pub fn village(sizes: &Sizes, seed: u64) -> VillageData {
    let mut r = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    let mut v = VillageData::default();
    let first = shift(sizes.last, -(sizes.months as i32 - 1));
    v.village = Some(Village {
        id: "v".into(),
        code: "33.02.01.2001".into(),
        name: "Desa Contoh".into(),
        kecamatan: "Kec".into(),
        kabupaten: "Kab".into(),
        provinsi: "Prov".into(),
        meta: meta(),
    });
    for h in 0..6 {
        v.hamlets.push(Hamlet { id: format!("hamlet-{h}"), village_id: "v".into(), name: format!("Dusun {h}"), meta: meta() });
        v.posyandu.push(Posyandu { id: format!("posyandu-{h}"), village_id: "v".into(), hamlet_id: Some(format!("hamlet-{h}")), name: format!("Posyandu {h}"), meta: meta() });
    }
    let hh_count = sizes.households.max(1);
    for i in 0..hh_count {
        let id = format!("hh-{i:05}");
        v.household_conditions.push(HouseholdCondition {
            id: format!("hc-{i:05}"),
            household_id: id.clone(),
            effective_from: first,
            safe_water: r.chance(85),
            latrine: r.chance(75),
            vulnerable: r.chance(20),
            meta: meta(),
        });
        v.households.push(Household {
            id,
            village_id: "v".into(),
            hamlet_id: format!("hamlet-{}", r.below(6)),
            number: format!("{i}"),
            head_name: format!("KK {i}"),
            address: String::new(),
            meta: meta(),
        });
    }
    // Pregnancies: start anywhere in the window; up to 9 months pregnant, then up to 3 months nifas.
    for i in 0..sizes.pregnancies {
        let hh = format!("hh-{:05}", r.below(hh_count as u64));
        let mother = format!("mother-{i:05}");
        v.mothers.push(Mother { id: mother.clone(), household_id: hh, name: format!("Ibu {i}"), nik: None, birth_date: None, insurance: r.chance(70), meta: meta() });
        let start = shift(first, r.below(sizes.months as u64) as i32);
        let usia0 = 1 + r.below(4) as u32;
        let delivery_ym = shift(start, (9 - usia0) as i32);
        let delivery = day(delivery_ym, 1 + r.below(28) as u32);
        let id = format!("preg-{i:05}");
        let kek = r.chance(15);
        let risti = r.chance(15);
        let miscarriage = r.chance(3);
        v.pregnancies.push(Pregnancy {
            id: id.clone(),
            mother_id: mother,
            kia_number: format!("KIA-{i:05}"),
            posyandu_id: Some(format!("posyandu-{}", r.below(6))),
            kek,
            risti,
            expected_delivery: Some(delivery),
            delivery_date: (delivery_ym <= sizes.last).then_some(delivery),
            end: miscarriage.then(|| EpisodeEnd { date: day(shift(start, 2), 10), reason: EndReason::Miscarriage }),
            meta: meta(),
        });
        let mut ym = start;
        let mut k = 0u32;
        while ym <= sizes.last && k < 12 {
            let date = day(ym, 5 + r.below(20) as u32);
            let post = date >= delivery;
            let status = if r.chance(5) { FormStatus::Draft } else { FormStatus::Final };
            v.pregnancy_visits.push(PregnancyVisit {
                id: format!("pv-{i:05}-{k}"),
                pregnancy_id: id.clone(),
                month: ym,
                visit_date: date,
                status,
                ruleset: "KPM-2019@1.0.0".into(),
                kek: !post && kek && r.chance(80),
                risti: !post && risti,
                gestational_age_months: (!post).then_some((usia0 + k).min(10)),
                antenatal_check: if post { None } else { r.cell(70) },
                iron_tablets: if post { None } else { r.cell(80) },
                iron_tablet_count: if post { None } else { Some(30) },
                postnatal_checks: if post { Some(r.below(3) as u32) } else { None },
                nutrition_counselling: if post { None } else { r.cell(60) },
                home_visit: if post { None } else { r.cell(50) },
                safe_water: r.cell(85),
                latrine: r.cell(75),
                insurance: r.cell(70),
                meta: meta(),
            });
            ym = ym.next();
            k += 1;
        }
    }
    let child = |v: &mut VillageData, r: &mut Rng, id: String, birth: NaiveDate| {
        v.children.push(Child {
            id,
            household_id: format!("hh-{:05}", r.below(hh_count as u64)),
            mother_id: None,
            pregnancy_id: None,
            kia_number: None,
            name: "Anak".into(),
            nik: None,
            nik_temporary: false,
            sex: if r.chance(50) { Sex::Male } else { Sex::Female },
            birth_date: birth,
            birth_date_approximate: false,
            posyandu_id: Some(format!("posyandu-{}", r.below(6))),
            birth_certificate: r.chance(60),
            insurance: r.chance(60),
            end: None,
            meta: meta(),
        });
    };
    // Children 0-23: born so that they are 0-23 months during the last quarter, records since birth.
    for i in 0..sizes.children {
        let birth_ym = shift(sizes.last, -(r.below(24) as i32));
        let birth = day(birth_ym, 1 + r.below(28) as u32);
        let id = format!("child-{i:05}");
        child(&mut v, &mut r, id.clone(), birth);
        if r.chance(2) {
            if let Some(c) = v.children.last_mut() {
                c.end = Some(EpisodeEnd { date: day(sizes.last, 1), reason: EndReason::MovedAway });
            }
        }
        let mut ym = birth_ym.next().max(first);
        let mut k = 0;
        while ym <= sizes.last {
            let date = day(ym, 5 + r.below(20) as u32);
            let Some(age) = completed_months(birth, date) else { ym = ym.next(); continue };
            if age > 23 {
                break;
            }
            let weighed = r.cell(85);
            let measured = r.cell(40);
            if weighed == Some(true) {
                v.measurements.push(Measurement {
                    id: format!("m-{i:05}-{k}"),
                    child_id: id.clone(),
                    date,
                    weight_kg: Some(3.0 + age as f64 * 0.4),
                    length_cm: (measured == Some(true)).then_some(50.0 + age as f64 * 1.5),
                    position: Some(Position::Lying),
                    oedema: false,
                    meta: meta(),
                });
            }
            let status = match r.below(100) {
                0..=79 => NutritionStatus::Normal,
                80..=87 => NutritionStatus::Stunting,
                88..=94 => NutritionStatus::GiziKurang,
                _ => NutritionStatus::GiziBuruk,
            };
            v.child_visits.push(ChildVisit {
                id: format!("cv-{i:05}-{k}"),
                child_id: id.clone(),
                month: ym,
                visit_date: date,
                status: if r.chance(5) { FormStatus::Draft } else { FormStatus::Final },
                ruleset: "KPM-2019@1.0.0".into(),
                reported_nutrition_status: Some(status),
                mat_result: [MatResult::Green, MatResult::Yellow, MatResult::Red, MatResult::NotMeasured][r.below(4) as usize],
                basic_immunization: r.cell(80),
                measles: (age >= 6).then(|| if r.chance(70) { Measles::Done } else { Measles::NotYet }),
                weighed,
                length_measured: measured,
                counselling_father: r.cell(20),
                counselling_mother: r.cell(70),
                home_visit: r.cell(40),
                safe_water: r.cell(85),
                latrine: r.cell(75),
                birth_certificate: r.cell(60),
                insurance: r.cell(60),
                parenting_class: r.cell(50),
                meta: Meta { deleted: r.chance(1), ..meta() },
            });
            ym = ym.next();
            k += 1;
        }
    }
    // PAUD children: 24-83 months, a cell every month of the window.
    for i in 0..sizes.paud {
        let birth_ym = shift(sizes.last, -(30 + r.below(50) as i32));
        let birth = day(birth_ym, 1 + r.below(28) as u32);
        let id = format!("paud-{i:05}");
        child(&mut v, &mut r, id.clone(), birth);
        let mut ym = first;
        let mut k = 0;
        while ym <= sizes.last {
            let cell = match r.below(10) {
                0 => PaudCell::NotEnrolled,
                1 | 2 => PaudCell::Absent,
                _ => PaudCell::Attended,
            };
            v.paud_visits.push(PaudVisit {
                id: format!("dv-{i:05}-{k}"),
                child_id: id.clone(),
                month: ym,
                visit_date: day(ym, 10),
                status: FormStatus::Final,
                ruleset: "KPM-2019@1.0.0".into(),
                cell,
                meta: meta(),
            });
            ym = ym.next();
            k += 1;
        }
    }
    v
}
