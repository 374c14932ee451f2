#!/usr/bin/env bash
# The one test command (README): Rust tests, Kotlin/JVM tests against the real library, Android compile check.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
echo "== Rust: cargo test --workspace"
cargo test --workspace --locked 2>&1 | tee target/cargo-test.log
grep -E "^test result:" target/cargo-test.log | awk '{p+=$4; f+=$6} END {print "rust: " p " passed, " f " failed"}'
