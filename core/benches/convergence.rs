//! Convergence benchmark (issue 2): one quarter's full scorecard (3A/3B/PD-1 with reasons, Format 4,
//! Formulir 1, hamlet and posyandu breakdowns, gap list) for a generated village of 1,000 households,
//! 400 pregnancies, 800 children 0-23 months and 600 PAUD children with 24 months of records.
//! Target: under 5 ms on one core. Run: `cargo bench -p pantau-core --bench convergence`.
//! Besides criterion's figure it prints the allocations per scorecard, the thread CPU time per
//! scorecard and the fastest single run (the machine is shared; wall time under load overstates).

use criterion::{criterion_group, criterion_main, Criterion};
use pantau_core::convergence::scorecard_with;
use pantau_core::demo::{generate_village, VillageSize};
use pantau_core::growth::nutrition_status;
use pantau_core::model;
use pantau_core::ruleset::RuleSet;

/// Counts allocations, to report how many one scorecard makes (allocation dominates its cost).
struct Counting;
static ALLOCS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
unsafe impl std::alloc::GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: std::alloc::Layout) -> *mut u8 {
        ALLOCS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        unsafe { std::alloc::System.alloc(l) }
    }
    unsafe fn dealloc(&self, p: *mut u8, l: std::alloc::Layout) {
        unsafe { std::alloc::System.dealloc(p, l) }
    }
    unsafe fn realloc(&self, p: *mut u8, l: std::alloc::Layout, n: usize) -> *mut u8 {
        ALLOCS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        unsafe { std::alloc::System.realloc(p, l, n) }
    }
}
#[global_allocator]
static GLOBAL: Counting = Counting;


fn bench(c: &mut Criterion) {
    let last = model::YearMonth::new(2025, 12).expect("month");
    // The realistic demo village of issues 2 and 3: 1,000 households, 400 pregnancies, 800 children
    // 0-23 months, 600 PAUD children, 24 months of records; status gizi through the growth module.
    let data = generate_village(7, &VillageSize::default(), last);
    let rules = RuleSet::kpm_2019();
    let quarter = last.quarter();
    let sc = scorecard_with(rules, &data, quarter, &nutrition_status);
    eprintln!(
        "village: {} pregnancy records, {} child records, {} PAUD records, {} measurements; quarter {}: {} 3A rows, {} 3B rows, {} PAUD rows, {} gaps, {} hamlets; Table 4 {}",
        data.pregnancy_visits.len(),
        data.child_visits.len(),
        data.paud_visits.len(),
        data.measurements.len(),
        quarter,
        sc.pregnancies.len(),
        sc.children.len(),
        sc.paud.len(),
        sc.gaps.len(),
        sc.by_hamlet.len(),
        sc.table4.total.display
    );
    assert!(sc.check().is_empty());
    if std::env::var_os("PANTAU_BENCH_ONCE").is_some() {
        // For instruction counting under valgrind: one more scorecard, then stop.
        std::hint::black_box(scorecard_with(rules, &data, quarter, &nutrition_status));
        return;
    }
    let a0 = ALLOCS.load(std::sync::atomic::Ordering::Relaxed);
    drop(std::hint::black_box(scorecard_with(rules, &data, quarter, &nutrition_status)));
    eprintln!("allocations per scorecard: {}", ALLOCS.load(std::sync::atomic::Ordering::Relaxed) - a0);
    // Single runs: the fastest of many is the least disturbed by other processes on a shared machine.
    let mut walls: Vec<f64> = (0..200)
        .map(|_| {
            let t = std::time::Instant::now();
            std::hint::black_box(scorecard_with(rules, std::hint::black_box(&data), quarter, &nutrition_status));
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    walls.sort_by(|a, b| a.total_cmp(b));
    eprintln!("wall time per scorecard over 200 single runs: min {:.2} ms, median {:.2} ms", walls[0], walls[100]);
    // The machine is shared: wall time under load overstates the cost, so also report the CPU time
    // this thread spent per scorecard (from /proc/thread-self/stat, clock ticks of 10 ms, over many runs).
    if let Some(before) = thread_cpu_ticks() {
        let runs = 300;
        for _ in 0..runs {
            std::hint::black_box(scorecard_with(rules, std::hint::black_box(&data), quarter, &nutrition_status));
        }
        if let Some(after) = thread_cpu_ticks() {
            eprintln!("cpu time per scorecard: {:.2} ms (over {runs} runs)", (after - before) as f64 * 10.0 / runs as f64);
        }
    }
    c.bench_function("scorecard_quarter_village_1000hh", |b| {
        b.iter(|| scorecard_with(rules, std::hint::black_box(&data), quarter, &nutrition_status))
    });
}

/// utime + stime of this thread in clock ticks (Linux), None elsewhere.
fn thread_cpu_ticks() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    let after_comm = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = after_comm.split_whitespace().collect();
    // fields[0] is the state (field 3); utime and stime are fields 14 and 15.
    Some(fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?)
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30).warm_up_time(std::time::Duration::from_millis(500)).measurement_time(std::time::Duration::from_secs(3));
    targets = bench
}
criterion_main!(benches);
