//! Helpers for the store's integration tests, crash test and benchmark: scratch directories and
//! a small deterministic village generator (households, mothers, pregnancies, children and their
//! monthly forms and measurements) used until `pantau_core::demo::generate_village` is on main.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use pantau_core::model::*;

/// A scratch directory removed on drop.
pub struct TempDir(PathBuf);

impl TempDir {
    pub fn new(tag: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!("pantau-{tag}-{}", new_id()));
        std::fs::create_dir_all(&dir).expect("create temp dir");
        TempDir(dir)
    }
    pub fn path(&self) -> &Path {
        &self.0
    }
    pub fn join(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A tiny deterministic random source (xorshift64*), enough for test data and crash timing.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

const FIRST: &[&str] = &[
    "Siti", "Nur", "Sri", "Dewi", "Ani", "Rina", "Yuli", "Wati", "Lestari", "Ayu", "Fitri", "Rahayu", "Indah", "Putri",
    "Aisyah", "Zahra", "Nurul", "Desi", "Eka", "Fatimah", "Désirée", "Inès",
];
const CHILD: &[&str] = &[
    "Ahmad", "Muhammad", "Budi", "Rizky", "Fajar", "Dimas", "Bayu", "Adit", "Nabila", "Aulia", "Keisha", "Salsabila",
    "Rafi", "Kevin", "Alya", "Naura", "Fauzi", "Hafiz", "Zaki", "Chloé",
];
const LAST: &[&str] = &[
    "Wulandari", "Susanti", "Handayani", "Pratiwi", "Kurniawati", "Setiawan", "Hidayat", "Saputra", "Nugroho", "Santoso",
    "Lestari", "Rahmawati", "Anggraini", "Maharani", "Nur'aini",
];

fn pick<'a>(rng: &mut Rng, list: &[&'a str]) -> &'a str {
    list[rng.below(list.len() as u64) as usize]
}

fn meta() -> Meta {
    Meta::new(1_700_000_000_000, "generator")
}

fn date_in(m: YearMonth, rng: &mut Rng) -> NaiveDate {
    let day = 1 + rng.below(u64::from(m.last_day().format("%d").to_string().parse::<u32>().unwrap_or(28))) as u32;
    NaiveDate::from_ymd_opt(m.year, m.month, day).unwrap_or(m.first_day())
}

/// A village of `households` households with about 1.8 targets each, and `months` months of
/// monthly forms ending with `last` (the issue's benchmark village: 1,000 households, 24 months).
pub fn generate_village(households: u32, last: YearMonth, months: u32, seed: u64) -> VillageData {
    let mut rng = Rng::new(seed);
    let mut v = VillageData::default();
    let first = (0..months.saturating_sub(1)).fold(last, |m, _| m.prev());
    let village = Village {
        id: new_id(),
        code: "33.02.01.2001".into(),
        name: "Sukamaju".into(),
        kecamatan: "Sumbang".into(),
        kabupaten: "Banyumas".into(),
        provinsi: "Jawa Tengah".into(),
        meta: meta(),
    };
    for h in 0..6 {
        let hamlet = Hamlet { id: new_id(), village_id: village.id.clone(), name: format!("Dusun {}", h + 1), meta: meta() };
        v.posyandu.push(Posyandu {
            id: new_id(),
            village_id: village.id.clone(),
            hamlet_id: Some(hamlet.id.clone()),
            name: format!("Posyandu Melati {}", h + 1),
            meta: meta(),
        });
        v.hamlets.push(hamlet);
    }
    v.cadres.push(Cadre { id: new_id(), village_id: village.id.clone(), name: "Kader Utama".into(), phone: None, meta: meta() });
    let ruleset = "KPM-2019@1".to_string();
    for n in 0..households {
        let hi = (n as usize) % v.hamlets.len();
        let hamlet_id = v.hamlets[hi].id.clone();
        let posyandu_id = v.posyandu[hi].id.clone();
        let household = Household {
            id: new_id(),
            village_id: village.id.clone(),
            hamlet_id,
            number: format!("RT{:02}/{:03}", hi + 1, n + 1),
            head_name: format!("{} {}", pick(&mut rng, CHILD), pick(&mut rng, LAST)),
            address: format!("Jl. Mawar {}", n + 1),
            meta: meta(),
        };
        v.household_conditions.push(HouseholdCondition {
            id: new_id(),
            household_id: household.id.clone(),
            effective_from: first,
            safe_water: rng.chance(80),
            latrine: rng.chance(70),
            vulnerable: rng.chance(20),
            meta: meta(),
        });
        let mother = Mother {
            id: new_id(),
            household_id: household.id.clone(),
            name: format!("{} {}", pick(&mut rng, FIRST), pick(&mut rng, LAST)),
            nik: rng.chance(90).then(|| format!("3302{:02}{:06}{:04}", 1 + rng.below(20), 100000 + rng.below(800000), n % 10000)),
            birth_date: NaiveDate::from_ymd_opt(1985 + rng.below(18) as i32, 1 + rng.below(12) as u32, 1 + rng.below(28) as u32),
            insurance: rng.chance(70),
            meta: meta(),
        };
        // A current or recent pregnancy in about 27% of households.
        if rng.chance(27) {
            let hpl_month = (0..rng.below(u64::from(months) + 3)).fold(last.next().next(), |m, _| m.prev());
            let hpl = date_in(hpl_month, &mut rng);
            let delivered = (hpl <= last.last_day()).then_some(hpl);
            let p = Pregnancy {
                id: new_id(),
                mother_id: mother.id.clone(),
                kia_number: format!("KIA-{:05}", n + 1),
                posyandu_id: Some(posyandu_id.clone()),
                kek: rng.chance(15),
                risti: rng.chance(10),
                expected_delivery: Some(hpl),
                delivery_date: delivered,
                end: None,
                meta: meta(),
            };
            let mut m = (0..9).fold(hpl_month, |m, _| m.prev());
            while m <= hpl_month.next() && m <= last {
                if m >= first && rng.chance(85) {
                    let after = delivered.is_some_and(|d| d <= m.last_day());
                    v.pregnancy_visits.push(PregnancyVisit {
                        id: new_id(),
                        pregnancy_id: p.id.clone(),
                        month: m,
                        visit_date: date_in(m, &mut rng),
                        status: FormStatus::Final,
                        ruleset: ruleset.clone(),
                        kek: p.kek,
                        risti: p.risti,
                        gestational_age_months: (!after).then(|| (9 - (hpl_month.index() - m.index())).clamp(1, 10) as u32),
                        antenatal_check: (!after).then(|| rng.chance(80)),
                        iron_tablets: (!after).then(|| rng.chance(75)),
                        iron_tablet_count: None,
                        postnatal_checks: after.then(|| rng.below(3) as u32),
                        nutrition_counselling: (!after).then(|| rng.chance(60)),
                        home_visit: (!after).then(|| rng.chance(50)),
                        safe_water: Some(rng.chance(80)),
                        latrine: Some(rng.chance(70)),
                        insurance: Some(mother.insurance),
                        meta: meta(),
                    });
                }
                m = m.next();
            }
            v.pregnancies.push(p);
        }
        // 0-3 children aged 0-6 years at the last month (about 1.5 per household).
        let kids = [0, 1, 1, 2, 2, 3][rng.below(6) as usize];
        for _ in 0..kids {
            let age_months = rng.below(84) as i32;
            let birth_month = (0..age_months).fold(last, |m, _| m.prev());
            let birth = date_in(birth_month, &mut rng);
            let child = Child {
                id: new_id(),
                household_id: household.id.clone(),
                mother_id: Some(mother.id.clone()),
                pregnancy_id: None,
                kia_number: None,
                name: format!("{} {}", pick(&mut rng, CHILD), pick(&mut rng, LAST)),
                nik: rng.chance(60).then(|| format!("3302{:012}", rng.below(1_000_000_000_000))),
                nik_temporary: false,
                sex: if rng.chance(50) { Sex::Male } else { Sex::Female },
                birth_date: birth,
                birth_date_approximate: false,
                posyandu_id: Some(posyandu_id.clone()),
                birth_certificate: rng.chance(60),
                insurance: rng.chance(70),
                end: None,
                meta: meta(),
            };
            let mut m = first.max(birth_month);
            let mut weight = 3.2 + rng.below(10) as f64 / 10.0;
            let mut length = 49.0 + rng.below(30) as f64 / 10.0;
            while m <= last {
                let age = completed_months(birth, m.last_day()).unwrap_or(0);
                if age <= 23 && rng.chance(90) {
                    let date = date_in(m, &mut rng).max(birth);
                    weight += 0.2 + rng.below(40) as f64 / 100.0;
                    length += 0.5 + rng.below(15) as f64 / 10.0;
                    v.measurements.push(Measurement {
                        id: new_id(),
                        child_id: child.id.clone(),
                        date,
                        weight_kg: Some((weight * 10.0).round() / 10.0),
                        length_cm: Some((length * 10.0).round() / 10.0),
                        position: Some(Position::Lying),
                        oedema: false,
                        meta: meta(),
                    });
                    v.child_visits.push(ChildVisit {
                        id: new_id(),
                        child_id: child.id.clone(),
                        month: m,
                        visit_date: date,
                        status: FormStatus::Final,
                        ruleset: ruleset.clone(),
                        reported_nutrition_status: None,
                        mat_result: MatResult::Green,
                        basic_immunization: Some(rng.chance(90)),
                        measles: (age >= 9).then_some(Measles::Done),
                        weighed: Some(true),
                        length_measured: Some(true),
                        counselling_father: Some(rng.chance(20)),
                        counselling_mother: Some(rng.chance(70)),
                        home_visit: Some(rng.chance(30)),
                        safe_water: Some(rng.chance(80)),
                        latrine: Some(rng.chance(70)),
                        birth_certificate: Some(child.birth_certificate),
                        insurance: Some(child.insurance),
                        parenting_class: Some(rng.chance(40)),
                        meta: meta(),
                    });
                } else if (24..=83).contains(&age) && rng.chance(80) {
                    v.paud_visits.push(PaudVisit {
                        id: new_id(),
                        child_id: child.id.clone(),
                        month: m,
                        visit_date: date_in(m, &mut rng),
                        status: FormStatus::Final,
                        ruleset: ruleset.clone(),
                        cell: if rng.chance(70) { PaudCell::Attended } else { PaudCell::Absent },
                        meta: meta(),
                    });
                }
                m = m.next();
            }
            v.children.push(child);
        }
        v.mothers.push(mother);
        v.households.push(household);
    }
    v.village = Some(village);
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_village_has_the_issue_shape() {
        let last = YearMonth::new(2025, 12).unwrap();
        let v = generate_village(100, last, 24, 7);
        assert_eq!(v.households.len(), 100);
        let targets = v.pregnancies.len() + v.children.len();
        assert!((120..=240).contains(&targets), "{targets}");
        assert!(v.child_visits.iter().all(|c| c.month.contains(c.visit_date)));
        assert!(v.pregnancy_visits.iter().all(|c| c.month <= last));
    }
}
