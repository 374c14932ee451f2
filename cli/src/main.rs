//! `pantau`: desk-side commands on the same core as the app. One module per subcommand.

mod demo;
mod report;
mod scorecard;
mod zscore;

const USAGE: &str = concat!(
    "usage: pantau <command> ...\n\ncommands:\n",
    "  zscore INPUT.csv [-o OUTPUT.csv]   WHO 2006 z-scores and Permenkes 2/2020 categories for a CSV list\n",
    "  demo [--db FILE] [--small] ...     generate the demo village into FILE and show its scorecard\n",
    "  scorecard --db FILE --quarter Q    quarterly convergence scorecard (terminal, --json, --csv)\n",
);

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let code = match args.first().map(String::as_str) {
        Some("zscore") => zscore::main(&args[1..]),
        Some("demo") => demo::main(&args[1..]),
        Some("scorecard") => scorecard::main(&args[1..]),
        _ => {
            eprintln!("{USAGE}");
            2
        }
    };
    std::process::exit(code);
}
