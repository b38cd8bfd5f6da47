#pragma once
// The expectation engine (docs/case-format.md "expect"): does one observed answer satisfy
// one `expect:` block? Pure: no I/O, no target; the executor hands in what it saw, the
// case's variables, and gets back every mismatch as "what: expected X, seen Y".
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "harness/cases/case_model.hpp"
#include "harness/runner/report_model.hpp"
#include "protocol/catalog/catalog.hpp"
#include "protocol/session/request.hpp"

namespace ipmict::runner {

// A case variable: a captured response field, or a built-in ($admin_user, $lan_channel ...).
struct VariableValue {
  std::optional<std::uint64_t> number;  // uint fields
  Bytes bytes;                          // bytes/ascii/rest fields (raw bytes of uints too)
  std::string text;                     // ascii fields, user names
  bool secret = false;                  // $admin_password: never printed, requests using it are redacted
};
// Names without the leading '$'.
using Variables = std::map<std::string, VariableValue, std::less<>>;

// "0x01", "d8 cb 8a f7", "\"admin\"", or "<secret>".
std::string to_display(const VariableValue& v);

// What a send/raw step saw.
struct Observation {
  const catalog::CommandDescriptor* command = nullptr;  // null: not in the catalog
  std::optional<session::Response> response;            // nullopt: no answer within the timeout
  std::optional<catalog::DecodedFields> decoded;        // the response through the catalog
  std::string decode_error;                             // why `decoded` is empty although answered
};

// Decodes `response` with the catalog into an Observation (decode errors kept as text).
Observation observe(const catalog::CommandDescriptor* command, std::optional<session::Response> response);

struct Mismatch {
  std::string what;      // "completion_code", "length", "fields.channel_number", "session"
  std::string expected;  // "00h", "range [1, 11]", "established"
  std::string seen;      // "C1h (Invalid Command)", "0x0c", "failed at RAKP 2"
  std::string to_string() const;  // "fields.channel_number: expected range [0x01, 0x0b], seen 0x0c"
};

// The matcher as written: "0x01", "not 0", "mask 0x0f = 0x04", "range [1, 11]", "one of [1, 2]",
// "any value", "same as $x (0x07)", "absent".
std::string describe(const cases::Matcher& matcher, const Variables& variables);

// One response field against one matcher. `seen` is null when the field is not in the
// response (an optional group left out, or an error reply); `field` (may be null) is the
// catalog's description of it, for enum labels.
std::optional<Mismatch> match_field(std::string_view name, const cases::Matcher& matcher,
                                    const catalog::FieldValue* seen, const catalog::Field* field,
                                    const Variables& variables);

// A whole `expect:` of a send/raw step. An empty result means it held. The completion code
// defaults to 00h. With a completion code that differs from the expected one, the fields are
// not compared (the code alone is the finding). A 00h answer that does not decode with the
// catalog is a mismatch ("response layout") even when no field is named: a BMC must send
// every field of a successful answer.
std::vector<Mismatch> match_expectation(const cases::Expectation& expect, const Observation& seen,
                                        const Variables& variables);

// The `session:` expectation of a session step (default: established).
std::vector<Mismatch> match_session(const std::optional<cases::SessionExpectation>& expect, const SessionRecord& seen);

// The value a `$name` or literal case Value stands for, for request encoding; nullopt with
// an error for an undefined variable.
struct ResolvedValue {
  catalog::FieldInput input;
  bool secret = false;
};
tl::expected<ResolvedValue, std::string> resolve_value(const cases::Value& value, const Variables& variables);

// The catalog's description of a response field in the layout that `decoded` used.
const catalog::Field* response_field(const catalog::CommandDescriptor* command, const catalog::DecodedFields& decoded,
                                     std::string_view name);

}  // namespace ipmict::runner
