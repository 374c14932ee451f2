//! The uniffi surface over `pantau_core` (issue 7). Thin: conversions and the one handle, no rules.
uniffi::setup_scaffolding!("pantau");
