# Sanitizer flags live here and nowhere else. IPMICT_SANITIZE is a comma list
# passed to -fsanitize= (the asan preset sets "address,undefined").
set(IPMICT_SANITIZE "" CACHE STRING "Sanitizers for every target, e.g. address,undefined")
if(IPMICT_SANITIZE)
  add_compile_options(-fsanitize=${IPMICT_SANITIZE} -fno-sanitize-recover=all -fno-omit-frame-pointer)
  add_link_options(-fsanitize=${IPMICT_SANITIZE})
endif()

# Fuzzing (the "fuzz" preset, clang only): every library gets libFuzzer's coverage
# instrumentation; only the fuzz/ executables link the libFuzzer runtime (fuzz/CMakeLists.txt).
option(IPMICT_FUZZ "Build libFuzzer targets (clang)" OFF)
if(IPMICT_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "IPMICT_FUZZ needs clang (use the fuzz preset)")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link
                      "-fsanitize-coverage-ignorelist=${CMAKE_CURRENT_LIST_DIR}/../fuzz/coverage-ignorelist.txt")
endif()
