//! Argument parsing shared by the report commands, and their errors. Messages are bilingual,
//! Bahasa Indonesia first (architecture.md "Errors"); a bad argument exits with code 2.

use std::path::Path;

use pantau_core::model::{Quarter, YearMonth};
use pantau_core::store::StoreError;

pub use pantau_core::model::Lang;

#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// A bad or missing argument (exit code 2).
    #[error("{id}\n  ({en})")]
    Usage { id: String, en: String },
    /// The database could not be read or written (exit code 1).
    #[error("basis data: {} / database: {} [{detail}]", .message_id, .message_en)]
    Store { message_id: String, message_en: String, detail: String },
    #[error("berkas / file: {0}")]
    Io(#[from] std::io::Error),
    #[error("JSON: {0}")]
    Json(#[from] serde_json::Error),
}

impl From<StoreError> for CliError {
    fn from(e: StoreError) -> Self {
        let m = e.user_message();
        CliError::Store { message_id: m.id, message_en: m.en, detail: e.to_string() }
    }
}

impl CliError {
    pub fn usage(id: impl Into<String>, en: impl Into<String>) -> CliError {
        CliError::Usage { id: id.into(), en: en.into() }
    }
    /// A closed output pipe (`pantau demo | head`) is not a failure.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, CliError::Io(e) if e.kind() == std::io::ErrorKind::BrokenPipe)
    }
    /// 2 for bad arguments, 1 for everything else.
    pub fn exit_code(&self) -> i32 {
        match self {
            CliError::Usage { .. } => 2,
            _ => 1,
        }
    }
}

/// The exit code of a command's result, after telling the user what went wrong (and the usage
/// line for a bad argument).
pub fn finish(command: &str, usage: &str, result: Result<(), CliError>) -> i32 {
    match result {
        Ok(()) => 0,
        Err(e) if e.is_broken_pipe() => 0,
        Err(e) => {
            eprintln!("pantau {command}: {e}");
            if e.exit_code() == 2 {
                eprintln!("{usage}");
            }
            e.exit_code()
        }
    }
}

/// `--name value` / `--name=value` options and bare flags, in order.
pub struct Args {
    items: Vec<(String, Option<String>)>,
}

impl Args {
    /// `with_value` lists the options that take a value; anything else must be in `flags`.
    pub fn parse(raw: &[String], with_value: &[&str], flags: &[&str]) -> Result<Args, CliError> {
        let mut items = Vec::new();
        let mut it = raw.iter();
        while let Some(a) = it.next() {
            let (name, inline) = match a.split_once('=') {
                Some((n, v)) if n.starts_with("--") => (n.to_string(), Some(v.to_string())),
                _ => (a.clone(), None),
            };
            if with_value.contains(&name.as_str()) {
                let v = match inline {
                    Some(v) => v,
                    None => it.next().cloned().ok_or_else(|| {
                        CliError::usage(format!("opsi {name} perlu nilai"), format!("option {name} needs a value"))
                    })?,
                };
                items.push((name, Some(v)));
            } else if flags.contains(&name.as_str()) && inline.is_none() {
                items.push((name, None));
            } else {
                return Err(CliError::usage(format!("argumen tidak dikenal: {a:?}"), format!("unknown argument: {a:?}")));
            }
        }
        Ok(Args { items })
    }
    /// The last value given for an option.
    pub fn value(&self, name: &str) -> Option<&str> {
        self.items.iter().rev().find(|(n, _)| n == name).and_then(|(_, v)| v.as_deref())
    }
    pub fn flag(&self, name: &str) -> bool {
        self.items.iter().any(|(n, _)| n == name)
    }
}

/// `2025-Q3` (also `2025Q3`, lower-case q).
pub fn parse_quarter(s: &str) -> Result<Quarter, CliError> {
    let bad = || {
        CliError::usage(
            format!("kuartal tidak valid: {s:?} (contoh: 2025-Q3)"),
            format!("invalid quarter: {s:?} (example: 2025-Q3)"),
        )
    };
    let upper = s.trim().to_ascii_uppercase();
    let (y, q) = upper.split_once('Q').ok_or_else(bad)?;
    let y = y.strip_suffix('-').unwrap_or(y);
    let year: i32 = y.parse().map_err(|_| bad())?;
    let q: u32 = q.parse().map_err(|_| bad())?;
    if !(1900..=2200).contains(&year) {
        return Err(bad());
    }
    Quarter::new(year, q).ok_or_else(bad)
}

/// `2025-06`.
pub fn parse_month(s: &str) -> Result<YearMonth, CliError> {
    let bad = || {
        CliError::usage(format!("bulan tidak valid: {s:?} (contoh: 2025-06)"), format!("invalid month: {s:?} (example: 2025-06)"))
    };
    let (y, m) = s.trim().split_once('-').ok_or_else(bad)?;
    let year: i32 = y.parse().map_err(|_| bad())?;
    let month: u32 = m.parse().map_err(|_| bad())?;
    if !(1900..=2200).contains(&year) {
        return Err(bad());
    }
    YearMonth::new(year, month).ok_or_else(bad)
}

pub fn parse_lang(s: Option<&str>) -> Result<Lang, CliError> {
    match s {
        None | Some("id") => Ok(Lang::Id),
        Some("en") => Ok(Lang::En),
        Some(other) => Err(CliError::usage(
            format!("bahasa tidak dikenal: {other:?} (pilih id atau en)"),
            format!("unknown language: {other:?} (choose id or en)"),
        )),
    }
}

pub fn parse_number<T: std::str::FromStr>(name: &str, s: &str) -> Result<T, CliError> {
    s.parse().map_err(|_| {
        CliError::usage(format!("{name}: bukan bilangan yang sah: {s:?}"), format!("{name}: not a valid number: {s:?}"))
    })
}

/// Refuses a path that is not an existing Pantau database *before* the store opens it: the store
/// creates a missing file, and moves a file SQLite cannot read aside, neither of which a read-only
/// report may do. Checks the SQLite header and a non-zero schema version (`user_version`, header
/// bytes 60-63; https://www.sqlite.org/fileformat.html section 1.3), unless a `-wal` file beside it
/// may hold those pages still.
pub fn existing_database(path: &Path) -> Result<(), CliError> {
    let shown = path.display();
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    let has_wal = Path::new(&wal).exists();
    let mut header = [0u8; 100];
    let read = std::fs::File::open(path).and_then(|mut f| {
        use std::io::Read;
        f.read_exact(&mut header)
    });
    match read {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(CliError::usage(
            format!("berkas basis data tidak ada: {shown}"),
            format!("database file not found: {shown}"),
        )),
        // Pages still in the write-ahead log (a copy taken while the app was running): let SQLite read it.
        _ if has_wal && path.exists() => Ok(()),
        Err(_) => Err(CliError::usage(
            format!("{shown} bukan basis data Pantau (tidak terbaca sebagai SQLite)"),
            format!("{shown} is not a Pantau database (not readable as SQLite)"),
        )),
        Ok(()) if &header[..16] != b"SQLite format 3\0" => Err(CliError::usage(
            format!("{shown} bukan basis data Pantau (bukan berkas SQLite)"),
            format!("{shown} is not a Pantau database (not an SQLite file)"),
        )),
        Ok(()) if header[60..64] == [0, 0, 0, 0] => Err(CliError::usage(
            format!("{shown} bukan basis data Pantau (tidak ada skema Pantau)"),
            format!("{shown} is not a Pantau database (no Pantau schema)"),
        )),
        Ok(()) => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &[&str]) -> Vec<String> {
        s.iter().map(|a| a.to_string()).collect()
    }

    #[test]
    fn quarters_and_months_parse_or_say_why() {
        assert_eq!(parse_quarter("2025-Q3").unwrap(), Quarter::new(2025, 3).unwrap());
        assert_eq!(parse_quarter("2025q1").unwrap(), Quarter::new(2025, 1).unwrap());
        for bad in ["2025-Q5", "2025-Q0", "Q3", "2025", "abc", "2025-Q", ""] {
            let e = parse_quarter(bad).unwrap_err();
            assert_eq!(e.exit_code(), 2);
            assert!(e.to_string().starts_with("kuartal tidak valid"), "{e}");
        }
        assert_eq!(parse_month("2025-06").unwrap(), YearMonth::new(2025, 6).unwrap());
        assert!(parse_month("2025-13").is_err() && parse_month("06-2025").is_err());
        assert_eq!(parse_lang(Some("en")).unwrap(), Lang::En);
        assert!(parse_lang(Some("fr")).is_err());
    }

    #[test]
    fn options_take_values_and_unknown_ones_are_refused() {
        let a = Args::parse(&args(&["--db", "x.db", "--quarter=2025-Q3", "--json"]), &["--db", "--quarter"], &["--json"]).unwrap();
        assert_eq!(a.value("--db"), Some("x.db"));
        assert_eq!(a.value("--quarter"), Some("2025-Q3"));
        assert!(a.flag("--json") && !a.flag("--csv"));
        assert!(Args::parse(&args(&["--db"]), &["--db"], &[]).is_err());
        let e = Args::parse(&args(&["--bogus"]), &["--db"], &[]).err().unwrap();
        assert!(e.to_string().contains("argumen tidak dikenal"));
    }

    #[test]
    fn a_missing_or_foreign_file_is_not_a_database() {
        let dir = std::env::temp_dir().join(format!("pantau-args-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        assert!(existing_database(&dir.join("none.db")).unwrap_err().to_string().contains("tidak ada"));
        let txt = dir.join("notes.txt");
        std::fs::write(&txt, vec![b'x'; 200]).unwrap();
        assert!(existing_database(&txt).unwrap_err().to_string().contains("bukan berkas SQLite"));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
