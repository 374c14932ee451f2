#!/usr/bin/env bash
# Installs the Kotlin compiler used by the JVM-side Android checks (toolchain.md "Kotlin and JVM tests"):
# npm kotlin-compiler@2.4.20 into .tools/kotlin (gitignored). Idempotent: does nothing when the pinned
# version is already there. Prints the path of kotlinc's home (the folder holding bin/ and lib/).
# The version must equal `kotlin` in android/gradle/libs.versions.toml (checked by scripts/android-jars.sh).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
KOTLIN_VERSION="2.4.20"
DEST="$ROOT/.tools/kotlin"
HOME_DIR="$DEST/node_modules/kotlin-compiler"
STAMP="$DEST/.installed-$KOTLIN_VERSION"

if [[ ! -f "$STAMP" || ! -x "$HOME_DIR/bin/kotlinc" ]]; then
  command -v npm >/dev/null || { echo "setup-kotlin: npm is required" >&2; exit 1; }
  command -v java >/dev/null || { echo "setup-kotlin: a JDK (17+) is required" >&2; exit 1; }
  mkdir -p "$DEST"
  echo "setup-kotlin: installing kotlin-compiler@$KOTLIN_VERSION into $DEST" >&2
  (cd "$DEST" && npm install --no-audit --no-fund --loglevel=error "kotlin-compiler@$KOTLIN_VERSION" >&2)
  chmod +x "$HOME_DIR"/bin/* 2>/dev/null || true
  touch "$STAMP"
fi
echo "$HOME_DIR"
