//! The column mapping of each model entity (core/src/model), one `Record` impl per table of
//! schema.rs. Registers that feed the search (mother, child, pregnancy, household) name the
//! targets whose search tokens their writes change (`search_source`).

use rusqlite::types::Value;

use super::record::*;
use super::search::SearchSource;
use crate::model::*;

macro_rules! meta_access {
    () => {
        fn id(&self) -> &str {
            &self.id
        }
        fn meta(&self) -> &Meta {
            &self.meta
        }
        fn meta_mut(&mut self) -> &mut Meta {
            &mut self.meta
        }
    };
}

fn end_values(end: &Option<EpisodeEnd>) -> [Value; 2] {
    match end {
        Some(e) => [date(e.date), code(e.reason.code())],
        None => [Value::Null, Value::Null],
    }
}

pub(crate) fn end_from(c: &mut Cols<'_, '_>) -> rusqlite::Result<Option<EpisodeEnd>> {
    let d = c.opt_date()?;
    let r = c.opt_code(EndReason::from_code)?;
    Ok(match (d, r) {
        (Some(date), Some(reason)) => Some(EpisodeEnd { date, reason }),
        _ => None,
    })
}

impl Record for Village {
    const TABLE: &'static str = "village";
    const COLUMNS: &'static [&'static str] =
        &["code", "name", "kecamatan", "kabupaten", "provinsi"];
    meta_access!();
    fn values(&self) -> Vec<Value> {
        vec![
            text(&self.code),
            text(&self.name),
            text(&self.kecamatan),
            text(&self.kabupaten),
            text(&self.provinsi),
        ]
    }
    fn from_cols(c: &mut Cols<'_, '_>) -> rusqlite::Result<Self> {
        Ok(Village {
            id: c.text()?,
            code: c.text()?,
            name: c.text()?,
            kecamatan: c.text()?,
            kabupaten: c.text()?,
            provinsi: c.text()?,
            meta: c.meta()?,
        })
    }
}

impl Record for Hamlet {
    const TABLE: &'static str = "hamlet";
    const COLUMNS: &'static [&'static str] = &["village_id", "name"];
    meta_access!();
    fn values(&self) -> Vec<Value> {
        vec![text(&self.village_id), text(&self.name)]
    }
    fn from_cols(c: &mut Cols<'_, '_>) -> rusqlite::Result<Self> {
        Ok(Hamlet {
            id: c.text()?,
            village_id: c.text()?,
            name: c.text()?,
            meta: c.meta()?,
        })
    }
}

impl Record for Posyandu {
    const TABLE: &'static str = "posyandu";
    const COLUMNS: &'static [&'static str] = &["village_id", "hamlet_id", "name"];
    meta_access!();
    fn values(&self) -> Vec<Value> {
        vec![
            text(&self.village_id),
            opt_text(&self.hamlet_id),
            text(&self.name),
        ]
    }
    fn from_cols(c: &mut Cols<'_, '_>) -> rusqlite::Result<Self> {
        Ok(Posyandu {
            id: c.text()?,
            village_id: c.text()?,
            hamlet_id: c.opt_text()?,
            name: c.text()?,
            meta: c.meta()?,
        })
    }
}

impl Record for Cadre {
    const TABLE: &'static str = "cadre";
    const COLUMNS: &'static [&'static str] = &["village_id", "name", "phone"];
    meta_access!();
    fn values(&self) -> Vec<Value> {
        vec![
            text(&self.village_id),
            text(&self.name),
            opt_text(&self.phone),
        ]
    }
    fn from_cols(c: &mut Cols<'_, '_>) -> rusqlite::Result<Self> {
        Ok(Cadre {
            id: c.text()?,
            village_id: c.text()?,
            name: c.text()?,
            phone: c.opt_text()?,
            meta: c.meta()?,
        })
    }
}

impl Record for Household {
    const TABLE: &'static str = "household";
    const COLUMNS: &'static [&'static str] =
        &["village_id", "hamlet_id", "number", "head_name", "address"];
    meta_access!();
    fn values(&self) -> Vec<Value> {
        vec![
            text(&self.village_id),
            text(&self.hamlet_id),
            text(&self.number),
            text(&self.head_name),
            text(&self.address),
        ]
    }
    fn from_cols(c: &mut Cols<'_, '_>) -> rusqlite::Result<Self> {
        Ok(Household {
            id: c.text()?,
            village_id: c.text()?,
            hamlet_id: c.text()?,
            number: c.text()?,
            head_name: c.text()?,
            address: c.text()?,
            meta: c.meta()?,
        })
    }
    fn search_source(&self) -> Option<SearchSource<'_>> {
        Some(SearchSource::Household(&self.id))
    }
}

impl Record for HouseholdCondition {
    const TABLE: &'static str = "household_condition";
    const COLUMNS: &'static [&'static str] = &[
        "household_id",
        "effective_from",
        "safe_water",
        "latrine",
        "vulnerable",
    ];
    meta_access!();
    fn values(&self) -> Vec<Value> {
        vec![
            text(&self.household_id),
            month(self.effective_from),
            boolean(self.safe_water),
            boolean(self.latrine),
            boolean(self.vulnerable),
        ]
    }
    fn from_cols(c: &mut Cols<'_, '_>) -> rusqlite::Result<Self> {
        Ok(HouseholdCondition {
            id: c.text()?,
            household_id: c.text()?,
            effective_from: c.month()?,
            safe_water: c.bool()?,
            latrine: c.bool()?,
            vulnerable: c.bool()?,
            meta: c.meta()?,
        })
    }
}

impl Record for Mother {
    const TABLE: &'static str = "mother";
    const COLUMNS: &'static [&'static str] =
        &["household_id", "name", "nik", "birth_date", "insurance"];
    meta_access!();
    fn values(&self) -> Vec<Value> {
        vec![
            text(&self.household_id),
            text(&self.name),
            opt_text(&self.nik),
            opt_date(self.birth_date),
            boolean(self.insurance),
        ]
    }
    fn from_cols(c: &mut Cols<'_, '_>) -> rusqlite::Result<Self> {
        Ok(Mother {
            id: c.text()?,
            household_id: c.text()?,
            name: c.text()?,
            nik: c.opt_text()?,
            birth_date: c.opt_date()?,
            insurance: c.bool()?,
            meta: c.meta()?,
        })
    }
    fn search_source(&self) -> Option<SearchSource<'_>> {
        Some(SearchSource::Mother(&self.id))
    }
}

impl Record for Pregnancy {
    const TABLE: &'static str = "pregnancy";
    const COLUMNS: &'static [&'static str] = &[
        "mother_id",
        "kia_number",
        "posyandu_id",
        "kek",
        "risti",
        "expected_delivery",
        "delivery_date",
        "end_date",
        "end_reason",
    ];
    meta_access!();
    fn values(&self) -> Vec<Value> {
        let mut v = vec![
            text(&self.mother_id),
            text(&self.kia_number),
            opt_text(&self.posyandu_id),
            boolean(self.kek),
            boolean(self.risti),
            opt_date(self.expected_delivery),
            opt_date(self.delivery_date),
        ];
        v.extend(end_values(&self.end));
        v
    }
    fn from_cols(c: &mut Cols<'_, '_>) -> rusqlite::Result<Self> {
        Ok(Pregnancy {
            id: c.text()?,
            mother_id: c.text()?,
            kia_number: c.text()?,
            posyandu_id: c.opt_text()?,
            kek: c.bool()?,
            risti: c.bool()?,
            expected_delivery: c.opt_date()?,
            delivery_date: c.opt_date()?,
            end: end_from(c)?,
            meta: c.meta()?,
        })
    }
    fn search_source(&self) -> Option<SearchSource<'_>> {
        Some(SearchSource::Pregnancy(&self.id))
    }
}

impl Record for Child {
    const TABLE: &'static str = "child";
    const COLUMNS: &'static [&'static str] = &[
        "household_id",
        "mother_id",
        "pregnancy_id",
        "kia_number",
        "name",
        "nik",
        "nik_temporary",
        "sex",
        "birth_date",
        "birth_date_approximate",
        "posyandu_id",
        "birth_certificate",
        "insurance",
        "end_date",
        "end_reason",
    ];
    meta_access!();
    fn values(&self) -> Vec<Value> {
        let mut v = vec![
            text(&self.household_id),
            opt_text(&self.mother_id),
            opt_text(&self.pregnancy_id),
            opt_text(&self.kia_number),
            text(&self.name),
            opt_text(&self.nik),
            boolean(self.nik_temporary),
            code(self.sex.code()),
            date(self.birth_date),
            boolean(self.birth_date_approximate),
            opt_text(&self.posyandu_id),
            boolean(self.birth_certificate),
            boolean(self.insurance),
        ];
        v.extend(end_values(&self.end));
        v
    }
    fn from_cols(c: &mut Cols<'_, '_>) -> rusqlite::Result<Self> {
        Ok(Child {
            id: c.text()?,
            household_id: c.text()?,
            mother_id: c.opt_text()?,
            pregnancy_id: c.opt_text()?,
            kia_number: c.opt_text()?,
            name: c.text()?,
            nik: c.opt_text()?,
            nik_temporary: c.bool()?,
            sex: c.code(Sex::from_code)?,
            birth_date: c.date()?,
            birth_date_approximate: c.bool()?,
            posyandu_id: c.opt_text()?,
            birth_certificate: c.bool()?,
            insurance: c.bool()?,
            end: end_from(c)?,
            meta: c.meta()?,
        })
    }
    fn search_source(&self) -> Option<SearchSource<'_>> {
        Some(SearchSource::Child(&self.id))
    }
}

impl Record for PregnancyVisit {
    const TABLE: &'static str = "pregnancy_visit";
    const COLUMNS: &'static [&'static str] = &[
        "pregnancy_id",
        "month",
        "visit_date",
        "status",
        "ruleset",
        "kek",
        "risti",
        "gestational_age_months",
        "antenatal_check",
        "iron_tablets",
        "iron_tablet_count",
        "postnatal_checks",
        "nutrition_counselling",
        "home_visit",
        "safe_water",
        "latrine",
        "insurance",
    ];
    meta_access!();
    fn values(&self) -> Vec<Value> {
        vec![
            text(&self.pregnancy_id),
            month(self.month),
            date(self.visit_date),
            code(self.status.code()),
            text(&self.ruleset),
            boolean(self.kek),
            boolean(self.risti),
            opt_int(self.gestational_age_months),
            opt_bool(self.antenatal_check),
            opt_bool(self.iron_tablets),
            opt_int(self.iron_tablet_count),
            opt_int(self.postnatal_checks),
            opt_bool(self.nutrition_counselling),
            opt_bool(self.home_visit),
            opt_bool(self.safe_water),
            opt_bool(self.latrine),
            opt_bool(self.insurance),
        ]
    }
    fn from_cols(c: &mut Cols<'_, '_>) -> rusqlite::Result<Self> {
        Ok(PregnancyVisit {
            id: c.text()?,
            pregnancy_id: c.text()?,
            month: c.month()?,
            visit_date: c.date()?,
            status: c.code(FormStatus::from_code)?,
            ruleset: c.text()?,
            kek: c.bool()?,
            risti: c.bool()?,
            gestational_age_months: c.opt_u32()?,
            antenatal_check: c.opt_bool()?,
            iron_tablets: c.opt_bool()?,
            iron_tablet_count: c.opt_u32()?,
            postnatal_checks: c.opt_u32()?,
            nutrition_counselling: c.opt_bool()?,
            home_visit: c.opt_bool()?,
            safe_water: c.opt_bool()?,
            latrine: c.opt_bool()?,
            insurance: c.opt_bool()?,
            meta: c.meta()?,
        })
    }
}

impl Record for ChildVisit {
    const TABLE: &'static str = "child_visit";
    const COLUMNS: &'static [&'static str] = &[
        "child_id",
        "month",
        "visit_date",
        "status",
        "ruleset",
        "reported_nutrition_status",
        "mat_result",
        "basic_immunization",
        "measles",
        "weighed",
        "length_measured",
        "counselling_father",
        "counselling_mother",
        "home_visit",
        "safe_water",
        "latrine",
        "birth_certificate",
        "insurance",
        "parenting_class",
    ];
    meta_access!();
    fn values(&self) -> Vec<Value> {
        vec![
            text(&self.child_id),
            month(self.month),
            date(self.visit_date),
            code(self.status.code()),
            text(&self.ruleset),
            self.reported_nutrition_status
                .map_or(Value::Null, |s| code(s.code())),
            code(self.mat_result.code()),
            opt_bool(self.basic_immunization),
            self.measles.map_or(Value::Null, |m| code(m.code())),
            opt_bool(self.weighed),
            opt_bool(self.length_measured),
            opt_bool(self.counselling_father),
            opt_bool(self.counselling_mother),
            opt_bool(self.home_visit),
            opt_bool(self.safe_water),
            opt_bool(self.latrine),
            opt_bool(self.birth_certificate),
            opt_bool(self.insurance),
            opt_bool(self.parenting_class),
        ]
    }
    fn from_cols(c: &mut Cols<'_, '_>) -> rusqlite::Result<Self> {
        Ok(ChildVisit {
            id: c.text()?,
            child_id: c.text()?,
            month: c.month()?,
            visit_date: c.date()?,
            status: c.code(FormStatus::from_code)?,
            ruleset: c.text()?,
            reported_nutrition_status: c.opt_code(NutritionStatus::from_code)?,
            mat_result: c.code(MatResult::from_code)?,
            basic_immunization: c.opt_bool()?,
            measles: c.opt_code(Measles::from_code)?,
            weighed: c.opt_bool()?,
            length_measured: c.opt_bool()?,
            counselling_father: c.opt_bool()?,
            counselling_mother: c.opt_bool()?,
            home_visit: c.opt_bool()?,
            safe_water: c.opt_bool()?,
            latrine: c.opt_bool()?,
            birth_certificate: c.opt_bool()?,
            insurance: c.opt_bool()?,
            parenting_class: c.opt_bool()?,
            meta: c.meta()?,
        })
    }
}

/// A monthly record or measurement read for the scorecard only (`snapshot::load_quarter_for_rules`):
/// just the columns the convergence engine and the growth module's status derivation read; the
/// others are left blank (empty ruleset and device, empty id except for measurements, whose id
/// orders two of the same day as in `load_quarter`, and registers; zero created_at and version) and such a record
/// is never written back or shown. Only live rows are read this way (`deleted` is not selected). Measured on store_bench: a quarter holds
/// ~12k of these rows, and every column read and every `String` allocated per row showed in the
/// profile (id, ruleset and device id were three of a 2B row's four allocations).
pub(crate) trait RuleColumns: Record {
    /// The selected columns: the target id first for monthly records and measurements, the id
    /// first for registers.
    const RULE_COLUMNS: &'static str;
    fn from_rule_cols(c: &mut Cols<'_, '_>) -> rusqlite::Result<Self>;
}

/// Households as the rules read them (the hamlet breakdown, `convergence::target::Registry`).
impl RuleColumns for Household {
    const RULE_COLUMNS: &'static str = "id, hamlet_id, updated_at";
    fn from_rule_cols(c: &mut Cols<'_, '_>) -> rusqlite::Result<Self> {
        Ok(Household {
            id: c.text()?,
            village_id: String::new(),
            hamlet_id: c.text()?,
            number: String::new(),
            head_name: String::new(),
            address: String::new(),
            meta: rules_meta(c.i64()?),
        })
    }
}

/// Mothers as the rules read them (3A's name and household, Formulir 1's register insurance).
impl RuleColumns for Mother {
    const RULE_COLUMNS: &'static str = "id, household_id, name, insurance, updated_at";
    fn from_rule_cols(c: &mut Cols<'_, '_>) -> rusqlite::Result<Self> {
        Ok(Mother {
            id: c.text()?,
            household_id: c.text()?,
            name: c.text()?,
            nik: None,
            birth_date: None,
            insurance: c.bool()?,
            meta: rules_meta(c.i64()?),
        })
    }
}

fn rules_meta(updated_at: i64) -> Meta {
    Meta { created_at: 0, updated_at, version: 0, deleted: false, device_id: String::new() }
}

impl RuleColumns for ChildVisit {
    const RULE_COLUMNS: &'static str = "child_id, month, visit_date, status, reported_nutrition_status, mat_result, \
        basic_immunization, measles, weighed, length_measured, counselling_father, counselling_mother, home_visit, \
        safe_water, latrine, birth_certificate, insurance, parenting_class, updated_at";
    fn from_rule_cols(c: &mut Cols<'_, '_>) -> rusqlite::Result<Self> {
        let child_id = c.text()?;
        let month = c.month()?;
        let visit_date = c.date()?;
        Ok(ChildVisit {
            id: String::new(),
            child_id,
            month,
            visit_date,
            status: c.code(FormStatus::from_code)?,
            ruleset: String::new(),
            reported_nutrition_status: c.opt_code(NutritionStatus::from_code)?,
            mat_result: c.code(MatResult::from_code)?,
            basic_immunization: c.opt_bool()?,
            measles: c.opt_code(Measles::from_code)?,
            weighed: c.opt_bool()?,
            length_measured: c.opt_bool()?,
            counselling_father: c.opt_bool()?,
            counselling_mother: c.opt_bool()?,
            home_visit: c.opt_bool()?,
            safe_water: c.opt_bool()?,
            latrine: c.opt_bool()?,
            birth_certificate: c.opt_bool()?,
            insurance: c.opt_bool()?,
            parenting_class: c.opt_bool()?,
            meta: rules_meta(c.i64()?),
        })
    }
}

impl RuleColumns for PregnancyVisit {
    const RULE_COLUMNS: &'static str = "pregnancy_id, month, visit_date, status, kek, risti, gestational_age_months, \
        antenatal_check, iron_tablets, iron_tablet_count, postnatal_checks, nutrition_counselling, home_visit, \
        safe_water, latrine, insurance, updated_at";
    fn from_rule_cols(c: &mut Cols<'_, '_>) -> rusqlite::Result<Self> {
        let pregnancy_id = c.text()?;
        let month = c.month()?;
        let visit_date = c.date()?;
        Ok(PregnancyVisit {
            id: String::new(),
            pregnancy_id,
            month,
            visit_date,
            status: c.code(FormStatus::from_code)?,
            ruleset: String::new(),
            kek: c.bool()?,
            risti: c.bool()?,
            gestational_age_months: c.opt_u32()?,
            antenatal_check: c.opt_bool()?,
            iron_tablets: c.opt_bool()?,
            iron_tablet_count: c.opt_u32()?,
            postnatal_checks: c.opt_u32()?,
            nutrition_counselling: c.opt_bool()?,
            home_visit: c.opt_bool()?,
            safe_water: c.opt_bool()?,
            latrine: c.opt_bool()?,
            insurance: c.opt_bool()?,
            meta: rules_meta(c.i64()?),
        })
    }
}

impl RuleColumns for PaudVisit {
    const RULE_COLUMNS: &'static str = "child_id, month, visit_date, status, cell, updated_at";
    fn from_rule_cols(c: &mut Cols<'_, '_>) -> rusqlite::Result<Self> {
        let child_id = c.text()?;
        let month = c.month()?;
        let visit_date = c.date()?;
        Ok(PaudVisit {
            id: String::new(),
            child_id,
            month,
            visit_date,
            status: c.code(FormStatus::from_code)?,
            ruleset: String::new(),
            cell: c.code(PaudCell::from_code)?,
            meta: rules_meta(c.i64()?),
        })
    }
}

impl RuleColumns for Measurement {
    const RULE_COLUMNS: &'static str = "child_id, id, date, weight_kg, length_cm, position, oedema, updated_at";
    fn from_rule_cols(c: &mut Cols<'_, '_>) -> rusqlite::Result<Self> {
        Ok(Measurement {
            child_id: c.text()?,
            id: c.text()?,
            date: c.date()?,
            weight_kg: c.opt_f64()?,
            length_cm: c.opt_f64()?,
            position: c.opt_code(Position::from_code)?,
            oedema: c.bool()?,
            meta: rules_meta(c.i64()?),
        })
    }
}

impl Record for PaudVisit {
    const TABLE: &'static str = "paud_visit";
    const COLUMNS: &'static [&'static str] = &[
        "child_id",
        "month",
        "visit_date",
        "status",
        "ruleset",
        "cell",
    ];
    meta_access!();
    fn values(&self) -> Vec<Value> {
        vec![
            text(&self.child_id),
            month(self.month),
            date(self.visit_date),
            code(self.status.code()),
            text(&self.ruleset),
            code(self.cell.code()),
        ]
    }
    fn from_cols(c: &mut Cols<'_, '_>) -> rusqlite::Result<Self> {
        Ok(PaudVisit {
            id: c.text()?,
            child_id: c.text()?,
            month: c.month()?,
            visit_date: c.date()?,
            status: c.code(FormStatus::from_code)?,
            ruleset: c.text()?,
            cell: c.code(PaudCell::from_code)?,
            meta: c.meta()?,
        })
    }
}

impl Record for Measurement {
    const TABLE: &'static str = "measurement";
    const COLUMNS: &'static [&'static str] = &[
        "child_id",
        "date",
        "weight_kg",
        "length_cm",
        "position",
        "oedema",
    ];
    meta_access!();
    fn values(&self) -> Vec<Value> {
        vec![
            text(&self.child_id),
            date(self.date),
            opt_real(self.weight_kg),
            opt_real(self.length_cm),
            self.position.map_or(Value::Null, |p| code(p.code())),
            boolean(self.oedema),
        ]
    }
    fn from_cols(c: &mut Cols<'_, '_>) -> rusqlite::Result<Self> {
        Ok(Measurement {
            id: c.text()?,
            child_id: c.text()?,
            date: c.date()?,
            weight_kg: c.opt_f64()?,
            length_cm: c.opt_f64()?,
            position: c.opt_code(Position::from_code)?,
            oedema: c.bool()?,
            meta: c.meta()?,
        })
    }
}

impl Record for Note {
    const TABLE: &'static str = "note";
    const COLUMNS: &'static [&'static str] =
        &["target_kind", "target_id", "cadre_id", "date", "text"];
    meta_access!();
    fn values(&self) -> Vec<Value> {
        vec![
            code(self.target_kind.code()),
            text(&self.target_id),
            opt_text(&self.cadre_id),
            date(self.date),
            text(&self.text),
        ]
    }
    fn from_cols(c: &mut Cols<'_, '_>) -> rusqlite::Result<Self> {
        Ok(Note {
            id: c.text()?,
            target_kind: c.code(TargetKind::from_code)?,
            target_id: c.text()?,
            cadre_id: c.opt_text()?,
            date: c.date()?,
            text: c.text()?,
            meta: c.meta()?,
        })
    }
}
