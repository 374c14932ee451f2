//! Errors of the store (architecture.md "Errors"): one thiserror enum, each variant with a
//! bilingual message ready to show that carries no personal data (no NIK, no names).

use std::path::PathBuf;

use rusqlite::ErrorCode;

use crate::model::{Issue, Severity, Text};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// Refused before the database: the issues say which field and which rule (domain.md 11).
    #[error("invalid input: {} issue(s)", .0.len())]
    Invalid(Vec<Issue>),
    /// No live record of that kind with that id.
    #[error("{entity} {id} not found")]
    NotFound { entity: &'static str, id: String },
    /// The file was written by a newer app; it is left untouched.
    #[error("database schema version {found} is newer than this app supports ({supported})")]
    NewerSchema { found: u32, supported: u32 },
    /// SQLite reports the file as damaged or not a database.
    #[error("database file is corrupt: {0}")]
    Corrupt(String),
    /// A newer search interrupted this one (search-as-you-type).
    #[error("interrupted by a newer query")]
    Interrupted,
    #[error("sqlite: {0}")]
    Sqlite(rusqlite::Error),
    #[error("file: {0}")]
    Io(#[from] std::io::Error),
    #[error("json: {0}")]
    Json(#[from] serde_json::Error),
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            Some(ErrorCode::OperationInterrupted) => StoreError::Interrupted,
            Some(ErrorCode::DatabaseCorrupt) | Some(ErrorCode::NotADatabase) => {
                StoreError::Corrupt(e.to_string())
            }
            _ => StoreError::Sqlite(e),
        }
    }
}

impl StoreError {
    /// Only the refusing issues (severity Error) make an `Invalid`; warnings are returned with the saved record.
    pub(crate) fn check(issues: Vec<Issue>) -> Result<Vec<Issue>> {
        if issues.iter().any(|i| i.severity == Severity::Error) {
            Err(StoreError::Invalid(issues))
        } else {
            Ok(issues)
        }
    }

    /// The message to show, Bahasa Indonesia first (architecture.md "Errors").
    pub fn user_message(&self) -> Text {
        match self {
            StoreError::Invalid(issues) => match issues.iter().find(|i| i.severity == Severity::Error) {
                Some(first) => first.message.clone(),
                None => Text::new("Isian belum benar.", "Some input is not valid."),
            },
            StoreError::NotFound { .. } => {
                Text::new("Data tidak ditemukan (mungkin sudah dihapus).", "Record not found (it may have been deleted).")
            }
            StoreError::NewerSchema { .. } => Text::new(
                "Data ini dibuat oleh versi Pantau yang lebih baru. Perbarui aplikasi; data tidak diubah.",
                "This data was written by a newer Pantau. Update the app; the data was not changed.",
            ),
            StoreError::Corrupt(_) => Text::new(
                "Berkas data rusak. Berkas lama disimpan terpisah agar bisa dikirim untuk pemulihan.",
                "The data file is damaged. The old file was kept aside so it can be sent for recovery.",
            ),
            StoreError::Interrupted => Text::new("Pencarian diganti oleh pencarian baru.", "Search replaced by a newer one."),
            StoreError::Sqlite(_) | StoreError::Json(_) => Text::new(
                "Gagal menyimpan atau membaca data. Coba lagi; data yang sudah tersimpan aman.",
                "Could not save or read data. Try again; data already saved is safe.",
            ),
            StoreError::Io(_) => Text::new(
                "Gagal membaca atau menulis berkas. Periksa ruang penyimpanan.",
                "Could not read or write a file. Check the storage space.",
            ),
        }
    }
}

/// What `Store::open` did with a file SQLite could not read: moved aside, never deleted
/// (architecture.md "Storage": the phone may hold the only copy of unsent visits).
#[derive(Debug, Clone, PartialEq)]
pub struct Recovery {
    /// Where the damaged file (and its -wal/-shm) now lies; it can still be exported.
    pub moved_to: PathBuf,
    /// SQLite's own words, for the technical log.
    pub detail: String,
    pub message: Text,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interrupt_and_corrupt_codes_map_to_their_variants() {
        let interrupted = rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_INTERRUPT),
            None,
        );
        assert!(matches!(
            StoreError::from(interrupted),
            StoreError::Interrupted
        ));
        let notadb = rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_NOTADB),
            None,
        );
        assert!(matches!(StoreError::from(notadb), StoreError::Corrupt(_)));
    }

    #[test]
    fn invalid_shows_the_first_refusing_issue() {
        let warn = Issue::warning("a", "W", Text::new("peringatan", "warning"));
        let err = Issue::error("b", "E", Text::new("salah", "wrong"));
        assert!(StoreError::check(vec![warn.clone()]).is_ok());
        let e = StoreError::check(vec![warn, err]).unwrap_err();
        assert_eq!(e.user_message().id, "salah");
    }
}
