//! The bundle's own JSON shape of every model record (docs/bundle-format.md "Records").
//!
//! The model's serde form writes every field, `null`s and `false`s included, and months as
//! `{"year":..,"month":..}`; a village of 24 months has tens of thousands of monthly records, so
//! the bundle uses a compact mirror of each record: optional fields and `false` flags are omitted,
//! months are `"YYYY-MM"`, and in `meta` the `updated_at` is omitted when equal to `created_at`
//! and the `device_id` when it is the bundle's own device. Conversions are exhaustive struct
//! literals, so a field added to the model fails to compile here until the bundle carries it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::model::*;

fn is_default<T: Default + PartialEq>(v: &T) -> bool {
    *v == T::default()
}

/// `meta` of a record in a bundle (model::Meta, compact).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WireMeta {
    pub version: u32,
    pub created_at: i64,
    /// Omitted when equal to `created_at`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<i64>,
    #[serde(default, skip_serializing_if = "is_default")]
    pub deleted: bool,
    /// Omitted when it is the bundle's `device_id`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_id: Option<String>,
}

impl WireMeta {
    pub fn from_meta(m: &Meta, bundle_device: &str) -> Self {
        WireMeta {
            version: m.version,
            created_at: m.created_at,
            updated_at: (m.updated_at != m.created_at).then_some(m.updated_at),
            deleted: m.deleted,
            device_id: (m.device_id != bundle_device).then(|| m.device_id.clone()),
        }
    }
    pub fn into_meta(self, bundle_device: &str) -> Meta {
        Meta {
            created_at: self.created_at,
            updated_at: self.updated_at.unwrap_or(self.created_at),
            version: self.version,
            deleted: self.deleted,
            device_id: self.device_id.unwrap_or_else(|| bundle_device.to_string()),
        }
    }
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

fn parse_month(s: &str) -> Option<YearMonth> {
    let (y, m) = s.split_once('-')?;
    if y.len() != 4 || m.len() != 2 {
        return None;
    }
    YearMonth::new(y.parse().ok()?, m.parse().ok()?)
}

/// One mirror type per model record: `required` fields are always written, `optional` ones
/// (Option, bool, enum with a default) are omitted when they hold their default.
macro_rules! wire_record {
    ($(#[$doc:meta])* $wire:ident <-> $model:ident {
        required { $($r:ident : $rt:ty),* $(,)? }
        optional { $($o:ident : $ot:ty),* $(,)? }
    }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        pub struct $wire {
            $(pub $r: $rt,)*
            $(#[serde(default, skip_serializing_if = "is_default")] pub $o: $ot,)*
            pub meta: WireMeta,
        }
        impl $wire {
            pub fn from_model(m: &$model, bundle_device: &str) -> Self {
                $wire {
                    $($r: m.$r.clone().into(),)*
                    $($o: m.$o.clone().into(),)*
                    meta: WireMeta::from_meta(&m.meta, bundle_device),
                }
            }
            pub fn into_model(self, bundle_device: &str) -> $model {
                $model {
                    $($r: self.$r.into(),)*
                    $($o: self.$o.into(),)*
                    meta: self.meta.into_meta(bundle_device),
                }
            }
        }
    };
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
    optional { hamlet_id: Option<Id> }
});
wire_record!(WireCadre <-> Cadre {
    required { id: Id, village_id: Id, name: String }
    optional { phone: Option<String> }
});
wire_record!(WireHousehold <-> Household {
    required { id: Id, village_id: Id, hamlet_id: Id, number: String, head_name: String }
    optional { address: String }
});
wire_record!(WireHouseholdCondition <-> HouseholdCondition {
    required { id: Id, household_id: Id, effective_from: WireMonth }
    optional { safe_water: bool, latrine: bool, vulnerable: bool }
});
wire_record!(WireMother <-> Mother {
    required { id: Id, household_id: Id, name: String }
    optional { nik: Option<String>, birth_date: Option<NaiveDate>, insurance: bool }
});
wire_record!(WirePregnancy <-> Pregnancy {
    required { id: Id, mother_id: Id, kia_number: String }
    optional {
        posyandu_id: Option<Id>, kek: bool, risti: bool, expected_delivery: Option<NaiveDate>,
        delivery_date: Option<NaiveDate>, end: Option<EpisodeEnd>,
    }
});
wire_record!(WireChild <-> Child {
    required { id: Id, household_id: Id, name: String, sex: Sex, birth_date: NaiveDate }
    optional {
        mother_id: Option<Id>, pregnancy_id: Option<Id>, kia_number: Option<String>, nik: Option<String>,
        nik_temporary: bool, birth_date_approximate: bool, posyandu_id: Option<Id>, birth_certificate: bool,
        insurance: bool, end: Option<EpisodeEnd>,
    }
});
wire_record!(WirePregnancyVisit <-> PregnancyVisit {
    required { id: Id, pregnancy_id: Id, month: WireMonth, visit_date: NaiveDate, status: FormStatus, ruleset: String }
    optional {
        kek: bool, risti: bool, gestational_age_months: Option<u32>, antenatal_check: Option<bool>,
        iron_tablets: Option<bool>, iron_tablet_count: Option<u32>, postnatal_checks: Option<u32>,
        nutrition_counselling: Option<bool>, home_visit: Option<bool>, safe_water: Option<bool>,
        latrine: Option<bool>, insurance: Option<bool>,
    }
});
wire_record!(WireChildVisit <-> ChildVisit {
    required { id: Id, child_id: Id, month: WireMonth, visit_date: NaiveDate, status: FormStatus, ruleset: String }
    optional {
        reported_nutrition_status: Option<NutritionStatus>, mat_result: MatResult,
        basic_immunization: Option<bool>, measles: Option<Measles>, weighed: Option<bool>,
        length_measured: Option<bool>, counselling_father: Option<bool>, counselling_mother: Option<bool>,
        home_visit: Option<bool>, safe_water: Option<bool>, latrine: Option<bool>,
        birth_certificate: Option<bool>, insurance: Option<bool>, parenting_class: Option<bool>,
    }
});
wire_record!(WirePaudVisit <-> PaudVisit {
    required { id: Id, child_id: Id, month: WireMonth, visit_date: NaiveDate, status: FormStatus, ruleset: String, cell: PaudCell }
    optional {}
});
wire_record!(WireMeasurement <-> Measurement {
    required { id: Id, child_id: Id, date: NaiveDate }
    optional { weight_kg: Option<f64>, length_cm: Option<f64>, position: Option<Position>, oedema: bool }
});

wire_record!(WireNote <-> Note {
    required { id: Id, target_kind: TargetKind, target_id: Id, date: NaiveDate, text: String }
    optional { cadre_id: Option<Id> }
});

/// All records of a bundle, one array per table (same names as `model::VillageData`).
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
    pub pregnancy_visits: Vec<WirePregnancyVisit>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub child_visits: Vec<WireChildVisit>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub paud_visits: Vec<WirePaudVisit>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub measurements: Vec<WireMeasurement>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<WireNote>,
}

impl WireRecords {
    pub fn from_data(d: &VillageData, notes: &[Note], dev: &str) -> Self {
        fn conv<M, W>(v: &[M], f: impl Fn(&M) -> W) -> Vec<W> {
            v.iter().map(f).collect()
        }
        WireRecords {
            village: d.village.as_ref().map(|v| WireVillage::from_model(v, dev)),
            hamlets: conv(&d.hamlets, |r| WireHamlet::from_model(r, dev)),
            posyandu: conv(&d.posyandu, |r| WirePosyandu::from_model(r, dev)),
            cadres: conv(&d.cadres, |r| WireCadre::from_model(r, dev)),
            households: conv(&d.households, |r| WireHousehold::from_model(r, dev)),
            household_conditions: conv(&d.household_conditions, |r| {
                WireHouseholdCondition::from_model(r, dev)
            }),
            mothers: conv(&d.mothers, |r| WireMother::from_model(r, dev)),
            pregnancies: conv(&d.pregnancies, |r| WirePregnancy::from_model(r, dev)),
            children: conv(&d.children, |r| WireChild::from_model(r, dev)),
            pregnancy_visits: conv(&d.pregnancy_visits, |r| {
                WirePregnancyVisit::from_model(r, dev)
            }),
            child_visits: conv(&d.child_visits, |r| WireChildVisit::from_model(r, dev)),
            paud_visits: conv(&d.paud_visits, |r| WirePaudVisit::from_model(r, dev)),
            measurements: conv(&d.measurements, |r| WireMeasurement::from_model(r, dev)),
            notes: conv(notes, |r| WireNote::from_model(r, dev)),
        }
    }

    pub fn into_data(self, dev: &str) -> (VillageData, Vec<Note>) {
        fn conv<W, M>(v: Vec<W>, f: impl Fn(W) -> M) -> Vec<M> {
            v.into_iter().map(f).collect()
        }
        let notes = conv(self.notes, |r| r.into_model(dev));
        let data = VillageData {
            village: self.village.map(|v| v.into_model(dev)),
            hamlets: conv(self.hamlets, |r| r.into_model(dev)),
            posyandu: conv(self.posyandu, |r| r.into_model(dev)),
            cadres: conv(self.cadres, |r| r.into_model(dev)),
            households: conv(self.households, |r| r.into_model(dev)),
            household_conditions: conv(self.household_conditions, |r| r.into_model(dev)),
            mothers: conv(self.mothers, |r| r.into_model(dev)),
            pregnancies: conv(self.pregnancies, |r| r.into_model(dev)),
            children: conv(self.children, |r| r.into_model(dev)),
            pregnancy_visits: conv(self.pregnancy_visits, |r| r.into_model(dev)),
            child_visits: conv(self.child_visits, |r| r.into_model(dev)),
            paud_visits: conv(self.paud_visits, |r| r.into_model(dev)),
            measurements: conv(self.measurements, |r| r.into_model(dev)),
        };
        (data, notes)
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
    fn meta_omits_defaults_and_round_trips() {
        let m = Meta {
            created_at: 5,
            updated_at: 5,
            version: 1,
            deleted: false,
            device_id: "d1".into(),
        };
        let w = WireMeta::from_meta(&m, "d1");
        assert_eq!(
            serde_json::to_string(&w).unwrap(),
            r#"{"version":1,"created_at":5}"#
        );
        assert_eq!(w.into_meta("d1"), m);
        let m2 = Meta {
            created_at: 5,
            updated_at: 9,
            version: 3,
            deleted: true,
            device_id: "d2".into(),
        };
        assert_eq!(WireMeta::from_meta(&m2, "d1").into_meta("d1"), m2);
    }
}
