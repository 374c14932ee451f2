//! Shared helpers for the integration tests and benchmarks: generated demo villages, saving a whole
//! village through the store, the scorecard as the CLI computes it (growth-derived status gizi,
//! domain.md A.8), temporary directories, and the `pantau` binary for end-to-end runs.

pub mod store_support;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use pantau_core::convergence::Scorecard;
use pantau_core::demo::{generate_village, VillageSize};
use pantau_core::model::{Quarter, VillageData, YearMonth};
use pantau_core::ruleset::RuleSet;
use pantau_core::store::{Store, StoreError};

/// The end month the end-to-end tests generate up to (fixed, so runs are reproducible).
pub fn end_month() -> YearMonth {
    YearMonth::new(2025, 9).expect("valid month")
}

/// The latest complete quarter of `end_month()`.
pub fn quarter() -> Quarter {
    Quarter::new(2025, 3).expect("valid quarter")
}

/// A small generated village (20 households, 24 months of records up to `end_month()`).
pub fn small_village(seed: u64) -> VillageData {
    generate_village(seed, &VillageSize::small(), end_month())
}

/// The quarter's scorecard with the growth-derived status gizi, as `pantau` computes it.
pub fn scorecard(data: &VillageData, q: Quarter) -> Scorecard {
    pantau_core::convergence::scorecard(RuleSet::kpm_2019(), data, q)
}

/// Sorts a snapshot the way the store loads it (registers and targets by id, records by target and
/// month or date), so that scorecards of the same data compare equal row for row.
pub fn db_order(v: &mut VillageData) {
    v.hamlets.sort_by(|a, b| a.id.cmp(&b.id));
    v.posyandu.sort_by(|a, b| a.id.cmp(&b.id));
    v.cadres.sort_by(|a, b| a.id.cmp(&b.id));
    v.households.sort_by(|a, b| a.id.cmp(&b.id));
    v.household_conditions.sort_by(|a, b| a.id.cmp(&b.id));
    v.mothers.sort_by(|a, b| a.id.cmp(&b.id));
    v.pregnancies.sort_by(|a, b| a.id.cmp(&b.id));
    v.children.sort_by(|a, b| a.id.cmp(&b.id));
    v.pregnancy_visits.sort_by(|a, b| (&a.pregnancy_id, a.month).cmp(&(&b.pregnancy_id, b.month)));
    v.child_visits.sort_by(|a, b| (&a.child_id, a.month).cmp(&(&b.child_id, b.month)));
    v.paud_visits.sort_by(|a, b| (&a.child_id, a.month).cmp(&(&b.child_id, b.month)));
    v.measurements.sort_by(|a, b| (&a.child_id, a.date).cmp(&(&b.child_id, b.date)));
}

/// Saves every record of a village through `Writer::save` (validated like an entry) in one
/// transaction, registers first. Returns the number of records.
pub fn save_village(store: &Store, v: &VillageData) -> Result<usize, StoreError> {
    store.save_snapshot(v).map(|n| n as usize)
}

/// Writes every record of a village as it is (meta included, `Writer::put_as_is`), the way a bundle
/// import fills a subdistrict database; no entry validation.
pub fn put_village(store: &Store, v: &VillageData) -> Result<usize, StoreError> {
    store.import_snapshot(v, &[]).map(|n| n as usize)
}

/// A fresh directory under the system temp dir, removed on drop.
pub struct TempDir(PathBuf);

impl TempDir {
    pub fn new(tag: &str) -> TempDir {
        static COUNTER: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let p = std::env::temp_dir().join(format!("pantau-{tag}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&p);
        std::fs::create_dir_all(&p).expect("create temp dir");
        TempDir(p)
    }
    pub fn path(&self) -> &Path {
        &self.0
    }
    pub fn join(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The newest modification time of the files under `dir` (recursively).
fn newest(dir: &Path) -> Option<std::time::SystemTime> {
    let meta = std::fs::metadata(dir).ok()?;
    if meta.is_file() {
        return meta.modified().ok();
    }
    std::fs::read_dir(dir).ok()?.filter_map(|e| e.ok()).filter_map(|e| newest(&e.path())).max()
}

/// The `pantau` binary of this build (`target/<profile>/pantau`): integration tests of another
/// package cannot use `CARGO_BIN_EXE_pantau`. `cargo test --workspace` has just built it (the CLI
/// package has integration tests) and it is used as is; when it is missing or older than the CLI or
/// core sources (`cargo test -p pantau-tests` after an edit), it is built here first.
pub fn pantau_bin() -> &'static Path {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(|| {
        let exe = std::env::current_exe().expect("test executable path");
        // target/<profile>/deps/<test> -> target/<profile>
        let profile_dir = exe.parent().and_then(Path::parent).expect("target/<profile>").to_path_buf();
        let bin = profile_dir.join(format!("pantau{}", std::env::consts::EXE_SUFFIX));
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("workspace root");
        let sources = ["cli/src", "cli/Cargo.toml", "core/src", "core/data", "core/Cargo.toml", "Cargo.lock"]
            .iter()
            .filter_map(|p| newest(&root.join(p)))
            .max();
        let built = std::fs::metadata(&bin).and_then(|m| m.modified()).ok();
        let fresh = matches!((built, sources), (Some(b), Some(s)) if b >= s);
        if !fresh {
            let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
            let mut cmd = Command::new(cargo);
            cmd.current_dir(root).args(["build", "--quiet", "-p", "pantau-cli", "--bin", "pantau"]);
            if profile_dir.file_name().is_some_and(|n| n == "release") {
                cmd.arg("--release");
            }
            let status = cmd.status().expect("run cargo build for the pantau binary");
            assert!(status.success(), "building the pantau binary failed");
        }
        assert!(bin.exists(), "pantau binary not found at {}", bin.display());
        bin
    })
}
