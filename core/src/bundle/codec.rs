//! Bytes <-> `Bundle`: the envelope, SHA-256 checksum, gzip, optional age encryption, and the
//! defensive reader (docs/bundle-format.md). Reading never trusts the input: sizes are capped while
//! streaming (a "zip bomb" stops at the cap), every failure is a `BundleError`, nothing panics.
//! Writing streams the JSON in chunks to a gzip thread while hashing the payload (sha256 follows it).

use std::io::{Read, Write};

use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use flate2::Compression;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use sha2::{Digest, Sha256};

use super::keys::{Identity, Recipient};
use super::columns::ColRecords;
use super::records::{WireCtx, WireRecords};
use crate::model::{Note, VillageData};
use super::{
    Bundle, BundleError, BundleHeader, BundleRange, FORMAT_NAME, FORMAT_VERSION, MIN_FORMAT_VERSION,
};

/// Largest bundle file accepted as it arrives (compressed or encrypted).
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;
/// Largest decompressed JSON accepted: a village of 24 months is a few MiB, so 64 MiB is absurd.
pub const MAX_JSON_BYTES: u64 = 64 * 1024 * 1024;

const GZIP_MAGIC: &[u8] = &[0x1f, 0x8b];
const AGE_MAGIC: &[u8] = b"age-encryption.org/";

/// How to write a bundle file.
#[derive(Debug, Clone, Default)]
pub struct WriteOptions {
    /// Write plain JSON instead of gzip (for reading by eye; the default is gzip).
    pub uncompressed: bool,
    /// Encrypt to this recipient (the kecamatan's age public key).
    pub recipient: Option<Recipient>,
}

/// What the reader accepts.
#[derive(Default)]
pub struct ReadOptions<'a> {
    /// Identities (private keys) to open encrypted bundles with.
    pub identities: &'a [Identity],
}

/// The payload: everything the checksum covers. `R` is the records' form: `ColRecords` (format 3,
/// written and read) or `WireRecords` (format 2, read).
#[derive(Serialize, Deserialize)]
struct Payload<R> {
    village_code: String,
    device_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    cadre_id: Option<String>,
    exported_at: i64,
    range: BundleRange,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    producer: Option<String>,
    records: R,
}

/// Read leniently first, so that a future version is reported as such and not as "malformed".
#[derive(Deserialize)]
struct EnvelopeIn<'a> {
    format: Option<String>,
    version: Option<u64>,
    sha256: Option<String>,
    #[serde(borrow)]
    payload: Option<&'a RawValue>,
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}

/// SHA-256 of the payload bytes, lower-case hex.
pub fn payload_checksum(payload: &[u8]) -> String {
    hex(&Sha256::digest(payload))
}

/// Size of the pieces the JSON is handed on in (to the compressor thread, or to the output).
const CHUNK: usize = 256 * 1024;

/// Collects the bundle's JSON in chunks and hands each full chunk to `sink`, hashing the bytes
/// written while `hash_from` is set (the payload's) as whole slices of a chunk.
struct Chunked<F: FnMut(Vec<u8>) -> std::io::Result<()>> {
    buf: Vec<u8>,
    hasher: Sha256,
    hash_from: Option<usize>,
    sink: F,
}

impl<F: FnMut(Vec<u8>) -> std::io::Result<()>> Chunked<F> {
    fn hash_pending(&mut self) {
        if let Some(from) = self.hash_from {
            self.hasher.update(&self.buf[from..]);
            self.hash_from = Some(self.buf.len());
        }
    }
    fn hand_on(&mut self) -> std::io::Result<()> {
        self.hash_pending();
        let full = std::mem::replace(&mut self.buf, Vec::with_capacity(CHUNK + 4096));
        if self.hash_from.is_some() {
            self.hash_from = Some(0);
        }
        (self.sink)(full)
    }
}

impl<F: FnMut(Vec<u8>) -> std::io::Result<()>> Write for Chunked<F> {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.buf.extend_from_slice(b);
        if self.buf.len() >= CHUNK {
            self.hand_on()?;
        }
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Writes the bundle's canonical JSON to `sink` in chunks: the envelope, written by hand around
/// the payload (its other fields are a constant, a number and a hex string), with `sha256` after
/// the payload so the JSON streams out while the payload is hashed (docs/bundle-format.md).
fn write_json(
    bundle: &Bundle,
    sink: impl FnMut(Vec<u8>) -> std::io::Result<()>,
) -> Result<(), BundleError> {
    let payload = Payload {
        village_code: bundle.header.village_code.clone(),
        device_id: bundle.header.device_id.clone(),
        cadre_id: bundle.header.cadre_id.clone(),
        exported_at: bundle.header.exported_at,
        range: bundle.header.range.clone(),
        producer: bundle.header.producer.clone(),
        records: ColRecords::from_data(
            &bundle.data,
            &bundle.notes,
            WireCtx {
                device: &bundle.header.device_id,
                exported_at: bundle.header.exported_at,
            },
        ),
    };
    let mut out = Chunked {
        buf: Vec::with_capacity(CHUNK + 4096),
        hasher: Sha256::new(),
        hash_from: None,
        sink,
    };
    out.write_all(b"{\"format\":\"")?;
    out.write_all(FORMAT_NAME.as_bytes())?;
    out.write_all(format!("\",\"version\":{FORMAT_VERSION},\"payload\":").as_bytes())?;
    out.hash_from = Some(out.buf.len());
    serde_json::to_writer(&mut out, &payload).map_err(|e| {
        if e.is_io() {
            BundleError::Io(std::io::Error::other(e.to_string()))
        } else {
            BundleError::Malformed {
                detail: e.to_string(),
            }
        }
    })?;
    out.hash_pending();
    out.hash_from = None;
    let sha256 = hex(&std::mem::take(&mut out.hasher).finalize());
    out.write_all(format!(",\"sha256\":\"{sha256}\"}}").as_bytes())?;
    out.hand_on()?;
    Ok(())
}

/// The canonical uncompressed JSON of a bundle (what `sha256` is checked against is its `payload`).
pub fn to_json(bundle: &Bundle) -> Result<Vec<u8>, BundleError> {
    let mut json = Vec::new();
    write_json(bundle, |chunk| {
        json.extend_from_slice(&chunk);
        Ok(())
    })?;
    Ok(json)
}

/// gzip of the bundle's JSON, compressed on a second thread while the JSON is being written
/// (on a phone the two halves of the export then overlap; level 6, see docs/bundle-format.md).
fn gzip_json(bundle: &Bundle) -> Result<Vec<u8>, BundleError> {
    std::thread::scope(|s| {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<u8>>(4);
        let compressor = s.spawn(move || -> std::io::Result<Vec<u8>> {
            let mut gz = GzEncoder::new(Vec::with_capacity(1 << 20), Compression::new(6));
            for chunk in rx {
                gz.write_all(&chunk)?;
            }
            gz.finish()
        });
        let written = write_json(bundle, move |chunk| {
            tx.send(chunk)
                .map_err(|_| std::io::Error::other("the compressor stopped"))
        });
        // `tx` is dropped with the closure: the compressor sees the end of the input.
        let compressed = compressor
            .join()
            .map_err(|_| BundleError::Io(std::io::Error::other("the compressor panicked")))?;
        written?;
        Ok(compressed?)
    })
}

/// A bundle file's bytes: JSON, gzip-compressed unless asked otherwise, then encrypted if a recipient is given.
pub fn write_bundle(bundle: &Bundle, opts: &WriteOptions) -> Result<Vec<u8>, BundleError> {
    let body = if opts.uncompressed {
        to_json(bundle)?
    } else {
        gzip_json(bundle)?
    };
    match &opts.recipient {
        None => Ok(body),
        Some(r) => super::keys::encrypt(r, &body),
    }
}

/// Reads at most `limit` bytes; one more means "too large".
fn read_capped(mut r: impl Read, limit: u64) -> Result<Vec<u8>, BundleError> {
    let mut out = Vec::new();
    r.by_ref()
        .take(limit + 1)
        .read_to_end(&mut out)
        .map_err(classify_io)?;
    if out.len() as u64 > limit {
        return Err(BundleError::too_large(limit));
    }
    Ok(out)
}

fn classify_io(e: std::io::Error) -> BundleError {
    match e.kind() {
        std::io::ErrorKind::UnexpectedEof => BundleError::Truncated,
        std::io::ErrorKind::InvalidData | std::io::ErrorKind::InvalidInput => {
            BundleError::Malformed {
                detail: format!("gzip: {e}"),
            }
        }
        _ => BundleError::Io(e),
    }
}

/// Decrypts (when needed) and decompresses (when needed) to the bundle's JSON, capped at `MAX_JSON_BYTES`.
pub fn open_bytes(bytes: &[u8], opts: &ReadOptions) -> Result<Vec<u8>, BundleError> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(BundleError::too_large(MAX_FILE_BYTES));
    }
    let decrypted;
    let mut body = bytes;
    if bytes.starts_with(AGE_MAGIC) {
        if opts.identities.is_empty() {
            return Err(BundleError::NeedsIdentity);
        }
        decrypted = super::keys::decrypt(opts.identities, bytes, MAX_FILE_BYTES)?;
        body = &decrypted;
    }
    if body.starts_with(GZIP_MAGIC) {
        let json = read_capped(GzDecoder::new(body), MAX_JSON_BYTES)?;
        if json.is_empty() {
            return Err(BundleError::Truncated);
        }
        Ok(json)
    } else if body.first() == Some(&b'{') {
        Ok(body.to_vec())
    } else if body.is_empty() || GZIP_MAGIC.starts_with(body) {
        Err(BundleError::Truncated)
    } else {
        Err(BundleError::NotABundle)
    }
}

fn malformed(e: serde_json::Error) -> BundleError {
    if e.is_eof() {
        BundleError::Truncated
    } else {
        BundleError::Malformed {
            detail: e.to_string(),
        }
    }
}

/// Parses and checks a bundle's JSON: format name, version, checksum, then the records' shape.
/// The model rules (references, dates, duplicates, village) are checked by `validate`.
pub fn from_json(json: &[u8]) -> Result<Bundle, BundleError> {
    let env: EnvelopeIn = serde_json::from_slice(json).map_err(malformed)?;
    match env.format.as_deref() {
        Some(FORMAT_NAME) => {}
        Some(other) => {
            return Err(BundleError::WrongFormat {
                found: other.chars().take(40).collect(),
            })
        }
        None => {
            return Err(BundleError::WrongFormat {
                found: String::new(),
            })
        }
    }
    let version = env.version.ok_or_else(|| BundleError::Malformed {
        detail: "missing version".into(),
    })?;
    if version > u64::from(FORMAT_VERSION) {
        return Err(BundleError::UnsupportedVersion {
            found: version,
            supported: FORMAT_VERSION,
        });
    }
    if version < u64::from(MIN_FORMAT_VERSION) {
        // Version 1 was never released to users (docs/bundle-format.md "Changelog").
        return Err(BundleError::Malformed {
            detail: format!("version {version} is not a released bundle format"),
        });
    }
    let sha = env.sha256.ok_or_else(|| BundleError::Malformed {
        detail: "missing sha256".into(),
    })?;
    let payload = env.payload.ok_or_else(|| BundleError::Malformed {
        detail: "missing payload".into(),
    })?;
    if !payload_checksum(payload.get().as_bytes()).eq_ignore_ascii_case(&sha) {
        return Err(BundleError::ChecksumMismatch);
    }
    if version == 2 {
        let p: Payload<WireRecords> = serde_json::from_str(payload.get()).map_err(malformed)?;
        p.into_bundle(|r, ctx| r.into_data(ctx))
    } else {
        let p: Payload<ColRecords> = serde_json::from_str(payload.get()).map_err(malformed)?;
        p.into_bundle(|r, ctx| r.into_data(ctx))
    }
}

impl<R> Payload<R> {
    fn into_bundle(
        self,
        records: impl FnOnce(R, WireCtx) -> Result<(VillageData, Vec<Note>), BundleError>,
    ) -> Result<Bundle, BundleError> {
        let header = BundleHeader {
            village_code: self.village_code,
            device_id: self.device_id,
            cadre_id: self.cadre_id,
            exported_at: self.exported_at,
            range: self.range,
            producer: self.producer,
        };
        let (data, notes) = records(
            self.records,
            WireCtx {
                device: &header.device_id,
                exported_at: header.exported_at,
            },
        )?;
        Ok(Bundle {
            header,
            data,
            notes,
        })
    }
}

/// Everything up to a parsed bundle: size caps, decryption, decompression, envelope, checksum, shape.
pub fn read_bundle(bytes: &[u8], opts: &ReadOptions) -> Result<Bundle, BundleError> {
    from_json(&open_bytes(bytes, opts)?)
}

#[cfg(test)]
mod tests {
    use super::super::sample;
    use super::super::validate;
    use super::*;

    fn gz() -> Vec<u8> {
        write_bundle(&sample::bundle("dev-a"), &WriteOptions::default()).unwrap()
    }

    #[test]
    fn round_trip_plain_gzip_and_encrypted() {
        let b = sample::bundle("dev-a");
        let json = to_json(&b).unwrap();
        assert_eq!(from_json(&json).unwrap(), b);
        assert_eq!(read_bundle(&gz(), &ReadOptions::default()).unwrap(), b);
        let id = Identity::generate();
        let enc = write_bundle(
            &b,
            &WriteOptions {
                uncompressed: false,
                recipient: Some(id.public()),
            },
        )
        .unwrap();
        assert!(matches!(
            read_bundle(&enc, &ReadOptions::default()),
            Err(BundleError::NeedsIdentity)
        ));
        let other = [Identity::generate()];
        assert!(matches!(
            read_bundle(&enc, &ReadOptions { identities: &other }),
            Err(BundleError::NotForUs)
        ));
        assert_eq!(
            read_bundle(&enc, &ReadOptions { identities: &[id] }).unwrap(),
            b
        );
        validate(&b, &Default::default(), sample::today()).unwrap();
    }

    #[test]
    fn a_bundle_of_many_chunks_hashes_and_compresses_whole() {
        // > 3 chunks of JSON: the payload is hashed across chunk boundaries and every chunk reaches
        // the compressor thread.
        let mut b = sample::bundle("dev-a");
        let note = b.notes[0].clone();
        for i in 0..12000 {
            let mut n = note.clone();
            n.id = format!("n-{i}");
            n.text = format!("catatan {i} {}", "x".repeat(i % 97));
            b.notes.push(n);
        }
        let json = to_json(&b).unwrap();
        assert!(json.len() > 3 * CHUNK, "{}", json.len());
        let text = std::str::from_utf8(&json).unwrap();
        let (head, tail) = text.split_at(text.rfind(",\"sha256\":\"").unwrap());
        let payload = &head[head.find("\"payload\":").unwrap() + 10..];
        assert_eq!(
            tail,
            format!(",\"sha256\":\"{}\"}}", payload_checksum(payload.as_bytes()))
        );
        assert_eq!(from_json(&json).unwrap(), b);
        let gz = write_bundle(&b, &WriteOptions::default()).unwrap();
        assert!(gz.starts_with(GZIP_MAGIC));
        assert_eq!(open_bytes(&gz, &ReadOptions::default()).unwrap(), json);
    }

    #[test]
    fn truncated_and_not_gzip() {
        let f = gz();
        for cut in [1, 2, 10, f.len() / 2, f.len() - 1] {
            let r = read_bundle(&f[..cut], &ReadOptions::default());
            assert!(
                matches!(r, Err(BundleError::Truncated)),
                "cut at {cut}: {r:?}"
            );
        }
        assert!(matches!(
            read_bundle(b"PK\x03\x04zip", &ReadOptions::default()),
            Err(BundleError::NotABundle)
        ));
        assert!(matches!(
            read_bundle(b"", &ReadOptions::default()),
            Err(BundleError::Truncated)
        ));
    }

    #[test]
    fn checksum_version_and_format() {
        let json = String::from_utf8(to_json(&sample::bundle("dev-a")).unwrap()).unwrap();
        let tampered = json.replacen("Sukamaju", "Sukamundur", 1);
        assert!(matches!(
            from_json(tampered.as_bytes()),
            Err(BundleError::ChecksumMismatch)
        ));
        let current = format!("\"version\":{FORMAT_VERSION},");
        let future = json.replacen(&current, &format!("\"version\":{},", FORMAT_VERSION + 1), 1);
        assert!(matches!(
            from_json(future.as_bytes()),
            Err(BundleError::UnsupportedVersion { found, .. }) if found == u64::from(FORMAT_VERSION) + 1
        ));
        for old in ["1", "0"] {
            let old = json.replacen(&current, &format!("\"version\":{old},"), 1);
            assert!(matches!(
                from_json(old.as_bytes()),
                Err(BundleError::Malformed { .. })
            ));
        }
        let other = json.replacen("pantau-bundle", "other-app", 1);
        assert!(matches!(
            from_json(other.as_bytes()),
            Err(BundleError::WrongFormat { .. })
        ));
        assert!(matches!(
            from_json(b"{\"a\":1}"),
            Err(BundleError::WrongFormat { .. })
        ));
    }

    #[test]
    fn zip_bomb_is_capped() {
        // 3 MiB of spaces compress to a few KiB; read with a 1 MiB cap the reader stops at the cap
        // (the real cap, MAX_JSON_BYTES, is exercised end to end in tests/tests/bundle_bad.rs).
        let mut gz = GzEncoder::new(Vec::new(), Compression::fast());
        gz.write_all(&vec![b' '; 3 * 1024 * 1024]).unwrap();
        let bomb = gz.finish().unwrap();
        assert!(bomb.len() < 64 * 1024);
        assert!(matches!(
            read_capped(GzDecoder::new(&bomb[..]), 1024 * 1024),
            Err(BundleError::TooLarge(..))
        ));
        assert_eq!(
            read_capped(GzDecoder::new(&bomb[..]), 4 * 1024 * 1024)
                .unwrap()
                .len(),
            3 * 1024 * 1024
        );
    }
}
