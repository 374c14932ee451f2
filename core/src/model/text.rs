//! Bilingual user-facing text and validation findings, shared by every module so the Android
//! UI and the CLI show the same words (Bahasa Indonesia first, English second).

use serde::{Deserialize, Serialize};

use super::Lang;

/// A message in both languages, ready to show; never carries personal data (no NIK, no names).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Text {
    pub id: String,
    pub en: String,
}

impl Text {
    pub fn new(id: impl Into<String>, en: impl Into<String>) -> Self {
        Text { id: id.into(), en: en.into() }
    }
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Id => &self.id,
            Lang::En => &self.en,
        }
    }
}

impl std::fmt::Display for Text {
    /// Bahasa Indonesia, the app's first language.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.id)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum Severity {
    /// Refused: nothing is saved.
    Error,
    /// Saved, but shown to the cadre (e.g. HPL disagreeing with usia kehamilan, A.10).
    Warning,
}

/// One finding of the validation rules (domain.md 11): which field, which rule, what to say.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Issue {
    /// The field the finding is about, as named in the model (e.g. "visit_date").
    pub field: String,
    /// A stable rule id (e.g. "V-2A-HPL"), cited in tests and docs.
    pub rule: String,
    pub severity: Severity,
    pub message: Text,
}

impl Issue {
    pub fn error(field: &str, rule: &str, message: Text) -> Self {
        Issue { field: field.into(), rule: rule.into(), severity: Severity::Error, message }
    }
    pub fn warning(field: &str, rule: &str, message: Text) -> Self {
        Issue { field: field.into(), rule: rule.into(), severity: Severity::Warning, message }
    }
}
