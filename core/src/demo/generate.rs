//! The demo-village generator itself (see `demo` for the rates and guarantees).

use chrono::{Datelike, Duration, NaiveDate, NaiveTime};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::forms::child::{child_row, MEASLES_FROM_MONTHS};
use crate::forms::nik::nik_date_digits;
use crate::forms::paud::paud_row;
use crate::forms::pregnancy::NIFAS_DAYS;
use crate::forms::ranges::{median_length_cm, median_weight_kg, LENGTH_SD_FRACTION, WEIGHT_CV};
use crate::model::*;

use super::names::*;
use super::{VillageSize, DEMO_DEVICE, DEMO_RULESET};

/// Per-household state the generator needs besides the stored rows.
struct Home {
    posyandu: usize,
    water: bool,
    latrine: bool,
    /// Month from which a newly built latrine counts.
    latrine_from: Option<YearMonth>,
}

/// Per-child growth track: persistent length-for-age and weight-for-age z.
struct Track {
    z_len: f64,
    z_wt: f64,
    stunted: bool,
    measles_ok: bool,
    paud_from_months: Option<u32>,
}

pub(super) struct Generator {
    rng: ChaCha8Rng,
    size: VillageSize,
    start: YearMonth,
    end: YearMonth,
    today: NaiveDate,
    region: Region,
    homes: Vec<Home>,
    /// Posyandu day of the month.
    posyandu_day: Vec<u32>,
    nik_serial: u32,
    kia_serial: u32,
    data: VillageData,
}

impl Generator {
    pub fn new(seed: u64, size: &VillageSize, end: YearMonth) -> Self {
        let months = size.months.max(1);
        let mut start = end;
        for _ in 1..months {
            start = start.prev();
        }
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let region = REGIONS[rng.random_range(0..REGIONS.len())];
        Generator {
            rng,
            size: size.clone(),
            start,
            end,
            today: end.last_day(),
            region,
            homes: Vec::new(),
            posyandu_day: Vec::new(),
            nik_serial: 0,
            kia_serial: 0,
            data: VillageData::default(),
        }
    }

    pub fn run(mut self) -> VillageData {
        self.village();
        self.households();
        for _ in 0..self.size.pregnancies {
            self.pregnancy();
        }
        let born_in_window = self.data.children.len() as u32;
        for _ in born_in_window..self.size.children_0_23 {
            let back = self.rng.random_range(0..=700);
            let birth = self.today - Duration::days(back);
            self.child(birth, None);
        }
        for _ in 0..self.size.paud_children {
            // 24-83 completed months on `today`: between 731 and ~2550 days old, re-drawn if outside.
            let birth = loop {
                let b = self.today - Duration::days(self.rng.random_range(731..=2550));
                if completed_months(b, self.today).is_some_and(|m| (24..=83).contains(&m)) {
                    break b;
                }
            };
            self.child(birth, None);
        }
        self.data
    }

    // ---- small helpers -------------------------------------------------------------

    fn id(&mut self) -> Id {
        let bytes: [u8; 16] = self.rng.random();
        uuid::Builder::from_random_bytes(bytes).into_uuid().to_string()
    }

    /// Meta for a row entered on `date`, between 08:00 and 15:00 WIB (UTC+7).
    fn meta(&mut self, date: NaiveDate) -> Meta {
        let t = NaiveTime::from_hms_opt(1, 0, 0).unwrap_or_default();
        let base = date.and_time(t).and_utc().timestamp_millis();
        let ms = base + self.rng.random_range(0..7 * 3600) * 1000;
        Meta::new(ms, DEMO_DEVICE)
    }

    fn chance(&mut self, p: f64) -> bool {
        self.rng.random_bool(p.clamp(0.0, 1.0))
    }

    fn pick(&mut self, list: &'static [&'static str]) -> &'static str {
        list[self.rng.random_range(0..list.len())]
    }

    /// Standard normal (Box-Muller).
    fn normal(&mut self) -> f64 {
        let u1: f64 = self.rng.random_range(f64::EPSILON..1.0);
        let u2: f64 = self.rng.random();
        (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
    }

    fn date_between(&mut self, a: NaiveDate, b: NaiveDate) -> NaiveDate {
        if b <= a {
            return a;
        }
        a + Duration::days(self.rng.random_range(0..=(b - a).num_days()))
    }

    fn female_name(&mut self) -> String {
        let first = self.pick(FEMALE);
        if self.chance(0.55) {
            format!("{first} {}", self.pick(FEMALE_SECOND))
        } else {
            first.to_string()
        }
    }

    fn male_name(&mut self) -> String {
        let first = self.pick(MALE);
        if self.chance(0.6) {
            format!("{first} {}", self.pick(SECOND))
        } else {
            first.to_string()
        }
    }

    /// A NIK registered in this kecamatan (85 %) or elsewhere in the kabupaten.
    fn nik(&mut self, birth: NaiveDate, sex: Sex) -> String {
        self.nik_serial = self.nik_serial % 9999 + 1;
        let kec = if self.chance(0.85) { self.region.kecamatan_code } else { self.rng.random_range(1..=30) };
        format!("{:02}{:02}{:02}{}{:04}", self.region.province_code, self.region.kabupaten_code, kec, nik_date_digits(birth, sex), self.nik_serial)
    }

    fn kia(&mut self, year: i32) -> String {
        self.kia_serial += 1;
        format!("KIA-{year}-{:04}", self.kia_serial)
    }

    /// A visit on the posyandu's day of the month, give or take two days.
    fn visit_date(&mut self, posyandu: usize, month: YearMonth) -> NaiveDate {
        let last = month.last_day().day() as i64;
        let day = (self.posyandu_day[posyandu] as i64 + self.rng.random_range(-2..=2)).clamp(1, last);
        month.first_day() + Duration::days(day - 1)
    }

    fn condition(&self, home: usize, month: YearMonth) -> (bool, bool) {
        let h = &self.homes[home];
        (h.water, h.latrine || h.latrine_from.is_some_and(|m| m <= month))
    }

    /// The month's answer for a household attribute: the register value, 3 % of the time the other.
    fn answer(&mut self, register: bool) -> Option<bool> {
        Some(if self.chance(0.03) { !register } else { register })
    }

    fn months(&self) -> Vec<YearMonth> {
        let mut out = Vec::new();
        let mut m = self.start;
        while m <= self.end {
            out.push(m);
            m = m.next();
        }
        out
    }

    // ---- registers -----------------------------------------------------------------

    fn village(&mut self) {
        let Region { province: prov, province_code: pc, kabupaten: kab, kabupaten_code: kc, kecamatan: kec, kecamatan_code: cc, desa, desa_code: dc } =
            self.region;
        let created = self.start.first_day();
        let village_id = self.id();
        let meta = self.meta(created);
        self.data.village = Some(Village {
            id: village_id.clone(),
            code: format!("{pc:02}.{kc:02}.{cc:02}.{dc:04}"),
            name: desa.to_string(),
            kecamatan: kec.to_string(),
            kabupaten: kab.to_string(),
            provinsi: prov.to_string(),
            meta,
        });
        let n_hamlets = self.rng.random_range(4..=6);
        let first = self.rng.random_range(0..HAMLETS.len());
        for i in 0..n_hamlets {
            let id = self.id();
            let meta = self.meta(created);
            self.data.hamlets.push(Hamlet {
                id,
                village_id: village_id.clone(),
                name: format!("Dusun {}", HAMLETS[(first + i) % HAMLETS.len()]),
                meta,
            });
        }
        let n_posyandu = self.rng.random_range(5..=8usize).max(n_hamlets);
        for i in 0..n_posyandu {
            let id = self.id();
            let meta = self.meta(created);
            let hamlet = i % n_hamlets;
            self.data.posyandu.push(Posyandu {
                id,
                village_id: village_id.clone(),
                hamlet_id: Some(self.data.hamlets[hamlet].id.clone()),
                name: format!("Posyandu {} {}", POSYANDU[i % POSYANDU.len()], if i >= POSYANDU.len() { "II" } else { "" })
                    .trim_end()
                    .to_string(),
                meta,
            });
            let day = self.rng.random_range(5..=25);
            self.posyandu_day.push(day);
        }
        let n_cadres = self.rng.random_range(1..=2);
        for name in CADRES.iter().take(n_cadres) {
            let id = self.id();
            let meta = self.meta(created);
            let phone = format!("08{}{:08}", self.rng.random_range(11..=59), self.rng.random_range(0..100_000_000u32));
            self.data.cadres.push(Cadre { id, village_id: village_id.clone(), name: name.to_string(), phone: Some(phone), meta });
        }
    }

    fn households(&mut self) {
        let village_id = self.data.village.as_ref().map(|v| v.id.clone()).unwrap_or_default();
        let n_hamlets = self.data.hamlets.len();
        let n_posyandu = self.data.posyandu.len();
        let created = self.start.first_day();
        let months = self.months();
        for i in 0..self.size.households as usize {
            let hamlet = self.rng.random_range(0..n_hamlets);
            // The hamlet's posyandu (posyandu i serves hamlet i % n_hamlets).
            let options: Vec<usize> = (0..n_posyandu).filter(|p| p % n_hamlets == hamlet).collect();
            let posyandu = options[self.rng.random_range(0..options.len())];
            let id = self.id();
            let head = self.male_name();
            let rt = self.rng.random_range(1..=8);
            let rw = hamlet + 1;
            let meta = self.meta(created);
            self.data.households.push(Household {
                id: id.clone(),
                village_id: village_id.clone(),
                hamlet_id: self.data.hamlets[hamlet].id.clone(),
                number: format!("{:04}", i + 1),
                head_name: head,
                address: format!("{} RT {rt:02}/RW {rw:02}", self.data.hamlets[hamlet].name),
                meta,
            });
            let water = self.chance(0.85);
            let latrine = self.chance(0.75);
            let vulnerable = self.chance(0.15);
            let cid = self.id();
            let meta = self.meta(created);
            self.data.household_conditions.push(HouseholdCondition {
                id: cid,
                household_id: id.clone(),
                effective_from: self.start,
                safe_water: water,
                latrine,
                vulnerable,
                meta,
            });
            // Some households build a latrine during the window (Dana Desa sanitation programme).
            let mut latrine_from = None;
            if !latrine && months.len() > 2 && self.chance(0.3) {
                let m = months[self.rng.random_range(1..months.len())];
                let cid = self.id();
                let meta = self.meta(m.first_day());
                self.data.household_conditions.push(HouseholdCondition {
                    id: cid,
                    household_id: id,
                    effective_from: m,
                    safe_water: water,
                    latrine: true,
                    vulnerable,
                    meta,
                });
                latrine_from = Some(m);
            }
            self.homes.push(Home { posyandu, water, latrine, latrine_from });
        }
    }

    /// A mother living in `home`, aged 18-40 at `at`.
    fn mother(&mut self, home: usize, at: NaiveDate) -> usize {
        let birth = at - Duration::days(self.rng.random_range(18 * 365..=40 * 365));
        let nik = if self.chance(0.92) { Some(self.nik(birth, Sex::Female)) } else { None };
        let id = self.id();
        let name = self.female_name();
        let insurance = self.chance(0.72);
        let meta = self.meta(at.max(self.start.first_day()).min(self.today));
        self.data.mothers.push(Mother {
            id,
            household_id: self.data.households[home].id.clone(),
            name,
            nik,
            birth_date: Some(birth),
            insurance,
            meta,
        });
        self.data.mothers.len() - 1
    }

    // ---- pregnancies and 2A --------------------------------------------------------

    fn pregnancy(&mut self) {
        let window_start = self.start.first_day();
        // Last menstrual period: early enough to overlap the window, late enough to be visited once.
        let lmp = self.date_between(window_start - Duration::days(240), self.today - Duration::days(75));
        let hpl = lmp + Duration::days(280);
        let home = self.rng.random_range(0..self.homes.len());
        let m = self.mother(home, lmp);
        let posyandu = self.homes[home].posyandu;
        let kek = self.chance(0.08);
        let risti = self.chance(0.07);

        let mut end = None;
        let mut delivery = None;
        if self.chance(0.04) {
            let d = lmp + Duration::days(self.rng.random_range(70..=140));
            if d <= self.today {
                end = Some(EpisodeEnd { date: d, reason: EndReason::Miscarriage });
            }
        }
        if end.is_none() {
            let d = hpl + Duration::days(((self.normal() * 8.0).round() as i64).clamp(-20, 14));
            if d <= self.today {
                delivery = Some(d);
            }
            if self.chance(0.02) {
                let last = delivery.map_or(self.today, |d| d.min(self.today));
                let moved = self.date_between(lmp + Duration::days(75), last);
                if moved <= self.today && moved >= lmp + Duration::days(75) {
                    end = Some(EpisodeEnd { date: moved, reason: EndReason::MovedAway });
                    if delivery.is_some_and(|d| d > moved) {
                        delivery = None;
                    }
                }
            }
        }
        let registered = (lmp + Duration::days(60)).clamp(window_start, self.today);
        let id = self.id();
        let kia = self.kia(registered.year());
        let meta = self.meta(registered);
        let p = Pregnancy {
            id: id.clone(),
            mother_id: self.data.mothers[m].id.clone(),
            kia_number: kia.clone(),
            posyandu_id: Some(self.data.posyandu[posyandu].id.clone()),
            kek,
            risti,
            expected_delivery: Some(hpl),
            delivery_date: delivery,
            end: end.clone(),
            meta,
        };
        self.data.pregnancies.push(p);

        for month in self.months() {
            if month.last_day() < lmp + Duration::days(45) {
                continue;
            }
            if let Some(d) = delivery {
                if month.first_day() > d + Duration::days(NIFAS_DAYS) {
                    break;
                }
            }
            if end.as_ref().is_some_and(|e| YearMonth::of(e.date) < month) {
                break;
            }
            if !self.chance(0.88) {
                continue; // a missed month
            }
            let mut visit = self.visit_date(posyandu, month);
            if let Some(e) = &end {
                if visit > e.date {
                    visit = e.date;
                }
            }
            if visit > self.today || !month.contains(visit) || visit <= lmp {
                continue;
            }
            let post = delivery.is_some_and(|d| visit >= d);
            let (water, latrine) = self.condition(home, month);
            let insurance = self.data.mothers[m].insurance;
            let meta = self.meta(visit);
            let mut v = PregnancyVisit {
                id: pregnancy_visit_id(&id, month),
                pregnancy_id: id.clone(),
                month,
                visit_date: visit,
                status: FormStatus::Final,
                ruleset: DEMO_RULESET.into(),
                safe_water: self.answer(water),
                latrine: self.answer(latrine),
                insurance: Some(insurance),
                meta,
                ..Default::default()
            };
            if post {
                let r: f64 = self.rng.random();
                v.postnatal_checks = Some(if r < 0.15 {
                    0
                } else if r < 0.6 {
                    1
                } else if r < 0.9 {
                    2
                } else {
                    3
                });
            } else {
                v.kek = kek;
                v.risti = risti;
                // Completed months since the LMP = the month the HPL implies (A.10 window holds).
                let g = ((visit - lmp).num_days() as f64 / 30.4375).floor() as u32;
                v.gestational_age_months = Some(g.clamp(1, 10));
                v.antenatal_check = Some(self.chance(0.8));
                let fe = self.chance(0.78);
                v.iron_tablets = Some(fe);
                if fe {
                    let days = month.last_day().day();
                    v.iron_tablet_count = Some(self.rng.random_range(15..=days));
                }
                v.nutrition_counselling = Some(self.chance(0.65));
                v.home_visit = Some(self.chance(if kek || risti { 0.85 } else { 0.25 }));
            }
            self.data.pregnancy_visits.push(v);
        }

        if let Some(d) = delivery {
            let ended = end.as_ref().is_some_and(|e| e.date < d);
            if !ended && (self.data.children.len() as u32) < self.size.children_0_23 {
                self.child(d, Some((m, self.data.pregnancies.len() - 1, home)));
            }
        }
    }

    // ---- children, 2B, 2C, measurements -------------------------------------------

    /// A child born on `birth`; `from` = (mother, pregnancy, home) when born from a registered pregnancy.
    fn child(&mut self, birth: NaiveDate, from: Option<(usize, usize, usize)>) {
        let (mother, pregnancy, home) = match from {
            Some((m, p, h)) => (Some(m), Some(p), h),
            None => {
                let home = self.rng.random_range(0..self.homes.len());
                let age = completed_months(birth, self.today).unwrap_or(0);
                let m = if age < 24 || self.chance(0.7) { Some(self.mother(home, birth)) } else { None };
                (m, None, home)
            }
        };
        let sex = if self.chance(0.51) { Sex::Male } else { Sex::Female };
        let name = if sex == Sex::Male { self.male_name() } else { self.female_name() };
        let age_now = completed_months(birth, self.today).unwrap_or(0);
        let mother_nik = mother.and_then(|m| self.data.mothers[m].nik.clone());
        let r: f64 = self.rng.random();
        let (nik, temporary) = if age_now < 3 {
            match &mother_nik {
                Some(mn) if r < 0.5 => (Some(format!("{mn}{}", self.rng.random_range(1..=9))), true),
                _ if r < 0.7 => (Some(self.nik(birth, sex)), false),
                _ => (None, false),
            }
        } else if r < 0.85 {
            (Some(self.nik(birth, sex)), false)
        } else if let (true, Some(mn)) = (r < 0.92, &mother_nik) {
            // Some children keep the temporary NIK for months (A.9: "replaced later").
            (Some(format!("{mn}{}", self.rng.random_range(1..=9))), true)
        } else {
            (None, false)
        };
        let kia_number = match pregnancy {
            Some(p) => Some(self.data.pregnancies[p].kia_number.clone()),
            None if age_now < 24 || self.chance(0.3) => Some(self.kia(birth.year())),
            None => None,
        };
        let birth_certificate = self.chance(if age_now < 24 { 0.4 + age_now as f64 * 0.025 } else { 0.85 });
        let insurance = self.chance(0.7);
        let end = if self.chance(0.025) && birth + Duration::days(15) < self.today {
            let date = self.date_between(birth + Duration::days(15), self.today);
            let reason = if self.chance(0.3) { EndReason::Died } else { EndReason::MovedAway };
            Some(EpisodeEnd { date, reason })
        } else {
            None
        };
        let stunted = self.chance(0.2);
        let z_len = if stunted { self.rng.random_range(-3.4..-2.15) } else { self.rng.random_range(-1.8..1.3) };
        let z_wt = (0.6 * z_len + 0.5 * self.normal()).clamp(-3.5, 2.5);
        let track = Track {
            z_len,
            z_wt,
            stunted,
            measles_ok: self.chance(0.9),
            paud_from_months: if self.chance(0.9) { Some(self.rng.random_range(24..=42)) } else { None },
        };
        let posyandu = self.homes[home].posyandu;
        let id = self.id();
        let meta = self.meta(birth.max(self.start.first_day()).min(self.today));
        let child = Child {
            id,
            household_id: self.data.households[home].id.clone(),
            mother_id: mother.map(|m| self.data.mothers[m].id.clone()),
            pregnancy_id: pregnancy.map(|p| self.data.pregnancies[p].id.clone()),
            kia_number,
            name,
            nik,
            nik_temporary: temporary,
            sex,
            birth_date: birth,
            birth_date_approximate: false,
            posyandu_id: Some(self.data.posyandu[posyandu].id.clone()),
            birth_certificate,
            insurance,
            end,
            meta,
        };
        self.child_months(&child, home, &track);
        self.data.children.push(child);
    }

    fn child_months(&mut self, c: &Child, home: usize, t: &Track) {
        for month in self.months() {
            if month < YearMonth::of(c.birth_date) {
                continue;
            }
            if c.end.as_ref().is_some_and(|e| YearMonth::of(e.date) < month) {
                break;
            }
            let posyandu = self.homes[home].posyandu;
            let mut visit = self.visit_date(posyandu, month);
            if visit < c.birth_date {
                visit = self.date_between(c.birth_date, month.last_day().min(self.today));
            }
            if let Some(e) = &c.end {
                visit = visit.min(e.date);
            }
            if visit > self.today || visit < c.birth_date || !month.contains(visit) {
                continue;
            }
            if child_row(c, month, visit).is_ok() && self.chance(0.88) {
                self.child_visit(c, home, t, month, visit);
            }
            if let Ok(age) = paud_row(c, month) {
                let cell = match t.paud_from_months {
                    Some(from) if age >= from => {
                        if self.chance(0.82) {
                            PaudCell::Attended
                        } else {
                            PaudCell::Absent
                        }
                    }
                    _ => PaudCell::NotEnrolled,
                };
                let meta = self.meta(visit);
                self.data.paud_visits.push(PaudVisit {
                    id: paud_visit_id(&c.id, month),
                    child_id: c.id.clone(),
                    month,
                    visit_date: visit,
                    status: FormStatus::Final,
                    ruleset: DEMO_RULESET.into(),
                    cell,
                    meta,
                });
            }
        }
    }

    fn child_visit(&mut self, c: &Child, home: usize, t: &Track, month: YearMonth, visit: NaiveDate) {
        let age = completed_months(c.birth_date, visit).unwrap_or(0);
        let weighed = self.chance(0.85);
        // Length is measured at the February and August bulan timbang, now and then otherwise.
        let measured = self.chance(if month.month == 2 || month.month == 8 { 0.85 } else { 0.2 });
        if weighed || measured {
            let age_f = (visit - c.birth_date).num_days() as f64 / 30.4375;
            let zw = t.z_wt + 0.1 * self.normal();
            let zl = t.z_len + 0.08 * self.normal();
            let weight = weighed.then(|| round1(median_weight_kg(c.sex, age_f) * (zw * WEIGHT_CV).exp()));
            let length = measured.then(|| round1(median_length_cm(c.sex, age_f) * (1.0 + zl * LENGTH_SD_FRACTION)));
            let meta = self.meta(visit);
            self.data.measurements.push(Measurement {
                id: measurement_id(&c.id, visit),
                child_id: c.id.clone(),
                date: visit,
                weight_kg: weight,
                length_cm: length,
                position: measured.then_some(Position::Lying),
                oedema: false,
                meta,
            });
        }
        let mat = if measured {
            let true_colour = if t.z_len < -2.0 {
                MatResult::Red
            } else if t.z_len < -1.0 {
                MatResult::Yellow
            } else {
                MatResult::Green
            };
            // The mat is read by eye: one reading in ten lands on the neighbouring colour.
            if self.chance(0.1) {
                match true_colour {
                    MatResult::Red | MatResult::Green => MatResult::Yellow,
                    _ if self.chance(0.5) => MatResult::Red,
                    _ => MatResult::Green,
                }
            } else {
                true_colour
            }
        } else {
            MatResult::NotMeasured
        };
        let measles = if age < MEASLES_FROM_MONTHS {
            None
        } else if age >= 9 && t.measles_ok {
            Some(Measles::Done)
        } else {
            Some(Measles::NotYet)
        };
        let reported = (!measured && self.chance(0.1))
            .then_some(if t.stunted { NutritionStatus::Stunting } else { NutritionStatus::Normal });
        let (water, latrine) = self.condition(home, month);
        let meta = self.meta(visit);
        let v = ChildVisit {
            id: child_visit_id(&c.id, month),
            child_id: c.id.clone(),
            month,
            visit_date: visit,
            status: FormStatus::Final,
            ruleset: DEMO_RULESET.into(),
            reported_nutrition_status: reported,
            mat_result: mat,
            basic_immunization: Some(self.chance(0.88)),
            measles,
            weighed: Some(weighed),
            length_measured: Some(measured),
            counselling_father: Some(self.chance(0.12)),
            counselling_mother: Some(self.chance(0.75)),
            home_visit: Some(self.chance(if t.stunted { 0.55 } else { 0.08 })),
            safe_water: self.answer(water),
            latrine: self.answer(latrine),
            birth_certificate: Some(c.birth_certificate),
            insurance: Some(c.insurance),
            parenting_class: Some(self.chance(0.4)),
            meta,
        };
        self.data.child_visits.push(v);
    }
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}
