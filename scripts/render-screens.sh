#!/usr/bin/env bash
# Renders every screen (android/ui composables, compiled for Compose for Desktop with kotlinc's Compose
# compiler plugin) at 720x1280 px, density 2 (a 5-inch phone), in Bahasa Indonesia and English, into
# android/screenshots/<lang>/*.png, from the demo village seeded through the REAL Rust core (the
# library built for this machine and its bindings, scripts/lib-android.sh). Headless; needs a system
# font (installed by android-jars.sh).
# Usage: scripts/render-screens.sh [output-dir]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
OUTDIR="${1:-android/screenshots}"
KHOME=$(scripts/setup-kotlin.sh)
scripts/android-jars.sh test desktop
source scripts/lib-android.sh
android_bindings
T=.tools/jars/test
D=$(ls .tools/jars/desktop/*.jar | grep -v -E 'kotlin-stdlib|/annotations-13\.' | tr '\n' ':')
LIBS="$T/kotlinx-coroutines-core-jvm-1.10.2.jar:$BINDINGS_JAR:$JNA_JAR:$D"
OUT=build/render; rm -rf "$OUT"; mkdir -p "$OUT"
"$KHOME/bin/kotlinc" -jvm-target 17 -Xplugin="$KHOME/lib/compose-compiler-plugin.jar" -cp "$LIBS" -d "$OUT" \
  $(find android/logic/src/main android/logic/src/uniffi android/logic/src/testFixtures android/ui/src/main android/desktop/src/render -name '*.kt') 2>&1 \
  | grep -v "unable to find kotlin-stdlib" || true
[[ -f $OUT/id/pantau/desktop/RenderScreensKt.class ]] || { echo "render-screens: compilation failed" >&2; exit 1; }
rm -rf "$OUTDIR/id" "$OUTDIR/en"
java -Djava.awt.headless=true -Djna.library.path="$FFI_LIB_DIR" -cp "$OUT:$KHOME/lib/kotlin-stdlib.jar:$LIBS" id.pantau.desktop.RenderScreensKt "$OUTDIR"
