#pragma once
// The probes a case may name in a `probe:` step (docs/case-format.md "Probes"), with their
// arguments: what the loader checks before anything is sent. The probes themselves are C++
// in harness/runner/probes/ (one file each); tests/runner/probe_registry_test.cpp checks
// that every probe described here has an implementation and the other way round.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "harness/cases/case_model.hpp"

namespace ipmict::cases {

struct ProbeParam {
  enum class Kind : std::uint8_t {
    number,     // decimal or 0x hex, 0..max
    text,       // a scalar; "$variable" allowed
    privilege,  // callback, user, operator, administrator
    auth_type,  // none, md2, md5, password, oem
    list,       // a list of scalars, each one of `choices`
    table,      // a list of rows, each a list of exactly `columns` scalars
  } kind = Kind::text;
  std::string name;
  std::uint64_t min = 0;  // number
  std::uint64_t max = 0;  // number
  std::vector<std::string> choices;  // list (and text when not empty)
  std::size_t columns = 0;           // table
  bool required = false;
  std::string meaning;  // one line, for docs and `ipmict check` messages
};

struct ProbeSpec {
  std::string name;
  std::string summary;  // what it does and when it fires
  std::vector<ProbeParam> params;
};

const std::vector<ProbeSpec>& probe_specs();
// The datagram kinds of `malformed-datagrams` ("empty", "zero-length-rmcpplus", ...).
const std::vector<std::string>& malformed_datagram_kinds();
const ProbeSpec* find_probe_spec(std::string_view name);

// Typed reads of a probe step's arguments, for the probes (the loader has checked kinds).
const ProbeArg* probe_arg(const ProbeAction& action, std::string_view name);
std::uint64_t probe_number(const ProbeAction& action, std::string_view name, std::uint64_t fallback);
std::optional<std::string> probe_text(const ProbeAction& action, std::string_view name);
std::vector<std::vector<std::string>> probe_table(const ProbeAction& action, std::string_view name);

}  // namespace ipmict::cases
