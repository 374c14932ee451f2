//! The monthly forms 2A, 2B, 2C as a screen uses them (domain.md 3.2-3.4, architecture.md
//! "Drafts"): the form of a target for a month (which fields apply and why not, pre-fills, the
//! answers saved so far), saving ONE answer at a time as a draft the moment it is entered, and
//! finishing the form. An answer is written into the month's record by its field key (the
//! model's field name, as `FormSpec` names it) through the record's serde form, so the stored
//! codes are exactly the model's. Fields of other records shown on the form (weight and length:
//! `record_measurement`; HPL, delivery date: the register) are refused here with a reason.

use chrono::NaiveDate;
use serde::{de::DeserializeOwned, Serialize};
use serde_json::Value;

use pantau_core::forms::{form_for, FieldKind, FieldValue, FormSpec};
use pantau_core::model::*;
use pantau_core::store::{MonthlyForm as StoredForm, StoreError, TargetCard as StoreCard};

use crate::error::{bad_arg, Fail, Res};
use crate::{Pantau, PantauError};

/// One saved answer of a form: the field key and its value.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Answer {
    pub key: String,
    pub value: FieldValue,
}

/// A target's form for one month, as the form screen shows it.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct MonthlyForm {
    /// Fields in paper order, whether each applies this month and why not, pre-fills.
    pub spec: FormSpec,
    /// The month's stored record, once the first answer was saved.
    pub record_id: Option<String>,
    /// None until the first answer is saved; Draft while filling; Final when finished.
    pub status: Option<FormStatus>,
    pub visit_date: NaiveDate,
    /// The rule set the record was (or will be) entered under.
    pub ruleset: String,
    /// The answers saved so far (fields left blank are absent).
    pub answers: Vec<Answer>,
    /// Warnings of the last save (saved anyway, shown to the cadre).
    pub warnings: Vec<Issue>,
}

/// What the three monthly record types share for the form flow.
pub(crate) trait Visit: StoredForm + Serialize + DeserializeOwned {
    fn month_of(&self) -> YearMonth;
    fn date_mut(&mut self) -> &mut NaiveDate;
    fn visit_date(&self) -> NaiveDate;
    fn id_of(&self) -> &str;
    fn is_deleted(&self) -> bool;
    fn ruleset_of(&self) -> &str;
    fn new_draft(target_id: &str, month: YearMonth, visit_date: NaiveDate, ruleset: String)
        -> Self;
    fn of_card(card: &StoreCard) -> &[Self];
}

macro_rules! visit_common {
    () => {
        fn month_of(&self) -> YearMonth {
            self.month
        }
        fn date_mut(&mut self) -> &mut NaiveDate {
            &mut self.visit_date
        }
        fn visit_date(&self) -> NaiveDate {
            self.visit_date
        }
        fn id_of(&self) -> &str {
            &self.id
        }
        fn is_deleted(&self) -> bool {
            self.meta.deleted
        }
        fn ruleset_of(&self) -> &str {
            &self.ruleset
        }
    };
}

impl Visit for PregnancyVisit {
    visit_common!();
    fn new_draft(
        target_id: &str,
        month: YearMonth,
        visit_date: NaiveDate,
        ruleset: String,
    ) -> Self {
        PregnancyVisit {
            // Natural id (docs/adr/0005-natural-ids.md): a month deleted and filled in again
            // revives the same record as a new version.
            id: pregnancy_visit_id(target_id, month),
            pregnancy_id: target_id.into(),
            month,
            visit_date,
            ruleset,
            ..Default::default()
        }
    }
    fn of_card(card: &StoreCard) -> &[Self] {
        &card.pregnancy_visits
    }
}

impl Visit for ChildVisit {
    visit_common!();
    fn new_draft(
        target_id: &str,
        month: YearMonth,
        visit_date: NaiveDate,
        ruleset: String,
    ) -> Self {
        ChildVisit {
            // Natural id (docs/adr/0005-natural-ids.md): a month deleted and filled in again
            // revives the same record as a new version.
            id: child_visit_id(target_id, month),
            child_id: target_id.into(),
            month,
            visit_date,
            ruleset,
            ..Default::default()
        }
    }
    fn of_card(card: &StoreCard) -> &[Self] {
        &card.child_visits
    }
}

impl Visit for PaudVisit {
    visit_common!();
    fn new_draft(
        target_id: &str,
        month: YearMonth,
        visit_date: NaiveDate,
        ruleset: String,
    ) -> Self {
        PaudVisit {
            // Natural id (docs/adr/0005-natural-ids.md): a month deleted and filled in again
            // revives the same record as a new version.
            id: paud_visit_id(target_id, month),
            child_id: target_id.into(),
            month,
            visit_date,
            status: FormStatus::Draft,
            ruleset,
            cell: PaudCell::NotEnrolled,
            meta: Meta::default(),
        }
    }
    fn of_card(card: &StoreCard) -> &[Self] {
        &card.paud_visits
    }
}

/// The stored registers a form is computed from: the store's card of the target plus its
/// household's conditions (pre-fill of water and latrine, domain.md 2.3).
pub(crate) struct Context {
    pub card: StoreCard,
    pub conditions: Vec<HouseholdCondition>,
}

impl Context {
    pub(crate) fn data(&self) -> VillageData {
        let c = &self.card;
        VillageData {
            households: c.household.iter().cloned().collect(),
            household_conditions: self.conditions.clone(),
            mothers: c.mother.iter().cloned().collect(),
            pregnancies: c.pregnancy.iter().cloned().collect(),
            children: c.child.iter().cloned().collect(),
            pregnancy_visits: c.pregnancy_visits.clone(),
            child_visits: c.child_visits.clone(),
            paud_visits: c.paud_visits.clone(),
            measurements: c.measurements.clone(),
            ..VillageData::default()
        }
    }
}

/// Today's date in western Indonesia (UTC+7), the default visit date.
pub(crate) fn today_wib() -> NaiveDate {
    (chrono::Utc::now() + chrono::Duration::hours(7)).date_naive()
}

/// The visit date used when none is given or stored: today if inside the month, else the month's
/// last day (a late entry for a past month) or first day (a future month; refused on save).
fn default_visit_date(month: YearMonth) -> NaiveDate {
    let today = today_wib();
    if month.contains(today) {
        today
    } else if month.last_day() < today {
        month.last_day()
    } else {
        month.first_day()
    }
}

fn to_json(v: &FieldValue) -> Value {
    match v {
        FieldValue::Bool { value } => Value::Bool(*value),
        FieldValue::Count { value } => Value::from(*value),
        FieldValue::Code { code } => Value::String(code.clone()),
        FieldValue::Number { value } => {
            serde_json::Number::from_f64(*value).map_or(Value::Null, Value::Number)
        }
        FieldValue::Date { value } => Value::String(value.format("%Y-%m-%d").to_string()),
    }
}

fn from_json(v: &Value, kind: &FieldKind) -> Option<FieldValue> {
    match (kind, v) {
        (FieldKind::YesNo, Value::Bool(b)) => Some(FieldValue::Bool { value: *b }),
        (FieldKind::Count { .. }, Value::Number(n)) => {
            n.as_u64().map(|n| FieldValue::Count { value: n as u32 })
        }
        (FieldKind::Choice { .. }, Value::String(s)) => Some(FieldValue::Code { code: s.clone() }),
        (FieldKind::Number { .. }, Value::Number(n)) => {
            n.as_f64().map(|value| FieldValue::Number { value })
        }
        (FieldKind::Date, Value::String(s)) => NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .ok()
            .map(|value| FieldValue::Date { value }),
        _ => None,
    }
}

fn json_of<V: Serialize>(rec: &V) -> Res<serde_json::Map<String, Value>> {
    match serde_json::to_value(rec).map_err(StoreError::from)? {
        Value::Object(m) => Ok(m),
        _ => Err(StoreError::Json(serde::ser::Error::custom("record is not an object")).into()),
    }
}

fn answers_of<V: Serialize>(rec: &V, spec: &FormSpec) -> Res<Vec<Answer>> {
    let obj = json_of(rec)?;
    Ok(spec
        .fields
        .iter()
        .filter_map(|f| {
            let v = obj.get(&f.key)?;
            from_json(v, &f.kind).map(|value| Answer {
                key: f.key.clone(),
                value,
            })
        })
        .collect())
}

/// Writes one answer into the record by its key; refuses keys that are not this record's.
fn with_answer<V: Visit>(
    rec: &V,
    spec: &FormSpec,
    key: &str,
    value: Option<&FieldValue>,
) -> Res<V> {
    if spec.field(key).is_none() {
        return Err(bad_arg(
            key,
            "FFI-FIELD-UNKNOWN",
            "Isian ini tidak ada di formulir ini.",
            "This field is not on this form.",
        ));
    }
    let mut obj = json_of(rec)?;
    if !obj.contains_key(key) {
        return Err(bad_arg(
            key,
            "FFI-FIELD-ELSEWHERE",
            "Isian ini dicatat di layar pengukuran atau di data sasaran, bukan di formulir bulanan.",
            "This value is recorded on the measurement screen or the target's register, not on the monthly form.",
        ));
    }
    obj.insert(key.to_string(), value.map(to_json).unwrap_or(Value::Null));
    serde_json::from_value(Value::Object(obj)).map_err(|_| {
        bad_arg(
            key,
            "FFI-FIELD-VALUE",
            "Jenis jawaban tidak cocok dengan isian ini.",
            "The kind of answer does not fit this field.",
        )
    })
}

impl Pantau {
    /// The target's stored card (computed for `quarter`) and its household's conditions.
    pub(crate) fn context_in(
        &self,
        kind: TargetKind,
        target_id: &str,
        quarter: Quarter,
    ) -> Res<Context> {
        let card = self.store.target_card(kind, target_id, quarter)?;
        let conditions = match &card.household {
            Some(h) => self
                .store
                .all::<HouseholdCondition>()?
                .into_iter()
                .filter(|c| c.household_id == h.id)
                .collect(),
            None => Vec::new(),
        };
        Ok(Context { card, conditions })
    }

    pub(crate) fn context(&self, kind: TargetKind, target_id: &str) -> Res<Context> {
        self.context_in(kind, target_id, YearMonth::of(today_wib()).quarter())
    }

    fn current<V: Visit>(ctx: &Context, month: YearMonth) -> Option<V> {
        V::of_card(&ctx.card)
            .iter()
            .find(|v| v.month_of() == month && !v.is_deleted())
            .cloned()
    }

    fn build_form<V: Visit>(
        &self,
        ctx: &Context,
        kind: TargetKind,
        target_id: &str,
        month: YearMonth,
        visit_date: Option<NaiveDate>,
        warnings: Vec<Issue>,
    ) -> Res<MonthlyForm> {
        let rec: Option<V> = Self::current(ctx, month);
        let date = visit_date
            .or(rec.as_ref().map(|r| r.visit_date()))
            .unwrap_or_else(|| default_visit_date(month));
        let spec =
            form_for(&ctx.data(), kind, target_id, month, date).map_err(|_| Fail::NotFound)?;
        let answers = match &rec {
            Some(r) => answers_of(r, &spec)?,
            None => Vec::new(),
        };
        Ok(MonthlyForm {
            record_id: rec.as_ref().map(|r| r.id_of().to_string()),
            status: rec.as_ref().map(|r| r.status()),
            visit_date: date,
            ruleset: rec
                .as_ref()
                .map_or_else(|| self.rules().stamp(), |r| r.ruleset_of().to_string()),
            answers,
            warnings,
            spec,
        })
    }

    fn form_of<V: Visit>(
        &self,
        kind: TargetKind,
        id: &str,
        month: YearMonth,
        date: Option<NaiveDate>,
    ) -> Res<MonthlyForm> {
        let ctx = self.context(kind, id)?;
        self.build_form::<V>(&ctx, kind, id, month, date, Vec::new())
    }

    fn answer_of<V: Visit>(
        &self,
        kind: TargetKind,
        id: &str,
        month: YearMonth,
        date: Option<NaiveDate>,
        key: &str,
        value: Option<FieldValue>,
    ) -> Res<MonthlyForm> {
        let ctx = self.context(kind, id)?;
        let current: Option<V> = Self::current(&ctx, month);
        let date = date
            .or(current.as_ref().map(|r| r.visit_date()))
            .unwrap_or_else(|| default_visit_date(month));
        let spec = form_for(&ctx.data(), kind, id, month, date).map_err(|_| Fail::NotFound)?;
        let mut rec =
            current.unwrap_or_else(|| V::new_draft(id, month, date, self.rules().stamp()));
        *rec.date_mut() = date;
        let rec = with_answer(&rec, &spec, key, value.as_ref())?;
        let saved = self.store.save_draft(&rec)?;
        let ctx = self.context(kind, id)?;
        self.build_form::<V>(&ctx, kind, id, month, Some(date), saved.warnings)
    }

    fn finish_of<V: Visit>(
        &self,
        kind: TargetKind,
        id: &str,
        month: YearMonth,
    ) -> Res<MonthlyForm> {
        let ctx = self.context(kind, id)?;
        let rec: V = Self::current(&ctx, month).ok_or(Fail::NotFound)?;
        let saved = self.store.finish::<V>(rec.id_of())?;
        let ctx = self.context(kind, id)?;
        self.build_form::<V>(&ctx, kind, id, month, None, saved.warnings)
    }
}

#[uniffi::export]
impl Pantau {
    /// The form of `kind` (2A pregnancy, 2B child, 2C PAUD) for a target and month: which fields
    /// apply (and why not), pre-fills, and the answers saved so far. `visit_date` None = the stored
    /// one, else today when inside the month, else the month's last day.
    pub fn monthly_form(
        &self,
        kind: TargetKind,
        target_id: String,
        month: YearMonth,
        visit_date: Option<NaiveDate>,
    ) -> Result<MonthlyForm, PantauError> {
        self.run(|| match kind {
            TargetKind::Pregnancy => {
                self.form_of::<PregnancyVisit>(kind, &target_id, month, visit_date)
            }
            TargetKind::Child => self.form_of::<ChildVisit>(kind, &target_id, month, visit_date),
            TargetKind::Paud => self.form_of::<PaudVisit>(kind, &target_id, month, visit_date),
        })
    }

    /// Saves one answer the moment it is entered (None clears it): the month's record is created
    /// as a draft on the first answer and stays a draft until `finish_form` (a finished form that is
    /// edited becomes a draft again). Returns the form again, since an answer may change what
    /// applies. Refused answers raise `InvalidInput` and leave the stored record as it was.
    pub fn save_answer(
        &self,
        kind: TargetKind,
        target_id: String,
        month: YearMonth,
        visit_date: Option<NaiveDate>,
        key: String,
        value: Option<FieldValue>,
    ) -> Result<MonthlyForm, PantauError> {
        self.run(|| match kind {
            TargetKind::Pregnancy => {
                self.answer_of::<PregnancyVisit>(kind, &target_id, month, visit_date, &key, value)
            }
            TargetKind::Child => {
                self.answer_of::<ChildVisit>(kind, &target_id, month, visit_date, &key, value)
            }
            TargetKind::Paud => {
                self.answer_of::<PaudVisit>(kind, &target_id, month, visit_date, &key, value)
            }
        })
    }

    /// Marks the month's form final after validating it again; warnings come back in the form.
    pub fn finish_form(
        &self,
        kind: TargetKind,
        target_id: String,
        month: YearMonth,
    ) -> Result<MonthlyForm, PantauError> {
        self.run(|| match kind {
            TargetKind::Pregnancy => self.finish_of::<PregnancyVisit>(kind, &target_id, month),
            TargetKind::Child => self.finish_of::<ChildVisit>(kind, &target_id, month),
            TargetKind::Paud => self.finish_of::<PaudVisit>(kind, &target_id, month),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pantau_core::forms::child_form;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn child() -> Child {
        Child {
            id: "c1".into(),
            household_id: "h1".into(),
            mother_id: None,
            pregnancy_id: None,
            kia_number: None,
            name: "Ayu".into(),
            nik: None,
            nik_temporary: false,
            sex: Sex::Female,
            birth_date: d(2024, 12, 10),
            birth_date_approximate: false,
            posyandu_id: None,
            birth_certificate: false,
            insurance: false,
            end: None,
            meta: Meta::default(),
        }
    }

    fn rule(f: Fail) -> String {
        match f {
            Fail::Invalid(i) => i.rule,
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn an_answer_is_written_by_key_with_the_model_codes_and_read_back() {
        let m = YearMonth::new(2025, 6).unwrap();
        let spec = child_form(&child(), &[], m, d(2025, 6, 15));
        let v = ChildVisit::new_draft("c1", m, d(2025, 6, 15), "KPM-2019@1.0.0".into());
        let v = with_answer(
            &v,
            &spec,
            "mat_result",
            Some(&FieldValue::Code { code: "K".into() }),
        )
        .unwrap();
        let v = with_answer(
            &v,
            &spec,
            "weighed",
            Some(&FieldValue::Bool { value: true }),
        )
        .unwrap();
        let v = with_answer(
            &v,
            &spec,
            "measles",
            Some(&FieldValue::Code {
                code: "SUDAH".into(),
            }),
        )
        .unwrap();
        assert_eq!(v.mat_result, MatResult::Yellow);
        assert_eq!(v.weighed, Some(true));
        assert_eq!(v.measles, Some(Measles::Done));
        let answers = answers_of(&v, &spec).unwrap();
        assert!(answers.contains(&Answer {
            key: "weighed".into(),
            value: FieldValue::Bool { value: true }
        }));
        assert!(answers.contains(&Answer {
            key: "mat_result".into(),
            value: FieldValue::Code { code: "K".into() }
        }));
        // None clears an optional answer.
        let v = with_answer(&v, &spec, "weighed", None).unwrap();
        assert_eq!(v.weighed, None);
    }

    #[test]
    fn keys_and_values_that_do_not_fit_are_refused_with_their_rule() {
        let m = YearMonth::new(2025, 6).unwrap();
        let spec = child_form(&child(), &[], m, d(2025, 6, 15));
        let v = ChildVisit::new_draft("c1", m, d(2025, 6, 15), "KPM-2019@1.0.0".into());
        let yes = FieldValue::Bool { value: true };
        assert_eq!(
            rule(with_answer(&v, &spec, "id", Some(&yes)).unwrap_err()),
            "FFI-FIELD-UNKNOWN"
        );
        assert_eq!(
            rule(with_answer(&v, &spec, "child_id", Some(&yes)).unwrap_err()),
            "FFI-FIELD-UNKNOWN"
        );
        let kg = FieldValue::Number { value: 7.0 };
        assert_eq!(
            rule(with_answer(&v, &spec, "weight_kg", Some(&kg)).unwrap_err()),
            "FFI-FIELD-ELSEWHERE"
        );
        let code = FieldValue::Code { code: "H".into() };
        assert_eq!(
            rule(with_answer(&v, &spec, "weighed", Some(&code)).unwrap_err()),
            "FFI-FIELD-VALUE"
        );
        let bad = FieldValue::Code {
            code: "PURPLE".into(),
        };
        assert_eq!(
            rule(with_answer(&v, &spec, "mat_result", Some(&bad)).unwrap_err()),
            "FFI-FIELD-VALUE"
        );
        // The growth-mat colour is never blank in the model.
        assert_eq!(
            rule(with_answer(&v, &spec, "mat_result", None).unwrap_err()),
            "FFI-FIELD-VALUE"
        );
    }

    #[test]
    fn default_visit_date_lies_in_the_month_or_at_its_end() {
        let past = YearMonth::new(2020, 2).unwrap();
        assert_eq!(default_visit_date(past), d(2020, 2, 29));
        let now = YearMonth::of(today_wib());
        assert_eq!(default_visit_date(now), today_wib());
    }
}
