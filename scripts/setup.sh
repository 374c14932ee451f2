#!/usr/bin/env bash
# Installs everything the project needs on a fresh machine (idempotent). Rust comes from rustup.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v cargo >/dev/null; then
  echo "cargo missing: install Rust with rustup first" >&2; exit 1
fi
mkdir -p target
