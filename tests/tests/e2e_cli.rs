//! End to end through the `pantau` binary: `demo` writes a database and prints the scorecard,
//! `scorecard --json` / `--csv` read it back, and every number agrees with the library computing the
//! same generated village in memory. Bad arguments exit with code 2 and a message in Bahasa
//! Indonesia first.

use std::path::Path;
use std::process::{Command, Output};

use pantau_core::convergence::Scorecard;
use pantau_core::store::Store;
use pantau_tests::{db_order, pantau_bin, put_village, quarter, scorecard, small_village, TempDir};

fn pantau(args: &[&str]) -> Output {
    Command::new(pantau_bin()).args(args).env("NO_COLOR", "1").output().expect("run pantau")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("utf-8 stdout")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("utf-8 stderr")
}

fn demo(db: &Path, seed: u64) -> Output {
    pantau(&["demo", "--db", db.to_str().unwrap(), "--small", "--seed", &seed.to_string(), "--end", "2025-09"])
}

/// The library's scorecard of the same generated village (database row order).
fn expected(seed: u64) -> Scorecard {
    let mut data = small_village(seed);
    db_order(&mut data);
    scorecard(&data, quarter())
}

/// CSV rows as field vectors (the report has no quoted fields: codes, names and numbers).
fn csv_rows(text: &str) -> Vec<Vec<String>> {
    text.lines().map(|l| {
        assert!(!l.contains('"'), "unexpected quoting: {l}");
        l.split(',').map(String::from).collect()
    }).collect()
}

fn check_csv(rows: &[Vec<String>], sc: &Scorecard) {
    let code = sc.village_code.clone().unwrap();
    let mine: Vec<&Vec<String>> = rows.iter().filter(|r| r[0] == code).collect();
    assert_eq!(mine.len(), sc.table3.len() + 3);
    for (r, c) in mine.iter().zip(&sc.table3) {
        assert_eq!((r[2].as_str(), r[3].as_str(), r[4].as_str()), ("2025-Q3", "KPM-2019@1.0.0", "table3"));
        assert_eq!(r[5], c.indicator.code());
        assert_eq!(r[6], c.group.code());
        assert_eq!(r[7], c.targets.to_string());
        assert_eq!(r[8], c.coverage.numerator.to_string());
        assert_eq!(r[9], c.coverage.denominator.to_string());
        let pct = if c.coverage.denominator == 0 { String::new() } else { c.coverage.display.clone() };
        assert_eq!(r[10], pct, "{}", c.indicator);
        assert_eq!(r[11], c.father.as_ref().map(|f| f.numerator.to_string()).unwrap_or_default());
    }
    let t4 = &mine[sc.table3.len()..];
    for (r, (group, ratio)) in t4.iter().zip([("IBU_HAMIL", &sc.table4.pregnancy), ("ANAK_0_23", &sc.table4.child), ("TOTAL", &sc.table4.total)]) {
        assert_eq!((r[4].as_str(), r[5].as_str(), r[6].as_str()), ("table4", "TABEL4", group));
        assert_eq!((r[8].clone(), r[9].clone(), r[10].clone()), (ratio.numerator.to_string(), ratio.denominator.to_string(), ratio.display.clone()));
    }
}

#[test]
fn demo_then_scorecard_json_and_csv_agree_with_the_library() {
    let dir = TempDir::new("e2e-cli");
    let db = dir.join("demo.db");
    let seed = 7;
    let out = demo(&db, seed);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let sc = expected(seed);
    // The terminal report: stamp, quarter heading, the tables, and Table 4's total as the library has it.
    for needle in ["KPM-2019@1.0.0", "KUARTAL KE 3 BULAN JULI S/D BULAN SEPTEMBER 2025", "TABEL 1.", "TABEL 3.", "TABEL 4.", "TABEL 5.", "PD-1", "DAFTAR KESENJANGAN", "lulus"] {
        assert!(text.contains(needle), "missing {needle:?} in:\n{text}");
    }
    let total_line = text.lines().find(|l| l.contains("TOTAL TINGKAT KONVERGENSI DESA")).expect("Table 4 total row");
    let t = &sc.table4.total;
    assert!(total_line.ends_with(&t.display) && total_line.contains(&format!(" {} ", t.numerator)), "{total_line} vs {t:?}");

    // --json: the Scorecard itself.
    let out = pantau(&["scorecard", "--db", db.to_str().unwrap(), "--quarter", "2025-Q3", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let parsed: Scorecard = serde_json::from_slice(&out.stdout).expect("JSON parses as a Scorecard");
    assert_eq!(parsed, sc);
    let raw: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(raw["ruleset"], "KPM-2019@1.0.0");
    assert!(raw["table4"]["total"]["percent_hundredths"].is_u64() || raw["table4"]["total"]["percent_hundredths"].is_null());

    // --csv: 19 indicator rows and 3 Table 4 rows.
    let out = pantau(&["scorecard", "--db", db.to_str().unwrap(), "--quarter", "2025-Q3", "--csv"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let rows = csv_rows(&stdout(&out));
    assert_eq!(rows[0].join(","), "village_code,village_name,quarter,ruleset,section,indicator,group,targets,yes,due,percent,father");
    assert_eq!(rows.len(), 1 + sc.table3.len() + 3);
    check_csv(&rows[1..], &sc);

    // English.
    let out = pantau(&["scorecard", "--db", db.to_str().unwrap(), "--quarter", "2025-Q3", "--lang", "en"]);
    assert!(out.status.success() && stdout(&out).contains("TABLE 4. VILLAGE CONVERGENCE LEVEL"));

    // A second demo run on the same file is refused and leaves it as it was.
    let before = std::fs::read(&db).unwrap();
    let out = demo(&db, seed + 1);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("sudah ada"), "{}", stderr(&out));
    assert_eq!(std::fs::read(&db).unwrap(), before);
}

#[test]
fn a_subdistrict_database_reports_each_village_or_all() {
    let dir = TempDir::new("e2e-all");
    let db = dir.join("kecamatan.db");
    let (a, mut b) = (small_village(21), small_village(22));
    if let Some(v) = b.village.as_mut() {
        v.code = format!("{}9", v.code);
    }
    {
        let store = Store::open(&db, "e2e").unwrap();
        // As bundle imports fill it (KIA numbers repeat between villages).
        put_village(&store, &a).unwrap();
        put_village(&store, &b).unwrap();
    }
    let mut expect = Vec::new();
    for mut v in [a, b] {
        db_order(&mut v);
        expect.push(scorecard(&v, quarter()));
    }
    let path = db.to_str().unwrap();
    let out = pantau(&["scorecard", "--db", path, "--quarter", "2025-Q3", "--all", "--csv"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let rows = csv_rows(&stdout(&out));
    assert_eq!(rows.len(), 1 + 2 * (expect[0].table3.len() + 3));
    for sc in &expect {
        check_csv(&rows[1..], sc);
    }
    let out = pantau(&["scorecard", "--db", path, "--quarter", "2025-Q3", "--all", "--json"]);
    let parsed: Vec<Scorecard> = serde_json::from_slice(&out.stdout).expect("a JSON array of scorecards");
    assert_eq!(parsed.len(), 2);
    for sc in &expect {
        assert!(parsed.contains(sc));
    }
    let code = expect[1].village_code.clone().unwrap();
    let out = pantau(&["scorecard", "--db", path, "--quarter", "2025-Q3", "--village", &code, "--json"]);
    let one: Scorecard = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(one, expect[1]);
    let out = pantau(&["scorecard", "--db", path, "--quarter", "2025-Q3", "--all"]);
    assert!(stdout(&out).contains("RINGKASAN KECAMATAN"));
    // Two villages and neither --village nor --all: say so.
    let out = pantau(&["scorecard", "--db", path, "--quarter", "2025-Q3"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("berisi 2 desa"), "{}", stderr(&out));
}

#[test]
fn bad_arguments_exit_2_with_indonesian_first() {
    let dir = TempDir::new("e2e-bad");
    let db = dir.join("x.db");
    let txt = dir.join("notes.txt");
    std::fs::write(&txt, "bukan basis data\n".repeat(20)).unwrap();
    let (db, txt) = (db.to_str().unwrap(), txt.to_str().unwrap());
    let cases: &[(&[&str], &str)] = &[
        (&["scorecard", "--db", db, "--quarter", "2025-Q5"], "kuartal tidak valid"),
        (&["scorecard", "--quarter", "2025-Q3"], "--db FILE wajib diisi"),
        (&["scorecard", "--db", db], "--quarter wajib diisi"),
        (&["scorecard", "--db", db, "--quarter", "2025-Q3"], "berkas basis data tidak ada"),
        (&["scorecard", "--db", txt, "--quarter", "2025-Q3"], "bukan basis data Pantau"),
        (&["scorecard", "--db", db, "--quarter", "2025-Q3", "--json", "--csv"], "pilih salah satu"),
        (&["scorecard", "--db", db, "--quarter", "2025-Q3", "--all", "--village", "1"], "pilih salah satu"),
        (&["scorecard", "--db", db, "--quarter", "2025-Q3", "--lang", "fr"], "bahasa tidak dikenal"),
        (&["scorecard", "--db", db, "--quarter", "2025-Q3", "--frobnicate"], "argumen tidak dikenal"),
        (&["demo", "--db", db, "--end", "2025-13"], "bulan tidak valid"),
        (&["demo", "--db", db, "--end", "2099-01"], "belum lewat"),
        (&["demo", "--db", db, "--seed", "abc"], "bukan bilangan"),
        (&["nonsense"], "usage: pantau"),
    ];
    for (args, needle) in cases {
        let out = pantau(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        let err = stderr(&out);
        assert!(err.contains(needle), "{args:?}: {err}");
        assert!(out.stdout.is_empty(), "{args:?}");
    }
    // Nothing was created or moved aside by the refused commands.
    assert!(!Path::new(db).exists());
    assert_eq!(std::fs::read_to_string(txt).unwrap(), "bukan basis data\n".repeat(20));
}
