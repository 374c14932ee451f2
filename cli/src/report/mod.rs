//! Reports of the desk-side commands (`pantau demo`, `pantau scorecard`): the quarter's scorecard as
//! a terminal table (Format 4 tables 1-5 with the 3A/3B footers, Formulir 1 (a), PD-1, the hamlet
//! breakdown and the top of the gap list; domain.md 3.5-3.7, 5), as CSV, and the shared argument
//! parsing and errors. Numbers come from `pantau_core::convergence::Scorecard` as computed; the
//! rendering only formats them (percentages are the core's `Ratio::display`: 2 decimals, half away
//! from zero, "-" when nothing is due; domain.md A.5, A.10).

pub mod args;
pub mod csv;
pub mod table;
pub mod terminal;

pub use args::CliError;
