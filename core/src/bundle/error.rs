//! Why a bundle was refused. Every variant has a bilingual message (`BundleError::text`), ready to
//! show at the subdistrict desk or on the phone, with no personal data: record ids (UUIDs) and table
//! names only, never names or NIKs (architecture.md "Errors"). A refused bundle changes nothing.

use crate::model::Text;

#[derive(Debug, thiserror::Error)]
pub enum BundleError {
    /// The file (or its decompressed content) is larger than the limit: a "zip bomb" or not a bundle.
    #[error("{}", .0.id)]
    TooLarge(Text, u64),
    /// The file ends early (cut off during a WhatsApp transfer or a full disk).
    #[error("berkas terpotong / file is truncated")]
    Truncated,
    /// Neither gzip, nor age-encrypted, nor JSON.
    #[error("bukan berkas bundel (bukan gzip) / not a bundle (not gzip)")]
    NotABundle,
    /// Valid compression but the JSON inside cannot be read as a bundle.
    #[error("isi bundel rusak / bundle content is malformed: {detail}")]
    Malformed { detail: String },
    /// JSON with a different `format` name.
    #[error("bukan bundel Pantau / not a Pantau bundle (format {found:?})")]
    WrongFormat { found: String },
    /// Made by a newer Pantau: update before importing.
    #[error("versi bundel {found} lebih baru dari yang didukung ({supported}) / bundle version {found} is newer than supported ({supported})")]
    UnsupportedVersion { found: u64, supported: u32 },
    /// The SHA-256 of the payload does not match the one written in the bundle.
    #[error("checksum tidak cocok / checksum mismatch")]
    ChecksumMismatch,
    /// The bundle is encrypted and no identity (private key) was given.
    #[error("bundel terenkripsi, perlu kunci / bundle is encrypted, an identity is needed")]
    NeedsIdentity,
    /// Encrypted for someone else (none of our identities opens it).
    #[error("bundel dienkripsi untuk penerima lain / bundle is encrypted for another recipient")]
    NotForUs,
    /// The encrypted file is damaged (bad header, bad MAC, corrupted chunk).
    #[error("bundel terenkripsi rusak / encrypted bundle is damaged: {detail}")]
    Decryption { detail: String },
    /// Encryption failed while exporting.
    #[error("enkripsi gagal / encryption failed: {detail}")]
    Encryption { detail: String },
    /// A key (public key or identity file) cannot be read.
    #[error("kunci tidak valid / invalid key: {detail}")]
    InvalidKey { detail: String },
    /// The same record id (or the same target and month) twice in one bundle.
    #[error("rekaman ganda di {table}: {id} / duplicate record in {table}: {id}")]
    Duplicate { table: &'static str, id: String },
    /// A record refers to one that is neither in the bundle nor in the database.
    #[error("{table} {id}: {field} merujuk rekaman yang tidak ada / {field} refers to a record that does not exist")]
    MissingReference {
        table: &'static str,
        id: String,
        field: &'static str,
    },
    /// A record breaks a rule of the model (domain.md 11, A.10).
    #[error("{table} {id}: {}", .message.id)]
    InvalidRecord {
        table: &'static str,
        id: String,
        rule: String,
        message: Text,
    },
    /// The bundle's data belongs to another village than the one it claims, or than the database row it would update.
    #[error("data desa {found} tidak boleh masuk ke desa {expected} / data of village {found} must not mix into village {expected}")]
    VillageMismatch { expected: String, found: String },
    /// Reading or writing a file.
    #[error("kesalahan berkas / file error: {0}")]
    Io(#[from] std::io::Error),
    /// The database refused the import (nothing was written: the transaction rolled back).
    #[error("kesalahan basis data / database error: {detail}")]
    Store { detail: String },
}

impl BundleError {
    /// The message in both languages (Bahasa Indonesia first).
    pub fn text(&self) -> Text {
        match self {
            BundleError::TooLarge(t, _) => t.clone(),
            BundleError::Truncated => Text::new(
                "Berkas bundel terpotong (mungkin unduhan belum selesai). Minta kirim ulang.",
                "The bundle file is truncated (perhaps the download did not finish). Ask for it again.",
            ),
            BundleError::NotABundle => Text::new(
                "Berkas ini bukan bundel Pantau (bukan gzip, bukan terenkripsi, bukan JSON).",
                "This file is not a Pantau bundle (not gzip, not encrypted, not JSON).",
            ),
            BundleError::Malformed { .. } => Text::new(
                "Isi bundel rusak dan tidak dapat dibaca.",
                "The bundle content is malformed and cannot be read.",
            ),
            BundleError::WrongFormat { .. } => Text::new(
                "Berkas JSON ini bukan bundel Pantau.",
                "This JSON file is not a Pantau bundle.",
            ),
            BundleError::UnsupportedVersion { found, supported } => Text::new(
                format!("Bundel versi {found} dibuat oleh Pantau yang lebih baru (didukung: {supported}). Perbarui aplikasi."),
                format!("Bundle version {found} was made by a newer Pantau (supported: {supported}). Update the application."),
            ),
            BundleError::ChecksumMismatch => Text::new(
                "Checksum bundel tidak cocok: isinya berubah atau rusak. Minta kirim ulang.",
                "The bundle checksum does not match: its content was changed or damaged. Ask for it again.",
            ),
            BundleError::NeedsIdentity => Text::new(
                "Bundel ini terenkripsi. Berikan berkas kunci (--identity).",
                "This bundle is encrypted. Give the identity file (--identity).",
            ),
            BundleError::NotForUs => Text::new(
                "Bundel ini dienkripsi untuk penerima lain; kunci ini tidak dapat membukanya.",
                "This bundle is encrypted for another recipient; this key cannot open it.",
            ),
            BundleError::Decryption { .. } => Text::new(
                "Bundel terenkripsi rusak dan tidak dapat dibuka.",
                "The encrypted bundle is damaged and cannot be opened.",
            ),
            BundleError::Encryption { .. } => Text::new("Enkripsi bundel gagal.", "Encrypting the bundle failed."),
            BundleError::InvalidKey { .. } => Text::new(
                "Kunci tidak valid (kunci publik harus diawali age1, kunci rahasia AGE-SECRET-KEY-1).",
                "Invalid key (a public key starts with age1, an identity with AGE-SECRET-KEY-1).",
            ),
            BundleError::Duplicate { table, id } => Text::new(
                format!("Rekaman ganda dalam satu bundel ({table}, {id})."),
                format!("Duplicate record in one bundle ({table}, {id})."),
            ),
            BundleError::MissingReference { table, id, field } => Text::new(
                format!("{table} {id}: {field} merujuk rekaman yang tidak ada di bundel maupun basis data."),
                format!("{table} {id}: {field} refers to a record that is neither in the bundle nor in the database."),
            ),
            BundleError::InvalidRecord { table, id, message, .. } => Text::new(
                format!("{table} {id}: {}", message.id),
                format!("{table} {id}: {}", message.en),
            ),
            BundleError::VillageMismatch { expected, found } => Text::new(
                format!("Data desa {found} tidak boleh dicampur ke desa {expected}."),
                format!("Data of village {found} must not mix into village {expected}."),
            ),
            BundleError::Io(_) => Text::new("Berkas tidak dapat dibaca atau ditulis.", "The file cannot be read or written."),
            BundleError::Store { .. } => Text::new(
                "Basis data menolak impor; tidak ada yang berubah.",
                "The database refused the import; nothing was changed.",
            ),
        }
    }

    pub(crate) fn too_large(limit: u64) -> Self {
        let mib = limit / (1024 * 1024);
        BundleError::TooLarge(
            Text::new(
                format!("Bundel terlalu besar (lebih dari {mib} MiB setelah dibuka); ditolak."),
                format!("The bundle is too large (more than {mib} MiB once opened); refused."),
            ),
            limit,
        )
    }

    pub(crate) fn invalid(table: &'static str, id: &str, rule: &str, message: Text) -> Self {
        BundleError::InvalidRecord {
            table,
            id: id.to_string(),
            rule: rule.to_string(),
            message,
        }
    }
}
