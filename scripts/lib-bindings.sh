# Shared by scripts/test-bindings.sh and scripts/bench-bindings.sh (source it; not run on its own).
# Installs the JVM toolchain into .tools/ (gitignored) and generates the Kotlin bindings from a
# built cdylib in library mode (never committed).
JNA_VERSION="5.19.1"
JUNIT_CONSOLE_VERSION="1.14.1"
JARS="$ROOT/.tools/bindings-jars"

bindings_toolchain() { # sets KOTLIN_HOME, KOTLINC, JNA_JAR, JUNIT_JAR
  KOTLIN_HOME="$("$ROOT/scripts/setup-kotlin.sh")"
  KOTLINC="$KOTLIN_HOME/bin/kotlinc"
  mkdir -p "$JARS"
  JNA_JAR="$(bindings_fetch "net.java.dev.jna:jna:$JNA_VERSION")"
  JUNIT_JAR="$(bindings_fetch "org.junit.platform:junit-platform-console-standalone:$JUNIT_CONSOLE_VERSION")"
}

bindings_fetch() { # group:artifact:version -> path of the jar in $JARS
  local coords="$1" artifact version file
  artifact="$(echo "$coords" | cut -d: -f2)"; version="$(echo "$coords" | cut -d: -f3)"
  file="$JARS/$artifact-$version.jar"
  if [[ ! -f "$file" ]]; then
    command -v mvn >/dev/null || { echo "bindings: mvn is required to fetch $coords" >&2; exit 1; }
    mvn -q dependency:copy -Dartifact="$coords" -DoutputDirectory="$JARS" >&2
  fi
  echo "$file"
}

# Generate from an unstripped build (the uniffi metadata lives in symbols that `strip` removes);
# the stripped release library of the same source then runs with it (omit_checksums, uniffi.toml).
bindings_generate() { # <cdylib> <out dir>: Kotlin sources of both namespaces (pantau, pantau_core)
  cargo build --locked -p pantau-ffi --features bindgen --bin uniffi-bindgen >&2
  rm -rf "$2" && mkdir -p "$2"
  "$ROOT/target/debug/uniffi-bindgen" generate "$1" --language kotlin --no-format \
    --config "$ROOT/uniffi-bindings/uniffi.toml" --out-dir "$2" >&2
}

bindings_lib() { # <profile dir> -> the cdylib in it
  if [[ -f "$1/libpantau_ffi.so" ]]; then echo "$1/libpantau_ffi.so"; else echo "$1/libpantau_ffi.dylib"; fi
}
