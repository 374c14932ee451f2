#!/usr/bin/env bash
# Kotlin/JVM tests of the uniffi bindings against the real library built for this machine (issue 7):
#   1. builds the cdylib `pantau_ffi` (debug build: the CI time matters more than speed here;
#      PANTAU_FFI_PROFILE=release tests the release library),
#   2. generates the Kotlin bindings from it in library mode (never committed),
#   3. compiles bindings + bindings-tests/src/test/kotlin with kotlinc -Werror,
#   4. runs them with the JUnit console launcher (JNA finds the library by -Djna.library.path),
#      ending with JUnit's summary ("[ N tests successful ]" / "[ N tests failed ]").
# Installs what it needs into .tools/ (gitignored): kotlinc (scripts/setup-kotlin.sh), JNA and the
# JUnit console launcher (Maven, versions pinned in scripts/lib-bindings.sh).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source scripts/lib-bindings.sh
PROFILE="${PANTAU_FFI_PROFILE:-debug}"
OUT="$ROOT/target/bindings-kotlin"

bindings_toolchain
echo "== cargo build -p pantau-ffi ($PROFILE)" >&2
if [[ "$PROFILE" == "release" ]]; then cargo build --locked -p pantau-ffi --release >&2; else cargo build --locked -p pantau-ffi >&2; fi
LIB="$(bindings_lib "$ROOT/target/$PROFILE")"
[[ "$PROFILE" == "debug" ]] || cargo build --locked -p pantau-ffi >&2
bindings_generate "$(bindings_lib "$ROOT/target/debug")" "$OUT/src"

echo "== kotlinc -Werror (bindings + bindings-tests)" >&2
rm -rf "$OUT/classes" && mkdir -p "$OUT/classes"
"$KOTLINC" -Werror -jvm-target 17 -cp "$JNA_JAR:$JUNIT_JAR" -d "$OUT/classes" \
  $(find "$OUT/src" -name '*.kt') "$ROOT"/bindings-tests/src/test/kotlin/*.kt >&2

echo "== JUnit on the JVM against $LIB" >&2
java -Djna.library.path="$(dirname "$LIB")" -Dpantau.test.tmp="$OUT/tmp" \
  -jar "$JUNIT_JAR" execute --disable-banner --details=tree \
  -cp "$OUT/classes:$JNA_JAR:$KOTLIN_HOME/lib/kotlin-stdlib.jar" \
  --select-package id.pantau.core.tests
