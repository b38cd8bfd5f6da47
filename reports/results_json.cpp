// results.json: writing the model and reading it back (see the header).
#include "reports/results_json.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <limits>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "protocol/core/bytes.hpp"
#include "protocol/core/one_line.hpp"

namespace ipmict::reports {
namespace {

using nlohmann::json;

json exchange_json(const Exchange& e) {
  json j{{"command", e.command}, {"via", e.via}, {"redacted", e.redacted}, {"answered", e.answered}};
  if (!e.redacted) {
    j["request"] = to_hex(view(e.request));
    j["request_text"] = e.request_text;
  }
  if (e.answered) {
    j["response"] = to_hex(view(e.response));
    j["response_text"] = e.response_text;
  } else {
    j["error"] = e.error;
  }
  j["findings"] = e.findings;
  return j;
}

json step_json(const StepRecord& s) {
  json j{{"phase", std::string(to_string(s.phase))},
         {"index", s.index},
         {"iteration", s.iteration},
         {"action", s.action},
         {"ok", s.ok},
         {"mismatches", s.mismatches},
         {"duration_ms", s.duration_ms}};
  if (!s.as.empty()) j["as"] = s.as;
  if (!s.where.empty()) j["where"] = s.where;
  if (!s.quirk.empty()) j["quirk"] = s.quirk;
  if (!s.captured.empty()) j["captured"] = s.captured;
  if (s.exchange) j["exchange"] = exchange_json(*s.exchange);
  if (s.session) {
    json sj{{"action", s.session->action}, {"established", s.session->established}, {"detail", s.session->detail}};
    if (!s.session->failed_at.empty()) sj["failed_at"] = s.session->failed_at;
    if (s.session->status) sj["status"] = *s.session->status;
    j["session"] = std::move(sj);
  }
  return j;
}

json counts_json(const OutcomeCounts& counts) {
  json j = json::object();
  for (Outcome o : kAllOutcomes) j[std::string(to_string(o))] = counts[o];
  j["total"] = counts.total();
  return j;
}

template <class T>
json optional_json(const std::optional<T>& v) {
  return v ? json(*v) : json(nullptr);
}

json target_json(const TargetResults& t) {
  json j = target_header_to_json(t);
  json cases = json::array();
  for (const auto& c : t.cases) cases.push_back(case_to_json(c));
  j["cases"] = std::move(cases);
  return j;
}

// ---- reading ----------------------------------------------------------------------------

// A wrong field deep in the document, with its JSON path; caught once in from_json.
struct ReadError {
  std::string message;
};

[[noreturn]] void fail(const std::string& path, const std::string& what) { throw ReadError{path + ": " + what}; }

const json* member(const json& obj, const char* key) {
  auto it = obj.find(key);
  return it == obj.end() || it->is_null() ? nullptr : &*it;
}

std::string get_string(const json& obj, const std::string& path, const char* key) {
  const json* v = member(obj, key);
  if (v == nullptr) return {};
  if (!v->is_string()) fail(path + "." + key, "expected a string");
  return v->get<std::string>();
}

bool get_bool(const json& obj, const std::string& path, const char* key, bool fallback = false) {
  const json* v = member(obj, key);
  if (v == nullptr) return fallback;
  if (!v->is_boolean()) fail(path + "." + key, "expected true or false");
  return v->get<bool>();
}

double get_number(const json& obj, const std::string& path, const char* key) {
  const json* v = member(obj, key);
  if (v == nullptr) return 0;
  if (!v->is_number()) fail(path + "." + key, "expected a number");
  return v->get<double>();
}

template <class T>
std::optional<T> get_unsigned(const json& obj, const std::string& path, const char* key) {
  const json* v = member(obj, key);
  if (v == nullptr) return std::nullopt;
  if (!v->is_number_unsigned() || v->get<std::uint64_t>() > std::numeric_limits<T>::max()) {
    fail(path + "." + key, fmt::format("expected an integer 0..{}", std::numeric_limits<T>::max()));
  }
  return static_cast<T>(v->get<std::uint64_t>());
}

std::vector<std::string> get_strings(const json& obj, const std::string& path, const char* key) {
  const json* v = member(obj, key);
  if (v == nullptr) return {};
  if (!v->is_array()) fail(path + "." + key, "expected an array of strings");
  std::vector<std::string> out;
  for (std::size_t i = 0; i < v->size(); ++i) {
    if (!(*v)[i].is_string()) fail(fmt::format("{}.{}[{}]", path, key, i), "expected a string");
    out.push_back((*v)[i].get<std::string>());
  }
  return out;
}

const json& get_array(const json& obj, const std::string& path, const char* key) {
  static const json empty = json::array();
  const json* v = member(obj, key);
  if (v == nullptr) return empty;
  if (!v->is_array()) fail(path + "." + key, "expected an array");
  return *v;
}

Bytes get_hex(const json& obj, const std::string& path, const char* key) {
  const std::string text = get_string(obj, path, key);
  auto bytes = parse_hex(text);
  if (!bytes) fail(path + "." + key, "expected hex bytes");
  return *bytes;
}

void expect_object(const json& j, const std::string& path) {
  if (!j.is_object()) fail(path.empty() ? "(top)" : path, "expected an object");
}

Exchange read_exchange(const json& j, const std::string& path) {
  expect_object(j, path);
  Exchange e;
  e.command = get_string(j, path, "command");
  e.via = get_string(j, path, "via");
  e.redacted = get_bool(j, path, "redacted");
  e.answered = get_bool(j, path, "answered");
  e.request = get_hex(j, path, "request");
  e.request_text = get_string(j, path, "request_text");
  e.response = get_hex(j, path, "response");
  e.response_text = get_string(j, path, "response_text");
  e.error = get_string(j, path, "error");
  e.findings = get_strings(j, path, "findings");
  return e;
}

StepRecord read_step(const json& j, const std::string& path) {
  expect_object(j, path);
  StepRecord s;
  const std::string phase = get_string(j, path, "phase");
  bool known = false;
  for (auto p : {StepRecord::Phase::setup, StepRecord::Phase::step, StepRecord::Phase::teardown, StepRecord::Phase::probe}) {
    if (to_string(p) == phase) {
      s.phase = p;
      known = true;
    }
  }
  if (!known && !phase.empty()) fail(path + ".phase", fmt::format("unknown phase \"{}\"", phase));
  s.index = get_unsigned<std::size_t>(j, path, "index").value_or(0);
  s.iteration = get_unsigned<unsigned>(j, path, "iteration").value_or(0);
  s.action = get_string(j, path, "action");
  s.as = get_string(j, path, "as");
  s.where = get_string(j, path, "where");
  s.ok = get_bool(j, path, "ok", true);
  s.mismatches = get_strings(j, path, "mismatches");
  s.quirk = get_string(j, path, "quirk");
  s.captured = get_strings(j, path, "captured");
  s.duration_ms = get_number(j, path, "duration_ms");
  if (const json* e = member(j, "exchange")) s.exchange = read_exchange(*e, path + ".exchange");
  if (const json* sj = member(j, "session")) {
    const std::string sp = path + ".session";
    expect_object(*sj, sp);
    SessionRecord r;
    r.action = get_string(*sj, sp, "action");
    r.established = get_bool(*sj, sp, "established");
    r.failed_at = get_string(*sj, sp, "failed_at");
    r.status = get_unsigned<std::uint8_t>(*sj, sp, "status");
    r.detail = get_string(*sj, sp, "detail");
    s.session = std::move(r);
  }
  return s;
}

CaseResult read_case(const json& j, const std::string& path) {
  expect_object(j, path);
  CaseResult c;
  c.id = get_string(j, path, "id");
  if (c.id.empty()) fail(path + ".id", "missing");
  c.title = get_string(j, path, "title");
  c.spec = get_string(j, path, "spec");
  c.where = get_string(j, path, "where");
  c.tags = get_strings(j, path, "tags");
  c.command = get_string(j, path, "command");
  c.netfn = get_unsigned<std::uint8_t>(j, path, "netfn");
  c.cmd = get_unsigned<std::uint8_t>(j, path, "cmd");
  if (const json* m = member(j, "mandatory")) {
    if (!m->is_boolean()) fail(path + ".mandatory", "expected true, false or null");
    c.mandatory = m->get<bool>();
  }
  c.privilege = get_string(j, path, "privilege");
  const std::string severity = get_string(j, path, "severity");
  if (!severity.empty()) c.severity = severity;
  c.profiles = get_strings(j, path, "profiles");
  const std::string outcome = get_string(j, path, "outcome");
  auto o = parse_outcome(outcome);
  if (!o) fail(path + ".outcome", fmt::format("unknown outcome \"{}\"", outcome));
  c.outcome = *o;
  c.reason = get_string(j, path, "reason");
  c.quirks_used = get_strings(j, path, "quirks_used");
  c.notes = get_strings(j, path, "notes");
  c.duration_ms = get_number(j, path, "duration_ms");
  if (const json* f = member(j, "finding")) {
    const std::string fp = path + ".finding";
    expect_object(*f, fp);
    Finding finding;
    finding.severity = get_string(*f, fp, "severity");
    finding.title = get_string(*f, fp, "title");
    finding.remedy = get_string(*f, fp, "remedy");
    finding.references = get_strings(*f, fp, "references");
    c.finding = std::move(finding);
  }
  const json& steps = get_array(j, path, "steps");
  for (std::size_t i = 0; i < steps.size(); ++i) c.steps.push_back(read_step(steps[i], fmt::format("{}.steps[{}]", path, i)));
  return c;
}

TargetResults read_target(const json& j, const std::string& path) {
  expect_object(j, path);
  TargetResults t;
  t.name = get_string(j, path, "name");
  t.description = get_string(j, path, "description");
  t.target_profile = get_string(j, path, "target_profile");
  t.quirks = get_strings(j, path, "quirks");
  t.error = get_string(j, path, "error");
  t.duration_ms = get_number(j, path, "duration_ms");
  if (const json* id = member(j, "identity")) {
    const std::string ip = path + ".identity";
    expect_object(*id, ip);
    t.identity.device_id = get_unsigned<std::uint8_t>(*id, ip, "device_id");
    t.identity.device_revision = get_unsigned<std::uint8_t>(*id, ip, "device_revision");
    t.identity.firmware = get_string(*id, ip, "firmware");
    t.identity.ipmi_version = get_string(*id, ip, "ipmi_version");
    t.identity.manufacturer_id = get_unsigned<std::uint32_t>(*id, ip, "manufacturer_id");
    t.identity.manufacturer_name = get_string(*id, ip, "manufacturer_name");
    t.identity.product_id = get_unsigned<std::uint16_t>(*id, ip, "product_id");
    t.identity.guid = get_string(*id, ip, "guid");
  }
  if (const json* caps = member(j, "capabilities")) {
    const std::string cp = path + ".capabilities";
    expect_object(*caps, cp);
    if (member(*caps, "ipmi15") != nullptr) t.capabilities.ipmi15 = get_bool(*caps, cp, "ipmi15");
    if (member(*caps, "ipmi20") != nullptr) t.capabilities.ipmi20 = get_bool(*caps, cp, "ipmi20");
    const json& suites = get_array(*caps, cp, "cipher_suites");
    for (std::size_t i = 0; i < suites.size(); ++i) {
      if (!suites[i].is_number_unsigned() || suites[i].get<std::uint64_t>() > 0xFF) {
        fail(fmt::format("{}.cipher_suites[{}]", cp, i), "expected an integer 0..255");
      }
      t.capabilities.cipher_suites.push_back(static_cast<std::uint8_t>(suites[i].get<std::uint64_t>()));
    }
    t.capabilities.auth_types = get_strings(*caps, cp, "auth_types");
    t.capabilities.lan_channel = get_unsigned<std::uint8_t>(*caps, cp, "lan_channel");
    t.capabilities.notes = get_strings(*caps, cp, "notes");
  }
  const json& cases = get_array(j, path, "cases");
  for (std::size_t i = 0; i < cases.size(); ++i) t.cases.push_back(read_case(cases[i], fmt::format("{}.cases[{}]", path, i)));
  return t;
}

}  // namespace

json case_to_json(const CaseResult& c) {
  json steps = json::array();
  for (const auto& s : c.steps) steps.push_back(step_json(s));
  json j{{"id", c.id},
         {"title", c.title},
         {"spec", c.spec},
         {"where", c.where},
         {"tags", c.tags},
         {"command", c.command},
         {"netfn", optional_json(c.netfn)},
         {"cmd", optional_json(c.cmd)},
         {"mandatory", optional_json(c.mandatory)},
         {"privilege", c.privilege},
         {"severity", c.severity},
         {"profiles", c.profiles},
         {"outcome", std::string(to_string(c.outcome))},
         {"reason", c.reason},
         {"quirks_used", c.quirks_used},
         {"notes", c.notes},
         {"duration_ms", c.duration_ms}};
  if (c.finding) {
    j["finding"] = json{{"severity", c.finding->severity},
                        {"title", c.finding->title},
                        {"remedy", c.finding->remedy},
                        {"references", c.finding->references}};
  }
  j["steps"] = std::move(steps);
  return j;
}

json target_header_to_json(const TargetResults& t) {
  const auto& id = t.identity;
  const auto& caps = t.capabilities;
  return json{{"name", t.name},
              {"description", t.description},
              {"target_profile", t.target_profile},
              {"quirks", t.quirks},
              {"identity",
               {{"device_id", optional_json(id.device_id)},
                {"device_revision", optional_json(id.device_revision)},
                {"firmware", id.firmware},
                {"ipmi_version", id.ipmi_version},
                {"manufacturer_id", optional_json(id.manufacturer_id)},
                {"manufacturer_name", id.manufacturer_name},
                {"product_id", optional_json(id.product_id)},
                {"guid", id.guid}}},
              {"capabilities",
               {{"ipmi15", optional_json(caps.ipmi15)},
                {"ipmi20", optional_json(caps.ipmi20)},
                {"cipher_suites", caps.cipher_suites},
                {"auth_types", caps.auth_types},
                {"lan_channel", optional_json(caps.lan_channel)},
                {"notes", caps.notes}}},
              {"error", t.error},
              {"duration_ms", t.duration_ms},
              {"counts", counts_json(t.counts())}};
}

json run_header_to_json(const RunResults& r) {
  json j = to_json(RunResults{r.schema, r.complete, r.run, {}});
  j["counts"] = counts_json(r.counts());
  j["exit_code"] = r.exit_code();
  j.erase("targets");
  return j;
}

json to_json(const RunResults& r) {
  const auto& run = r.run;
  json targets = json::array();
  for (const auto& t : r.targets) targets.push_back(target_json(t));
  return json{{"schema", r.schema},
              {"complete", r.complete},
              {"run",
               {{"tool", run.tool},
                {"version", run.version},
                {"command_line", run.command_line},
                {"started_at", run.started_at},
                {"finished_at", run.finished_at},
                {"cases_dir", run.cases_dir},
                {"case_library_revision", run.case_library_revision},
                {"pcap", run.pcap},
                {"profile", run.profile},
                {"case_globs", run.case_globs},
                {"tags", run.tags},
                {"netfn", run.netfn_filter},
                {"cmd", run.cmd_filter},
                {"shard", run.shard},
                {"strict", run.strict},
                {"allow_destructive", run.allow_destructive},
                {"timeout_ms", run.timeout_ms},
                {"cases_in_library", run.cases_in_library},
                {"cases_selected", run.cases_selected}}},
              {"counts", counts_json(r.counts())},
              {"exit_code", r.exit_code()},
              {"targets", std::move(targets)}};
}

tl::expected<RunResults, std::string> from_json(const json& j) {
  try {
    expect_object(j, "");
    RunResults r;
    r.schema = get_string(j, "", "schema");
    if (r.schema.rfind("ipmict-results/", 0) != 0) {
      return tl::unexpected(one_line(fmt::format("schema: expected \"{}\", found \"{}\"", kResultsSchema, r.schema)));
    }
    if (r.schema != kResultsSchema) {
      return tl::unexpected(
          one_line(fmt::format("schema: this ipmict reads \"{}\", the file is \"{}\"", kResultsSchema, r.schema)));
    }
    r.complete = get_bool(j, "", "complete");
    if (const json* run = member(j, "run")) {
      const std::string p = "run";
      expect_object(*run, p);
      auto& info = r.run;
      info.tool = get_string(*run, p, "tool");
      info.version = get_string(*run, p, "version");
      info.command_line = get_string(*run, p, "command_line");
      info.started_at = get_string(*run, p, "started_at");
      info.finished_at = get_string(*run, p, "finished_at");
      info.cases_dir = get_string(*run, p, "cases_dir");
      info.case_library_revision = get_string(*run, p, "case_library_revision");
      info.pcap = get_string(*run, p, "pcap");
      info.profile = get_string(*run, p, "profile");
      info.case_globs = get_strings(*run, p, "case_globs");
      info.tags = get_strings(*run, p, "tags");
      info.netfn_filter = get_string(*run, p, "netfn");
      info.cmd_filter = get_string(*run, p, "cmd");
      info.shard = get_string(*run, p, "shard");
      info.strict = get_bool(*run, p, "strict");
      info.allow_destructive = get_bool(*run, p, "allow_destructive");
      info.timeout_ms = get_unsigned<unsigned>(*run, p, "timeout_ms").value_or(0);
      info.cases_in_library = get_unsigned<std::size_t>(*run, p, "cases_in_library").value_or(0);
      info.cases_selected = get_unsigned<std::size_t>(*run, p, "cases_selected").value_or(0);
    }
    const json& targets = get_array(j, "", "targets");
    for (std::size_t i = 0; i < targets.size(); ++i) r.targets.push_back(read_target(targets[i], fmt::format("targets[{}]", i)));
    return r;
  } catch (const ReadError& e) {
    std::string m = e.message;
    if (m.rfind(".", 0) == 0) m.erase(0, 1);  // a top-level key read with an empty path
    // The message may quote a value of the file ("unknown outcome ..."): one line whatever
    // it holds (a line break in a quoted outcome was found by results_file_fuzzer).
    return tl::unexpected(one_line(std::move(m)));
  }
}

tl::expected<RunResults, std::string> parse_results(std::string_view text) {
  json j;
  try {
    j = json::parse(text);
  } catch (const json::parse_error& e) {
    // A run killed before its first write leaves no file; one killed mid-write leaves the
    // previous file (atomic_file.hpp). Anything else here is not ours.
    return tl::unexpected(fmt::format("not valid JSON (byte {})", e.byte));
  } catch (const json::exception& e) {
    // The text is JSON but nlohmann cannot hold it: a number beyond double
    // ("1E400" is out_of_range 406), found by fuzz/results_file_fuzzer.cpp.
    return tl::unexpected(fmt::format("not readable JSON: {}", e.what()));
  }
  return from_json(j);
}

tl::expected<RunResults, std::string> load_results(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return tl::unexpected(fmt::format("{}: cannot open: {}", path, std::strerror(errno)));
  std::stringstream buffer;
  buffer << f.rdbuf();
  auto r = parse_results(buffer.str());
  if (!r) return tl::unexpected(fmt::format("{}: {}", path, r.error()));
  return r;
}

}  // namespace ipmict::reports
