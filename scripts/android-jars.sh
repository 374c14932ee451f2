#!/usr/bin/env bash
# Fetches the jars the JVM-side Android checks need (no Gradle, no Android SDK; toolchain.md) and prints
# nothing on success. Idempotent: a profile is fetched again only when android/ci/pom.xml changed.
#   .tools/jars/test      JUnit console launcher, kotlin-test, coroutines, JNA
#   .tools/jars/desktop   Compose for Desktop + skiko (render and drive the composables on the JVM)
#   .tools/jars/android   android-all (API 34) + the AndroidX/Compose aars; classes.jar of each aar
#                         extracted to .tools/jars/android-classes/<aar>.jar
# Also checks that every version in the pom equals the catalog entry of the same name
# (android/gradle/libs.versions.toml), so CI compiles against exactly what Gradle builds.
# Usage: scripts/android-jars.sh [test] [desktop] [android]   (default: all three)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
POM="$ROOT/android/ci/pom.xml"
CATALOG="$ROOT/android/gradle/libs.versions.toml"
JARS="$ROOT/.tools/jars"
profiles=("$@")
[[ ${#profiles[@]} -eq 0 ]] && profiles=(test desktop android)

# 1. pom properties == catalog versions
python3 - "$POM" "$CATALOG" <<'PY'
import re, sys, xml.etree.ElementTree as ET
pom, catalog = sys.argv[1], sys.argv[2]
ns = "{http://maven.apache.org/POM/4.0.0}"
props = {c.tag.replace(ns, ""): (c.text or "").strip() for c in ET.parse(pom).getroot().find(ns + "properties")}
text = open(catalog).read()
section = re.search(r"^\[versions\]\s*$(.*?)(?=^\[)", text, re.S | re.M).group(1)
versions = dict(re.findall(r'^\s*([A-Za-z0-9_.-]+)\s*=\s*"([^"]+)"', section, re.M))
bad = [f"{k}: pom {v} != catalog {versions.get(k)}" for k, v in props.items()
       if not k.startswith("project.") and versions.get(k) != v]
if bad:
    sys.exit("android/ci/pom.xml and libs.versions.toml disagree:\n  " + "\n  ".join(bad))
PY
kotlin_catalog=$(sed -n 's/^kotlin = "\(.*\)"/\1/p' "$CATALOG")
grep -q "KOTLIN_VERSION=\"$kotlin_catalog\"" "$ROOT/scripts/setup-kotlin.sh" \
  || { echo "scripts/setup-kotlin.sh does not install kotlin $kotlin_catalog of the catalog" >&2; exit 1; }

# 2. fetch each profile when the pom changed since the last fetch
hash=$(sha256sum "$POM" | cut -c1-16)
for p in "${profiles[@]}"; do
  dir="$JARS/$p"
  if [[ -f "$dir/.pom-$hash" ]]; then continue; fi
  rm -rf "$dir"; mkdir -p "$dir"
  echo "android-jars: fetching profile $p" >&2
  mvn -q -B -f "$POM" -P "$p" dependency:copy-dependencies -DoutputDirectory="$dir" >&2
  if [[ $p == android ]]; then
    rm -rf "$JARS/android-classes"; mkdir -p "$JARS/android-classes"
    for aar in "$dir"/*.aar; do
      name=$(basename "$aar" .aar)
      unzip -p "$aar" classes.jar > "$JARS/android-classes/$name.jar" 2>/dev/null || rm -f "$JARS/android-classes/$name.jar"
    done
  fi
  touch "$dir/.pom-$hash"
done

# 3. fonts for rendering (Compose Desktop needs a system font); CI runs as root
if [[ " ${profiles[*]} " == *" desktop "* ]] && ! fc-list 2>/dev/null | grep -qi dejavu; then
  if [[ $(id -u) -eq 0 ]]; then
    (apt-get install -y -q fonts-dejavu-core >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q fonts-dejavu-core >/dev/null; })
  else
    echo "android-jars: install fonts-dejavu-core (no font for rendering)" >&2; exit 1
  fi
fi
