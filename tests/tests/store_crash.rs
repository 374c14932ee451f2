//! Crash test of the store (issue 3): a child process writing monthly forms is killed with
//! SIGKILL at random moments, at least 100 times. After each kill the file opens, the full
//! `integrity_check` is ok, and every form whose commit returned (reported by the child on stdout
//! before the kill) is there, finished forms as `Final`.
//!
//! SIGKILL tests the app-kill case; the power-cut case rests on `synchronous = FULL`
//! (docs/adr/0001-durability.md), which no process-level test can show.

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use pantau_core::model::*;
use pantau_core::store::Store;
use pantau_tests::store_support::{Rng, TempDir};

const KILLS: usize = 100;

fn seed(store: &Store) -> String {
    let village = Village {
        id: new_id(),
        code: "33.02.01.2001".into(),
        name: "Uji".into(),
        kecamatan: "K".into(),
        kabupaten: "B".into(),
        provinsi: "P".into(),
        meta: Meta::default(),
    };
    let hamlet = Hamlet { id: new_id(), village_id: village.id.clone(), name: "Dusun".into(), meta: Meta::default() };
    let household = Household {
        id: new_id(),
        village_id: village.id.clone(),
        hamlet_id: hamlet.id.clone(),
        number: "1".into(),
        head_name: "Pak Harjo".into(),
        address: "A".into(),
        meta: Meta::default(),
    };
    store.save(&village).unwrap();
    store.save(&hamlet).unwrap();
    store.save(&household).unwrap();
    household.id
}

#[test]
fn committed_forms_survive_sigkill_at_random_moments() {
    let dir = TempDir::new("crash");
    let db = dir.join("pantau.db");
    let household_id = seed(&Store::open(&db, "parent").unwrap());
    let mut rng = Rng::new(0x5eed ^ std::process::id() as u64);
    let started = Instant::now();
    let (mut reported, mut finals, mut kills_mid_write) = (0usize, 0usize, 0usize);
    for round in 0..KILLS {
        let mut child = Command::new(env!("CARGO_BIN_EXE_store_crash_writer"))
            .arg(&db)
            .arg(&household_id)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn crash writer");
        // Mostly while writing; sometimes during start-up (open, WAL recovery).
        let wait = if rng.chance(10) { rng.below(3) } else { 10 + rng.below(100) };
        std::thread::sleep(Duration::from_millis(wait));
        let still_running = child.try_wait().expect("try_wait").is_none();
        child.kill().expect("SIGKILL");
        child.wait().expect("reap");
        let mut stdout = String::new();
        child.stdout.take().expect("piped").read_to_string(&mut stdout).expect("read stdout");
        let mut stderr = String::new();
        child.stderr.take().expect("piped").read_to_string(&mut stderr).expect("read stderr");
        assert!(still_running, "round {round}: the writer stopped by itself: {stderr}");
        kills_mid_write += usize::from(!stdout.is_empty());

        let store = Store::open(&db, "parent").unwrap_or_else(|e| panic!("round {round}: open failed: {e}"));
        assert!(store.recovery().is_none(), "round {round}: file was treated as corrupt");
        let check = store.check(true).unwrap();
        assert!(check.ok, "round {round}: integrity_check: {:?}", check.problems);
        // Only complete lines: a line cut by the kill was not reported.
        let complete = match stdout.rfind('\n') {
            Some(end) => &stdout[..end],
            None => "",
        };
        for line in complete.lines() {
            let (what, id) = line.split_once(' ').expect("`draft ID` or `final ID`");
            let form: ChildVisit = store.get(id).unwrap_or_else(|e| panic!("round {round}: committed form {id} lost: {e}"));
            if what == "final" {
                assert_eq!(form.status, FormStatus::Final, "round {round}: {id}");
                finals += 1;
            }
            reported += 1;
        }
    }
    eprintln!(
        "{KILLS} kills in {:.1} s; {reported} committed saves checked ({finals} finished forms); {kills_mid_write} kills after the first commit",
        started.elapsed().as_secs_f64()
    );
    assert!(reported > KILLS && finals > 0, "the writer must have committed forms ({reported}, {finals} final)");
    assert!(kills_mid_write >= KILLS / 2, "most kills must hit a writing process ({kills_mid_write})");
}
