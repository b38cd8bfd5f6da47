#pragma once
// Property checks inside fuzz targets: a broken property is a crash libFuzzer records (and
// the standalone replay reports), not a silent pass.
#include <cstdio>
#include <cstdlib>

#define FUZZ_ASSERT(cond)                                                                          \
  do {                                                                                             \
    if (!(cond)) {                                                                                 \
      std::fprintf(stderr, "%s:%d: fuzz property failed: %s\n", __FILE__, __LINE__, #cond);        \
      std::abort();                                                                                \
    }                                                                                              \
  } while (false)
