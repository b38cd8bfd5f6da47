#!/usr/bin/env bash
# Emulates the OSS-Fuzz / ClusterFuzzLite build on this machine (no Docker here): runs
# .clusterfuzzlite/build.sh with the environment the builder image gives it (clang, ASan,
# libFuzzer via $LIB_FUZZING_ENGINE, $SRC, $WORK, $OUT), then checks that $OUT holds every
# target with its seed corpus zip, and that every binary runs its whole seed corpus without
# a crash, as ClusterFuzzLite's "check build" step would.
#
#   ci/oss-fuzz-build-check.sh [OUT_DIR]     (default: a temp dir, removed afterwards)
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
tmp="$(mktemp -d /tmp/ipmict-ossfuzz.XXXXXX)"
trap 'rm -rf "$tmp"' EXIT
out="${1:-$tmp/out}"
mkdir -p "$out" "$tmp/src" "$tmp/work"
ln -s "$repo" "$tmp/src/ipmict"

export CC=clang CXX=clang++
# What the builder image sets for SANITIZER=address with libFuzzer (-O1, line tables,
# use-after-scope), plus -stdlib=libc++, which build.sh has to cope with.
export CFLAGS="-O1 -fno-omit-frame-pointer -gline-tables-only -fsanitize=address -fsanitize-address-use-after-scope -fsanitize=fuzzer-no-link"
export CXXFLAGS="$CFLAGS -stdlib=libc++"
export LIB_FUZZING_ENGINE="-fsanitize=fuzzer"
export SRC="$tmp/src" WORK="$tmp/work" OUT="$out"
export IPMICT_BUILD_JOBS="${IPMICT_BUILD_JOBS:-2}"
bash "$repo/.clusterfuzzlite/build.sh"

targets=$(sed -n 's/^ipmict_add_fuzzer(\([a-z0-9_]*\).*/\1/p' "$repo/fuzz/CMakeLists.txt")
status=0
for t in $targets; do
  f="$out/${t}_fuzzer"
  if [ ! -x "$f" ] || [ ! -s "$out/${t}_fuzzer_seed_corpus.zip" ]; then
    echo "FAIL $t: missing $f or its seed corpus zip"
    status=1
    continue
  fi
  seeds="$tmp/seeds/$t"
  mkdir -p "$seeds"
  unzip -q -o "$out/${t}_fuzzer_seed_corpus.zip" -d "$seeds"
  n=$(ls "$seeds" | wc -l)
  dict=()
  if [ -f "$out/${t}_fuzzer.dict" ]; then dict=(-dict="$out/${t}_fuzzer.dict"); fi
  # -runs=0 with a corpus directory: every seed once, then stop (a crash exits non-zero).
  if "$f" -runs=0 "${dict[@]}" "$seeds" >"$tmp/$t.log" 2>&1; then
    echo "ok   $t: $n seeds${dict:+, dictionary}"
  else
    echo "FAIL $t: $(grep -m1 -E 'ERROR|fuzz property|SUMMARY' "$tmp/$t.log" || tail -1 "$tmp/$t.log")"
    status=1
  fi
done
exit $status
