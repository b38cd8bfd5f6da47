# Sanitizer flags live here and nowhere else. IPMICT_SANITIZE is a comma list
# passed to -fsanitize= (the asan preset sets "address,undefined").
set(IPMICT_SANITIZE "" CACHE STRING "Sanitizers for every target, e.g. address,undefined")
if(IPMICT_SANITIZE)
  add_compile_options(-fsanitize=${IPMICT_SANITIZE} -fno-sanitize-recover=all -fno-omit-frame-pointer)
  add_link_options(-fsanitize=${IPMICT_SANITIZE})
endif()
