//! "Check my data" and safety copies (issue 3): SQLite's integrity and foreign-key checks plus
//! every validation rule of domain.md 11 over the stored village, and an online backup to a file.

use pantau_core::forms::{validate_village, RecordIssue};
use pantau_core::model::Severity;
use pantau_core::store::StoreError;

use crate::{Pantau, PantauError};
use pantau_core::store::today;

/// The outcome of a data check.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct DataCheck {
    /// The file is sound and no stored record breaks a refusing rule.
    pub ok: bool,
    /// SQLite's findings (technical, for a support bundle); empty when the file is sound.
    pub storage_problems: Vec<String>,
    /// Findings of the validation rules over the stored records (errors and warnings).
    pub findings: Vec<RecordIssue>,
    pub errors: u32,
    pub warnings: u32,
}

/// A written backup file.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct BackupInfo {
    pub path: String,
    pub bytes: u64,
}

#[uniffi::export]
impl Pantau {
    /// Checks the file (`full`: the slow `integrity_check` instead of `quick_check`) and every
    /// stored record against the validation rules.
    pub fn check_data(&self, full: bool) -> Result<DataCheck, PantauError> {
        self.run(|| {
            let report = self.store.check(full)?;
            let data = self.store.load_village()?;
            let findings = validate_village(&data, today());
            let errors = findings
                .iter()
                .filter(|f| f.issue.severity == Severity::Error)
                .count() as u32;
            let warnings = findings.len() as u32 - errors;
            Ok(DataCheck {
                ok: report.ok && errors == 0,
                storage_problems: report.problems,
                findings,
                errors,
                warnings,
            })
        })
    }

    /// Copies the live database to `path` (one consistent snapshot, written to a temporary file
    /// and renamed into place).
    pub fn backup(&self, path: String) -> Result<BackupInfo, PantauError> {
        self.run(|| {
            self.store.backup_to(&path)?;
            let bytes = std::fs::metadata(&path).map_err(StoreError::from)?.len();
            Ok(BackupInfo { path, bytes })
        })
    }
}
