//! Bundles leaving the phone (issue 4; docs/bundle-format.md): the village's data written to a
//! file the app then shares (WhatsApp, USB, e-mail), optionally encrypted to the kecamatan's age
//! public key; and reading a bundle file back to check it before sending.

use pantau_core::bundle::{
    self, export_bundle, mark_exported, only_village_code, read_bundle, write_bundle, BundleError,
    BundleRange, ExportRange, ReadOptions, Recipient, WriteOptions,
};
use pantau_core::model::VillageData;

use crate::error::{Fail, Res};
use crate::{Pantau, PantauError};
use pantau_core::store::today;

/// A bundle written to a file.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct ExportResult {
    pub path: String,
    pub bytes: u64,
    pub village_code: String,
    /// Everything (true) or only the changes since this phone's previous bundle (false).
    pub full: bool,
    /// Records in the bundle (registers, monthly records, measurements, notes; tombstones included).
    pub records: u64,
    pub encrypted: bool,
}

/// What a bundle file holds, read back from the file.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct BundleSummary {
    pub village_code: String,
    pub device_id: String,
    /// Milliseconds since the Unix epoch.
    pub exported_at: i64,
    pub full: bool,
    pub households: u32,
    pub pregnancies: u32,
    pub children: u32,
    pub monthly_records: u32,
    pub measurements: u32,
    pub records: u64,
}

fn count(d: &VillageData, notes: usize) -> u64 {
    (d.record_count() + notes) as u64
}

fn io(e: std::io::Error) -> Fail {
    Fail::Bundle(BundleError::Io(e))
}

impl Pantau {
    fn export(&self, path: &str, full: bool, recipient: Option<String>) -> Res<ExportResult> {
        let store = &self.store;
        let code = only_village_code(store)?;
        let range = if full {
            ExportRange::Full
        } else {
            ExportRange::SinceLast
        };
        let recipient = recipient.as_deref().map(Recipient::parse).transpose()?;
        let encrypted = recipient.is_some();
        let bundle = export_bundle(store, &code, range, None)?;
        let bytes = write_bundle(
            &bundle,
            &WriteOptions {
                uncompressed: false,
                recipient,
            },
        )?;
        // Written beside the target and renamed into place: a half-written bundle never has its name.
        let tmp = format!("{path}.partial");
        std::fs::write(&tmp, &bytes).map_err(io)?;
        std::fs::rename(&tmp, path).map_err(io)?;
        mark_exported(store, &bundle.header)?;
        Ok(ExportResult {
            path: path.to_string(),
            bytes: bytes.len() as u64,
            village_code: code,
            full: matches!(bundle.header.range, BundleRange::Full { .. }),
            records: count(&bundle.data, bundle.notes.len()),
            encrypted,
        })
    }

    fn check(&self, path: &str) -> Res<BundleSummary> {
        let bytes = std::fs::read(path).map_err(io)?;
        let b = read_bundle(&bytes, &ReadOptions::default())?;
        // The file must stand on its own (bundles are referentially closed, docs/bundle-format.md).
        bundle::validate(&b, &VillageData::default(), today())?;
        let d = &b.data;
        Ok(BundleSummary {
            village_code: b.header.village_code.clone(),
            device_id: b.header.device_id.clone(),
            exported_at: b.header.exported_at,
            full: matches!(b.header.range, BundleRange::Full { .. }),
            households: d.households.len() as u32,
            pregnancies: d.pregnancies.len() as u32,
            children: d.children.len() as u32,
            monthly_records: (d.pregnancy_visits.len() + d.child_visits.len() + d.paud_visits.len())
                as u32,
            measurements: d.measurements.len() as u32,
            records: count(d, b.notes.len()),
        })
    }
}

#[uniffi::export]
impl Pantau {
    /// Writes the village's bundle to `path` (gzip JSON; age-encrypted when `recipient`, an
    /// `age1...` public key, is given): everything when `full`, else the changes since this phone's
    /// previous bundle. The next incremental export starts after this one.
    pub fn export_bundle(
        &self,
        path: String,
        full: bool,
        recipient: Option<String>,
    ) -> Result<ExportResult, PantauError> {
        self.run(|| self.export(&path, full, recipient))
    }

    /// Reads an unencrypted bundle file back and checks it against the model's rules (what the
    /// kecamatan desk will check), without importing anything.
    pub fn check_bundle(&self, path: String) -> Result<BundleSummary, PantauError> {
        self.run(|| self.check(&path))
    }
}
