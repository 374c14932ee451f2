#!/usr/bin/env bash
# Installs everything the project needs on a fresh machine (idempotent): the Kotlin compiler (npm), the
# Android API jar, AndroidX/Compose, Compose for Desktop, JNA and JUnit (Maven) into .tools/, fonts for
# rendering (apt, as root). Rust itself comes from rustup (present on the project's machines).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v cargo >/dev/null || { echo "setup: cargo missing: install Rust with rustup first" >&2; exit 1; }
command -v java >/dev/null || { echo "setup: a JDK 17 is required" >&2; exit 1; }
mkdir -p target
scripts/setup-kotlin.sh >/dev/null
scripts/android-jars.sh test desktop android
