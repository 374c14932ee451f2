//! The monthly forms 2A, 2B, 2C as a screen uses them (domain.md 3.2-3.4, architecture.md
//! "Drafts"): the form of a target for a month (which fields apply and why not, pre-fills, the
//! answers saved so far), saving ONE answer at a time as a draft the moment it is entered, and
//! finishing the form. An answer is written into the month's record by its field key (the
//! model's field name, as `FormSpec` names it) through the record's serde form, so the stored
//! codes are exactly the model's. Fields of other records shown on the form (weight and length:
//! `record_measurement`; HPL, delivery date: the register) are refused here with a reason.
//!
//! Unanswered vs default: the model keeps the growth-mat colour, KEK/RISTI and the 2C cell without
//! an "unanswered" state (a new draft holds TD / false / "-", model/observations.rs), so a stored
//! value alone cannot say whether the cadre gave it. `answers` therefore lists such a field only
//! when it is known to be an answer: the form is final, or the value differs from the model's
//! default, or the cadre gave it (the store keeps the given keys of each draft with the answer,
//! store/drafts.rs, so this holds after the app was killed and reopened), or it is the form's only
//! question (2C: the draft exists because of it).

use chrono::NaiveDate;
use serde::{de::DeserializeOwned, Serialize};
use serde_json::Value;

use std::collections::HashSet;

use pantau_core::forms::{child_form_kind, form_for, FieldKind, FieldValue, FormSpec};
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
    /// The answers saved so far. A question not answered yet is absent, also for the fields the
    /// model cannot leave blank (growth-mat colour, KEK/RISTI, 2C cell; see the module header).
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

/// The model's value of every field of a fresh draft: null for the fields it can leave blank, the
/// default (TD, false, "-") for those it cannot.
fn defaults_of<V: Visit>(rec: &V) -> Res<serde_json::Map<String, Value>> {
    json_of(&V::new_draft(
        "",
        rec.month_of(),
        rec.visit_date(),
        String::new(),
    ))
}

/// A new draft with the form's prefills written into the fields the model cannot leave blank
/// (KEK/RISTI from the pregnancy register, forms::pregnancy): their stored value is what a form
/// finished without touching them records, so it must be the register's, never a bare default
/// (a KEK mother would otherwise be recorded as not KEK). Fields with a blank state stay blank:
/// their prefill is only a hint the cadre confirms.
fn new_draft_prefilled<V: Visit>(draft: V, spec: &FormSpec) -> Res<V> {
    let defaults = defaults_of(&draft)?;
    let mut rec = draft;
    for f in spec.fields.iter().filter(|f| f.applies) {
        let no_blank_state = defaults.get(&f.key).is_some_and(|d| !d.is_null());
        if let (true, Some(p)) = (no_blank_state, f.prefill.as_ref()) {
            rec = with_answer(&rec, spec, &f.key, Some(&p.value))?;
        }
    }
    Ok(rec)
}

/// The record's answers (see the module header for the fields without a blank state): `given`
/// holds the keys the cadre gave to this draft (`Store::draft_answers`).
fn answers_of<V: Visit>(rec: &V, spec: &FormSpec, given: &HashSet<String>) -> Res<Vec<Answer>> {
    let obj = json_of(rec)?;
    let defaults = defaults_of(rec)?;
    let on_record = spec
        .fields
        .iter()
        .filter(|f| obj.contains_key(&f.key))
        .count();
    let known = |key: &str, v: &Value| match defaults.get(key) {
        Some(d) if !d.is_null() => {
            rec.status() == FormStatus::Final || v != d || given.contains(key) || on_record == 1
        }
        _ => true,
    };
    Ok(spec
        .fields
        .iter()
        .filter_map(|f| {
            let v = obj.get(&f.key).filter(|v| known(&f.key, v))?;
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
    let defaults = defaults_of(rec)?;
    if !obj.contains_key(key) {
        return Err(bad_arg(
            key,
            "FFI-FIELD-ELSEWHERE",
            "Isian ini dicatat di layar pengukuran atau di data sasaran, bukan di formulir bulanan.",
            "This value is recorded on the measurement screen or the target's register, not on the monthly form.",
        ));
    }
    // Clearing a field without a blank state puts back the model's default (unanswered again).
    let blank = defaults.get(key).cloned().unwrap_or(Value::Null);
    obj.insert(key.to_string(), value.map(to_json).unwrap_or(blank));
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
            Some(r) => answers_of(r, &spec, &self.store.draft_answers(r.id_of())?)?,
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
        let mut rec = match current {
            Some(r) => r,
            None => new_draft_prefilled(V::new_draft(id, month, date, self.rules().stamp()), &spec)?,
        };
        *rec.date_mut() = date;
        let rec = with_answer(&rec, &spec, key, value.as_ref())?;
        let saved = self.store.save_draft_answer(&rec, key, value.is_some())?;
        let ctx = self.context(kind, id)?;
        self.build_form::<V>(&ctx, kind, id, month, Some(date), saved.warnings)
    }

    fn finish_of<V: Visit>(
        &self,
        kind: TargetKind,
        id: &str,
        month: YearMonth,
        visit_date: Option<NaiveDate>,
    ) -> Res<MonthlyForm> {
        let ctx = self.context(kind, id)?;
        let rec: V = Self::current(&ctx, month).ok_or(Fail::NotFound)?;
        // One transaction: the visit date the cadre gives and the final status are validated and
        // written together (a date in the future or outside the month is refused, nothing written).
        let saved = self.store.transaction(|w| {
            let mut form: V = match w.get_any::<V>(rec.id_of())? {
                Some(f) if !f.is_deleted() => f,
                _ => {
                    return Err(StoreError::NotFound {
                        entity: V::TABLE,
                        id: rec.id_of().to_string(),
                    })
                }
            };
            if let Some(date) = visit_date {
                *form.date_mut() = date;
            }
            w.finish_form(form)
        })?;
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

    /// Marks the month's form final with the visit date the cadre gives (`visit_date` None = the
    /// stored one; the app's default is today), validating it again: a date in the future or
    /// outside the month is refused with `InvalidInput` and nothing is written. Warnings come back
    /// in the form.
    pub fn finish_form(
        &self,
        kind: TargetKind,
        target_id: String,
        month: YearMonth,
        visit_date: Option<NaiveDate>,
    ) -> Result<MonthlyForm, PantauError> {
        self.run(|| match kind {
            TargetKind::Pregnancy => {
                self.finish_of::<PregnancyVisit>(kind, &target_id, month, visit_date)
            }
            TargetKind::Child => self.finish_of::<ChildVisit>(kind, &target_id, month, visit_date),
            TargetKind::Paud => self.finish_of::<PaudVisit>(kind, &target_id, month, visit_date),
        })
    }

    /// Which form a target id has in `month`: `Pregnancy` (2A) for a pregnancy; for a child `Child`
    /// (2B) while 0-23 months, `Paud` (2C) from 24 months (domain.md 3.3-3.4,
    /// `forms::child_form_kind`), and `Child` when it has neither that month. `NotFound` for an id
    /// that is neither.
    pub fn target_kind(
        &self,
        target_id: String,
        month: YearMonth,
    ) -> Result<TargetKind, PantauError> {
        self.run(|| {
            match self.store.get::<Pregnancy>(&target_id) {
                Ok(_) => return Ok(TargetKind::Pregnancy),
                Err(StoreError::NotFound { .. }) => {}
                Err(e) => return Err(e.into()),
            }
            let child: Child = self.store.get(&target_id)?;
            Ok(child_form_kind(&child, month).unwrap_or(TargetKind::Child))
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
        let answers = answers_of(&v, &spec, &HashSet::new()).unwrap();
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
        // The growth-mat colour has no blank in the model: clearing it puts back its default.
        let cleared = with_answer(&v, &spec, "mat_result", None).unwrap();
        assert_eq!(cleared.mat_result, MatResult::NotMeasured);
    }

    #[test]
    fn default_visit_date_lies_in_the_month_or_at_its_end() {
        let past = YearMonth::new(2020, 2).unwrap();
        assert_eq!(default_visit_date(past), d(2020, 2, 29));
        let now = YearMonth::of(today_wib());
        assert_eq!(default_visit_date(now), today_wib());
    }

    #[test]
    fn a_default_the_model_cannot_leave_blank_reads_as_unanswered_until_given() {
        let m = YearMonth::new(2025, 6).unwrap();
        let spec = child_form(&child(), &[], m, d(2025, 6, 15));
        let draft = ChildVisit::new_draft("c1", m, d(2025, 6, 15), "KPM-2019@1.0.0".into());
        // A draft made by answering "weighed": the mat colour holds its default TD, not an answer.
        let v = with_answer(
            &draft,
            &spec,
            "weighed",
            Some(&FieldValue::Bool { value: true }),
        )
        .unwrap();
        let keys = |v: &ChildVisit, given: &[&str]| -> Vec<String> {
            let given = given.iter().map(|k| k.to_string()).collect();
            answers_of(v, &spec, &given)
                .unwrap()
                .into_iter()
                .map(|a| a.key)
                .collect()
        };
        assert_eq!(keys(&v, &[]), ["weighed"]);
        // TD given by the cadre is an answer; so is any other colour, and every value once final.
        assert!(keys(&v, &["mat_result"]).contains(&"mat_result".to_string()));
        let red = with_answer(
            &v,
            &spec,
            "mat_result",
            Some(&FieldValue::Code { code: "M".into() }),
        )
        .unwrap();
        assert!(keys(&red, &[]).contains(&"mat_result".to_string()));
        let mut done = v.clone();
        done.status = FormStatus::Final;
        assert!(keys(&done, &[]).contains(&"mat_result".to_string()));
        // An optional answer is an answer whatever its value.
        let no = with_answer(
            &v,
            &spec,
            "weighed",
            Some(&FieldValue::Bool { value: false }),
        )
        .unwrap();
        assert_eq!(keys(&no, &[]), ["weighed"]);
    }

    #[test]
    fn a_new_2a_draft_takes_kek_and_risti_from_the_register() {
        let m = YearMonth::new(2025, 6).unwrap();
        let date = d(2025, 6, 15);
        let preg = |kek: bool, risti: bool| Pregnancy {
            id: "p1".into(),
            mother_id: "m1".into(),
            kia_number: "KIA-1".into(),
            posyandu_id: None,
            kek,
            risti,
            expected_delivery: Some(d(2025, 10, 1)),
            delivery_date: None,
            end: None,
            meta: Meta::default(),
        };
        for (kek, risti) in [(true, false), (false, true), (false, false)] {
            let spec = pantau_core::forms::pregnancy_form(&preg(kek, risti), None, &[], &[], m, date);
            let fresh = PregnancyVisit::new_draft("p1", m, date, "KPM-2019@1.0.0".into());
            let draft = new_draft_prefilled(fresh, &spec).unwrap();
            // A form finished without touching them records the register's flags, not "normal".
            assert_eq!((draft.kek, draft.risti), (kek, risti));
            // Fields with a blank state stay blank (their prefill is a hint only).
            assert_eq!(draft.insurance, None);
        }
    }

    #[test]
    fn kek_and_risti_of_a_new_2a_draft_are_not_answers() {
        let m = YearMonth::new(2025, 6).unwrap();
        let draft = PregnancyVisit::new_draft("p1", m, d(2025, 6, 15), "KPM-2019@1.0.0".into());
        let obj = json_of(&draft).unwrap();
        let defaults = defaults_of(&draft).unwrap();
        // The fields without a blank state are exactly the non-null defaults.
        for key in ["kek", "risti"] {
            assert_eq!(defaults.get(key), obj.get(key));
            assert!(!defaults[key].is_null(), "{key}");
        }
        assert!(defaults["antenatal_check"].is_null());
        let paud = PaudVisit::new_draft("c1", m, d(2025, 6, 15), "KPM-2019@1.0.0".into());
        assert_eq!(
            defaults_of(&paud).unwrap()["cell"],
            Value::String("-".into())
        );
    }
}
