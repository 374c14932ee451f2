//! `pantau import FILE... [--db PATH] [--identity FILE]`: bundles from the villages into the
//! subdistrict (kecamatan) database (issue 4). Each file is all or nothing: a bad file is refused
//! with its reason and changes nothing; the others are still imported. All the files of one
//! command are written in one transaction (a savepoint per file, `bundle::import_files`): a
//! subdistrict's 50 villages commit once instead of 50 times.

use pantau_core::bundle::{import_files, BundleRange, Identity, ReadOptions};
use pantau_core::store::{OpenOptions, Store};

const USAGE: &str =
    "pantau import FILE... [--db PATH] [--identity FILE]   (default PATH: kecamatan.db)";

pub fn main(args: &[String]) -> i32 {
    let mut db = "kecamatan.db".to_string();
    let mut identity: Option<String> = None;
    let mut files = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--db" => match it.next() {
                Some(v) => db = v.clone(),
                None => return usage(),
            },
            "--identity" | "-i" => match it.next() {
                Some(v) => identity = Some(v.clone()),
                None => return usage(),
            },
            s if s.starts_with('-') => return usage(),
            _ => files.push(a.clone()),
        }
    }
    if files.is_empty() {
        return usage();
    }
    let identities = match identity {
        None => Vec::new(),
        Some(path) => match std::fs::read_to_string(&path)
            .map_err(|e| e.to_string())
            .and_then(|t| Identity::parse_file(&t).map_err(|e| e.text().en))
        {
            Ok(ids) => ids,
            Err(e) => {
                eprintln!("Kunci {path} tidak dapat dibaca / cannot read identity {path}: {e}");
                return 1;
            }
        },
    };
    // The desk's caching options (store::OpenOptions::desk): a subdistrict database of many villages.
    let store = match Store::open_with(&db, "kecamatan-desk", OpenOptions::desk()) {
        Ok(s) => s,
        Err(e) => {
            let t = e.user_message();
            eprintln!("{db}: {} / {}", t.id, t.en);
            return 1;
        }
    };
    if let Some(r) = store.recovery() {
        eprintln!("{} / {}", r.message.id, r.message.en);
    }
    let opts = ReadOptions {
        identities: &identities,
    };
    // Files are read and parsed one at a time, the next while the current one is written.
    let mut outcomes = Vec::with_capacity(files.len());
    if let Err(e) = import_files(&store, &files, &opts, |r| outcomes.push(r)) {
        let t = e.text();
        eprintln!("GAGAL, tidak ada yang diimpor / FAILED, nothing imported: {} / {}", t.id, t.en);
        eprintln!("  ({e})");
        return 1;
    }
    let mut failed = 0;
    for (f, outcome) in files.iter().zip(outcomes) {
        match outcome {
            Ok(r) => {
                let range = match r.range {
                    BundleRange::Full { .. } => "lengkap/full".to_string(),
                    BundleRange::Incremental { since, until, .. } => {
                        format!("perubahan/changes {since}..{until}")
                    }
                };
                let s = r.stats;
                println!(
                    "{f}: desa/village {} perangkat/device {} ({range}): baru/new {}, diperbarui/updated {}, sama/unchanged {}, kalah/kept existing {}, diganti/evicted {}, riwayat/history +{}",
                    r.village_code, r.device_id, s.inserted, s.updated, s.unchanged, s.kept_existing, s.evicted, r.history_added
                );
            }
            Err(e) => {
                let t = e.text();
                eprintln!("{f}: DITOLAK / REFUSED: {} / {}", t.id, t.en);
                eprintln!("  ({e})");
                failed += 1;
            }
        }
    }
    i32::from(failed > 0)
}

fn usage() -> i32 {
    eprintln!("usage: {USAGE}");
    2
}
