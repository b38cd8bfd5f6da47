#pragma once
// Words of a line: what `ipmict raw` lines ("06 01  # comment") and --restart-cmd command
// lines are made of.
#include <string>
#include <string_view>
#include <vector>

namespace ipmict {

// "a b\t c\r\n" -> {"a", "b", "c"}: split at spaces, tabs, CR and LF; empty when the text
// has no word.
std::vector<std::string> split_words(std::string_view text);

}  // namespace ipmict
