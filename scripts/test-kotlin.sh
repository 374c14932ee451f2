#!/usr/bin/env bash
# Compiles (kotlinc -Werror) and runs the JVM tests of android/logic: screen state walking a cadre's day
# against the REAL Rust core (src/uniffiTest over UniffiPantauRepository, the bindings generated and
# compiled once by scripts/lib-android.sh, the library built for this machine) and against the in-memory
# fake (src/test), plus the Compose UI tests of the screens (Compose for Desktop, runComposeUiTest),
# ending with the JUnit summary. Fetches its tools first (setup-kotlin.sh, android-jars.sh).
# Usage: scripts/test-kotlin.sh [--logic-only]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
KHOME=$(scripts/setup-kotlin.sh)
KOTLINC="$KHOME/bin/kotlinc"
logic_only=false; [[ ${1:-} == --logic-only ]] && logic_only=true
if $logic_only; then scripts/android-jars.sh test; else scripts/android-jars.sh test desktop; fi
T=.tools/jars/test
OUT=build/kotlin-test; rm -rf "$OUT"; mkdir -p "$OUT"
STDLIB="$KHOME/lib/kotlin-stdlib.jar"
TESTLIBS="$T/kotlinx-coroutines-core-jvm-1.10.2.jar:$T/kotlin-test-2.4.20.jar:$(ls $T/junit-platform-console-standalone-*.jar)"
kc() { "$KOTLINC" -jvm-target 17 -Werror "$@" 2>&1 | grep -v "unable to find kotlin-stdlib" || true; }
strict() { # fail on any compiler error line
  local log; log=$(kc "$@"); [[ -n $log ]] && echo "$log" >&2; ! grep -qE "^(error|.*: error:)|warnings found" <<<"$log"
}

source scripts/lib-android.sh
android_bindings
echo "== compile android/logic (main + testFixtures + test + the adapter over the bindings + its tests)" >&2
start=$(date +%s)
strict -cp "$TESTLIBS:$BINDINGS_JAR:$JNA_JAR" -d "$OUT/logic" \
  $(find android/logic/src/main android/logic/src/testFixtures android/logic/src/test android/logic/src/uniffi android/logic/src/uniffiTest -name '*.kt')
[[ -f $OUT/logic/id/pantau/logic/repository/UniffiPantauRepository.class ]] || { echo "test-kotlin: logic did not compile" >&2; exit 1; }
CP="$OUT/logic:$STDLIB:$TESTLIBS:$BINDINGS_JAR:$JNA_JAR"
SELECT=(--select-package id.pantau.logic)
if ! $logic_only; then
  D=$(ls .tools/jars/desktop/*.jar | grep -v -E 'kotlin-stdlib|/annotations-13\.' | tr '\n' ':')
  echo "== compile android/ui + desktop renderer + UI tests (Compose for Desktop)" >&2
  strict -Xplugin="$KHOME/lib/compose-compiler-plugin.jar" -cp "$OUT/logic:$TESTLIBS:$BINDINGS_JAR:$JNA_JAR:$D" -d "$OUT/ui" \
    $(find android/ui/src/main android/desktop/src -name '*.kt')
  [[ -d $OUT/ui/id/pantau/desktop ]] || { echo "test-kotlin: ui did not compile" >&2; exit 1; }
  CP="$OUT/ui:$CP:$D"
  SELECT+=(--select-package id.pantau.desktop)
fi
echo "== compiled in $(( $(date +%s) - start )) s; running JUnit" >&2
java -Djava.awt.headless=true -Djna.library.path="$FFI_LIB_DIR" -jar $(ls $T/junit-platform-console-standalone-*.jar) execute --disable-banner \
  --details=summary --disable-ansi-colors --fail-if-no-tests -cp "$CP" "${SELECT[@]}" 2>&1 | tail -n 40
