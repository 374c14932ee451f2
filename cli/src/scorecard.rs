//! `pantau scorecard`: the quarter's convergence scorecard of one village or of every village of a
//! subdistrict database (several villages after bundle imports, issue 4), on the terminal, as JSON
//! (the core's `Scorecard` serialized: stable field names, `null` for "not applicable") or as CSV
//! (`report::csv`). Status gizi is derived from the measurements (WHO z-scores, domain.md A.8).

use std::io::{IsTerminal, Write};
use std::path::Path;

use pantau_core::convergence::Scorecard;
use pantau_core::model::{Quarter, Village};
use pantau_core::ruleset::RuleSet;
use pantau_core::store::Store;

use crate::report::args::{finish, existing_database, parse_lang, parse_number, parse_quarter, Args};
use crate::report::table::{Align, Table};
use crate::report::terminal::{self, Options};
use crate::report::{csv, CliError};

pub const USAGE: &str = "usage: pantau scorecard --db FILE [--village CODE | --all] --quarter 2025-Q3 [--json | --csv] [--lang id|en] [--gaps N]\n  \
     (--json: one Scorecard object, with --all an array; --csv: one row per village per indicator + Table 4; \
     --gaps N: targets shown in the gap list, 0 = all)";

/// The device id this command opens databases with.
pub const DEVICE: &str = "pantau-cli";

/// Output form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Terminal,
    Json,
    Csv,
}

pub fn main(args: &[String]) -> i32 {
    let stdout = std::io::stdout();
    let color = stdout.is_terminal() && std::env::var_os("NO_COLOR").is_none();
    finish("scorecard", USAGE, run(args, &mut stdout.lock(), color))
}

/// The scorecard of one village of the store for a quarter, with the growth-derived status gizi.
pub fn compute(store: &Store, village: &Village, quarter: Quarter) -> Result<Scorecard, CliError> {
    let data = store.load_quarter_of(&village.id, quarter)?;
    Ok(pantau_core::convergence::scorecard(RuleSet::kpm_2019(), &data, quarter))
}

fn run(raw: &[String], out: &mut dyn Write, color: bool) -> Result<(), CliError> {
    let a = Args::parse(raw, &["--db", "--village", "--quarter", "--lang", "--gaps"], &["--all", "--json", "--csv"])?;
    let db = a.value("--db").ok_or_else(|| CliError::usage("--db FILE wajib diisi", "--db FILE is required"))?;
    let quarter = parse_quarter(
        a.value("--quarter").ok_or_else(|| CliError::usage("--quarter wajib diisi (contoh: 2025-Q3)", "--quarter is required (example: 2025-Q3)"))?,
    )?;
    let lang = parse_lang(a.value("--lang"))?;
    let gap_targets = a.value("--gaps").map(|g| parse_number::<usize>("--gaps", g)).transpose()?.unwrap_or(10);
    let format = match (a.flag("--json"), a.flag("--csv")) {
        (true, true) => return Err(CliError::usage("pilih salah satu: --json atau --csv", "choose one of --json and --csv")),
        (true, false) => Format::Json,
        (false, true) => Format::Csv,
        (false, false) => Format::Terminal,
    };
    let all = a.flag("--all");
    let code = a.value("--village");
    if all && code.is_some() {
        return Err(CliError::usage("pilih salah satu: --village KODE atau --all", "choose one of --village CODE and --all"));
    }

    existing_database(Path::new(db))?;
    let store = Store::open(db, DEVICE)?;
    let villages = store.villages()?;
    let codes = || villages.iter().map(|v| v.code.as_str()).collect::<Vec<_>>().join(", ");
    let chosen: Vec<&Village> = match (all, code) {
        (true, _) => villages.iter().collect(),
        (false, Some(c)) => {
            let v = villages.iter().find(|v| v.code == c).ok_or_else(|| {
                CliError::usage(format!("desa {c:?} tidak ada di {db} (ada: {})", codes()), format!("village {c:?} is not in {db} (found: {})", codes()))
            })?;
            vec![v]
        }
        (false, None) if villages.len() == 1 => villages.iter().collect(),
        (false, None) => {
            return Err(CliError::usage(
                format!("{db} berisi {} desa: pilih --village KODE atau --all (ada: {})", villages.len(), codes()),
                format!("{db} holds {} villages: choose --village CODE or --all (found: {})", villages.len(), codes()),
            ))
        }
    };
    if chosen.is_empty() {
        return Err(CliError::usage(format!("{db} belum berisi desa"), format!("{db} holds no village yet")));
    }
    let cards = chosen.iter().map(|v| compute(&store, v, quarter)).collect::<Result<Vec<_>, _>>()?;

    // Rendered whole, then written: a closed pipe shows up as an I/O error (exit 0, see `finish`).
    let mut buf: Vec<u8> = Vec::new();
    match format {
        Format::Json if all => serde_json::to_writer_pretty(&mut buf, &cards)?,
        Format::Json => serde_json::to_writer_pretty(&mut buf, &cards[0])?,
        Format::Csv => csv::write(&mut buf, &cards).map_err(|e| CliError::Io(std::io::Error::other(e)))?,
        Format::Terminal => {
            let o = Options { lang, gap_targets, color };
            for sc in &cards {
                buf.extend_from_slice(terminal::render(sc, &o).as_bytes());
            }
            if cards.len() > 1 {
                buf.extend_from_slice(summary(&cards, &o).as_bytes());
            }
        }
    }
    if format == Format::Json {
        buf.push(b'\n');
    }
    out.write_all(&buf)?;
    out.flush()?;
    Ok(())
}

/// One line per village: the subdistrict's overview after the village reports.
pub fn summary(cards: &[Scorecard], o: &Options) -> String {
    let tr = |id: &'static str, en: &'static str| if o.lang == pantau_core::model::Lang::Id { id } else { en };
    let mut t = Table::new(&[
        (tr("Kode desa", "Village code"), Align::Left),
        (tr("Desa", "Village"), Align::Left),
        (tr("Ibu hamil %", "Pregnant %"), Align::Right),
        (tr("Anak %", "Child %"), Align::Right),
        (tr("Total desa %", "Village total %"), Align::Right),
        ("PD-1 %", Align::Right),
        (tr("Kesenjangan", "Gaps"), Align::Right),
    ]);
    for sc in cards {
        t.row([
            sc.village_code.clone().unwrap_or_default(),
            sc.village_name.clone().unwrap_or_default(),
            sc.table4.pregnancy.display.clone(),
            sc.table4.child.display.clone(),
            sc.table4.total.display.clone(),
            sc.pd1.person_months.display.clone(),
            sc.gaps.len().to_string(),
        ]);
    }
    let quarter = cards.first().map(|c| c.quarter.to_string()).unwrap_or_default();
    format!("\n{} {quarter}\n{}", tr("RINGKASAN KECAMATAN", "SUBDISTRICT SUMMARY"), t.render("  "))
}
