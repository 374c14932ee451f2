//! `pantau demo`: the project's showcase. Generates the realistic demo village
//! (`pantau_core::demo::generate_village`: registers and 24 months of 2A/2B/2C records and
//! measurements), saves every record through the store into an SQLite file (each record validated
//! by the store exactly as an entry on the phone would be, all in one transaction), reads the
//! latest complete quarter back from that file and prints its scorecard (`report::terminal`).

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::time::Instant;

use pantau_core::demo::{generate_village, VillageSize};
use pantau_core::model::{Quarter, VillageData, YearMonth};
use pantau_core::store::{Store, StoreError};

use crate::report::args::{finish, parse_lang, parse_month, parse_number, Args};
use crate::report::terminal::{self, Options};
use crate::report::CliError;
use crate::scorecard;

pub const USAGE: &str =
    "usage: pantau demo [--db FILE] [--seed N] [--end YYYY-MM] [--small] [--force] [--lang id|en] [--gaps N]\n  \
     (default: --db pantau-demo.db --seed 2025 --end <last month>; --force overwrites an existing FILE)";

pub const DEFAULT_DB: &str = "pantau-demo.db";
pub const DEFAULT_SEED: u64 = 2025;

pub fn main(args: &[String]) -> i32 {
    let stdout = std::io::stdout();
    let color = stdout.is_terminal() && std::env::var_os("NO_COLOR").is_none();
    finish("demo", USAGE, run(args, &mut stdout.lock(), color))
}

/// The latest quarter that ends in or before `end` (the last complete quarter of the data).
pub fn latest_complete_quarter(end: YearMonth) -> Quarter {
    let q = end.quarter();
    if matches!(end.month, 3 | 6 | 9 | 12) {
        q
    } else {
        q.prev()
    }
}

/// Saves a whole village through the store's entry validation in one transaction. Returns the
/// number of records written.
pub fn save_village(store: &Store, v: &VillageData) -> Result<usize, StoreError> {
    store.save_snapshot(v).map(|n| n as usize)
}

fn remove_db(path: &Path) -> Result<(), CliError> {
    for suffix in ["", "-wal", "-shm"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        match std::fs::remove_file(&p) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e.into()),
            _ => {}
        }
    }
    Ok(())
}

fn run(raw: &[String], out: &mut dyn Write, color: bool) -> Result<(), CliError> {
    let a = Args::parse(raw, &["--db", "--seed", "--end", "--lang", "--gaps"], &["--small", "--force"])?;
    let db = Path::new(a.value("--db").unwrap_or(DEFAULT_DB));
    let seed: u64 = a.value("--seed").map(|s| parse_number("--seed", s)).transpose()?.unwrap_or(DEFAULT_SEED);
    let lang = parse_lang(a.value("--lang"))?;
    let gap_targets = a.value("--gaps").map(|g| parse_number::<usize>("--gaps", g)).transpose()?.unwrap_or(6);
    // The store refuses dates in the future: the data ends with the last complete month.
    let this_month = YearMonth::of(pantau_core::store::today());
    let end = match a.value("--end") {
        Some(s) => parse_month(s)?,
        None => this_month.prev(),
    };
    if end >= this_month {
        return Err(CliError::usage(
            format!("--end {end} belum lewat: pilih bulan sebelum {this_month}"),
            format!("--end {end} has not ended yet: choose a month before {this_month}"),
        ));
    }
    let size = if a.flag("--small") { VillageSize::small() } else { VillageSize::default() };
    if db.exists() {
        if !a.flag("--force") {
            return Err(CliError::usage(
                format!("{} sudah ada; tidak ditimpa (pakai --force untuk menimpa)", db.display()),
                format!("{} already exists; not overwritten (use --force to overwrite)", db.display()),
            ));
        }
        remove_db(db)?;
    }

    let t0 = Instant::now();
    let data = generate_village(seed, &size, end);
    let t_gen = t0.elapsed();
    let store = Store::open(db, pantau_core::demo::DEMO_DEVICE)?;
    let records = save_village(&store, &data)?;
    let t_save = t0.elapsed() - t_gen;

    let quarter = latest_complete_quarter(end);
    let village = store
        .villages()?
        .into_iter()
        .next()
        .ok_or_else(|| CliError::usage("desa demo tidak tersimpan", "the demo village was not saved"))?;
    let t1 = Instant::now();
    let sc = scorecard::compute(&store, &village, quarter)?;
    let t_score = t1.elapsed();

    let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
    let (id, en) = (
        format!(
            "Desa demo dibuat (seed {seed}, {} bulan sampai {end}): {} rumah tangga, {} kehamilan, {} anak; {records} catatan disimpan ke {} \
             (buat {:.0} ms, simpan {:.0} ms, skor kuartal {:.0} ms).",
            size.months,
            data.households.len(),
            data.pregnancies.len(),
            data.children.len(),
            db.display(),
            ms(t_gen),
            ms(t_save),
            ms(t_score)
        ),
        format!(
            "Demo village created (seed {seed}, {} months up to {end}): {} households, {} pregnancies, {} children; {records} records saved to {} \
             (generate {:.0} ms, save {:.0} ms, quarter scorecard {:.0} ms).",
            size.months,
            data.households.len(),
            data.pregnancies.len(),
            data.children.len(),
            db.display(),
            ms(t_gen),
            ms(t_save),
            ms(t_score)
        ),
    );
    writeln!(out, "{}", if lang == pantau_core::model::Lang::Id { id } else { en })?;
    let o = Options { lang, gap_targets, color };
    out.write_all(terminal::render(&sc, &o).as_bytes())?;
    let next = format!("pantau scorecard --db {} --quarter {quarter} [--json | --csv]", db.display());
    writeln!(out, "\n{}: {next}", if lang == pantau_core::model::Lang::Id { "Berikutnya" } else { "Next" })?;
    out.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_latest_complete_quarter_ends_in_or_before_the_end_month() {
        let q = |y, n| Quarter::new(y, n).unwrap();
        assert_eq!(latest_complete_quarter(YearMonth::new(2025, 6).unwrap()), q(2025, 2));
        assert_eq!(latest_complete_quarter(YearMonth::new(2025, 7).unwrap()), q(2025, 2));
        assert_eq!(latest_complete_quarter(YearMonth::new(2025, 8).unwrap()), q(2025, 2));
        assert_eq!(latest_complete_quarter(YearMonth::new(2025, 2).unwrap()), q(2024, 4));
        assert_eq!(latest_complete_quarter(YearMonth::new(2025, 12).unwrap()), q(2025, 4));
    }
}
