#!/usr/bin/env bash
# The one test command (README, .ci/run): Rust tests, the uniffi bindings' Kotlin tests against the real
# library, the Kotlin/JVM tests of android/logic and the Compose screens, and the Android compile check.
set -euo pipefail
cd "$(dirname "$0")/.."
t0=$(date +%s)
step() { echo; echo "== $1 ($(( $(date +%s) - t0 )) s)"; }
step "setup"
scripts/setup.sh
step "Rust: cargo test --workspace"
cargo test --workspace --locked 2>&1 | tee target/cargo-test.log
step "uniffi bindings: Kotlin tests on the JVM against the real library"
scripts/test-bindings.sh
step "android/logic + Compose screens: JVM tests"
scripts/test-kotlin.sh
step "Android: compile every Android source against android-all"
scripts/android-check.sh
step "done"
grep -E "^test result:" target/cargo-test.log | awk '{p+=$4; f+=$6} END {print "rust: " p " passed, " f " failed"}'
