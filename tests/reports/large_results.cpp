// The generated results model (see the header).
#include "tests/reports/large_results.hpp"

#include <fmt/format.h>

namespace ipmict::reports::test {
namespace {

StepRecord make_step(std::size_t i, std::size_t k, bool ok) {
  StepRecord s;
  s.index = k;
  s.action = k == 0 ? "send get-device-id" : fmt::format("raw 06 {:02x}", k);
  s.as = k == 1 ? "Operator" : "";
  s.where = fmt::format("cases/generated/case-{}.yaml:{}:5", i, 10 + k * 4);
  s.ok = ok;
  if (!ok) s.mismatches = {fmt::format("completion code: expected 00h, seen C{}h", k)};
  Exchange e;
  e.command = "Get Device ID";
  e.via = "lanplus session (Administrator)";
  e.request = {0x18, 0x01, static_cast<std::uint8_t>(k)};
  e.request_text = "Get Device ID request\n(no request data)";
  e.answered = true;
  e.response = {0x00, 0x20, 0x81, 0x01, 0x00, 0x02, 0xBF, 0x57, 0x01, 0x00, 0x42, 0x00};
  e.response_text = fmt::format(
      "cc 00h (Command Completed Normally)\nDevice ID: 20h\nDevice revision: 1\nDevice provides SDRs: yes\n"
      "Firmware revision: 1.00\nIPMI version: 2.0\nManufacturer ID: 22359 (case {} step {})",
      i, k);
  s.exchange = e;
  s.captured = {fmt::format("v{} = 0x{:02x}", k, k)};
  s.duration_ms = 0.4;
  return s;
}

CaseResult make_case(std::size_t i, Outcome o) {
  CaseResult c;
  c.id = fmt::format("gen.case-{}", i);
  c.title = fmt::format("Generated case {} checks command {:02X}h", i, i % 40);
  c.spec = fmt::format("IPMI 2.0 §{}.{}", 20 + i % 15, i % 9);
  c.where = fmt::format("cases/generated/case-{}.yaml:1:1", i);
  c.tags = {"generated"};
  c.command = fmt::format("command-{:02x}", i % 40);
  c.netfn = static_cast<std::uint8_t>((i % 4) * 2 + (i % 8 >= 4 ? 0x2A : 0));  // a few netFns
  c.cmd = static_cast<std::uint8_t>(i % 40);
  c.mandatory = (i % 40) % 3 != 0;
  c.privilege = "User";
  c.profiles = i % 2 == 0 ? std::vector<std::string>{"core", "full"} : std::vector<std::string>{"full"};
  c.outcome = o;
  if (o != Outcome::pass) c.reason = fmt::format("reason {} for case {}", to_string(o), i);
  if (o == Outcome::pass_with_quirk) c.quirks_used = {"self-test-56h"};
  c.duration_ms = 2.5;
  for (std::size_t k = 0; k < 3; ++k) c.steps.push_back(make_step(i, k, !(k == 2 && (o == Outcome::fail || o == Outcome::warn))));
  if (i % 97 == 3 && o == Outcome::fail) {
    c.finding = Finding{"high", fmt::format("Generated finding {}", i), "Fix the generated thing", {"CVE-2013-4786"}};
  }
  return c;
}

}  // namespace

RunResults large_results(std::size_t cases) {
  RunResults r;
  r.complete = true;
  r.run.version = "0.1.0";
  r.run.command_line = "ipmict run --target lanplus://admin@127.0.0.1:9623 --password-env *** --profile full";
  r.run.started_at = "2026-11-21T10:00:00Z";
  r.run.finished_at = "2026-11-21T10:09:12Z";
  r.run.cases_dir = "cases";
  r.run.case_library_revision = "sha256:0123456789abcdef";
  r.run.profile = "full";
  r.run.cases_in_library = cases;
  r.run.cases_selected = cases;
  TargetResults a;
  a.name = "sim://";
  a.description = "lanplus, cipher suite 17, Administrator";
  a.identity.device_id = 0x20;
  a.identity.firmware = "1.00";
  a.identity.ipmi_version = "2.0";
  a.identity.manufacturer_id = 22359;
  a.identity.manufacturer_name = "Hostile <img src=x onerror=\"window.__pwned=3\"> \x01\xff Corp";
  a.identity.product_id = 0x0042;
  a.identity.guid = "01234567-89ab-cdef-0123-456789abcdef";
  a.capabilities.ipmi20 = true;
  a.capabilities.cipher_suites = {3, 17};
  a.capabilities.auth_types = {"md5", "password"};
  TargetResults b = a;
  b.name = "lanplus://admin@127.0.0.1:9623";
  b.identity.manufacturer_name = "Example Corp";
  b.identity.firmware = "2.00";
  for (std::size_t i = 0; i < cases; ++i) {
    const Outcome oa = kAllOutcomes[i % kAllOutcomes.size()];
    const Outcome ob = kAllOutcomes[(i * 3 + 1) % kAllOutcomes.size()];
    if (i % 50 != 7) a.cases.push_back(make_case(i, oa));
    if (i % 60 != 11) b.cases.push_back(make_case(i, ob));
  }
  // The hostile case: markup where the BMC's bytes and the case's text land.
  for (auto* t : {&a, &b}) {
    for (auto& c : t->cases) {
      if (c.id != kHostileCaseId) continue;
      c.title = "<script>window.__pwned=1</script> title";
      c.reason = "\" onmouseover=\"window.__pwned=4\" x=\"";
      c.steps[0].exchange->response_text = "Device name: </script><script>window.__pwned=2</script>\nend";
      c.steps[0].exchange->request_text = "<!-- comment opener and ]]> and &amp;";
    }
  }
  r.targets = {a, b};
  return r;
}

}  // namespace ipmict::reports::test
