#pragma once
// Error messages are one line (file:line:col: what): when one quotes text from a file
// (a multi-line YAML scalar, a key with an escaped line break), its control characters
// must not break the line. Found by the case_loader and catalog_file fuzzers.
#include <string>

namespace ipmict {

// `text` with line breaks, tabs and other control characters written as \n, \r, \t, \xHH.
std::string one_line(std::string text);

}  // namespace ipmict
