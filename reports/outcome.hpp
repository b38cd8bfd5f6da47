#pragma once
// The outcome of one conformance case (DESIGN.md §7, docs/case-format.md "Outcomes") and
// how a set of outcomes becomes the process exit code.
#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace ipmict::reports {

enum class Outcome : std::uint8_t {
  pass,             // every expectation held
  pass_with_quirk,  // held only through a quirk alternative the target profile declares
  warn,             // a `should` case missed (FAIL under --strict)
  unsupported,      // an optional command answered C1h (Invalid Command)
  skip,             // a gate did not hold, or destructive without --allow-destructive
  fail,             // the BMC broke a rule
  error,            // the harness, the transport or the case's setup failed; the BMC stopped answering
};

inline constexpr std::array<Outcome, 7> kAllOutcomes{Outcome::pass, Outcome::pass_with_quirk, Outcome::warn,
                                                     Outcome::unsupported, Outcome::skip, Outcome::fail,
                                                     Outcome::error};

// "PASS", "PASS-WITH-QUIRK", "WARN", "UNSUPPORTED", "SKIP", "FAIL", "ERROR": the words of
// docs/case-format.md, used in results.json, summaries and progress lines.
constexpr std::string_view to_string(Outcome o) {
  switch (o) {
    case Outcome::pass: return "PASS";
    case Outcome::pass_with_quirk: return "PASS-WITH-QUIRK";
    case Outcome::warn: return "WARN";
    case Outcome::unsupported: return "UNSUPPORTED";
    case Outcome::skip: return "SKIP";
    case Outcome::fail: return "FAIL";
    case Outcome::error: return "ERROR";
  }
  return "ERROR";
}

constexpr std::optional<Outcome> parse_outcome(std::string_view text) {
  for (Outcome o : kAllOutcomes) {
    if (to_string(o) == text) return o;
  }
  return std::nullopt;
}

// The exit code one outcome asks for: 0 good, 1 the BMC broke a rule, 2 the run itself
// failed. WARN is good unless --strict.
constexpr int exit_code_of(Outcome o, bool strict) {
  switch (o) {
    case Outcome::fail: return 1;
    case Outcome::warn: return strict ? 1 : 0;
    case Outcome::error: return 2;
    default: return 0;
  }
}

// Counts per outcome.
struct OutcomeCounts {
  std::array<std::size_t, kAllOutcomes.size()> by_outcome{};

  void add(Outcome o) { ++by_outcome[static_cast<std::size_t>(o)]; }
  std::size_t operator[](Outcome o) const { return by_outcome[static_cast<std::size_t>(o)]; }
  std::size_t total() const {
    std::size_t n = 0;
    for (auto c : by_outcome) n += c;
    return n;
  }
  OutcomeCounts& operator+=(const OutcomeCounts& other) {
    for (std::size_t i = 0; i < by_outcome.size(); ++i) by_outcome[i] += other.by_outcome[i];
    return *this;
  }
  // The worst exit code: an ERROR (2) outranks a FAIL (1).
  int exit_code(bool strict) const {
    int rc = 0;
    for (Outcome o : kAllOutcomes) {
      if ((*this)[o] == 0) continue;
      const int c = exit_code_of(o, strict);
      if (c == 2 || rc == 2) {
        rc = 2;
      } else if (c > rc) {
        rc = c;
      }
    }
    return rc;
  }
};

}  // namespace ipmict::reports
