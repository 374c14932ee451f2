//! The bundle's own JSON shape of every model record, format version 2 (docs/bundle-format.md
//! "Records").
//!
//! The model's serde form writes every field, `null`s and `false`s included; a village of 24
//! months has tens of thousands of monthly records, so the bundle uses a compact mirror of each
//! record: optional fields and `false` flags are omitted, months are `"YYYY-MM"`; the monthly
//! records and measurements are grouped under their target (its id written once) and their id is
//! omitted when it is the derived one (`model::NaturalId`, docs/adr/0005-natural-ids.md);
//! references to records of the bundle are their index in its table (`WireRef`); the
//! bookkeeping (`model::Meta`) is flattened into the record: `version` omitted when 1, times in
//! seconds relative to the record's date at 00:00 WIB (else to the bundle's `exported_at`),
//! `updated` relative to `created` and omitted when equal, `device` omitted when it is the
//! bundle's. Conversions are exhaustive struct literals, so a field added to the model fails to
//! compile here until the bundle carries it.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::BundleError;
use crate::model::*;

fn is_default<T: Default + PartialEq>(v: &T) -> bool {
    *v == T::default()
}

/// What the times of a record are relative to: its own date at 00:00 WIB, if it has one.
pub trait TimeBase {
    /// Milliseconds since the Unix epoch of the record's base (`exported_at` for registers).
    fn time_base(&self, exported_at: i64) -> i64;
}

/// 00:00 WIB (UTC+7, the villages' time zone) of `date`, in ms since the Unix epoch (UTC).
pub fn wib_midnight_ms(date: NaiveDate) -> i64 {
    const WIB_OFFSET_MS: i64 = 7 * 3600 * 1000;
    date.and_time(chrono::NaiveTime::MIN)
        .and_utc()
        .timestamp_millis()
        - WIB_OFFSET_MS
}

macro_rules! base_exported_at {
    ($($t:ty),*) => {$(
        impl TimeBase for $t {
            fn time_base(&self, exported_at: i64) -> i64 {
                exported_at
            }
        }
    )*};
}
base_exported_at!(
    Village,
    Hamlet,
    Posyandu,
    Cadre,
    Household,
    HouseholdCondition,
    Mother,
    Pregnancy,
    Child
);
macro_rules! base_date {
    ($($t:ty => $f:ident),*) => {$(
        impl TimeBase for $t {
            fn time_base(&self, _: i64) -> i64 {
                wib_midnight_ms(self.$f)
            }
        }
    )*};
}
base_date!(PregnancyVisit => visit_date, ChildVisit => visit_date, PaudVisit => visit_date,
    Measurement => date, Note => date);

/// A duration in milliseconds, written in seconds: an integer when a whole number of seconds,
/// else a decimal with up to 3 decimals (1500 ms is `1.5`). A reader rounds to the millisecond.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct WireTime(pub i64);

impl Serialize for WireTime {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.0 % 1000 == 0 {
            s.serialize_i64(self.0 / 1000)
        } else {
            s.serialize_f64(self.0 as f64 / 1000.0)
        }
    }
}
impl<'de> Deserialize<'de> for WireTime {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = WireTime;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a number of seconds")
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<WireTime, E> {
                v.checked_mul(1000)
                    .map(WireTime)
                    .ok_or_else(|| E::custom("time out of range"))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<WireTime, E> {
                i64::try_from(v)
                    .map_err(|_| E::custom("time out of range"))
                    .and_then(|v| self.visit_i64(v))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<WireTime, E> {
                let ms = (v * 1000.0).round();
                // ±2^53 ms: exact in f64, and far beyond any real date (±285,000 years).
                if ms.is_finite() && ms.abs() <= 9_007_199_254_740_992.0 {
                    Ok(WireTime(ms as i64))
                } else {
                    Err(E::custom("time out of range"))
                }
            }
        }
        d.deserialize_any(V)
    }
}

/// The bookkeeping of a record in a bundle (model::Meta, compact; flattened into each record by
/// the macros below, so the four fields sit beside the record's own).
pub(super) struct WireTimes {
    pub(super) version: u32,
    pub(super) created: WireTime,
    pub(super) updated: Option<WireTime>,
    pub(super) deleted: bool,
    pub(super) device: Option<String>,
}

impl WireTimes {
    pub(super) fn of(m: &Meta, base: i64, bundle_device: &str) -> Self {
        WireTimes {
            version: m.version,
            created: WireTime(m.created_at.saturating_sub(base)),
            updated: (m.updated_at != m.created_at)
                .then(|| WireTime(m.updated_at.saturating_sub(m.created_at))),
            deleted: m.deleted,
            device: (m.device_id != bundle_device).then(|| m.device_id.clone()),
        }
    }
    pub(super) fn into_meta(self, base: i64, bundle_device: &str) -> Meta {
        let created_at = base.saturating_add(self.created.0);
        Meta {
            created_at,
            updated_at: self
                .updated
                .map_or(created_at, |u| created_at.saturating_add(u.0)),
            version: self.version,
            deleted: self.deleted,
            device_id: self.device.unwrap_or_else(|| bundle_device.to_string()),
        }
    }
}

fn one() -> u32 {
    1
}
fn is_one(v: &u32) -> bool {
    *v == 1
}

/// A reference to another record (docs/bundle-format.md "References"): the index of that record
/// in its table of this bundle (0-based, file order) when the bundle carries it, else its id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WireRef {
    Index(u32),
    Id(Id),
}

impl Serialize for WireRef {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            WireRef::Index(i) => s.serialize_u32(*i),
            WireRef::Id(id) => s.serialize_str(id),
        }
    }
}
impl<'de> Deserialize<'de> for WireRef {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = WireRef;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an id or the index of a record of the bundle")
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<WireRef, E> {
                u32::try_from(v)
                    .map(WireRef::Index)
                    .map_err(|_| E::custom("index out of range"))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<WireRef, E> {
                u64::try_from(v)
                    .map_err(|_| E::custom("negative index"))
                    .and_then(|v| self.visit_u64(v))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<WireRef, E> {
                Ok(WireRef::Id(v.to_string()))
            }
        }
        d.deserialize_any(V)
    }
}

impl WireRef {
    pub(super) fn to(map: &HashMap<&str, u32>, id: &str) -> WireRef {
        map.get(id)
            .map_or_else(|| WireRef::Id(id.to_string()), |&i| WireRef::Index(i))
    }
    pub(super) fn resolve(self, ids: &[Id], table: &str) -> Result<Id, BundleError> {
        match self {
            WireRef::Id(id) => Ok(id),
            WireRef::Index(i) => {
                ids.get(i as usize)
                    .cloned()
                    .ok_or_else(|| BundleError::Malformed {
                        detail: format!(
                            "reference #{i} to {table}: the bundle has {} of them",
                            ids.len()
                        ),
                    })
            }
        }
    }
}

macro_rules! ref_tables {
    ($($t:ident: $model:ty),*) => {
        /// Positions of the records that others refer to, for writing references.
        #[derive(Default)]
        pub struct RefIndex<'a> {
            $(pub $t: HashMap<&'a str, u32>,)*
        }
        impl<'a> RefIndex<'a> {
            pub fn of(d: &'a VillageData) -> Self {
                fn positions<'a, R>(v: &'a [R], id: impl Fn(&'a R) -> &'a str) -> HashMap<&'a str, u32> {
                    let mut m = HashMap::with_capacity(v.len());
                    for (i, r) in v.iter().enumerate() {
                        m.entry(id(r)).or_insert(i as u32);
                    }
                    m
                }
                RefIndex { $($t: positions(&d.$t, |r: &$model| r.id.as_str()),)* }
            }
        }
        /// Ids of the records read so far, for reading references.
        #[derive(Default)]
        pub struct RefIds {
            $(pub $t: Vec<Id>,)*
        }
    };
}
ref_tables!(hamlets: Hamlet, posyandu: Posyandu, households: Household, mothers: Mother, pregnancies: Pregnancy, children: Child);

pub(super) fn ids_of<R>(v: &[R], id: impl Fn(&R) -> &Id) -> Vec<Id> {
    v.iter().map(|r| id(r).clone()).collect()
}

/// What every record's conversion needs from the bundle's header.
#[derive(Debug, Clone, Copy)]
pub struct WireCtx<'a> {
    /// The bundle's `device_id` (a record's `device` is omitted when equal).
    pub device: &'a str,
    /// The bundle's `exported_at`, the time base of records without a date.
    pub exported_at: i64,
}

/// A month as `"YYYY-MM"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct WireMonth(pub YearMonth);

impl From<YearMonth> for WireMonth {
    fn from(m: YearMonth) -> Self {
        WireMonth(m)
    }
}
impl From<WireMonth> for YearMonth {
    fn from(m: WireMonth) -> Self {
        m.0
    }
}
impl Serialize for WireMonth {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&self.0)
    }
}
impl<'de> Deserialize<'de> for WireMonth {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        parse_month(&s)
            .map(WireMonth)
            .ok_or_else(|| serde::de::Error::custom("month must be YYYY-MM"))
    }
}

pub(super) fn parse_month(s: &str) -> Option<YearMonth> {
    let (y, m) = s.split_once('-')?;
    if y.len() != 4 || m.len() != 2 {
        return None;
    }
    YearMonth::new(y.parse().ok()?, m.parse().ok()?)
}

/// One mirror type per model record: `required` fields are always written, `optional` ones
/// (Option, bool, enum with a default) are omitted when they hold their default; then the
/// bookkeeping fields (`WireTimes`).
macro_rules! wire_record {
    ($(#[$doc:meta])* $wire:ident <-> $model:ident {
        required { $($r:ident : $rt:ty),* $(,)? }
        $(refs { $($rf:ident : $rft:ident),* $(,)? })?
        optional { $($o:ident : $ot:ty),* $(,)? }
        $(opt_refs { $($of:ident : $oft:ident),* $(,)? })?
    }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        pub struct $wire {
            $(pub $r: $rt,)*
            $($(pub $rf: WireRef,)*)?
            $(#[serde(default, skip_serializing_if = "is_default")] pub $o: $ot,)*
            $($(#[serde(default, skip_serializing_if = "Option::is_none")] pub $of: Option<WireRef>,)*)?
            #[serde(default = "one", skip_serializing_if = "is_one")]
            pub version: u32,
            pub created: WireTime,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub updated: Option<WireTime>,
            #[serde(default, skip_serializing_if = "is_default")]
            pub deleted: bool,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub device: Option<String>,
        }
        impl $wire {
            #[allow(unused_variables)]
            pub fn from_model(m: &$model, ctx: WireCtx, refs: &RefIndex) -> Self {
                let t = WireTimes::of(&m.meta, m.time_base(ctx.exported_at), ctx.device);
                $wire {
                    $($r: m.$r.clone().into(),)*
                    $($($rf: WireRef::to(&refs.$rft, &m.$rf),)*)?
                    $($o: m.$o.clone().into(),)*
                    $($($of: m.$of.as_deref().map(|id| WireRef::to(&refs.$oft, id)),)*)?
                    version: t.version,
                    created: t.created,
                    updated: t.updated,
                    deleted: t.deleted,
                    device: t.device,
                }
            }
            #[allow(unused_variables)]
            pub fn into_model(self, ctx: WireCtx, ids: &RefIds) -> Result<$model, BundleError> {
                let t = WireTimes {
                    version: self.version,
                    created: self.created,
                    updated: self.updated,
                    deleted: self.deleted,
                    device: self.device,
                };
                let mut m = $model {
                    $($r: self.$r.into(),)*
                    $($($rf: self.$rf.resolve(&ids.$rft, stringify!($rft))?,)*)?
                    $($o: self.$o.into(),)*
                    $($($of: self.$of.map(|r| r.resolve(&ids.$oft, stringify!($oft))).transpose()?,)*)?
                    meta: Meta::default(),
                };
                m.meta = t.into_meta(m.time_base(ctx.exported_at), ctx.device);
                Ok(m)
            }
        }
    };
}

/// A row of a group (`WireGroup`): a monthly record or measurement without its target's id
/// (written once by the group) and with `id` omitted when it is the derived one.
macro_rules! wire_row {
    ($(#[$doc:meta])* $wire:ident <-> $model:ident, target $target:ident in $ttable:ident {
        required { $($r:ident : $rt:ty),* $(,)? }
        optional { $($o:ident : $ot:ty),* $(,)? }
    }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        pub struct $wire {
            /// Omitted when it is `NaturalId::natural_id` of the record.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub id: Option<Id>,
            $(pub $r: $rt,)*
            $(#[serde(default, skip_serializing_if = "is_default")] pub $o: $ot,)*
            #[serde(default = "one", skip_serializing_if = "is_one")]
            pub version: u32,
            pub created: WireTime,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub updated: Option<WireTime>,
            #[serde(default, skip_serializing_if = "is_default")]
            pub deleted: bool,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub device: Option<String>,
        }
        impl Row for $wire {
            type Model = $model;
            const TARGETS: &'static str = stringify!($ttable);
            fn target(m: &$model) -> &str {
                &m.$target
            }
            fn target_index<'r, 'a>(refs: &'r RefIndex<'a>) -> &'r HashMap<&'a str, u32> {
                &refs.$ttable
            }
            fn target_ids(ids: &RefIds) -> &[Id] {
                &ids.$ttable
            }
            fn from_model(m: &$model, ctx: WireCtx) -> Self {
                let t = WireTimes::of(&m.meta, m.time_base(ctx.exported_at), ctx.device);
                $wire {
                    id: (!m.has_natural_id(&m.id)).then(|| m.id.clone()),
                    $($r: m.$r.clone().into(),)*
                    $($o: m.$o.clone().into(),)*
                    version: t.version,
                    created: t.created,
                    updated: t.updated,
                    deleted: t.deleted,
                    device: t.device,
                }
            }
            fn into_model(self, target: &str, ctx: WireCtx) -> $model {
                let t = WireTimes {
                    version: self.version,
                    created: self.created,
                    updated: self.updated,
                    deleted: self.deleted,
                    device: self.device,
                };
                let mut m = $model {
                    id: String::new(),
                    $target: target.to_string(),
                    $($r: self.$r.into(),)*
                    $($o: self.$o.into(),)*
                    meta: Meta::default(),
                };
                // an explicit id is kept as it is (an empty one is refused by the checks, B-ID)
                m.id = match self.id {
                    Some(id) => id,
                    None => m.natural_id(),
                };
                m.meta = t.into_meta(m.time_base(ctx.exported_at), ctx.device);
                m
            }
        }
    };
}

/// A grouped record's row form.
pub trait Row: Sized {
    type Model;
    /// The table of the targets (for messages).
    const TARGETS: &'static str;
    fn target(m: &Self::Model) -> &str;
    fn target_index<'r, 'a>(refs: &'r RefIndex<'a>) -> &'r HashMap<&'a str, u32>;
    fn target_ids(ids: &RefIds) -> &[Id];
    fn from_model(m: &Self::Model, ctx: WireCtx) -> Self;
    fn into_model(self, target: &str, ctx: WireCtx) -> Self::Model;
}

/// Consecutive records of one target: `{"target_id": .., "rows": [..]}`. A writer makes one group
/// per run of records with the same target, in the records' order (the store lists them by
/// target), so decoding gives back the same records in the same order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WireGroup<R> {
    /// The target: its index in `pregnancies` / `children` of this bundle, or its id.
    pub target_id: WireRef,
    pub rows: Vec<R>,
}

fn group<R: Row>(records: &[R::Model], ctx: WireCtx, refs: &RefIndex) -> Vec<WireGroup<R>> {
    let mut out: Vec<WireGroup<R>> = Vec::new();
    let mut current: Option<&str> = None;
    for m in records {
        let target = R::target(m);
        match out.last_mut() {
            Some(g) if current == Some(target) => g.rows.push(R::from_model(m, ctx)),
            _ => {
                current = Some(target);
                out.push(WireGroup {
                    target_id: WireRef::to(R::target_index(refs), target),
                    rows: vec![R::from_model(m, ctx)],
                })
            }
        }
    }
    out
}

fn ungroup<R: Row>(
    groups: Vec<WireGroup<R>>,
    ctx: WireCtx,
    ids: &RefIds,
) -> Result<Vec<R::Model>, BundleError> {
    let mut out = Vec::with_capacity(groups.iter().map(|g| g.rows.len()).sum());
    for g in groups {
        let target = g.target_id.resolve(R::target_ids(ids), R::TARGETS)?;
        out.extend(g.rows.into_iter().map(|r| r.into_model(&target, ctx)));
    }
    Ok(out)
}

wire_record!(WireVillage <-> Village {
    required { id: Id, code: String, name: String, kecamatan: String, kabupaten: String, provinsi: String }
    optional {}
});
wire_record!(WireHamlet <-> Hamlet {
    required { id: Id, village_id: Id, name: String }
    optional {}
});
wire_record!(WirePosyandu <-> Posyandu {
    required { id: Id, village_id: Id, name: String }
    optional {}
    opt_refs { hamlet_id: hamlets }
});
wire_record!(WireCadre <-> Cadre {
    required { id: Id, village_id: Id, name: String }
    optional { phone: Option<String> }
});
wire_record!(WireHousehold <-> Household {
    required { id: Id, village_id: Id, number: String, head_name: String }
    refs { hamlet_id: hamlets }
    optional { address: String }
});
wire_record!(WireHouseholdCondition <-> HouseholdCondition {
    required { id: Id, effective_from: WireMonth }
    refs { household_id: households }
    optional { safe_water: bool, latrine: bool, vulnerable: bool }
});
wire_record!(WireMother <-> Mother {
    required { id: Id, name: String }
    refs { household_id: households }
    optional { nik: Option<String>, birth_date: Option<NaiveDate>, insurance: bool }
});
wire_record!(WirePregnancy <-> Pregnancy {
    required { id: Id, kia_number: String }
    refs { mother_id: mothers }
    optional {
        kek: bool, risti: bool, expected_delivery: Option<NaiveDate>,
        delivery_date: Option<NaiveDate>, end: Option<EpisodeEnd>,
    }
    opt_refs { posyandu_id: posyandu }
});
wire_record!(WireChild <-> Child {
    required { id: Id, name: String, sex: Sex, birth_date: NaiveDate }
    refs { household_id: households }
    optional {
        kia_number: Option<String>, nik: Option<String>,
        nik_temporary: bool, birth_date_approximate: bool, birth_certificate: bool,
        insurance: bool, end: Option<EpisodeEnd>,
    }
    opt_refs { mother_id: mothers, pregnancy_id: pregnancies, posyandu_id: posyandu }
});
wire_row!(WirePregnancyVisit <-> PregnancyVisit, target pregnancy_id in pregnancies {
    required { month: WireMonth, visit_date: NaiveDate, status: FormStatus, ruleset: String }
    optional {
        kek: bool, risti: bool, gestational_age_months: Option<u32>, antenatal_check: Option<bool>,
        iron_tablets: Option<bool>, iron_tablet_count: Option<u32>, postnatal_checks: Option<u32>,
        nutrition_counselling: Option<bool>, home_visit: Option<bool>, safe_water: Option<bool>,
        latrine: Option<bool>, insurance: Option<bool>,
    }
});
wire_row!(WireChildVisit <-> ChildVisit, target child_id in children {
    required { month: WireMonth, visit_date: NaiveDate, status: FormStatus, ruleset: String }
    optional {
        reported_nutrition_status: Option<NutritionStatus>, mat_result: MatResult,
        basic_immunization: Option<bool>, measles: Option<Measles>, weighed: Option<bool>,
        length_measured: Option<bool>, counselling_father: Option<bool>, counselling_mother: Option<bool>,
        home_visit: Option<bool>, safe_water: Option<bool>, latrine: Option<bool>,
        birth_certificate: Option<bool>, insurance: Option<bool>, parenting_class: Option<bool>,
    }
});
wire_row!(WirePaudVisit <-> PaudVisit, target child_id in children {
    required { month: WireMonth, visit_date: NaiveDate, status: FormStatus, ruleset: String, cell: PaudCell }
    optional {}
});
wire_row!(WireMeasurement <-> Measurement, target child_id in children {
    required { date: NaiveDate }
    optional { weight_kg: Option<f64>, length_cm: Option<f64>, position: Option<Position>, oedema: bool }
});

wire_record!(WireNote <-> Note {
    required { id: Id, target_kind: TargetKind, target_id: Id, date: NaiveDate, text: String }
    optional { cadre_id: Option<Id> }
});

/// Puts the monthly records and measurements in the bundle's compact order: by target, then month
/// (date), then id, so that each target's records form one group. The writer keeps any order (it
/// groups runs), so this is what the exporter calls before writing.
pub fn sort_for_bundle(d: &mut VillageData) {
    d.pregnancy_visits
        .sort_by(|a, b| (&a.pregnancy_id, a.month, &a.id).cmp(&(&b.pregnancy_id, b.month, &b.id)));
    d.child_visits
        .sort_by(|a, b| (&a.child_id, a.month, &a.id).cmp(&(&b.child_id, b.month, &b.id)));
    d.paud_visits
        .sort_by(|a, b| (&a.child_id, a.month, &a.id).cmp(&(&b.child_id, b.month, &b.id)));
    d.measurements
        .sort_by(|a, b| (&a.child_id, a.date, &a.id).cmp(&(&b.child_id, b.date, &b.id)));
}

/// All records of a bundle, one array per table (same names as `model::VillageData`); the
/// monthly records and measurements in groups per target.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct WireRecords {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub village: Option<WireVillage>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hamlets: Vec<WireHamlet>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub posyandu: Vec<WirePosyandu>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cadres: Vec<WireCadre>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub households: Vec<WireHousehold>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub household_conditions: Vec<WireHouseholdCondition>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mothers: Vec<WireMother>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pregnancies: Vec<WirePregnancy>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<WireChild>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pregnancy_visits: Vec<WireGroup<WirePregnancyVisit>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub child_visits: Vec<WireGroup<WireChildVisit>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub paud_visits: Vec<WireGroup<WirePaudVisit>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub measurements: Vec<WireGroup<WireMeasurement>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<WireNote>,
}

impl WireRecords {
    pub fn from_data(d: &VillageData, notes: &[Note], ctx: WireCtx) -> Self {
        let refs = RefIndex::of(d);
        let refs = &refs;
        fn conv<M, W>(v: &[M], f: impl Fn(&M) -> W) -> Vec<W> {
            v.iter().map(f).collect()
        }
        WireRecords {
            village: d
                .village
                .as_ref()
                .map(|v| WireVillage::from_model(v, ctx, refs)),
            hamlets: conv(&d.hamlets, |r| WireHamlet::from_model(r, ctx, refs)),
            posyandu: conv(&d.posyandu, |r| WirePosyandu::from_model(r, ctx, refs)),
            cadres: conv(&d.cadres, |r| WireCadre::from_model(r, ctx, refs)),
            households: conv(&d.households, |r| WireHousehold::from_model(r, ctx, refs)),
            household_conditions: conv(&d.household_conditions, |r| {
                WireHouseholdCondition::from_model(r, ctx, refs)
            }),
            mothers: conv(&d.mothers, |r| WireMother::from_model(r, ctx, refs)),
            pregnancies: conv(&d.pregnancies, |r| WirePregnancy::from_model(r, ctx, refs)),
            children: conv(&d.children, |r| WireChild::from_model(r, ctx, refs)),
            pregnancy_visits: group(&d.pregnancy_visits, ctx, refs),
            child_visits: group(&d.child_visits, ctx, refs),
            paud_visits: group(&d.paud_visits, ctx, refs),
            measurements: group(&d.measurements, ctx, refs),
            notes: conv(notes, |r| WireNote::from_model(r, ctx, refs)),
        }
    }

    /// The records, references resolved; a reference to an index the bundle does not have is
    /// malformed. Tables are read in the order they refer to each other (a record refers only to
    /// tables before its own).
    pub fn into_data(self, ctx: WireCtx) -> Result<(VillageData, Vec<Note>), BundleError> {
        fn conv<W, M>(
            v: Vec<W>,
            f: impl Fn(W) -> Result<M, BundleError>,
        ) -> Result<Vec<M>, BundleError> {
            v.into_iter().map(f).collect()
        }
        let mut ids = RefIds::default();
        let village = self.village.map(|v| v.into_model(ctx, &ids)).transpose()?;
        let hamlets = conv(self.hamlets, |r| r.into_model(ctx, &ids))?;
        ids.hamlets = ids_of(&hamlets, |r| &r.id);
        let posyandu = conv(self.posyandu, |r| r.into_model(ctx, &ids))?;
        ids.posyandu = ids_of(&posyandu, |r| &r.id);
        let cadres = conv(self.cadres, |r| r.into_model(ctx, &ids))?;
        let households = conv(self.households, |r| r.into_model(ctx, &ids))?;
        ids.households = ids_of(&households, |r| &r.id);
        let household_conditions = conv(self.household_conditions, |r| r.into_model(ctx, &ids))?;
        let mothers = conv(self.mothers, |r| r.into_model(ctx, &ids))?;
        ids.mothers = ids_of(&mothers, |r| &r.id);
        let pregnancies = conv(self.pregnancies, |r| r.into_model(ctx, &ids))?;
        ids.pregnancies = ids_of(&pregnancies, |r| &r.id);
        let children = conv(self.children, |r| r.into_model(ctx, &ids))?;
        ids.children = ids_of(&children, |r| &r.id);
        let data = VillageData {
            village,
            hamlets,
            posyandu,
            cadres,
            households,
            household_conditions,
            mothers,
            pregnancies,
            children,
            pregnancy_visits: ungroup(self.pregnancy_visits, ctx, &ids)?,
            child_visits: ungroup(self.child_visits, ctx, &ids)?,
            paud_visits: ungroup(self.paud_visits, ctx, &ids)?,
            measurements: ungroup(self.measurements, ctx, &ids)?,
        };
        let notes = conv(self.notes, |r| r.into_model(ctx, &ids))?;
        Ok((data, notes))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_is_yyyy_mm_and_rejects_garbage() {
        let m = WireMonth(YearMonth {
            year: 2025,
            month: 3,
        });
        assert_eq!(serde_json::to_string(&m).unwrap(), "\"2025-03\"");
        assert_eq!(serde_json::from_str::<WireMonth>("\"2025-03\"").unwrap(), m);
        for bad in ["\"2025-13\"", "\"2025-3\"", "\"25-03\"", "\"x\"", "3"] {
            assert!(serde_json::from_str::<WireMonth>(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn times_are_seconds_with_up_to_3_decimals() {
        for (ms, json) in [
            (5000, "5"),
            (1500, "1.5"),
            (-1500, "-1.5"),
            (1, "0.001"),
            (0, "0"),
            (1_735_689_600_123, "1735689600.123"),
        ] {
            assert_eq!(serde_json::to_string(&WireTime(ms)).unwrap(), json);
            assert_eq!(
                serde_json::from_str::<WireTime>(json).unwrap(),
                WireTime(ms)
            );
        }
        assert_eq!(
            serde_json::from_str::<WireTime>("2.0004").unwrap(),
            WireTime(2000)
        );
        for bad in ["\"5\"", "1e300", "9223372036854775807", "null"] {
            assert!(serde_json::from_str::<WireTime>(bad).is_err(), "{bad}");
        }
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn visit_row_omits_derived_id_target_and_defaults() {
        let base = wib_midnight_ms(d(2025, 3, 10));
        assert_eq!(base, 1_741_539_600_000); // 2025-03-09T17:00:00Z
        let v = PaudVisit {
            id: paud_visit_id(
                "c1",
                YearMonth {
                    year: 2025,
                    month: 3,
                },
            ),
            child_id: "c1".into(),
            month: YearMonth {
                year: 2025,
                month: 3,
            },
            visit_date: d(2025, 3, 10),
            status: FormStatus::Final,
            ruleset: "KPM-2019@1".into(),
            cell: PaudCell::Attended,
            meta: Meta::new(base + 9 * 3600 * 1000, "d1"),
        };
        let ctx = WireCtx {
            device: "d1",
            exported_at: 0,
        };
        let row = WirePaudVisit::from_model(&v, ctx);
        let json = serde_json::to_string(&row).unwrap();
        assert!(
            !json.contains("id") && !json.contains("version") && !json.contains("c1"),
            "{json}"
        );
        assert!(json.ends_with(r#""created":32400}"#), "{json}");
        assert_eq!(row.clone().into_model("c1", ctx), v);
        // An id that is not the derived one (older random ids) is written and read back.
        let mut old = v.clone();
        old.id = "e7c2a3f8-0000-4000-8000-000000000001".into();
        old.meta = Meta {
            created_at: base - 1,
            updated_at: base + 5,
            version: 3,
            deleted: true,
            device_id: "d2".into(),
        };
        let row = WirePaudVisit::from_model(&old, ctx);
        let json = serde_json::to_string(&row).unwrap();
        assert!(
            json.contains(r#""id":"e7c2a3f8"#) && json.contains(r#""version":3"#),
            "{json}"
        );
        assert!(
            json.contains(r#""created":-0.001,"updated":0.006,"deleted":true,"device":"d2""#),
            "{json}"
        );
        assert_eq!(row.into_model("c1", ctx), old);
    }

    #[test]
    fn groups_keep_order_and_runs() {
        let ctx = WireCtx {
            device: "d1",
            exported_at: 1_750_000_000_000,
        };
        let m = |child: &str, day: u32| Measurement {
            id: measurement_id(child, d(2025, 3, day)),
            child_id: child.into(),
            date: d(2025, 3, day),
            weight_kg: Some(7.5),
            length_cm: None,
            position: None,
            oedema: false,
            meta: Meta::new(1_741_600_000_000, "d1"),
        };
        let list = vec![m("a", 1), m("a", 2), m("b", 1), m("a", 3)];
        // targets not in the bundle are written by id
        let groups: Vec<WireGroup<WireMeasurement>> = group(&list, ctx, &RefIndex::default());
        let id = |s: &str| WireRef::Id(s.into());
        assert_eq!(
            groups
                .iter()
                .map(|g| (g.target_id.clone(), g.rows.len()))
                .collect::<Vec<_>>(),
            [(id("a"), 2), (id("b"), 1), (id("a"), 1)]
        );
        assert_eq!(ungroup(groups, ctx, &RefIds::default()).unwrap(), list);
        // targets in the bundle by their index
        let mut refs = RefIndex::default();
        refs.children.insert("b", 0);
        refs.children.insert("a", 1);
        let groups: Vec<WireGroup<WireMeasurement>> = group(&list, ctx, &refs);
        assert_eq!(serde_json::to_string(&groups[0].target_id).unwrap(), "1");
        let ids = RefIds {
            children: vec!["b".into(), "a".into()],
            ..RefIds::default()
        };
        assert_eq!(ungroup(groups.clone(), ctx, &ids).unwrap(), list);
        let short = RefIds {
            children: vec!["b".into()],
            ..RefIds::default()
        };
        assert!(matches!(
            ungroup(groups, ctx, &short),
            Err(BundleError::Malformed { .. })
        ));
    }
}
