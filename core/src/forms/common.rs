//! Rules shared by the three monthly forms (domain.md 11 "Monthly data entry", A.10):
//! the visit date lies in the record's month and not in the future, one record per target per
//! month, no record after the episode's end. Also the small builders the form modules share.

use chrono::NaiveDate;

use crate::model::{EndReason, EpisodeEnd, Issue, Text, YearMonth};

use super::spec::{ChoiceOption, FieldKind, FieldSpec, FieldValue, Prefill, PrefillSource};

/// Format a date the Indonesian way (dd-mm-yyyy) for messages. Only dates the cadre typed for
/// the record itself (visit date, today) appear in messages; a person's birth date, HPL,
/// delivery or end date never do (no personal data in messages, like names and NIKs).
pub(crate) fn fmt_date(d: NaiveDate) -> String {
    d.format("%d-%m-%Y").to_string()
}

pub(crate) fn end_reason_text(reason: EndReason) -> Text {
    match reason {
        EndReason::MovedAway => Text::new("pindah", "moved away"),
        EndReason::Died => Text::new("meninggal", "died"),
        EndReason::Miscarriage => Text::new("keguguran", "miscarriage"),
    }
}

/// Why a target has no row in `month` because its episode ended before that month
/// (A.10 Episodes: "never after its end"). The month of the end itself still applies.
pub(crate) fn ended_before(end: Option<&EpisodeEnd>, month: YearMonth) -> Option<Text> {
    let end = end?;
    if YearMonth::of(end.date) < month {
        let r = end_reason_text(end.reason);
        Some(Text::new(
            format!("Sasaran sudah keluar ({}) sebelum bulan ini; tidak ada pemantauan sesudahnya.", r.id),
            format!("The target left the programme ({}) before this month; no monitoring after that.", r.en),
        ))
    } else {
        None
    }
}

/// Visit date checks shared by 2A/2B/2C: inside the month (V-VISIT-MONTH), not in the future
/// (V-VISIT-FUTURE), not after the episode's end (V-VISIT-ENDED).
pub(crate) fn check_visit_date(
    month: YearMonth,
    visit_date: NaiveDate,
    today: NaiveDate,
    end: Option<&EpisodeEnd>,
    issues: &mut Vec<Issue>,
) {
    if !month.contains(visit_date) {
        issues.push(Issue::error(
            "visit_date",
            "V-VISIT-MONTH",
            Text::new(
                format!("Tanggal kunjungan {} tidak berada di bulan {}.", fmt_date(visit_date), month_label(month).id),
                format!("Visit date {} is not in {}.", fmt_date(visit_date), month_label(month).en),
            ),
        ));
    }
    if visit_date > today {
        issues.push(Issue::error(
            "visit_date",
            "V-VISIT-FUTURE",
            Text::new(
                format!("Tanggal kunjungan {} belum terjadi (hari ini {}).", fmt_date(visit_date), fmt_date(today)),
                format!("Visit date {} is in the future (today is {}).", fmt_date(visit_date), fmt_date(today)),
            ),
        ));
    }
    if let Some(end) = end {
        if visit_date > end.date {
            let r = end_reason_text(end.reason);
            issues.push(Issue::error(
                "visit_date",
                "V-VISIT-ENDED",
                Text::new(
                    format!("Tanggal kunjungan sesudah tanggal sasaran keluar ({}).", r.id),
                    format!("The visit date is after the target left the programme ({}).", r.en),
                ),
            ));
        }
    }
}

/// One record per target per month (A.10; an edit replaces, so the record's own id is not a clash).
/// `others` are `(id, month, deleted)` of the target's other records.
pub(crate) fn check_one_per_month<'a>(
    own_id: &str,
    month: YearMonth,
    others: impl Iterator<Item = (&'a str, YearMonth, bool)>,
    issues: &mut Vec<Issue>,
) {
    let clash = others.into_iter().any(|(id, m, deleted)| !deleted && id != own_id && m == month);
    if clash {
        issues.push(Issue::error(
            "month",
            "V-VISIT-DUP",
            Text::new(
                format!("Sasaran ini sudah punya catatan untuk bulan {}; ubah catatan itu.", month_label(month).id),
                format!("This target already has a record for {}; edit that record instead.", month_label(month).en),
            ),
        ));
    }
}

const MONTHS_ID: [&str; 12] =
    ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"];
const MONTHS_EN: [&str; 12] =
    ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/// "Maret 2025" / "March 2025".
pub fn month_label(m: YearMonth) -> Text {
    let i = (m.month.clamp(1, 12) - 1) as usize;
    Text::new(format!("{} {}", MONTHS_ID[i], m.year), format!("{} {}", MONTHS_EN[i], m.year))
}

/// "Field not asked this month must stay empty" (domain.md 2.2 blank cell; 11).
pub(crate) fn not_applicable_filled(rule: &str, key: &str, label: &Text, why: &Text) -> Issue {
    Issue::error(
        key,
        rule,
        Text::new(
            format!("Isian \"{}\" tidak berlaku bulan ini dan harus kosong: {}", label.id, why.id),
            format!("\"{}\" does not apply this month and must be empty: {}", label.en, why.en),
        ),
    )
}

/// Builder for a field spec.
pub(crate) struct F {
    pub spec: FieldSpec,
}

impl F {
    pub fn new(key: &str, column: &str, label: Text, question: &str, kind: FieldKind) -> Self {
        F {
            spec: FieldSpec {
                key: key.into(),
                column: column.into(),
                label,
                question: question.into(),
                kind,
                applies: true,
                reason: None,
                enabled_when: None,
                prefill: None,
            },
        }
    }
    pub fn yes_no(key: &str, column: &str, label: Text, question: &str) -> Self {
        F::new(key, column, label, question, FieldKind::YesNo)
    }
    pub fn unless(mut self, why: Option<&Text>) -> Self {
        if let Some(w) = why {
            self.spec.applies = false;
            self.spec.reason = Some(w.clone());
        }
        self
    }
    pub fn when(mut self, key: &str) -> Self {
        self.spec.enabled_when = Some(key.into());
        self
    }
    pub fn prefill(mut self, value: Option<FieldValue>, source: PrefillSource) -> Self {
        // Nothing is pre-filled into a field that is not asked.
        if self.spec.applies || matches!(self.spec.kind, FieldKind::Date | FieldKind::Derived) {
            self.spec.prefill = value.map(|value| Prefill { value, source });
        }
        self
    }
    pub fn done(self) -> FieldSpec {
        self.spec
    }
}

pub(crate) fn options(list: &[(&str, &str, &str)]) -> FieldKind {
    FieldKind::Choice {
        options: list.iter().map(|(c, id, en)| ChoiceOption { code: (*c).into(), label: Text::new(*id, *en) }).collect(),
    }
}

pub(crate) fn bool_value(b: bool) -> Option<FieldValue> {
    Some(FieldValue::Bool { value: b })
}

/// The household condition in force in `month`: the latest non-deleted one with
/// `effective_from <= month` (domain.md 2.3 [I]: attributes with history).
pub fn condition_at<'a>(
    conditions: &'a [crate::model::HouseholdCondition],
    household_id: &str,
    month: YearMonth,
) -> Option<&'a crate::model::HouseholdCondition> {
    conditions
        .iter()
        .filter(|c| !c.meta.deleted && c.household_id == household_id && c.effective_from <= month)
        .max_by_key(|c| (c.effective_from, c.meta.updated_at))
}

#[cfg(test)]
pub(crate) mod fixtures {
    //! Small hand-made targets for the unit tests of the form modules.
    use chrono::NaiveDate;

    use crate::model::*;

    pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }
    pub fn ym(y: i32, m: u32) -> YearMonth {
        YearMonth::new(y, m).unwrap()
    }
    pub fn rules(v: &[Issue]) -> Vec<&str> {
        v.iter().map(|i| i.rule.as_str()).collect()
    }
    pub fn mother() -> Mother {
        Mother {
            id: "m1".into(),
            household_id: "h1".into(),
            name: "Siti Aminah".into(),
            nik: Some("3302015203950007".into()),
            birth_date: Some(d(1995, 3, 12)),
            insurance: true,
            meta: Meta::default(),
        }
    }
    pub fn pregnancy() -> Pregnancy {
        Pregnancy {
            id: "p1".into(),
            mother_id: "m1".into(),
            kia_number: "KIA-01".into(),
            posyandu_id: None,
            kek: true,
            risti: false,
            expected_delivery: Some(d(2025, 6, 20)),
            delivery_date: None,
            end: None,
            meta: Meta::default(),
        }
    }
    pub fn pvisit(id: &str, month: YearMonth, day: u32) -> PregnancyVisit {
        PregnancyVisit {
            id: id.into(),
            pregnancy_id: "p1".into(),
            month,
            visit_date: d(month.year, month.month, day),
            ..Default::default()
        }
    }
    pub fn child(birth: NaiveDate) -> Child {
        Child {
            id: "c1".into(),
            household_id: "h1".into(),
            mother_id: Some("m1".into()),
            pregnancy_id: Some("p1".into()),
            kia_number: Some("KIA-01".into()),
            name: "Budi Santoso".into(),
            nik: None,
            nik_temporary: false,
            sex: Sex::Male,
            birth_date: birth,
            birth_date_approximate: false,
            posyandu_id: None,
            birth_certificate: false,
            insurance: true,
            end: None,
            meta: Meta::default(),
        }
    }
    pub fn cvisit(id: &str, month: YearMonth, day: u32) -> ChildVisit {
        ChildVisit { id: id.into(), child_id: "c1".into(), month, visit_date: d(month.year, month.month, day), ..Default::default() }
    }
    pub fn condition(from: YearMonth, water: bool, latrine: bool) -> HouseholdCondition {
        HouseholdCondition {
            id: format!("hc-{from}"),
            household_id: "h1".into(),
            effective_from: from,
            safe_water: water,
            latrine,
            vulnerable: false,
            meta: Meta::default(),
        }
    }
}
