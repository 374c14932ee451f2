//! Every label the screens need, in Bahasa Indonesia and English, in one call: the indicator
//! wordings and short headers (domain.md 4.1/4.2, from `pantau_core::labels`), the code tables
//! (domain.md 2.2), the service packages (domain.md 7), months and target kinds. The app caches it.

use pantau_core::labels;
use pantau_core::model::*;
use pantau_core::ruleset::IndicatorId;

use crate::Pantau;

/// One indicator of the rule set with its texts.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct IndicatorLabel {
    pub id: IndicatorId,
    /// "IH-1".."IH-8", "AN-1".."AN-10", "PD-1".
    pub code: String,
    pub group: TargetKind,
    pub package: Package,
    /// The indicator's exact wording.
    pub text: Text,
    /// The 3A/3B column header.
    pub short: Text,
}

/// One stored code of a code table and its label.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct CodeLabel {
    /// The table: "sex", "nutrition_status", "mat_result", "measles", "paud_cell", "outcome",
    /// "end_reason", "package", "target_kind", "position", "month" (code "1".."12").
    pub table: String,
    /// The code as stored and as `FieldValue::Code` carries it (e.g. "GK", "SUDAH", "v").
    pub code: String,
    pub label: Text,
}

#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct LabelCatalog {
    pub ruleset: String,
    pub indicators: Vec<IndicatorLabel>,
    pub codes: Vec<CodeLabel>,
}

fn codes<E: Copy>(
    out: &mut Vec<CodeLabel>,
    table: &str,
    all: &[E],
    code: fn(E) -> &'static str,
    label: fn(E) -> Text,
) {
    out.extend(all.iter().map(|e| CodeLabel {
        table: table.into(),
        code: code(*e).into(),
        label: label(*e),
    }));
}

fn position(p: Position) -> Text {
    match p {
        Position::Lying => Text::new("Berbaring (panjang badan)", "Lying (length)"),
        Position::Standing => Text::new("Berdiri (tinggi badan)", "Standing (height)"),
    }
}

pub(crate) fn catalog(rules: &pantau_core::ruleset::RuleSet) -> LabelCatalog {
    let indicators = rules
        .indicators
        .iter()
        .map(|r| IndicatorLabel {
            id: r.id,
            code: r.id.code().to_string(),
            group: r.group,
            package: r.package,
            text: labels::indicator(r.id),
            short: labels::indicator_short(r.id),
        })
        .collect();
    let mut out = Vec::new();
    codes(&mut out, "sex", Sex::ALL, Sex::code, labels::sex);
    codes(
        &mut out,
        "nutrition_status",
        NutritionStatus::ALL,
        NutritionStatus::code,
        labels::nutrition_status,
    );
    codes(
        &mut out,
        "mat_result",
        MatResult::ALL,
        MatResult::code,
        labels::mat_result,
    );
    codes(
        &mut out,
        "measles",
        Measles::ALL,
        Measles::code,
        labels::measles,
    );
    codes(
        &mut out,
        "paud_cell",
        PaudCell::ALL,
        PaudCell::code,
        labels::paud_cell,
    );
    codes(
        &mut out,
        "outcome",
        Outcome::ALL,
        Outcome::code,
        labels::outcome,
    );
    codes(
        &mut out,
        "end_reason",
        EndReason::ALL,
        EndReason::code,
        labels::end_reason,
    );
    codes(
        &mut out,
        "package",
        Package::ALL,
        Package::code,
        labels::package,
    );
    codes(
        &mut out,
        "target_kind",
        TargetKind::ALL,
        TargetKind::code,
        labels::target_kind,
    );
    codes(
        &mut out,
        "position",
        Position::ALL,
        Position::code,
        position,
    );
    out.extend((1..=12u32).map(|m| CodeLabel {
        table: "month".into(),
        code: m.to_string(),
        label: labels::month(m),
    }));
    LabelCatalog {
        ruleset: rules.stamp(),
        indicators,
        codes: out,
    }
}

#[uniffi::export]
impl Pantau {
    /// All labels and indicator texts in both languages (cache it; it changes only with the app).
    pub fn labels(&self) -> LabelCatalog {
        catalog(self.rules())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_indicator_of_the_rule_set_has_its_own_wording() {
        let c = catalog(pantau_core::ruleset::RuleSet::kpm_2019());
        assert!(c.indicators.len() >= 19, "{}", c.indicators.len());
        for i in &c.indicators {
            assert_ne!(i.text.id, i.code, "indicator {} has no wording", i.code);
            assert!(!i.short.en.is_empty());
        }
        assert!(c
            .codes
            .iter()
            .any(|l| l.table == "nutrition_status" && l.code == "GK"));
    }
}
