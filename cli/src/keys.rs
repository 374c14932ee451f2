//! `pantau keygen`: the subdistrict's key pair for encrypted bundles (issue 4 "Privacy").
//! Writes the identity (private key) file, readable by its owner only, and prints the public key
//! that cadres' phones encrypt to (`pantau export --to-recipient age1...`).

use std::io::Write;

use pantau_core::bundle::Identity;

const USAGE: &str = "pantau keygen [--out FILE]   (default FILE: kecamatan.key)";

pub fn main(args: &[String]) -> i32 {
    let mut out = "kecamatan.key".to_string();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match (a.as_str(), it.clone().next()) {
            ("--out" | "-o", Some(v)) => {
                out = v.clone();
                it.next();
            }
            _ => {
                eprintln!("usage: {USAGE}");
                return 2;
            }
        }
    }
    let id = Identity::generate();
    let created = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    match write_new_secret_file(&out, &id.to_file(&created)) {
        Ok(()) => {
            eprintln!("Kunci rahasia ditulis ke {out} (simpan, jangan dibagikan) / identity written to {out} (keep it, never share it)");
            eprintln!("Kunci publik (bagikan ke kader) / public key (give it to the cadres):");
            println!("{}", id.public());
            0
        }
        Err(e) => {
            eprintln!("Tidak dapat menulis {out} / cannot write {out}: {e}");
            1
        }
    }
}

/// Creates the file, refusing to overwrite an existing key; owner-only permissions on Unix.
fn write_new_secret_file(path: &str, text: &str) -> std::io::Result<()> {
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let mut f = opts.open(path)?;
    f.write_all(text.as_bytes())?;
    f.sync_all()
}
