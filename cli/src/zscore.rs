//! `pantau zscore INPUT.csv -o OUTPUT.csv`: WHO 2006 z-scores for a whole list (issue 5; growth.md 1, 2).
//!
//! Input: a CSV with a header holding at least `sex` (`1`/`2` as WHO Anthro, `M`/`F`, `L`/`P`),
//! `age_days`, `weight_kg`, `lenhei_cm`, `measure` (`L` lying / `H` standing, either case, empty allowed) and
//! optionally `oedema` (`y`/`n`, or WHO's `1`/`2`). WHO anthro's argument names `age`, `weight`, `lenhei` are
//! accepted too. Empty, `NA` and `.` are missing values; decimal commas are accepted ("12,5"). The delimiter
//! (`,`, `;` or tab) is read from the header line and used for the output as well.
//!
//! Output: every input column, in order, then `clenhei cbmi c9mo_flag zwei fwei zlen flen zwfl fwfl zbmi fbmi`
//! (2 decimals, empty where WHO gives none; flags 0/1), the Permenkes 2/2020 categories of the unflagged
//! z-scores (`cat_bbu cat_pbu_tbu cat_bbpb_bbtb cat_imtu`), and `error`. A row that cannot be read gets its
//! reason in `error` and no z-scores; the other rows are still computed. Rows stream through one at a time.

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};

use csv::ByteRecord;
use pantau_core::growth::{
    round2, zscores, Input, LengthForAgeCategory, WastingCategory, WeightForAgeCategory, ZScores,
};
use pantau_core::model::{Position, Sex};

const USAGE: &str = "usage: pantau zscore INPUT.csv [-o OUTPUT.csv]   ('-' = stdin / stdout)";

/// The computed columns, after the input's own.
pub const OUTPUT_COLUMNS: [&str; 16] = [
    "clenhei", "cbmi", "c9mo_flag", "zwei", "fwei", "zlen", "flen", "zwfl", "fwfl", "zbmi", "fbmi", "cat_bbu",
    "cat_pbu_tbu", "cat_bbpb_bbtb", "cat_imtu", "error",
];

#[derive(Debug, thiserror::Error)]
pub enum ZscoreError {
    #[error("{0}")]
    Usage(String),
    #[error("kolom wajib tidak ada / required column missing: {0} (header: {1})")]
    MissingColumn(&'static str, String),
    #[error("file kosong / empty input: no header line")]
    Empty,
    #[error("{0}: {1}")]
    Open(String, io::Error),
    #[error("I/O: {0}")]
    Io(#[from] io::Error),
    #[error("CSV: {0}")]
    Csv(#[from] csv::Error),
}

/// Rows read, and rows with an error.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    pub rows: u64,
    pub errors: u64,
}

/// Entry point of the subcommand; returns the process exit code.
pub fn main(args: &[String]) -> i32 {
    match parse_args(args).and_then(|(i, o)| run_paths(&i, &o)) {
        Ok(s) => {
            eprintln!("pantau zscore: {} baris / rows, {} dengan kesalahan / with errors", s.rows, s.errors);
            0
        }
        Err(e) => {
            eprintln!("pantau zscore: {e}");
            2
        }
    }
}

fn parse_args(args: &[String]) -> Result<(String, String), ZscoreError> {
    let mut input = None;
    let mut output = "-".to_string();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "-o" | "--output" => {
                output = it.next().ok_or_else(|| ZscoreError::Usage(USAGE.into()))?.clone();
            }
            "-h" | "--help" => return Err(ZscoreError::Usage(USAGE.into())),
            _ if input.is_none() => input = Some(a.clone()),
            _ => return Err(ZscoreError::Usage(format!("unexpected argument {a:?}\n{USAGE}"))),
        }
    }
    Ok((input.ok_or_else(|| ZscoreError::Usage(USAGE.into()))?, output))
}

/// Runs on files (`-` = stdin / stdout).
pub fn run_paths(input: &str, output: &str) -> Result<Summary, ZscoreError> {
    let reader: Box<dyn Read> = if input == "-" {
        Box::new(io::stdin().lock())
    } else {
        Box::new(File::open(input).map_err(|e| ZscoreError::Open(input.to_string(), e))?)
    };
    if output == "-" {
        run(reader, io::stdout().lock())
    } else {
        let f = File::create(output).map_err(|e| ZscoreError::Open(output.to_string(), e))?;
        run(reader, f)
    }
}

/// Where the columns WHO needs are in the input.
struct Columns {
    sex: usize,
    age: usize,
    weight: usize,
    lenhei: usize,
    measure: usize,
    oedema: Option<usize>,
}

fn find(names: &[String], wanted: &'static str, aliases: &[&str]) -> Option<usize> {
    names.iter().position(|n| n == wanted || aliases.contains(&n.as_str()))
}

impl Columns {
    fn of(header: &ByteRecord) -> Result<Columns, ZscoreError> {
        let names: Vec<String> = header
            .iter()
            .map(|f| String::from_utf8_lossy(f).trim_start_matches('\u{feff}').trim().to_ascii_lowercase())
            .collect();
        let need = |wanted: &'static str, aliases: &[&str]| {
            find(&names, wanted, aliases).ok_or_else(|| ZscoreError::MissingColumn(wanted, names.join(",")))
        };
        Ok(Columns {
            sex: need("sex", &[])?,
            age: need("age_days", &["age"])?,
            weight: need("weight_kg", &["weight"])?,
            lenhei: need("lenhei_cm", &["lenhei"])?,
            measure: need("measure", &[])?,
            oedema: find(&names, "oedema", &["edema"]),
        })
    }
}

/// The most frequent of `,` `;` and tab on the header line (`,` on a tie).
fn sniff_delimiter(first: &[u8]) -> u8 {
    let line = first.split(|b| *b == b'\n').next().unwrap_or(first);
    let count = |d: u8| line.iter().filter(|b| **b == d).count();
    let (c, s, t) = (count(b','), count(b';'), count(b'\t'));
    if t > c && t >= s {
        b'\t'
    } else if s > c {
        b';'
    } else {
        b','
    }
}

/// One output line, built in place: input fields re-quoted as the csv crate would (only when they hold the
/// delimiter, a quote or a line break), computed fields appended as they are (digits, codes), `\n` at the end.
struct Line {
    buf: Vec<u8>,
    delimiter: u8,
    first: bool,
}

impl Line {
    fn clear(&mut self) {
        self.buf.clear();
        self.first = true;
    }
    fn sep(&mut self) {
        if !self.first {
            self.buf.push(self.delimiter);
        }
        self.first = false;
    }
    /// Any text, quoted if needed.
    fn field(&mut self, f: &[u8]) {
        self.sep();
        let d = self.delimiter;
        if f.iter().any(|&b| b == d || b == b'"' || b == b'\n' || b == b'\r') {
            self.buf.push(b'"');
            for &b in f {
                if b == b'"' {
                    self.buf.push(b'"');
                }
                self.buf.push(b);
            }
            self.buf.push(b'"');
        } else {
            self.buf.extend_from_slice(f);
        }
    }
    /// A field known to need no quoting (numbers, flags, codes).
    fn plain(&mut self, f: &[u8]) {
        self.sep();
        self.buf.extend_from_slice(f);
    }
    fn num(&mut self, v: Option<f64>) {
        self.sep();
        if let Some(v) = v {
            fixed2(&mut self.buf, v);
        }
    }
    fn end(&mut self) {
        self.buf.push(b'\n');
    }
}

/// Streams `input` to `output` (see the module header).
pub fn run<R: Read, W: Write>(input: R, output: W) -> Result<Summary, ZscoreError> {
    let mut buffered = BufReader::with_capacity(1 << 16, input);
    let delimiter = sniff_delimiter(buffered.fill_buf()?);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .buffer_capacity(1 << 16)
        .from_reader(buffered);
    let mut writer = BufWriter::with_capacity(1 << 16, output);

    let mut header = ByteRecord::new();
    if !reader.read_byte_record(&mut header)? {
        return Err(ZscoreError::Empty);
    }
    let cols = Columns::of(&header)?;
    let width = header.len();
    let mut line = Line { buf: Vec::with_capacity(1024), delimiter, first: true };
    for f in header.iter() {
        line.field(f);
    }
    for c in OUTPUT_COLUMNS {
        line.plain(c.as_bytes());
    }
    line.end();
    writer.write_all(&line.buf)?;

    let mut summary = Summary::default();
    let mut row = ByteRecord::new();
    while reader.read_byte_record(&mut row)? {
        summary.rows += 1;
        line.clear();
        for i in 0..width {
            line.field(row.get(i).unwrap_or(b""));
        }
        let parsed = if row.len() != width {
            Err(RowError::Width(row.len(), width))
        } else {
            read_row(&row, &cols)
        };
        match parsed {
            Ok(input) => {
                push_scores(&mut line, &zscores(&input));
                line.plain(b"");
            }
            Err(e) => {
                summary.errors += 1;
                for _ in 0..OUTPUT_COLUMNS.len() - 1 {
                    line.plain(b"");
                }
                line.field(e.to_string().as_bytes());
            }
        }
        line.end();
        writer.write_all(&line.buf)?;
    }
    writer.flush()?;
    Ok(summary)
}

/// Why a row could not be read (shown in its `error` column, Bahasa Indonesia / English).
#[derive(Debug, thiserror::Error)]
enum RowError {
    #[error("baris berisi {0} kolom, header {1} / row has {0} fields, the header {1}")]
    Width(usize, usize),
    #[error("jenis kelamin tidak dikenal {0:?} / unknown sex {0:?} (1/2, M/F, L/P)")]
    Sex(String),
    #[error("{0} bukan angka: {1:?} / {0} is not a number: {1:?}")]
    Number(&'static str, String),
    #[error("umur negatif / negative age: {0}")]
    NegativeAge(String),
    #[error("cara ukur tidak dikenal {0:?} / unknown measure {0:?} (L/H)")]
    Measure(String),
    #[error("edema tidak dikenal {0:?} / unknown oedema {0:?} (y/n)")]
    Oedema(String),
}

fn trim(f: &[u8]) -> &[u8] {
    f.trim_ascii()
}

fn is_missing(f: &[u8]) -> bool {
    f.is_empty() || f == b"NA" || f == b"na" || f == b"." || f == b"NaN"
}

fn text(f: &[u8]) -> String {
    String::from_utf8_lossy(f).into_owned()
}

fn number(f: &[u8], what: &'static str) -> Result<Option<f64>, RowError> {
    let f = trim(f);
    if is_missing(f) {
        return Ok(None);
    }
    let bad = || RowError::Number(what, text(f));
    // Decimal comma: "12,5" (only when there is no decimal point as well).
    let mut buf = [0u8; 40];
    let bytes: &[u8] = if f.contains(&b',') && !f.contains(&b'.') && f.len() <= buf.len() {
        for (b, c) in buf.iter_mut().zip(f) {
            *b = if *c == b',' { b'.' } else { *c };
        }
        &buf[..f.len()]
    } else {
        f
    };
    // Only digits, sign, point and exponent: refuses "inf", "nan" and the like.
    if !bytes.iter().all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+' | b'e' | b'E')) {
        return Err(bad());
    }
    let s = std::str::from_utf8(bytes).map_err(|_| bad())?;
    let v: f64 = s.parse().map_err(|_| bad())?;
    if v.is_finite() {
        Ok(Some(v))
    } else {
        Err(bad())
    }
}

fn read_row(row: &ByteRecord, c: &Columns) -> Result<Input, RowError> {
    let get = |i: usize| row.get(i).unwrap_or(b"");
    let sex_f = trim(get(c.sex));
    let sex = match sex_f {
        b"1" | b"m" | b"M" | b"l" | b"L" => Some(Sex::Male),
        b"2" | b"f" | b"F" | b"p" | b"P" => Some(Sex::Female),
        f if is_missing(f) => None,
        f => return Err(RowError::Sex(text(f))),
    };
    let age_days = number(get(c.age), "age_days")?;
    if let Some(a) = age_days.filter(|a| *a < 0.0) {
        return Err(RowError::NegativeAge(a.to_string()));
    }
    let weight_kg = number(get(c.weight), "weight_kg")?;
    let lenhei_cm = number(get(c.lenhei), "lenhei_cm")?;
    let position = match trim(get(c.measure)) {
        b"l" | b"L" => Some(Position::Lying),
        b"h" | b"H" => Some(Position::Standing),
        f if is_missing(f) => None,
        f => return Err(RowError::Measure(text(f))),
    };
    let oedema = match c.oedema.map(|i| trim(get(i))) {
        None => false,
        Some(b"y" | b"Y" | b"1") => true,
        Some(b"n" | b"N" | b"2") => false,
        Some(f) if is_missing(f) => false,
        Some(f) => return Err(RowError::Oedema(text(f))),
    };
    Ok(Input { sex, age_days, weight_kg, lenhei_cm, position, oedema })
}

/// Appends `v` rounded to 2 decimals as R rounds (`round2`); "-0.00" never appears.
fn fixed2(buf: &mut Vec<u8>, v: f64) {
    // After `round2`, v·100 is within an ulp of an integer.
    let h = (round2(v) * 100.0).round();
    if h.is_nan() || h.abs() >= 9.0e15 {
        buf.extend_from_slice(format!("{v:.2}").as_bytes());
        return;
    }
    let h = h as i64;
    if h < 0 {
        buf.push(b'-');
    }
    let h = h.unsigned_abs();
    let int = h / 100;
    let frac = h % 100;
    let mut digits = [0u8; 20];
    let mut n = 0;
    let mut i = int;
    loop {
        digits[n] = b'0' + (i % 10) as u8;
        n += 1;
        i /= 10;
        if i == 0 {
            break;
        }
    }
    buf.extend(digits[..n].iter().rev());
    buf.push(b'.');
    buf.push(b'0' + (frac / 10) as u8);
    buf.push(b'0' + (frac % 10) as u8);
}

fn flag(f: Option<bool>) -> &'static [u8] {
    match f {
        Some(true) => b"1",
        Some(false) => b"0",
        None => b"",
    }
}

/// The category of an unflagged z (growth.md 2, A.3).
fn cat<C>(z: Option<f64>, f: Option<bool>, of: fn(f64) -> C, code: fn(C) -> &'static str) -> &'static [u8] {
    match (z, f) {
        (Some(z), Some(false)) => code(of(z)).as_bytes(),
        _ => b"",
    }
}

fn push_scores(line: &mut Line, z: &ZScores) {
    line.num(z.clenhei);
    line.num(z.cbmi);
    line.plain(if z.c9mo_flag { b"1" } else { b"0" });
    line.num(z.zwei);
    line.plain(flag(z.fwei));
    line.num(z.zlen);
    line.plain(flag(z.flen));
    line.num(z.zwfl);
    line.plain(flag(z.fwfl));
    line.num(z.zbmi);
    line.plain(flag(z.fbmi));
    line.plain(cat(z.zwei, z.fwei, WeightForAgeCategory::of, WeightForAgeCategory::code));
    line.plain(cat(z.zlen, z.flen, LengthForAgeCategory::of, LengthForAgeCategory::code));
    line.plain(cat(z.zwfl, z.fwfl, WastingCategory::of, WastingCategory::code));
    line.plain(cat(z.zbmi, z.fbmi, WastingCategory::of, WastingCategory::code));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run_str(s: &str) -> String {
        let mut out = Vec::new();
        run(s.as_bytes(), &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn fixed_two_decimals() {
        let mut b = Vec::new();
        for (v, s) in [(0.0, "0.00"), (-0.004, "0.00"), (-4.69, "-4.69"), (0.71, "0.71"), (12.345, "12.35"), (0.125, "0.12"), (65.3, "65.30"), (-10.0, "-10.00")] {
            b.clear();
            fixed2(&mut b, v);
            assert_eq!(std::str::from_utf8(&b).unwrap(), s, "{v}");
        }
    }

    #[test]
    fn numbers_and_codes() {
        assert_eq!(number(b" 12,5 ", "x").unwrap(), Some(12.5));
        assert_eq!(number(b"NA", "x").unwrap(), None);
        assert!(number(b"inf", "x").is_err());
        assert!(number(b"1.2.3", "x").is_err());
        assert!(number(b"12kg", "x").is_err());
        assert_eq!(sniff_delimiter(b"sex;age_days;weight_kg\n1;2;3"), b';');
        assert_eq!(sniff_delimiter(b"sex\tage_days\n"), b'\t');
        assert_eq!(sniff_delimiter(b"sex,age_days\n"), b',');
    }

    #[test]
    fn growth_md_examples_and_errors() {
        let out = run_str(
            "id,sex,age_days,weight_kg,lenhei_cm,measure\n\
             a,1,700,6.78,,\n\
             b,M,400,\"8,29\",67.35,l\n\
             c,X,400,8,67,L\n\
             d,2,100,6,60\n",
        );
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(
            lines[0],
            "id,sex,age_days,weight_kg,lenhei_cm,measure,clenhei,cbmi,c9mo_flag,zwei,fwei,zlen,flen,zwfl,fwfl,zbmi,fbmi,cat_bbu,cat_pbu_tbu,cat_bbpb_bbtb,cat_imtu,error"
        );
        assert!(lines[1].starts_with("a,1,700,6.78,,,,,0,-4.69,0,,,,,,,bb_sangat_kurang,,,,"), "{}", lines[1]);
        // The quoted decimal-comma field passes through; WLZ 0.71 (growth.md 1.6) is gizi baik.
        assert!(lines[2].starts_with("b,M,400,\"8,29\",67.35,l,67.35,"), "{}", lines[2]);
        assert!(lines[2].contains(",0.71,0,") && lines[2].contains(",gizi_baik,"), "{}", lines[2]);
        assert!(lines[3].contains("unknown sex"), "{}", lines[3]);
        assert!(lines[3].starts_with("c,X,400,8,67,L,,,,"));
        assert!(lines[4].starts_with("d,2,100,6,60,,"), "{}", lines[4]);
        assert!(lines[4].ends_with("the header 6\""), "{}", lines[4]);
        assert_eq!(lines.len(), 5);
    }

    #[test]
    fn semicolon_files_keep_their_delimiter() {
        let out = run_str("sex;age_days;weight_kg;lenhei_cm;measure;oedema\r\n1;700;6,78;;;n\r\n2;700;9;80;l;y\r\n");
        let lines: Vec<&str> = out.lines().collect();
        assert!(lines[1].starts_with("1;700;6,78;;;n;;;0;-4.69;0;"), "{}", lines[1]);
        // Oedema: only length-for-age.
        let f: Vec<&str> = lines[2].split(';').collect();
        assert_eq!((f[9], f[11], f[13], f[15]), ("", f[11], "", ""));
        assert!(!f[11].is_empty());
    }

    #[test]
    fn fields_are_quoted_like_the_csv_crate() {
        let mut line = Line { buf: Vec::new(), delimiter: b',', first: true };
        for f in [&b"plain"[..], b"a,b", b"say \"hi\"", b"two\nlines", b"semi;colon", b""] {
            line.field(f);
        }
        line.end();
        let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
        w.write_record([&b"plain"[..], b"a,b", b"say \"hi\"", b"two\nlines", b"semi;colon", b""]).unwrap();
        assert_eq!(line.buf, w.into_inner().unwrap());
    }

    #[test]
    fn missing_column_is_refused() {
        let mut out = Vec::new();
        let e = run("sex,age_days,weight_kg,lenhei_cm\n1,2,3,4\n".as_bytes(), &mut out).unwrap_err();
        assert!(matches!(e, ZscoreError::MissingColumn("measure", _)));
    }
}
