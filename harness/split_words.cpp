// Splitting a line into words (split_words.hpp).
#include "harness/split_words.hpp"

namespace ipmict {

std::vector<std::string> split_words(std::string_view text) {
  const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  std::vector<std::string> words;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && blank(text[i])) ++i;
    const std::size_t begin = i;
    while (i < text.size() && !blank(text[i])) ++i;
    if (i > begin) words.emplace_back(text.substr(begin, i - begin));
  }
  return words;
}

}  // namespace ipmict
