//! Import benchmark for iterating on issue 4's "50 village bundles into one subdistrict database
//! in < 15 s": imports generated village bundles one by one and prints each import's wall and
//! on-CPU time and the database size, so a change shows its effect on the first village (empty
//! database) and on the last (a large one) without running the whole `bundle` bench.
//!
//! `cargo run --profile bench -p pantau-tests --bin bundle_import_bench -- [VILLAGES] [--from K]
//! [--db PATH]`: VILLAGES (default 50, or `PANTAU_VILLAGES`) bundles with village numbers K..K+N
//! (default 0) are imported into PATH (kept; default a temporary file, removed). Building a large
//! database once with `--db` and importing a few more villages into copies of it is the quick loop.
//! The database is opened as `pantau import` opens it (`OpenOptions::desk`); for experiments:
//! `PANTAU_DESK=0` (defaults), `PANTAU_PAGE_SIZE=N` (new file), `PANTAU_CHECKPOINT=PAGES`,
//! `PANTAU_QPSG=0` (plans re-prepared on binding, SQLite's default), `PANTAU_TOKENS=write`
//! (search tokens kept per write, as before the desk deferred them; the phone's default). After
//! the imports it reopens the file with the default options and times the first search, which
//! rebuilds the tokens the desk left stale.

use std::time::Instant;

use pantau_core::bundle::{
    import_bytes, write_bundle, Bundle, BundleHeader, BundleRange, ReadOptions, WriteOptions,
};
use pantau_core::demo::{generate_village, VillageSize};
use pantau_core::model::YearMonth;
use pantau_core::store::{OpenOptions, Store, TokenUpkeep};

/// Nanoseconds this thread has run on a CPU (`/proc/thread-self/schedstat`; the machine is
/// shared, so on-CPU time is the figure that does not depend on other processes' load).
fn on_cpu_ns() -> u64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next().and_then(|v| v.parse().ok()))
        .unwrap_or(0)
}

/// The village bundle of the `bundle` bench for village number `n` of the subdistrict.
fn village_bundle(n: u64, end: YearMonth) -> Vec<u8> {
    let mut v = generate_village(1000 + n, &VillageSize::default(), end);
    let code = format!("33.02.01.{:04}", 2001 + n);
    if let Some(vv) = v.village.as_mut() {
        vv.code = code.clone();
    }
    let b = Bundle {
        header: BundleHeader {
            village_code: code,
            device_id: pantau_core::demo::DEMO_DEVICE.into(),
            cadre_id: None,
            exported_at: 1_751_328_000_000,
            range: BundleRange::Full { until: 0 },
            producer: Some(pantau_core::bundle::producer()),
        },
        data: v,
        notes: Vec::new(),
    };
    write_bundle(&b, &WriteOptions::default()).expect("write bundle")
}

/// Bytes this process has read and written through system calls (`/proc/self/io` rchar, wchar):
/// the WAL and database traffic of an import.
fn io_bytes() -> (u64, u64) {
    let s = std::fs::read_to_string("/proc/self/io").unwrap_or_default();
    let field = |name: &str| {
        s.lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(0)
    };
    (field("rchar:"), field("wchar:"))
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut villages: u64 = std::env::var("PANTAU_VILLAGES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(50);
    let mut from = 0u64;
    let mut db: Option<std::path::PathBuf> = None;
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--from" => {
                from = args.get(i + 1).and_then(|v| v.parse().ok()).expect("--from K");
                i += 1;
            }
            "--db" => {
                db = Some(args.get(i + 1).expect("--db PATH").into());
                i += 1;
            }
            "--bench" => {}
            n => villages = n.parse().expect("number of villages"),
        }
        i += 1;
    }
    let end = YearMonth::new(2025, 6).expect("month");
    let tmp = std::env::temp_dir().join(format!("pantau-import-bench-{}", std::process::id()));
    let path = match &db {
        Some(p) => p.clone(),
        None => {
            std::fs::create_dir_all(&tmp).expect("temp dir");
            tmp.join("kecamatan.db")
        }
    };
    let t = Instant::now();
    let files: Vec<Vec<u8>> = (from..from + villages).map(|n| village_bundle(n, end)).collect();
    println!(
        "{} bundles generated in {:.1} s",
        files.len(),
        t.elapsed().as_secs_f64()
    );
    // The desk's options (as `pantau import` opens the file); PANTAU_DESK=0 for the defaults.
    let options = if std::env::var("PANTAU_DESK").as_deref() == Ok("0") {
        OpenOptions::default()
    } else {
        OpenOptions::desk()
    };
    let mut options = options;
    if let Some(p) = std::env::var("PANTAU_PAGE_SIZE").ok().and_then(|v| v.parse().ok()) {
        options.page_size = Some(p);
    }
    if let Some(p) = std::env::var("PANTAU_CHECKPOINT").ok().and_then(|v| v.parse().ok()) {
        options.checkpoint_pages = Some(p);
    }
    if std::env::var("PANTAU_QPSG").as_deref() == Ok("0") {
        options.stable_plans = false;
    }
    if std::env::var("PANTAU_TOKENS").as_deref() == Ok("write") {
        options.search_tokens = TokenUpkeep::PerWrite;
    }
    println!("store options: {options:?}");
    let store = Store::open_with(&path, "kecamatan-desk", options).expect("open database");
    let (mut wall, mut cpu) = (0.0, 0.0);
    for (k, f) in files.iter().enumerate() {
        let (r0, w0) = io_bytes();
        let c0 = on_cpu_ns();
        let t = Instant::now();
        let r = import_bytes(&store, f, &ReadOptions::default()).expect("import");
        let w = t.elapsed().as_secs_f64();
        let c = (on_cpu_ns() - c0) as f64 / 1e9;
        let (r1, w1) = io_bytes();
        wall += w;
        cpu += c;
        let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        println!(
            "village {:>3}: wall {:>6.0} ms, cpu {:>6.0} ms, inserted {:>6}, read {:>6.1} MB, written {:>6.1} MB, db {:>6.1} MB",
            from + k as u64,
            w * 1e3,
            c * 1e3,
            r.stats.inserted,
            (r1 - r0) as f64 / 1e6,
            (w1 - w0) as f64 / 1e6,
            size as f64 / 1e6
        );
    }
    println!(
        "total {} villages: wall {:.2} s, cpu {:.2} s (target 50 in < 15 s)",
        files.len(),
        wall,
        cpu
    );
    // Closing checkpoints what the imports left in the WAL (the desk options defer it).
    let t = Instant::now();
    drop(store);
    let close = t.elapsed().as_secs_f64();
    println!(
        "close (final WAL checkpoint): {:.0} ms; imports + close: wall {:.2} s",
        close * 1e3,
        wall + close
    );
    // The first search after the imports (the file opened as a phone opens it): with the desk's
    // deferred tokens it rebuilds them all, once.
    let store = Store::open(&path, "kecamatan-desk").expect("reopen database");
    let t = Instant::now();
    let c0 = on_cpu_ns();
    let hits = store.search("siti", 10).expect("search");
    println!(
        "first search after the imports ({} hits; rebuilds stale tokens): wall {:.0} ms, cpu {:.0} ms",
        hits.len(),
        t.elapsed().as_secs_f64() * 1e3,
        (on_cpu_ns() - c0) as f64 / 1e6
    );
    drop(store);
    if db.is_none() {
        let _ = std::fs::remove_dir_all(&tmp);
    }
}
