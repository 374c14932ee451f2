#!/usr/bin/env bash
# Kotlin/JVM tests of the uniffi bindings against the real library built for this machine (issue 7):
#   1. builds the cdylib `pantau_ffi` (debug: CI time; the bench script builds release),
#   2. generates the Kotlin bindings from it in library mode (never committed),
#   3. compiles bindings + bindings-tests/*.kt with kotlinc -Werror,
#   4. runs them with the JUnit console launcher (JNA finds the library by -Djna.library.path),
#      ending with JUnit's summary line ("[ N tests successful ]" / "[ N tests failed ]").
# Installs what it needs into .tools/ (gitignored): kotlinc via scripts/setup-kotlin.sh, and the
# JNA + JUnit console jars via Maven (versions pinned below).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

JNA_VERSION="5.19.1"
JUNIT_CONSOLE_VERSION="1.14.1"
JARS="$ROOT/.tools/bindings-jars"
OUT="$ROOT/target/bindings-kotlin"
PROFILE="${PANTAU_FFI_PROFILE:-debug}"

# -- toolchain -------------------------------------------------------------------------------------
KOTLIN_HOME="$(scripts/setup-kotlin.sh)"
KOTLINC="$KOTLIN_HOME/bin/kotlinc"
mkdir -p "$JARS"
fetch() { # group:artifact:version -> jar in $JARS
  local coords="$1" file="$JARS/$(echo "$1" | cut -d: -f2)-$(echo "$1" | cut -d: -f3).jar"
  if [[ ! -f "$file" ]]; then
    command -v mvn >/dev/null || { echo "test-bindings: mvn is required to fetch $coords" >&2; exit 1; }
    mvn -q dependency:copy -Dartifact="$coords" -DoutputDirectory="$JARS" >&2
  fi
  echo "$file"
}
JNA_JAR="$(fetch "net.java.dev.jna:jna:$JNA_VERSION")"
JUNIT_JAR="$(fetch "org.junit.platform:junit-platform-console-standalone:$JUNIT_CONSOLE_VERSION")"

# -- library and generated bindings ------------------------------------------------------------------
if [[ "$PROFILE" == "release" ]]; then CARGO_PROFILE=(--release); else CARGO_PROFILE=(); fi
echo "== cargo build -p pantau-ffi ($PROFILE)" >&2
cargo build --locked -p pantau-ffi "${CARGO_PROFILE[@]}" >&2
cargo build --locked -p pantau-ffi --features bindgen --bin uniffi-bindgen >&2
LIB_DIR="$ROOT/target/$PROFILE"
LIB="$LIB_DIR/libpantau_ffi.so"
[[ -f "$LIB" ]] || LIB="$LIB_DIR/libpantau_ffi.dylib"

rm -rf "$OUT" && mkdir -p "$OUT/src" "$OUT/classes"
"$ROOT/target/debug/uniffi-bindgen" generate "$LIB" --language kotlin --no-format \
  --config "$ROOT/uniffi-bindings/uniffi.toml" --out-dir "$OUT/src" >&2

# -- compile (-Werror) and run -----------------------------------------------------------------------
echo "== kotlinc -Werror (bindings + bindings-tests)" >&2
CP="$JNA_JAR:$JUNIT_JAR"
"$KOTLINC" -Werror -jvm-target 17 -cp "$CP" -d "$OUT/classes" \
  $(find "$OUT/src" -name '*.kt') "$ROOT"/bindings-tests/src/test/kotlin/*.kt >&2

echo "== JUnit on the JVM against $LIB" >&2
java -Djna.library.path="$LIB_DIR" -Dpantau.test.tmp="$OUT/tmp" \
  -jar "$JUNIT_JAR" execute --disable-banner --details=tree \
  -cp "$OUT/classes:$JNA_JAR:$KOTLIN_HOME/lib/kotlin-stdlib.jar" \
  --select-package id.pantau.core.tests
