#!/usr/bin/env bash
# Compiles EVERY Android source file (android/logic with its adapter over the uniffi bindings,
# android/ui, android/app: Activity, ViewModel, Application included) together with the Kotlin bindings
# generated from the Rust library (scripts/lib-android.sh: the jar compiled once and shared with
# test-kotlin.sh) with kotlinc -Werror and the Compose compiler plugin against the real framework
# classes (android-all, API 34) and the classes.jar of each AndroidX/Compose aar at the exact versions
# of android/gradle/libs.versions.toml, so a wrong call fails here although there is no Gradle and no
# Android SDK (toolchain.md). Then checks that every class the manifest names exists.
# Not covered: resources/R (the app uses none in code), AGP/R8/APK packaging, java.* APIs missing on
# API 24 (java.time is desugared; see README).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
KHOME=$(scripts/setup-kotlin.sh)
scripts/android-jars.sh test android
source scripts/lib-android.sh
android_bindings
J=.tools/jars
CP="$(ls $J/android/android-all-*.jar):$(ls $J/android-classes/*.jar $J/android/*.jar | grep -v android-all | tr '\n' ':')$BINDINGS_JAR"
OUT=build/android-check; rm -rf "$OUT"; mkdir -p "$OUT"
SOURCES=$(find android/logic/src/main android/logic/src/uniffi android/ui/src/main android/app/src/main -name '*.kt' | sort)
n=$(wc -l <<<"$SOURCES")
echo "android-check: compiling $n Kotlin files against android-all + $(ls $J/android-classes | wc -l) aars" >&2
log=$("$KHOME/bin/kotlinc" -jvm-target 17 -Werror -Xplugin="$KHOME/lib/compose-compiler-plugin.jar" \
  -cp "$CP" -d "$OUT" $SOURCES 2>&1 | grep -v "unable to find kotlin-stdlib" || true)
if [[ -n $log ]]; then echo "$log" >&2; fi
if grep -qE "error:|warnings found" <<<"$log"; then echo "android-check: FAILED" >&2; exit 1; fi
# Every source file produced classes (a file silently skipped would be a gap).
for f in $SOURCES; do
  pkg=$(sed -n 's/^package \(.*\)/\1/p' "$f" | head -1 | tr . /)
  [[ -d $OUT/$pkg ]] || { echo "android-check: nothing compiled for $f" >&2; exit 1; }
done
# Classes named in the manifest exist (ours in $OUT, the rest in the aars/framework).
python3 - "$OUT" "$CP" android/app/src/main/AndroidManifest.xml <<'PY'
import os, sys, zipfile, xml.etree.ElementTree as ET
out, cp, manifest = sys.argv[1], sys.argv[2].split(":"), sys.argv[3]
A = "{http://schemas.android.com/apk/res/android}"
names = [e.get(A + "name") for e in ET.parse(manifest).getroot().iter() if e.tag in ("application", "activity", "provider", "service", "receiver")]
jars = [zipfile.ZipFile(j) for j in cp if j.endswith(".jar") and os.path.exists(j)]
missing = []
for n in names:
    path = n.replace(".", "/") + ".class"
    if not (os.path.exists(os.path.join(out, path)) or any(path in z.namelist() for z in jars)):
        missing.append(n)
if missing:
    sys.exit("android-check: manifest names missing classes: " + ", ".join(missing))
print(f"android-check: OK ({len(names)} manifest classes found)")
PY
