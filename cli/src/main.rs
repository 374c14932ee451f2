<<<<<<< HEAD
//! `pantau`: desk-side commands on the same core as the phone. One match arm per command; each
//! command parses its own arguments and prints its own errors (Bahasa Indonesia / English).

mod keys;

use std::process::ExitCode;

const USAGE: &str = "\
pantau <command> [options]
  keygen [--out FILE]                      key pair of the kecamatan for encrypted bundles";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((cmd, rest)) = args.split_first() else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    match cmd.as_str() {
        "keygen" => keys::run(rest),
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
=======
//! `pantau`: desk-side commands on the same core as the app. One module per subcommand.

mod zscore;

const USAGE: &str = "usage: pantau <command> ...\n\ncommands:\n  zscore INPUT.csv [-o OUTPUT.csv]   WHO 2006 z-scores and Permenkes 2/2020 categories for a CSV list";

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let code = match args.first().map(String::as_str) {
        Some("zscore") => zscore::main(&args[1..]),
        _ => {
            eprintln!("{USAGE}");
            2
        }
    };
    std::process::exit(code);
>>>>>>> main
}
