#pragma once
// The conformance case model (docs/case-format.md): what a case file says, after loading
// and before running. Plain data: harness/cases/loader.cpp builds it from YAML (with the
// file:line:col of every element), harness/runner/ executes it.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "protocol/core/auth_type.hpp"
#include "protocol/core/bytes.hpp"
#include "protocol/core/privilege.hpp"

namespace ipmict::cases {

struct SourceLocation {
  std::string file;
  int line = 0;    // 1-based; 0 = generated
  int column = 0;  // 1-based
  std::string to_string() const;  // "cases/22-app/x.yaml:12:5" or "generated"
};

// A problem in a case file: "file:line:col: what (expected ...)". Always one line: the
// text of the file that a message quotes may hold line breaks (a multi-line scalar).
struct Diagnostic {
  SourceLocation where;
  std::string message;
  std::string to_string() const;
};


// A value written in a case file: a number, a string (an enum label, ASCII text, or a
// "$variable"), or bytes ({hex: "..."} / a quoted hex string where the field holds bytes).
struct Value {
  std::variant<std::uint64_t, std::string, Bytes> value;
  SourceLocation where;
  bool is_variable() const;  // a string starting with '$'
};

struct Matcher {
  enum class Kind : std::uint8_t { equals, not_equal, mask, range, one_of, any, same_as, absent } kind = Kind::equals;
  std::vector<Value> values;  // equals / not_equal / same_as: 1; range: 2 (low, high); one_of: n
  std::uint64_t mask = 0;     // mask: compare (field & mask) with values[0]
  SourceLocation where;
};

struct SessionExpectation {
  bool established = true;
  std::optional<std::string> failed_at;  // "RAKP 2", "Open Session", "Activate Session" ...
  std::optional<std::uint8_t> status;    // RMCP+ status or completion code of the failure
};

struct Expectation {
  std::optional<std::vector<std::uint8_t>> completion_codes;  // nullopt: {00h} for send/raw
  std::optional<std::pair<std::size_t, std::size_t>> length;  // inclusive range of data bytes after the cc
  std::vector<std::pair<std::string, Matcher>> fields;        // in file order
  std::optional<SessionExpectation> session;
  bool no_response = false;
  // What the client observed of the case's own session (transport::LanObservations), up to
  // and including this step; on a session open that failed, of the failed attempt.
  std::optional<std::size_t> discarded;  // `discarded: N`: datagrams the client dropped
  std::optional<std::size_t> resent;     // `resent: N`: requests the client had to send again
  bool sequence_consecutive = false;     // `sequence: consecutive`: the BMC's numbers go up by 1
  bool integrity_pad_minimal = false;    // `integrity_pad: minimal`: never a pad where none aligns
  SourceLocation where;
};

struct SessionAction {
  enum class Kind : std::uint8_t { open, close, set_privilege } kind = Kind::open;
  std::optional<std::uint8_t> cipher_suite;  // open over RMCP+ (default: the target's)
  std::optional<AuthType> auth_type;         // open over IPMI 1.5 (then no cipher suite)
  std::string user = "$admin_user";
  std::string password = "$admin_password";  // or "wrong" (a password that is not the user's)
  Privilege privilege = Privilege::administrator;
  std::optional<Bytes> kg;
};

// A probe step's argument (docs/case-format.md "Probes"): a number, a text (possibly a
// "$variable"), or a table (rows of texts, e.g. user / password / vendor).
struct ProbeArg {
  std::variant<std::uint64_t, std::string, std::vector<std::vector<std::string>>> value;
  SourceLocation where;
};

// `probe: {NAME: {arg: value, ...}}`: a check with raw control of datagrams and sessions,
// implemented in C++ (harness/runner/probes/), for what send/raw/session steps cannot say.
struct ProbeAction {
  std::string name;
  std::vector<std::pair<std::string, ProbeArg>> args;  // in file order; validated by harness/cases/probe_spec
};

struct Step {
  enum class Action : std::uint8_t { send, raw, session, sleep, probe } action = Action::send;
  std::string command;                                // catalog id (send); empty for raw/session/sleep
  std::vector<std::pair<std::string, Value>> fields;  // send: request fields
  Bytes raw;                                          // raw: NETFN CMD DATA...
  SessionAction session;
  ProbeAction probe;
  unsigned sleep_ms = 0;
  std::optional<Privilege> as;  // run this step in a session at this privilege
  Expectation expect;
  std::vector<std::pair<std::string, std::string>> capture;  // variable <- response field
  unsigned repeat = 1;
  SourceLocation where;
};

struct QuirkAlternative {
  std::string quirk;
  Expectation expect;
  SourceLocation where;
};

// A security finding a case reports when its check fires (docs/security.md): the case FAILs
// (or WARNs), or PASSes with an advisory for a risk the specification itself carries.
struct CaseFinding {
  std::string severity;  // "critical", "high", "medium", "low", "info"
  std::string title;
  std::string remedy;    // the fix a vendor should make
  std::vector<std::string> references;  // "CVE-2013-4786", "IPMI 2.0 §13.31"
  SourceLocation where;
};

struct Case {
  std::string id;
  std::string title;
  std::string spec;
  std::string command;  // the file's command id (may be empty for topic files)
  std::vector<std::string> tags;
  std::optional<bool> mandatory;      // nullopt: from the catalog
  // `requires` in the file. (`requires` is a C++20 keyword: the member cannot carry that name;
  // the trailing underscore follows Privilege::operator_.)
  std::vector<std::string> requires_;  // capability gates: "ipmi20", "cipher-suite:3", "command:get-sel-info" ...
  std::optional<Privilege> privilege;  // `privilege:`; nullopt: the catalog's
  bool destructive = false;
  // `isolated: true`: the case uses only sessions of its own (probes, `session:` steps, or the
  // default session) and state no other isolated case touches, so the runner may run it at
  // the same time as the other isolated ones, after the rest (target_runner.hpp). For cases
  // whose time is waiting: a silence to prove, a clock to see move.
  bool isolated = false;
  enum class Interface : std::uint8_t { lan, system } interface = Interface::lan;
  enum class Severity : std::uint8_t { must, should } severity = Severity::must;
  std::vector<Step> setup;
  std::vector<Step> steps;
  std::vector<Step> teardown;
  std::vector<QuirkAlternative> quirk_alternatives;
  std::optional<CaseFinding> finding;
  bool generated = false;  // a negative case made from the catalog
  SourceLocation where;
};

struct GenerateOptions {
  bool short_request = true;
  bool long_request = true;
  bool reserved_bits = true;
};

struct CaseFile {
  std::string path;
  std::string command;
  std::string spec;
  std::vector<std::string> tags;
  std::optional<Step> valid_request;  // a send or raw step that must succeed
  std::optional<GenerateOptions> generate;  // nullopt with a valid_request = all on
  std::vector<Case> cases;
};

struct Profile {  // cases/profiles/NAME.yaml
  std::string name;
  std::string description;
  std::vector<std::string> include_tags, include_ids, exclude_tags, exclude_ids;  // ids are globs
  SourceLocation where;
};

struct Quirk {  // cases/quirks.yaml
  std::string name;
  std::string relaxes;  // the rule it relaxes
  SourceLocation where;
};

struct TargetProfile {  // cases/targets/NAME.yaml
  std::string name;
  std::string description;
  std::vector<std::string> quirks;
  SourceLocation where;
};

struct Library {
  std::vector<CaseFile> files;
  std::vector<Profile> profiles;
  std::vector<TargetProfile> targets;
  std::vector<Quirk> quirks;
  // Every case of every file, generated negatives included, in file order.
  std::vector<const Case*> all_cases() const;
  std::vector<Case> generated;  // the negative cases (owned here)
};

}  // namespace ipmict::cases
