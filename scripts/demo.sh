#!/usr/bin/env bash
# The main job (README): build the CLI (profile desk) and run the demo - a realistic village of 1,000
# households with 24 months of monthly records saved into an SQLite file, and its latest complete
# quarter's convergence scorecard (Format 4) on the terminal.
#
#   scripts/demo.sh                       # Bahasa Indonesia, (re)writes pantau-demo.db
#   scripts/demo.sh --lang en --small     # any `pantau demo` option: --db FILE --seed N --end YYYY-MM --gaps N
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --profile desk --locked -p pantau-cli --bin pantau >&2
db=pantau-demo.db
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  case "${args[i]}" in
    --db) db="${args[i + 1]:-$db}" ;;
    --db=*) db="${args[i]#--db=}" ;;
  esac
done
# The default demo file is regenerated on every run; a file named with --db is never overwritten
# unless --force is given too (`pantau demo` refuses).
force=()
[[ "$db" == pantau-demo.db ]] && force=(--force)
exec target/desk/pantau demo "${force[@]}" "$@"
