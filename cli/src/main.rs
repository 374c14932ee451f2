//! `pantau`: desk-side commands on the same core as the app. One module per subcommand.

mod demo;
mod export;
mod import;
mod keys;
mod report;
mod scorecard;
mod zscore;

const USAGE: &str = concat!(
    "usage: pantau <command> ...\n\ncommands:\n",
    "  demo [--db FILE] [--small] ...     generate the demo village into FILE and show its scorecard\n",
    "  scorecard --db FILE --quarter Q    quarterly convergence scorecard (terminal, --json, --csv)\n",
    "  zscore INPUT.csv [-o OUTPUT.csv]   WHO 2006 z-scores and Permenkes 2/2020 categories for a CSV list\n",
    "  keygen [--out FILE]                the kecamatan's key pair for encrypted bundles (prints the public key)\n",
    "  import FILE... [--db PATH] [--identity FILE]   bundles into the kecamatan database\n",
    "  export --db PATH [--since-last] [--to-recipient AGE_PUBKEY] [--out FILE]   a village database to a bundle\n",
);

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let code = match args.first().map(String::as_str) {
        Some("zscore") => zscore::main(&args[1..]),
        Some("keygen") => keys::main(&args[1..]),
        Some("import") => import::main(&args[1..]),
        Some("export") => export::main(&args[1..]),
        Some("demo") => demo::main(&args[1..]),
        Some("scorecard") => scorecard::main(&args[1..]),
        _ => {
            eprintln!("{USAGE}");
            2
        }
    };
    std::process::exit(code);
}
