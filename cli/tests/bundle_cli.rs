//! End to end through the `pantau` binary: keygen, import of a village bundle into a village
//! database, export full / --since-last / encrypted, import into the kecamatan with --identity,
//! and a refused file that leaves the database alone.

use std::path::{Path, PathBuf};
use std::process::Command;

fn pantau(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_pantau"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("run pantau");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn temp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("pantau-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn keygen_export_encrypted_import_with_identity() {
    let d = temp("bundle");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/bundles/v2-small.pantau.json.gz");
    std::fs::copy(&fixture, d.join("start.json.gz")).unwrap();

    let (code, pubkey, err) = pantau(&d, &["keygen", "--out", "kec.key"]);
    assert_eq!(code, 0, "{err}");
    let pubkey = pubkey.trim().to_string();
    assert!(pubkey.starts_with("age1"), "{pubkey}");
    assert_eq!(
        pantau(&d, &["keygen", "--out", "kec.key"]).0,
        1,
        "never overwrites a key"
    );

    // the phone's database, set up from the fixture bundle
    let (code, out, err) = pantau(&d, &["import", "start.json.gz", "--db", "village.db"]);
    assert_eq!(code, 0, "{out}{err}");

    let (code, out, err) = pantau(
        &d,
        &[
            "export",
            "--db",
            "village.db",
            "--since-last",
            "--to-recipient",
            &pubkey,
            "--out",
            "b1.age",
        ],
    );
    assert_eq!(code, 0, "{out}{err}");
    let (code, out, err) = pantau(
        &d,
        &[
            "export",
            "--db",
            "village.db",
            "--since-last",
            "--out",
            "b2.json.gz",
        ],
    );
    assert_eq!(code, 0, "{out}{err}");
    // nothing changed since b1: only the village itself (every bundle names its village)
    assert!(out.contains(": 1 rekaman/records"), "{out}");

    // the kecamatan: the encrypted bundle needs the identity
    let (code, _, err) = pantau(&d, &["import", "b1.age", "--db", "kec.db"]);
    assert_eq!(code, 1);
    assert!(err.contains("--identity"), "{err}");
    let (code, out, err) = pantau(
        &d,
        &[
            "import",
            "b1.age",
            "--db",
            "kec.db",
            "--identity",
            "kec.key",
        ],
    );
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("baru/new 42,"), "{out}");

    // a bad file is refused, the good one beside it still goes in (idempotently)
    std::fs::write(d.join("junk.json.gz"), b"not a bundle").unwrap();
    let (code, out, err) = pantau(
        &d,
        &[
            "import",
            "junk.json.gz",
            "b1.age",
            "--db",
            "kec.db",
            "-i",
            "kec.key",
        ],
    );
    assert_eq!(code, 1);
    assert!(err.contains("DITOLAK / REFUSED"), "{err}");
    assert!(out.contains("baru/new 0, diperbarui/updated 0"), "{out}");
    let _ = std::fs::remove_dir_all(&d);
}
