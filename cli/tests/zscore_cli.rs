//! End-to-end test of `pantau zscore`: runs the built binary on a small fixture (issue 5, growth.md 1).

use std::collections::HashMap;
use std::io::Write;
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_pantau");
const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/zscore_small.csv");

/// Output rows keyed by the `child` column, each as column name -> value.
fn parse(out: &[u8]) -> (Vec<String>, HashMap<String, HashMap<String, String>>) {
    let mut r = csv::Reader::from_reader(out);
    let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    let mut rows = HashMap::new();
    for rec in r.records() {
        let rec = rec.unwrap();
        let row: HashMap<String, String> = header.iter().cloned().zip(rec.iter().map(String::from)).collect();
        rows.insert(row["child"].clone(), row);
    }
    (header, rows)
}

fn check(out: &[u8]) {
    let (header, rows) = parse(out);
    assert_eq!(
        header.join(","),
        "child,sex,age_days,weight_kg,lenhei_cm,measure,oedema,note,clenhei,cbmi,c9mo_flag,zwei,fwei,zlen,flen,\
         zwfl,fwfl,zbmi,fbmi,cat_bbu,cat_pbu_tbu,cat_bbpb_bbtb,cat_imtu,error"
    );
    assert_eq!(rows.len(), 8);
    let v = |c: &str, col: &str| rows[c][col].as_str();
    // growth.md 1.4: boy day 700, 6.78 kg -> WAZ -4.69, not flagged.
    assert_eq!((v("A1", "zwei"), v("A1", "fwei"), v("A1", "cat_bbu")), ("-4.69", "0", "bb_sangat_kurang"));
    assert_eq!((v("A1", "zlen"), v("A1", "flen"), v("A1", "zwfl"), v("A1", "error")), ("", "", "", ""));
    // growth.md 1.6: boy 67.35 cm, 8.29 kg -> WLZ 0.71; no age -> no age-based z.
    assert_eq!((v("A2", "zwfl"), v("A2", "fwfl"), v("A2", "zwei"), v("A2", "clenhei")), ("0.71", "0", "", "67.35"));
    assert_eq!(v("A2", "note"), "growth.md 1.6, no age: WFL by position");
    // Standing at 100 days: c9mo_flag, no +0.7.
    assert_eq!((v("A3", "c9mo_flag"), v("A3", "clenhei")), ("1", "65.00"));
    assert!(!v("A3", "zlen").is_empty());
    // Day 1827: nothing.
    for col in ["zwei", "zlen", "zwfl", "zbmi", "fwei", "cat_bbu"] {
        assert_eq!(v("A4", col), "", "A4 {col}");
    }
    // Oedema: only length-for-age.
    assert_eq!((v("A5", "zwei"), v("A5", "zwfl"), v("A5", "zbmi")), ("", "", ""));
    assert!(!v("A5", "zlen").is_empty() && v("A5", "error").is_empty());
    // Bad rows: an error, no z-scores, input kept.
    assert!(v("A6", "error").contains("unknown sex"), "{}", v("A6", "error"));
    assert!(v("A7", "error").contains("age_days is not a number"), "{}", v("A7", "error"));
    assert_eq!((v("A7", "zlen"), v("A7", "age_days")), ("", "abc"));
    // Decimal commas; standing at 730 days gets +0.7 cm.
    assert_eq!((v("A8", "clenhei"), v("A8", "weight_kg"), v("A8", "error")), ("85.70", "10,5", ""));
    assert!(!v("A8", "zwfl").is_empty());
}

#[test]
fn files_in_and_out() {
    let dir = std::env::temp_dir().join(format!("pantau-zscore-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out_path = dir.join("out.csv");
    let st = Command::new(BIN).args(["zscore", FIXTURE, "-o"]).arg(&out_path).output().unwrap();
    assert!(st.status.success(), "{}", String::from_utf8_lossy(&st.stderr));
    assert!(String::from_utf8_lossy(&st.stderr).contains("8 baris / rows, 2 dengan kesalahan / with errors"));
    check(&std::fs::read(&out_path).unwrap());
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn stdin_to_stdout() {
    let mut child = Command::new(BIN)
        .args(["zscore", "-", "-o", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(&std::fs::read(FIXTURE).unwrap()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    check(&out.stdout);
}

#[test]
fn missing_column_fails_with_a_message() {
    let mut child = Command::new(BIN)
        .args(["zscore", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"sex,age_days,weight_kg\n1,100,5\n").unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("lenhei_cm"));
}
