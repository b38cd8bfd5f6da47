// The small behaviour of the case model (case_model.hpp).
#include "harness/cases/case_model.hpp"

#include "protocol/core/one_line.hpp"

namespace ipmict::cases {

std::string SourceLocation::to_string() const {
  if (line == 0) return file.empty() ? std::string("generated") : file;  // a whole-file problem
  return file + ":" + std::to_string(line) + ":" + std::to_string(column);
}

std::string Diagnostic::to_string() const { return one_line(where.to_string() + ": " + message); }


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
