//! Shared helpers for the integration tests and benchmarks (the generated village).

pub mod store_support;
