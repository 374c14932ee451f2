#!/usr/bin/env bash
# Measures the uniffi surface (issue 7; results in docs/adr/0004-ffi-surface.md):
#   default   builds the release cdylib with the root [profile.release] and the `demo` feature
#             (importDemoVillage, not in the app's library), generates the Kotlin
#             bindings, and times screen calls through JNA on the generated demo village
#             (bindings-tests/src/bench/kotlin/Bench.kt): trivial FFI call, home summary, search,
#             target card, list, form, scorecard (median / p95 / max, ms).
#   --sizes [LEVELS]  the stripped release library size for opt-level 3, "s" and "z" (or the
#             LEVELS given; LTO, 1 codegen unit, panic = unwind), built into target/size-bench
#             (slow: one full release build per level),
#             and for aarch64-linux-android when an NDK is available, else for
#             aarch64-linux-gnu when a cross gcc is installed (an approximation).
# PANTAU_FFI_LIB_DIR=<dir> times the library in <dir> (built with --features demo) instead of
# building target/release.
# Not a test: timings depend on the machine; nothing fails on a slow run.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source scripts/lib-bindings.sh

if [[ "${1:-}" == "--sizes" ]]; then
  shift
  levels=("$@"); [[ ${#levels[@]} -gt 0 ]] || levels=(3 s z)
  for opt in "${levels[@]}"; do
    echo "== release build, opt-level=$opt" >&2
    CARGO_PROFILE_RELEASE_OPT_LEVEL="$opt" cargo build --locked -p pantau-ffi --release \
      --target-dir "$ROOT/target/size-bench" >&2
    lib="$(bindings_lib "$ROOT/target/size-bench/release")"
    cp "$lib" "$ROOT/target/size-bench/libpantau_ffi-opt$opt.so"
    strip "$ROOT/target/size-bench/libpantau_ffi-opt$opt.so" 2>/dev/null || true
    printf 'x86_64-linux  opt-level=%s  stripped %8d bytes (%.2f MB)\n' "$opt" \
      "$(stat -c %s "$ROOT/target/size-bench/libpantau_ffi-opt$opt.so")" \
      "$(echo "$(stat -c %s "$ROOT/target/size-bench/libpantau_ffi-opt$opt.so") / 1048576" | bc -l)"
  done
  if command -v cargo-ndk >/dev/null && [[ -n "${ANDROID_NDK_HOME:-}${ANDROID_NDK_ROOT:-}" ]]; then
    cargo ndk -t arm64-v8a build --locked -p pantau-ffi --release --target-dir "$ROOT/target/size-bench" >&2
    lib="$ROOT/target/size-bench/aarch64-linux-android/release/libpantau_ffi.so"
    printf 'aarch64-linux-android  stripped %8d bytes\n' "$(stat -c %s "$lib")"
  else
    echo "aarch64-linux-android: not built (no Android NDK on this machine; cargo ndk needs one)"
  fi
  # Without an NDK, aarch64 Linux (glibc, not Android's bionic) approximates the arm64-v8a library:
  # needs `rustup target add aarch64-unknown-linux-gnu` and a cross gcc (Debian gcc-aarch64-linux-gnu).
  if command -v aarch64-linux-gnu-gcc >/dev/null \
    && rustup target list --installed 2>/dev/null | grep -qx aarch64-unknown-linux-gnu; then
    echo "== release build, aarch64-unknown-linux-gnu" >&2
    CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_LINKER=aarch64-linux-gnu-gcc \
      CC_aarch64_unknown_linux_gnu=aarch64-linux-gnu-gcc AR_aarch64_unknown_linux_gnu=aarch64-linux-gnu-ar \
      cargo build --locked -p pantau-ffi --release --target aarch64-unknown-linux-gnu \
      --target-dir "$ROOT/target/size-bench" >&2
    lib="$ROOT/target/size-bench/aarch64-unknown-linux-gnu/release/libpantau_ffi.so"
    printf 'aarch64-linux-gnu (approximates Android arm64; glibc, not bionic)  stripped %8d bytes\n' \
      "$(stat -c %s "$lib")"
  else
    echo "aarch64-linux-gnu: not built (needs rustup target aarch64-unknown-linux-gnu and gcc-aarch64-linux-gnu)"
  fi
  exit 0
fi

OUT="$ROOT/target/bindings-bench"
bindings_toolchain
if [[ -n "${PANTAU_FFI_LIB_DIR:-}" ]]; then
  # A library built otherwise (e.g. another opt-level into target/size-bench/release).
  LIB="$(bindings_lib "$PANTAU_FFI_LIB_DIR")"
else
  echo "== cargo build -p pantau-ffi --features demo --release" >&2
  cargo build --locked -p pantau-ffi --features demo --release >&2
  LIB="$(bindings_lib "$ROOT/target/release")"
fi
printf 'library: %s, %d bytes\n' "$LIB" "$(stat -c %s "$LIB")"
# The release library is stripped (no uniffi metadata symbols left): generate from the debug build
# of the same source, as the Android build does (scripts/lib-bindings.sh).
# `--features demo`: the benchmark imports the generated demo village (importDemoVillage), which
# the app's library leaves out (issue 7). Generate from a copy, so that no other build of the
# debug library (e.g. without the feature) can replace it in between.
cargo build --locked -p pantau-ffi --features demo >&2
mkdir -p "$OUT/gen-lib" && cp "$(bindings_lib "$ROOT/target/debug")" "$OUT/gen-lib/"
bindings_generate "$(bindings_lib "$OUT/gen-lib")" "$OUT/src"
rm -rf "$OUT/classes" && mkdir -p "$OUT/classes"
"$KOTLINC" -Werror -jvm-target 17 -cp "$JNA_JAR" -d "$OUT/classes" \
  $(find "$OUT/src" -name '*.kt') "$ROOT"/bindings-tests/src/bench/kotlin/*.kt >&2
java -Djna.library.path="$(dirname "$LIB")" \
  -cp "$OUT/classes:$JNA_JAR:$KOTLIN_HOME/lib/kotlin-stdlib.jar" id.pantau.core.bench.BenchKt
