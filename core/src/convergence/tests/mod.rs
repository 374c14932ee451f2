//! Tests of the convergence calculation: the worked example of domain.md 5.6, edge months,
//! and property tests of the scorecard's own consistency checks.

mod edges;
mod fixture;
mod props;
mod village_gen;
mod worked_example;
