// The sample results model (see the header).
#include "tests/reports/sample_results.hpp"

namespace ipmict::reports::test {
namespace {

CaseResult make_case(std::string id, Outcome o, std::string command, std::uint8_t netfn, std::uint8_t cmd, bool mandatory) {
  CaseResult c;
  c.id = std::move(id);
  c.title = "title of " + c.id;
  c.spec = "IPMI 2.0 §20.1";
  c.where = "cases/20-app/get-device-id.yaml:10:5";
  c.tags = {"seed"};
  c.command = std::move(command);
  c.netfn = netfn;
  c.cmd = cmd;
  c.mandatory = mandatory;
  c.privilege = "User";
  c.profiles = {"core", "full"};
  c.outcome = o;
  c.duration_ms = 1.5;
  StepRecord s;
  s.action = "send " + c.command;
  s.where = c.where;
  Exchange e;
  e.command = "Get Device ID";
  e.via = "lanplus session (Administrator)";
  e.request = {netfn, cmd};
  e.request_text = "Get Device ID request";
  e.answered = true;
  e.response = {0x00, 0x20};
  e.response_text = "cc 00h (Command Completed Normally)\nDevice ID: 20h";
  s.exchange = e;
  c.steps.push_back(s);
  return c;
}

}  // namespace

RunResults sample_results() {
  RunResults r;
  r.complete = true;
  r.run.version = "0.1.0";
  r.run.command_line = "ipmict run --password-env ***";
  r.run.started_at = "2026-11-21T10:00:00Z";
  r.run.finished_at = "2026-11-21T10:00:02Z";
  r.run.cases_dir = "cases";
  r.run.case_library_revision = "git:0123456789ab";
  r.run.pcap = "run.pcap";
  r.run.profile = "full";
  r.run.cases_in_library = 540;
  r.run.cases_selected = 5;

  TargetResults a;
  a.name = "sim://";
  a.description = "lanplus, cipher suite 17, Administrator";
  a.identity.device_id = 0x20;
  a.identity.device_revision = 1;
  a.identity.firmware = "1.00";
  a.identity.ipmi_version = "2.0";
  a.identity.manufacturer_id = 0x1234;
  a.identity.manufacturer_name = "Example Corp";
  a.identity.product_id = 0x0042;
  a.identity.guid = "01234567-89ab-cdef-0123-456789abcdef";
  a.capabilities.ipmi15 = false;
  a.capabilities.ipmi20 = true;
  a.capabilities.cipher_suites = {3, 17};
  a.capabilities.lan_channel = 1;
  a.cases.push_back(make_case("app.get-device-id.basic", Outcome::pass, "get-device-id", 0x06, 0x01, true));
  auto failed = make_case("security.cipher-zero", Outcome::fail, "get-device-id", 0x06, 0x01, true);
  failed.reason = "step 1: completion code: expected D4h, seen 00h";
  failed.steps[0].ok = false;
  failed.steps[0].mismatches = {"completion code: expected D4h, seen 00h"};
  failed.finding = Finding{"high", "Cipher suite 0 accepted", "Disable cipher suite 0", {"CVE-2013-4782"}};
  a.cases.push_back(failed);
  auto quirk = make_case("app.get-self-test.basic", Outcome::pass_with_quirk, "get-self-test-results", 0x06, 0x04, true);
  quirk.quirks_used = {"self-test-56h"};
  quirk.steps[0].quirk = "self-test-56h";
  a.cases.push_back(quirk);
  auto secret = make_case("app.set-user-password.admin", Outcome::skip, "set-user-password", 0x06, 0x47, true);
  secret.reason = "destructive: needs --allow-destructive";
  secret.steps[0].exchange->redacted = true;
  secret.steps[0].exchange->request.clear();
  secret.steps[0].exchange->request_text.clear();
  a.cases.push_back(secret);
  StepRecord session;
  session.action = "session open";
  session.session = SessionRecord{"open", false, "RAKP 2", 0x0D, "cipher suite 3, Administrator"};
  a.cases.back().steps.push_back(session);

  TargetResults b = a;
  b.name = "lanplus://admin@127.0.0.1:9623";
  b.identity.firmware = "2.00";
  b.cases[1].outcome = Outcome::pass;
  b.cases[1].finding.reset();
  b.cases[1].reason.clear();
  b.cases[1].steps[0].ok = true;
  b.cases[1].steps[0].mismatches.clear();
  auto unsupported = make_case("chassis.get-poh-counter.basic", Outcome::unsupported, "get-poh-counter", 0x00, 0x0F, false);
  unsupported.steps[0].exchange->answered = false;
  unsupported.steps[0].exchange->error = "timeout after 2 retries";
  b.cases.push_back(unsupported);
  b.error = "";
  r.targets = {a, b};
  return r;
}

}  // namespace ipmict::reports::test
