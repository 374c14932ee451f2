//! Demo data through the bindings (cargo feature `demo`, off in the app's library: issue 7, the
//! generator and its random-number crates cost library size and the app never calls it). The
//! bindings benchmark (`scripts/bench-bindings.sh`) builds with `--features demo` to time screen
//! calls on the generated village (core `demo`).

use pantau_core::demo::{generate_village, VillageSize};
use pantau_core::model::{Village, YearMonth};

use crate::{Pantau, PantauError};

#[uniffi::export]
impl Pantau {
    /// Fills an EMPTY database with a generated demo village (training, screenshots, benchmarks;
    /// core `demo`): the same seed, size and end month give the same village everywhere. Refused
    /// when a village is already set up, so real data is never mixed with demo data. Returns the
    /// number of rows written.
    pub fn import_demo_village(
        &self,
        seed: u64,
        size: VillageSize,
        end: YearMonth,
    ) -> Result<u64, PantauError> {
        self.run(|| {
            if !self.store.all::<Village>()?.is_empty() {
                return Err(crate::error::bad_arg(
                    "village",
                    "FFI-DEMO-NOT-EMPTY",
                    "Desa sudah diatur di ponsel ini; data contoh hanya untuk ponsel yang masih kosong.",
                    "A village is already set up on this phone; demo data is only for an empty phone.",
                ));
            }
            let data = generate_village(seed, &size, end);
            Ok(self.store.import_snapshot(&data, &[])?)
        })
    }
}
