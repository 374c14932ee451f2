//! `pantau export`: a village database to a bundle file (issue 4): full, or `--since-last` (what
//! changed since the last bundle this device made for the village, remembered in the database),
//! gzip by default, encrypted with `--to-recipient age1...` (the kecamatan's public key).

use pantau_core::bundle::{
    export_bundle, load_village_records, mark_exported, only_village_code, write_bundle,
    ExportRange, Recipient, WriteOptions,
};
use pantau_core::store::Store;

const USAGE: &str = "pantau export --db PATH [--out FILE] [--village CODE] [--device ID] [--since-last] [--to-recipient AGE_PUBKEY] [--plain]";

struct Args {
    db: String,
    out: Option<String>,
    village: Option<String>,
    device: Option<String>,
    since_last: bool,
    recipient: Option<String>,
    plain: bool,
}

fn parse(args: &[String]) -> Option<Args> {
    let mut a = Args {
        db: String::new(),
        out: None,
        village: None,
        device: None,
        since_last: false,
        recipient: None,
        plain: false,
    };
    let mut it = args.iter();
    while let Some(x) = it.next() {
        match x.as_str() {
            "--db" => a.db = it.next()?.clone(),
            "--out" | "-o" => a.out = Some(it.next()?.clone()),
            "--village" => a.village = Some(it.next()?.clone()),
            "--device" => a.device = Some(it.next()?.clone()),
            "--to-recipient" => a.recipient = Some(it.next()?.clone()),
            "--since-last" => a.since_last = true,
            "--plain" => a.plain = true,
            _ => return None,
        }
    }
    (!a.db.is_empty()).then_some(a)
}

pub fn main(args: &[String]) -> i32 {
    let Some(a) = parse(args) else {
        eprintln!("usage: {USAGE}");
        return 2;
    };
    match run(&a) {
        Ok(msg) => {
            println!("{msg}");
            0
        }
        Err(t) => {
            eprintln!("{} / {}", t.id, t.en);
            1
        }
    }
}

fn run(a: &Args) -> Result<String, pantau_core::model::Text> {
    if !std::path::Path::new(&a.db).exists() {
        return Err(pantau_core::model::Text::new(
            format!("Basis data {} tidak ada.", a.db),
            format!("Database {} does not exist.", a.db),
        ));
    }
    let recipient = match &a.recipient {
        Some(r) => Some(Recipient::parse(r).map_err(|e| e.text())?),
        None => None,
    };
    let open = |dev: &str| Store::open(&a.db, dev).map_err(|e| e.user_message());
    let probe = open("pantau-cli")?;
    let code = match &a.village {
        Some(c) => c.clone(),
        None => only_village_code(&probe).map_err(|e| e.text())?,
    };
    // The bundle speaks for the phone whose database this is: by default the device that set the village up.
    let device = match &a.device {
        Some(d) => d.clone(),
        None => {
            let rec = probe
                .transaction(|w| load_village_records(w.tx(), &code))
                .map_err(|e| e.user_message())?;
            rec.data
                .village
                .map(|v| v.meta.device_id)
                .unwrap_or_else(|| "pantau-cli".into())
        }
    };
    drop(probe);
    let store = open(&device)?;
    let range = if a.since_last {
        ExportRange::SinceLast
    } else {
        ExportRange::Full
    };
    let bundle = export_bundle(&store, &code, range, None).map_err(|e| e.text())?;
    let bytes = write_bundle(
        &bundle,
        &WriteOptions {
            uncompressed: a.plain,
            recipient,
        },
    )
    .map_err(|e| e.text())?;
    let ext = match (a.plain, a.recipient.is_some()) {
        (_, true) => "pantau.age",
        (true, false) => "pantau.json",
        (false, false) => "pantau.json.gz",
    };
    let stamp = chrono::DateTime::from_timestamp_millis(bundle.header.exported_at)
        .map(|t| t.format("%Y%m%dT%H%M%SZ").to_string())
        .unwrap_or_default();
    let out = a
        .out
        .clone()
        .unwrap_or_else(|| format!("{}-{}-{stamp}.{ext}", code.replace('.', ""), device));
    write_atomically(&out, &bytes).map_err(|e| {
        pantau_core::model::Text::new(
            format!("Tidak dapat menulis {out}: {e}"),
            format!("Cannot write {out}: {e}"),
        )
    })?;
    mark_exported(&store, &bundle.header).map_err(|e| e.text())?;
    let d = &bundle.data;
    let n = d.record_count() + bundle.notes.len();
    Ok(format!("{out}: {n} rekaman/records, {} bytes", bytes.len()))
}

/// Temp file + fsync + rename: a crash never leaves half a bundle under the final name.
fn write_atomically(path: &str, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let tmp = format!("{path}.tmp");
    let mut f = std::fs::File::create(&tmp)?;
    f.write_all(bytes)?;
    f.sync_all()?;
    std::fs::rename(&tmp, path)
}
