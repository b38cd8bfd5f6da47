// The small behaviour of the case model (case_model.hpp).
#include "harness/cases/case_model.hpp"

namespace ipmict::cases {

std::string SourceLocation::to_string() const {
  if (line == 0) return file.empty() ? std::string("generated") : file;  // a whole-file problem
  return file + ":" + std::to_string(line) + ":" + std::to_string(column);
}

std::string Diagnostic::to_string() const { return one_line(where.to_string() + ": " + message); }

std::string one_line(std::string text) {
  const auto is_control = [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == '\x7f'; };
  bool any = false;
  for (char c : text) any = any || is_control(c);
  if (!any) return text;  // the usual case: no copy
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(text.size() + 8);
  for (char c : text) {
    if (!is_control(c)) {
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else {
      const auto u = static_cast<unsigned char>(c);
      out += "\\x";
      out += kHex[u >> 4];
      out += kHex[u & 0x0f];
    }
  }
  return out;
}

bool Value::is_variable() const {
  const auto* s = std::get_if<std::string>(&value);
  return s != nullptr && !s->empty() && s->front() == '$';
}

std::vector<const Case*> Library::all_cases() const {
  std::vector<const Case*> out;
  for (const auto& f : files)
    for (const auto& c : f.cases) out.push_back(&c);
  for (const auto& c : generated) out.push_back(&c);
  return out;
}

}  // namespace ipmict::cases
