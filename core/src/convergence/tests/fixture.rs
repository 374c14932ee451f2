//! Builders for convergence tests: a small village and terse monthly records.

use chrono::NaiveDate;

use crate::model::*;

pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

pub fn q(y: i32, n: u32) -> Quarter {
    Quarter::new(y, n).unwrap()
}

/// v / x / blank from a char: 'v' = Some(true), 'x' = Some(false), anything else None.
pub fn c(ch: char) -> Option<bool> {
    match ch {
        'v' => Some(true),
        'x' => Some(false),
        _ => None,
    }
}

pub struct Village {
    pub data: VillageData,
    n: u32,
}

impl Village {
    pub fn new() -> Village {
        let mut data = VillageData::default();
        data.village = Some(crate::model::Village {
            id: "v".into(),
            code: "33.02.01.2001".into(),
            name: "Sukamaju".into(),
            kecamatan: "K".into(),
            kabupaten: "B".into(),
            provinsi: "P".into(),
            meta: Meta::default(),
        });
        for h in ["h1", "h2"] {
            data.hamlets.push(Hamlet { id: h.into(), village_id: "v".into(), name: format!("Dusun {h}"), meta: Meta::default() });
        }
        data.posyandu.push(Posyandu { id: "py1".into(), village_id: "v".into(), hamlet_id: Some("h1".into()), name: "Melati".into(), meta: Meta::default() });
        Village { data, n: 0 }
    }

    fn next(&mut self, prefix: &str) -> String {
        self.n += 1;
        format!("{prefix}{}", self.n)
    }

    pub fn household(&mut self, hamlet: &str) -> String {
        let id = self.next("hh");
        self.data.households.push(Household {
            id: id.clone(),
            village_id: "v".into(),
            hamlet_id: hamlet.into(),
            number: id.clone(),
            head_name: "Kepala".into(),
            address: String::new(),
            meta: Meta::default(),
        });
        id
    }

    /// A pregnancy (with a new mother and household) and its id.
    pub fn pregnancy(&mut self, kia: &str, delivery: Option<NaiveDate>) -> String {
        let hh = self.household("h1");
        let mother = self.next("m");
        self.data.mothers.push(Mother {
            id: mother.clone(),
            household_id: hh,
            name: format!("Ibu {kia}"),
            nik: None,
            birth_date: None,
            insurance: true,
            meta: Meta::default(),
        });
        self.data.pregnancies.push(Pregnancy {
            id: kia.into(),
            mother_id: mother,
            kia_number: kia.into(),
            posyandu_id: Some("py1".into()),
            kek: false,
            risti: false,
            expected_delivery: None,
            delivery_date: delivery,
            end: None,
            meta: Meta::default(),
        });
        kia.into()
    }

    pub fn child(&mut self, id: &str, birth: NaiveDate) -> String {
        let hh = self.household("h2");
        self.data.children.push(Child {
            id: id.into(),
            household_id: hh,
            mother_id: None,
            pregnancy_id: None,
            kia_number: Some(id.into()),
            name: format!("Anak {id}"),
            nik: None,
            nik_temporary: false,
            sex: Sex::Female,
            birth_date: birth,
            birth_date_approximate: false,
            posyandu_id: None,
            birth_certificate: true,
            insurance: true,
            end: None,
            meta: Meta::default(),
        });
        id.into()
    }

    /// A 2A record; `marks` = ANC, Fe, konseling, kunjungan, air, jamban, JKN as v/x/_ chars.
    pub fn pv(&mut self, preg: &str, date: NaiveDate, usia: Option<u32>, kek: bool, risti: bool, marks: &str, nifas: Option<u32>) -> &mut PregnancyVisit {
        let m: Vec<Option<bool>> = marks.chars().map(c).collect();
        let id = self.next("pv");
        self.data.pregnancy_visits.push(PregnancyVisit {
            id,
            pregnancy_id: preg.into(),
            month: YearMonth::of(date),
            visit_date: date,
            status: FormStatus::Final,
            ruleset: "KPM-2019@1.0.0".into(),
            kek,
            risti,
            gestational_age_months: usia,
            antenatal_check: m[0],
            iron_tablets: m[1],
            iron_tablet_count: if m[1] == Some(true) { Some(30) } else { None },
            postnatal_checks: nifas,
            nutrition_counselling: m[2],
            home_visit: m[3],
            safe_water: m[4],
            latrine: m[5],
            insurance: m[6],
            meta: Meta::default(),
        });
        self.data.pregnancy_visits.last_mut().unwrap()
    }

    /// A 2B record; `marks` = dasar, BB, TB, konseling ayah, konseling ibu, kunjungan, air, jamban, akta, JKN, pengasuhan.
    pub fn cv(&mut self, child: &str, date: NaiveDate, marks: &str) -> &mut ChildVisit {
        let m: Vec<Option<bool>> = marks.chars().map(c).collect();
        let id = self.next("cv");
        self.data.child_visits.push(ChildVisit {
            id,
            child_id: child.into(),
            month: YearMonth::of(date),
            visit_date: date,
            status: FormStatus::Final,
            ruleset: "KPM-2019@1.0.0".into(),
            reported_nutrition_status: Some(NutritionStatus::Normal),
            mat_result: MatResult::NotMeasured,
            basic_immunization: m[0],
            measles: None,
            weighed: m[1],
            length_measured: m[2],
            counselling_father: m[3],
            counselling_mother: m[4],
            home_visit: m[5],
            safe_water: m[6],
            latrine: m[7],
            birth_certificate: m[8],
            insurance: m[9],
            parenting_class: m[10],
            meta: Meta::default(),
        });
        self.data.child_visits.last_mut().unwrap()
    }

    pub fn paud(&mut self, child: &str, date: NaiveDate, cell: PaudCell) {
        let id = self.next("dv");
        self.data.paud_visits.push(PaudVisit {
            id,
            child_id: child.into(),
            month: YearMonth::of(date),
            visit_date: date,
            status: FormStatus::Final,
            ruleset: "KPM-2019@1.0.0".into(),
            cell,
            meta: Meta::default(),
        });
    }
}
