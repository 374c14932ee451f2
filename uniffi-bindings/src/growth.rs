//! Measurements with their growth verdict returned at once (growth.md 1-3: WHO z-scores,
//! Permenkes 2/2020 categories, status gizi, KMS N/T and 2T against the KBM), and the data of a
//! growth chart: the child's points over the WHO median and ±1/±2/±3 SD lines (growth.md 1.3).

use chrono::NaiveDate;

use pantau_core::growth::{self, CurvePoint, GrowthVerdict, Table, WeightGainVerdict};
use pantau_core::model::*;

use crate::{Pantau, PantauError};

/// One z-score of a measurement with its Permenkes 2/2020 category as separate fields (growth.md
/// 2, A.3), so no display line needs splitting.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct ScoredZ {
    /// The z-score (2 decimals, growth.md 1.8).
    pub z: f64,
    /// Flagged implausible (growth.md 1.8): no category; check the measurement.
    pub flagged: bool,
    /// The category's stable code (e.g. "pendek", "gizi_baik"); None when flagged.
    pub category_code: Option<String>,
    /// The category's label in the handle's language ("Pendek" / "Stunted"); None when flagged.
    pub category: Option<String>,
}

/// The z-scores of one measurement with their categories (None: not computable).
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct GrowthScores {
    /// BB/U.
    pub weight_for_age: Option<ScoredZ>,
    /// PB/U under 24 months, TB/U from 24.
    pub length_for_age: Option<ScoredZ>,
    /// BB/PB or BB/TB (the table WHO uses for the age, `verdict.z.wfl_table`).
    pub weight_for_length: Option<ScoredZ>,
    /// IMT/U.
    pub bmi_for_age: Option<ScoredZ>,
}

fn scored(
    z: Option<f64>,
    flag: Option<bool>,
    category: Option<(&str, Text)>,
    lang: Lang,
) -> Option<ScoredZ> {
    let z = z?;
    let flagged = flag == Some(true);
    let category = category.filter(|_| !flagged);
    Some(ScoredZ {
        z,
        flagged,
        category_code: category.as_ref().map(|(code, _)| code.to_string()),
        category: category.map(|(_, label)| label.get(lang).to_string()),
    })
}

/// The verdict's z-scores with their category labels in `lang` (conversion only: the categories
/// are the core's, `GrowthVerdict::weight_for_age` etc.).
pub(crate) fn scores_of(v: &GrowthVerdict, lang: Lang) -> GrowthScores {
    let z = &v.z;
    GrowthScores {
        weight_for_age: scored(
            z.zwei,
            z.fwei,
            v.weight_for_age.map(|c| (c.code(), c.label())),
            lang,
        ),
        length_for_age: scored(
            z.zlen,
            z.flen,
            v.length_for_age.map(|c| (c.code(), c.label())),
            lang,
        ),
        weight_for_length: scored(
            z.zwfl,
            z.fwfl,
            v.weight_for_length.map(|c| (c.code(), c.label())),
            lang,
        ),
        bmi_for_age: scored(
            z.zbmi,
            z.fbmi,
            v.bmi_for_age.map(|c| (c.code(), c.label())),
            lang,
        ),
    }
}

/// A saved measurement and what it means, for the screen right after weighing.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct MeasurementResult {
    pub measurement: Measurement,
    pub verdict: GrowthVerdict,
    /// The verdict's z-scores with their category labels in the handle's language.
    pub scores: GrowthScores,
    /// KMS verdict of the month's weighing (B / O / N / T, 2T = refer), when weighed.
    pub weight_gain: Option<WeightGainVerdict>,
    /// Warnings the store saved it with (e.g. lying/standing for the age).
    pub warnings: Vec<Issue>,
}

/// One measurement of the child placed on a chart.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct ChartPoint {
    pub measurement_id: String,
    pub date: NaiveDate,
    /// Months of age (age tables; days / 30.4375) or length/height in cm (weight-for-length tables).
    pub x: f64,
    /// Weight in kg, length/height in cm, or BMI, as the table measures.
    pub y: f64,
    /// The z-score of this point on this table; None when it cannot be computed.
    pub z: Option<f64>,
    /// The z-score is flagged implausible (growth.md 1.8): show the point hollow.
    pub flagged: bool,
}

/// A growth chart: the WHO lines for the child's sex and the child's points.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct GrowthChart {
    pub child_id: String,
    pub sex: Sex,
    pub table: Table,
    /// True: x is age in months (0..=60); false: x is length/height in cm.
    pub by_age: bool,
    pub curves: Vec<CurvePoint>,
    pub points: Vec<ChartPoint>,
}

const DAYS_PER_MONTH: f64 = 30.4375;

fn point(child: &Child, m: &Measurement, table: Table) -> Option<ChartPoint> {
    let z = growth::zscores(&growth::input_of(child, m));
    let age_days = age_in_days(child.birth_date, m.date)? as f64;
    let (x, y, zv, flag) = match table {
        Table::WeightForAge => (age_days / DAYS_PER_MONTH, m.weight_kg?, z.zwei, z.fwei),
        Table::LengthForAge => (
            age_days / DAYS_PER_MONTH,
            z.clenhei.or(m.length_cm)?,
            z.zlen,
            z.flen,
        ),
        Table::BmiForAge => (age_days / DAYS_PER_MONTH, z.cbmi?, z.zbmi, z.fbmi),
        Table::WeightForLength | Table::WeightForHeight => {
            // Only the points judged on this table (WHO: length under 24 months, height from 24).
            let on_this = matches!(
                (table, z.wfl_table),
                (Table::WeightForLength, Some(growth::WflTable::Length))
                    | (Table::WeightForHeight, Some(growth::WflTable::Height))
            );
            if !on_this {
                return None;
            }
            (z.clenhei?, m.weight_kg?, z.zwfl, z.fwfl)
        }
    };
    Some(ChartPoint {
        measurement_id: m.id.clone(),
        date: m.date,
        x,
        y,
        z: zv,
        flagged: flag == Some(true),
    })
}

#[uniffi::export]
impl Pantau {
    /// Saves a weighing / length measurement (empty id = new) and returns at once the WHO
    /// z-scores, Permenkes categories, status gizi and the KMS weight-gain verdict of its month.
    pub fn record_measurement(
        &self,
        measurement: Measurement,
    ) -> Result<MeasurementResult, PantauError> {
        self.run(|| {
            // A new measurement gets its natural id (child, date): a second one on the same day
            // corrects the first, whose version stays in the history (docs/adr/0005-natural-ids.md).
            let mut measurement = measurement;
            if measurement.id.trim().is_empty() {
                measurement.id = measurement.natural_id();
            }
            let saved = self.store.save(&measurement)?;
            let child: Child = self.store.get(&saved.record.child_id)?;
            let ctx = self.context(TargetKind::Child, &child.id)?;
            let verdict = growth::verdict(&child, &saved.record);
            let month = YearMonth::of(saved.record.date);
            let weight_gain = if saved.record.weight_kg.is_some() {
                growth::weight_gain_of_child(&child, &ctx.card.measurements)
                    .into_iter()
                    .find(|v| YearMonth::of(v.date) == month)
            } else {
                None
            };
            Ok(MeasurementResult {
                measurement: saved.record,
                scores: scores_of(&verdict, self.lang_now()),
                verdict,
                weight_gain,
                warnings: saved.warnings,
            })
        })
    }

    /// The verdict of a measurement before it is saved (the screen shows it while typing); its
    /// categories' labels: `scores`.
    pub fn preview_growth(&self, measurement: Measurement) -> Result<GrowthVerdict, PantauError> {
        self.run(|| {
            let child: Child = self.store.get(&measurement.child_id)?;
            Ok(growth::verdict(&child, &measurement))
        })
    }

    /// A verdict's z-scores with their category labels in the handle's language (for a verdict
    /// from `preview_growth`; saved measurements carry them already).
    pub fn scores(&self, verdict: GrowthVerdict) -> GrowthScores {
        scores_of(&verdict, self.lang_now())
    }

    /// Chart data for a child on one WHO table: the reference lines (by month 0-60 for the age
    /// tables, every 0.5 cm for weight-for-length/height) and the child's points.
    pub fn growth_chart(&self, child_id: String, table: Table) -> Result<GrowthChart, PantauError> {
        self.run(|| {
            let ctx = self.context(TargetKind::Child, &child_id)?;
            let child = ctx.card.child.clone().ok_or(crate::error::Fail::NotFound)?;
            let by_age = table.by_age();
            let curves = if by_age {
                growth::curve_by_month(table, child.sex)
            } else {
                growth::curve(table, child.sex, 5)
            };
            let points = ctx
                .card
                .measurements
                .iter()
                .filter(|m| !m.meta.deleted)
                .filter_map(|m| point(&child, m, table))
                .collect();
            Ok(GrowthChart {
                child_id,
                sex: child.sex,
                table,
                by_age,
                curves,
                points,
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pantau_core::growth::LengthForAgeCategory;

    #[test]
    fn scores_carry_the_category_label_in_the_language_and_none_when_flagged() {
        let birth = NaiveDate::from_ymd_opt(2024, 1, 10).unwrap_or_default();
        let child = Child {
            id: "c1".into(),
            household_id: "h1".into(),
            mother_id: None,
            pregnancy_id: None,
            kia_number: None,
            name: "Ayu".into(),
            nik: None,
            nik_temporary: false,
            sex: Sex::Female,
            birth_date: birth,
            birth_date_approximate: false,
            posyandu_id: None,
            birth_certificate: false,
            insurance: false,
            end: None,
            meta: Meta::default(),
        };
        // 12 months, 64 cm lying: length-for-age well below -2 SD; weight implausibly high.
        let m = Measurement {
            id: "m1".into(),
            child_id: "c1".into(),
            date: NaiveDate::from_ymd_opt(2025, 1, 10).unwrap_or_default(),
            weight_kg: Some(30.0),
            length_cm: Some(64.0),
            position: Some(Position::Lying),
            oedema: false,
            meta: Meta::default(),
        };
        let v = growth::verdict(&child, &m);
        let category = v.length_for_age.expect("plausible length-for-age");
        assert!(matches!(
            category,
            LengthForAgeCategory::Stunted | LengthForAgeCategory::SeverelyStunted
        ));
        let id = scores_of(&v, Lang::Id).length_for_age.expect("z");
        let en = scores_of(&v, Lang::En).length_for_age.expect("z");
        assert_eq!(id.category.as_deref(), Some(category.label().id.as_str()));
        assert_eq!(en.category.as_deref(), Some(category.label().en.as_str()));
        assert_eq!(id.category_code.as_deref(), Some(category.code()));
        assert_eq!(Some(id.z), v.z.zlen);
        let wfa = scores_of(&v, Lang::En).weight_for_age.expect("z");
        assert!(wfa.flagged && wfa.category.is_none() && wfa.category_code.is_none());
    }
}
