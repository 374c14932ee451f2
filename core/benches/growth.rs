//! Throughput of `growth::zscores` (all four WHO z-scores of a measurement) on one core.
//! Issue 5 target: >= 5 million measurements per second per core. Run:
//! `cargo bench -p pantau-core --bench growth` (about 5 s after the build).

use std::hint::black_box;
use std::time::Instant;

use pantau_core::growth::{lms_at_day, zscores, Input, Table};
use pantau_core::model::{Position, Sex};

/// A small deterministic generator (no extra crate for a benchmark).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> f64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
    /// Roughly standard normal (sum of 4 uniforms).
    fn normal(&mut self) -> f64 {
        (self.next() + self.next() + self.next() + self.next() - 2.0) * 1.732
    }
}

/// Realistic measurements: ages 0-1826 days, weight and length around the WHO median with a spread of
/// about 1.3 SD (so some fall beyond ±3 and take the restricted branch), mostly the right position.
fn population(n: usize) -> Vec<Input> {
    let mut g = Lcg(42);
    (0..n)
        .map(|i| {
            let sex = if i % 2 == 0 { Sex::Male } else { Sex::Female };
            let day = (g.next() * 1827.0).floor().min(1826.0) as u32;
            let wm = lms_at_day(Table::WeightForAge, sex, day).map_or(10.0, |r| r.m);
            let lm = lms_at_day(Table::LengthForAge, sex, day).map_or(80.0, |r| r.m);
            let lying = (day < 731) ^ (g.next() < 0.05);
            Input {
                sex: Some(sex),
                age_days: Some(day as f64),
                weight_kg: Some(((wm * (1.0 + 0.15 * g.normal())) * 10.0).round() / 10.0),
                lenhei_cm: Some(((lm * (1.0 + 0.05 * g.normal())) * 10.0).round() / 10.0),
                position: Some(if lying { Position::Lying } else { Position::Standing }),
                oedema: g.next() < 0.002,
            }
        })
        .collect()
}

/// CPU time of this thread in seconds: the figure that counts on a machine shared with other jobs.
fn thread_cpu_secs() -> f64 {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: clock_gettime writes into the timespec we own; CLOCK_THREAD_CPUTIME_ID is always available on Linux.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    if rc != 0 {
        return f64::NAN;
    }
    ts.tv_sec as f64 + ts.tv_nsec as f64 * 1e-9
}

fn main() {
    // Ignore the harness arguments cargo passes (e.g. --bench).
    let n = 1_000_000;
    let inputs = population(n);
    let _ = zscores(&inputs[0]); // parse the tables outside the timing
    let mut wall = Vec::new();
    let mut cpu = Vec::new();
    let mut found = 0usize;
    for _ in 0..7 {
        let t = Instant::now();
        let c = thread_cpu_secs();
        for i in &inputs {
            let z = zscores(black_box(i));
            found += z.zwei.is_some() as usize + z.zlen.is_some() as usize + z.zwfl.is_some() as usize + z.zbmi.is_some() as usize;
            black_box(&z);
        }
        cpu.push(n as f64 / (thread_cpu_secs() - c));
        wall.push(n as f64 / t.elapsed().as_secs_f64());
    }
    wall.sort_by(|a, b| a.total_cmp(b));
    cpu.sort_by(|a, b| a.total_cmp(b));
    println!(
        "growth::zscores: {n} measurements x 7 runs, one thread ({:.1} z-scores per measurement)\n  \
         per CPU-second: median {:.2} M/s, best {:.2} M/s\n  wall clock:     median {:.2} M/s, best {:.2} M/s",
        found as f64 / (7 * n) as f64,
        cpu[3] / 1e6,
        cpu[6] / 1e6,
        wall[3] / 1e6,
        wall[6] / 1e6,
    );
}
