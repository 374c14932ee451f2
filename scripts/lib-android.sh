# Shared by scripts/test-kotlin.sh, scripts/android-check.sh and scripts/render-screens.sh (source it;
# not run on its own; needs ROOT and KHOME set). Builds the Rust library for this machine, generates its
# Kotlin bindings (scripts/lib-bindings.sh, library mode, never committed) and compiles them ONCE into a
# jar reused by every script: the jar is named after a hash of the generated sources, so a second script
# in the same CI run (or a rerun without Rust changes) only pays for `cargo build` (a no-op when fresh).
#
# android_bindings sets:
#   BINDINGS_JAR  build/uniffi-kotlin/pantau-bindings-<hash>.jar (packages id.pantau.core, id.pantau.core.model)
#   FFI_LIB_DIR   the directory holding libpantau_ffi.so, for -Djna.library.path
#   JNA_JAR       JNA of the version catalog (android/ci/pom.xml "test" profile, fetched by android-jars.sh test)
android_bindings() {
  local gen="$ROOT/build/uniffi-kotlin" start
  start=$(date +%s)
  echo "== cargo build -p pantau-ffi (debug) and generate the Kotlin bindings" >&2
  cargo build --locked -p pantau-ffi >&2
  if [[ -f "$ROOT/scripts/lib-bindings.sh" ]]; then
    # shellcheck source=lib-bindings.sh
    source "$ROOT/scripts/lib-bindings.sh"
    bindings_generate "$ROOT/target/debug/libpantau_ffi.so" "$gen/src"
  else
    cargo build --locked -p pantau-ffi --features bindgen --bin uniffi-bindgen >&2
    rm -rf "$gen/src" && mkdir -p "$gen/src"
    "$ROOT/target/debug/uniffi-bindgen" generate "$ROOT/target/debug/libpantau_ffi.so" --language kotlin --no-format \
      --config "$ROOT/uniffi-bindings/uniffi.toml" --out-dir "$gen/src" >&2
  fi
  FFI_LIB_DIR="$ROOT/target/debug"
  JNA_JAR=$(ls "$ROOT"/.tools/jars/test/jna-*.jar | head -1)
  local hash
  hash=$(find "$gen/src" -name '*.kt' | sort | xargs cat | sha256sum | cut -c1-16)
  BINDINGS_JAR="$gen/pantau-bindings-$hash.jar"
  if [[ ! -f $BINDINGS_JAR ]]; then
    echo "== kotlinc -Werror: generated bindings -> $(basename "$BINDINGS_JAR")" >&2
    rm -f "$gen"/pantau-bindings-*.jar
    local log
    log=$("$KHOME/bin/kotlinc" -jvm-target 17 -Werror -cp "$JNA_JAR" -d "$BINDINGS_JAR.tmp.jar" \
      $(find "$gen/src" -name '*.kt') 2>&1 | grep -v "unable to find kotlin-stdlib" || true)
    [[ -n $log ]] && echo "$log" >&2
    if grep -qE "error:|warnings found" <<<"$log" || [[ ! -f $BINDINGS_JAR.tmp.jar ]]; then
      echo "lib-android: the generated bindings did not compile" >&2; return 1
    fi
    mv "$BINDINGS_JAR.tmp.jar" "$BINDINGS_JAR"
  fi
  echo "== bindings ready in $(( $(date +%s) - start )) s" >&2
}
