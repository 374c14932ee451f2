//! The one error type of the FFI surface (architecture.md "Errors", application-services
//! `components/logins/src/error.rs`): only what the UI acts on, mapped from the core's errors in
//! ONE place ([`map`]). Every variant carries `reason`, the text to show, already in the handle's
//! language (Bahasa Indonesia or English), and never personal data (no NIK, no names, no paths):
//! SQLite's and the OS's own words go to the log line of `detail`-free variants only by kind.
//!
//! Kotlin: `PantauException.InvalidInput`, `.NotFound`, ... (uniffi renames `Error` to
//! `Exception`). A field called `message` would clash with `Throwable.message` (toolchain.md), so
//! the text is `reason`; the generated Kotlin `message` is "field=…, rule=…, reason=…", also free of
//! personal data, but the screen shows `e.reason`.

use pantau_core::bundle::BundleError;
use pantau_core::model::{Issue, Lang, Severity, Text};
use pantau_core::store::StoreError;

#[derive(Debug, Clone, PartialEq, thiserror::Error, uniffi::Error)]
pub enum PantauError {
    /// Refused input: the first refusing finding's field and rule id (domain.md 11), and every
    /// finding (errors and warnings) so a form can mark all fields at once.
    #[error("{reason}")]
    InvalidInput {
        field: String,
        rule: String,
        reason: String,
        issues: Vec<Issue>,
    },
    /// No live record with that id (deleted, or never existed).
    #[error("{reason}")]
    NotFound { reason: String },
    /// SQLite or the file system failed; data already saved is safe.
    #[error("{reason}")]
    Storage { reason: String },
    /// The database file was written by a newer app; it was left untouched.
    #[error("{reason}")]
    NewerDatabase {
        found: u32,
        supported: u32,
        reason: String,
    },
    /// The database file is damaged.
    #[error("{reason}")]
    Corrupt { reason: String },
    /// A newer search replaced this one (search as you type): ignore it.
    #[error("{reason}")]
    Interrupted { reason: String },
    /// A bundle could not be made or read back, or breaks the model's rules (`rule` is the
    /// bundle check's id when one applies, else empty).
    #[error("{reason}")]
    BundleRejected { rule: String, reason: String },
}

/// Everything the binding crate can fail with before it is shown: core errors or a finding of
/// the binding's own argument checks. Converted to [`PantauError`] by [`map`] only.
#[derive(Debug)]
pub(crate) enum Fail {
    Store(StoreError),
    /// An argument the binding itself refuses (unknown field key, wrong value kind ...).
    Invalid(Issue),
    NotFound,
    Bundle(BundleError),
}

impl From<BundleError> for Fail {
    fn from(e: BundleError) -> Self {
        Fail::Bundle(e)
    }
}

impl From<StoreError> for Fail {
    fn from(e: StoreError) -> Self {
        Fail::Store(e)
    }
}

pub(crate) type Res<T> = Result<T, Fail>;

fn invalid(issues: Vec<Issue>, lang: Lang) -> PantauError {
    let first = issues
        .iter()
        .find(|i| i.severity == Severity::Error)
        .or(issues.first());
    let (field, rule, reason) = match first {
        Some(i) => (
            i.field.clone(),
            i.rule.clone(),
            i.message.get(lang).to_string(),
        ),
        None => (
            String::new(),
            String::new(),
            Text::new("Isian belum benar.", "Some input is not valid.")
                .get(lang)
                .to_string(),
        ),
    };
    PantauError::InvalidInput {
        field,
        rule,
        reason,
        issues,
    }
}

/// The one mapping from core errors to what crosses the FFI.
pub(crate) fn map(fail: Fail, lang: Lang) -> PantauError {
    match fail {
        Fail::Invalid(issue) => invalid(vec![issue], lang),
        Fail::NotFound => PantauError::NotFound {
            reason: not_found_text().get(lang).to_string(),
        },
        Fail::Bundle(e) => {
            let reason = e.text().get(lang).to_string();
            match e {
                BundleError::Io(_) | BundleError::Store { .. } => PantauError::Storage { reason },
                BundleError::InvalidRecord { rule, .. } => {
                    PantauError::BundleRejected { rule, reason }
                }
                _ => PantauError::BundleRejected {
                    rule: String::new(),
                    reason,
                },
            }
        }
        Fail::Store(e) => {
            let reason = e.user_message().get(lang).to_string();
            match e {
                StoreError::Invalid(issues) => invalid(issues, lang),
                StoreError::NotFound { .. } => PantauError::NotFound { reason },
                StoreError::NewerSchema { found, supported } => PantauError::NewerDatabase {
                    found,
                    supported,
                    reason,
                },
                StoreError::Corrupt(_) => PantauError::Corrupt { reason },
                StoreError::Interrupted => PantauError::Interrupted { reason },
                StoreError::Sqlite(_) | StoreError::Io(_) | StoreError::Json(_) => {
                    PantauError::Storage { reason }
                }
            }
        }
    }
}

pub(crate) fn not_found_text() -> Text {
    Text::new(
        "Data tidak ditemukan (mungkin sudah dihapus).",
        "Record not found (it may have been deleted).",
    )
}

/// A refusal of the binding's own argument checks.
pub(crate) fn bad_arg(field: &str, rule: &str, id: &str, en: &str) -> Fail {
    Fail::Invalid(Issue::error(field, rule, Text::new(id, en)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_input_takes_the_first_refusing_issue_in_the_language() {
        let warn = Issue::warning("a", "W-1", Text::new("peringatan", "warning"));
        let err = Issue::error(
            "nik",
            "V-NIK-FORMAT",
            Text::new("NIK harus 16 angka.", "NIK must be 16 digits."),
        );
        let e = map(Fail::Store(StoreError::Invalid(vec![warn, err])), Lang::En);
        match e {
            PantauError::InvalidInput {
                field,
                rule,
                reason,
                issues,
            } => {
                assert_eq!(
                    (field.as_str(), rule.as_str(), reason.as_str()),
                    ("nik", "V-NIK-FORMAT", "NIK must be 16 digits.")
                );
                assert_eq!(issues.len(), 2);
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn store_errors_map_to_their_kinds_without_technical_text() {
        let e = map(
            Fail::Store(StoreError::Corrupt(
                "file is not a database at /data/x/nik.db".into(),
            )),
            Lang::Id,
        );
        match e {
            PantauError::Corrupt { reason } => assert!(!reason.contains("/data"), "{reason}"),
            other => panic!("unexpected {other:?}"),
        }
        assert!(matches!(
            map(
                Fail::Store(StoreError::NewerSchema {
                    found: 9,
                    supported: 2
                }),
                Lang::Id
            ),
            PantauError::NewerDatabase {
                found: 9,
                supported: 2,
                ..
            }
        ));
        assert!(matches!(
            map(Fail::Store(StoreError::Interrupted), Lang::Id),
            PantauError::Interrupted { .. }
        ));
        assert!(matches!(
            map(Fail::NotFound, Lang::En),
            PantauError::NotFound { .. }
        ));
        assert!(matches!(
            map(Fail::Bundle(BundleError::Truncated), Lang::En),
            PantauError::BundleRejected { .. }
        ));
    }
}
