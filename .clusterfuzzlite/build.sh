#!/bin/bash -eu
# Builds every ipmict fuzz target the OSS-Fuzz way (ClusterFuzzLite runs this inside the
# Dockerfile's image; ci/oss-fuzz-build-check.sh runs it on a plain machine): the
# compiler and flags come from $CC/$CXX/$CFLAGS/$CXXFLAGS, the engine from
# $LIB_FUZZING_ENGINE, and $OUT receives, per target NAME_fuzzer, the binary, its seed
# corpus as NAME_fuzzer_seed_corpus.zip and its dictionary as NAME_fuzzer.dict.
#
# OSS-Fuzz compiles C++ against libc++ (-stdlib=libc++ in CXXFLAGS); ipmict links the
# distribution's yaml-cpp, fmt and OpenSSL, built against libstdc++, so that flag is taken
# out. Fine for ASan and UBSan; MSan (which needs every library instrumented) is not
# supported, hence project.yaml lists address and undefined only.
src="${SRC:?}/ipmict"
[ -d "$src" ] || src="$(cd "$(dirname "$0")/.." && pwd)"
build="${WORK:-/tmp}/ipmict-fuzz-build"
CXXFLAGS="${CXXFLAGS//-stdlib=libc++/}"

cmake -S "$src" -B "$build" -G Ninja \
  -DCMAKE_CXX_COMPILER="${CXX:-clang++}" \
  -DCMAKE_CXX_FLAGS="$CXXFLAGS" -DCMAKE_BUILD_TYPE= \
  -DCMAKE_CXX_COMPILER_LAUNCHER= \
  -DIPMICT_FUZZ=ON -DIPMICT_FUZZ_ENGINE="$LIB_FUZZING_ENGINE" -DIPMICT_SANITIZE= \
  -DIPMICT_BUILD_TESTS=OFF -DIPMICT_WERROR=OFF
targets=$(sed -n 's/^ipmict_add_fuzzer(\([a-z0-9_]*\).*/\1/p' "$src/fuzz/CMakeLists.txt")
cmake --build "$build" -j "${IPMICT_BUILD_JOBS:-$(nproc)}" --target $(for t in $targets; do printf '%s_fuzzer ' "$t"; done)

for t in $targets; do
  cp "$build/fuzz/${t}_fuzzer" "$OUT/"
  if [ -f "$build/fuzz/${t}_fuzzer.dict" ]; then cp "$build/fuzz/${t}_fuzzer.dict" "$OUT/"; fi
  rm -f "$OUT/${t}_fuzzer_seed_corpus.zip"
  (cd "$src/fuzz/${t}_corpus" && zip -q -j "$OUT/${t}_fuzzer_seed_corpus.zip" ./*)
done
