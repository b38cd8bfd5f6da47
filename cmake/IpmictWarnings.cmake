# One place for warning flags; every ipmict target calls ipmict_set_warnings().
function(ipmict_set_warnings target)
  target_compile_options(${target} PRIVATE
# (-Wnull-dereference is left out: GCC 12 reports false positives inside libstdc++/CLI11 inlines at -O2.)
    -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion
    -Wnon-virtual-dtor -Wold-style-cast -Wcast-align -Woverloaded-virtual
    -Wimplicit-fallthrough)
  if(IPMICT_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
