//! Child process of the store crash test (tests/tests/store_crash.rs): opens the database given
//! as first argument and writes monthly forms as fast as it can, each as a draft and then
//! finished, printing `draft <id>` / `final <id>` on stdout only after the commit returned.
//! The parent kills it with SIGKILL at a random moment and checks that every reported form is
//! in the file. The child is never told to stop.

use std::io::Write;

use chrono::Duration;
use pantau_core::model::*;
use pantau_core::store::Store;

fn main() {
    if let Err(e) = run() {
        eprintln!("crash writer: {e}");
        std::process::exit(2);
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let (path, household_id) = match (args.next(), args.next()) {
        (Some(p), Some(h)) => (p, h),
        _ => return Err("usage: store_crash_writer DB HOUSEHOLD_ID".into()),
    };
    let store = Store::open(&path, "crash-writer")?;
    let household: Household = store.get(&household_id)?;
    let mut out = std::io::stdout().lock();
    let today = pantau_core::store::today() - Duration::days(1);
    loop {
        // A new child born 23 months ago, then one 2B form per month up to this month.
        let birth = today - Duration::days(23 * 30);
        let child = Child {
            id: new_id(),
            household_id: household.id.clone(),
            mother_id: None,
            pregnancy_id: None,
            kia_number: None,
            name: "Anak Uji".into(),
            nik: None,
            nik_temporary: false,
            sex: Sex::Female,
            birth_date: birth,
            birth_date_approximate: false,
            posyandu_id: None,
            birth_certificate: false,
            insurance: false,
            end: None,
            meta: Meta::default(),
        };
        store.save(&child)?;
        let mut m = YearMonth::of(birth);
        let last = YearMonth::of(today);
        while m < last {
            let visit = ChildVisit {
                id: new_id(),
                child_id: child.id.clone(),
                month: m,
                visit_date: if m == YearMonth::of(birth) { birth } else { m.first_day() },
                ruleset: "KPM-2019@1".into(),
                weighed: Some(true),
                ..Default::default()
            };
            let draft = store.save_draft(&visit)?.record;
            writeln!(out, "draft {}", draft.id)?;
            out.flush()?;
            store.finish::<ChildVisit>(&draft.id)?;
            writeln!(out, "final {}", draft.id)?;
            out.flush()?;
            m = m.next();
        }
    }
}
