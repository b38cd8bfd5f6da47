// Probe `malformed-datagrams`: does the BMC survive datagrams no console should send?
// IPMI 2.0 §13.6 and §13.1.3: a malformed packet is discarded and the BMC goes on serving.
// Real BMCs crashed on exactly these (DESIGN.md §12; OpenBMC netipmid's "packet of death",
// a zero payload length, CVE-2021-39295, fixed in "Enforce correct packet lengths").
//
// Each kind is sent from a fresh socket outside any session, then a new login must work
// (ProbeRun::login_works): the finding is a BMC that stopped answering. Nothing is
// expected back from the malformed datagrams, so each waits only briefly for a reply.
#include <algorithm>

#include <fmt/format.h>

#include "harness/cases/probe_spec.hpp"
#include "harness/runner/probes/probe.hpp"

namespace ipmict::runner::probes {

namespace {

constexpr std::chrono::milliseconds kReplyWait{100};
constexpr std::size_t kOversizedPayload = 8192;  // larger than any IPMI message and most BMC buffers

const Bytes kRmcpHeader{0x06, 0x00, 0xff, 0x07};  // ASF/RMCP v1.0, no ACK, class IPMI (§13.1.3)

// RMCP header, then an RMCP+ header (§13.6 Table 13-8) outside a session: auth type 06h,
// payload type IPMI (00h), session ID 0, sequence 0, and the given payload length field.
Bytes rmcpplus(std::uint16_t length_field, std::size_t payload_bytes) {
  Bytes d = kRmcpHeader;
  d.insert(d.end(), {0x06, 0x00, 0, 0, 0, 0, 0, 0, 0, 0});
  d.push_back(static_cast<std::uint8_t>(length_field & 0xffu));
  d.push_back(static_cast<std::uint8_t>(length_field >> 8));
  d.insert(d.end(), payload_bytes, 0x00);
  return d;
}

struct Kind {
  std::string what;
  std::vector<Bytes> datagrams;
};

Kind datagrams_of(const std::string& kind) {
  if (kind == "empty") return {"an empty UDP datagram", {Bytes{}}};
  if (kind == "zero-length-rmcpplus") return {"an RMCP+ packet with payload length 0", {rmcpplus(0, 0)}};
  if (kind == "zero-length-ipmi15") {
    Bytes d = kRmcpHeader;
    d.insert(d.end(), {0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0x00});  // auth none, sequence, session ID, length 0
    return {"an IPMI 1.5 packet with message length 0", {d}};
  }
  if (kind == "oversized-length") {
    return {"an RMCP+ packet whose payload length (FFFFh) points past the end of the datagram", {rmcpplus(0xffff, 8)}};
  }
  if (kind == "oversized-datagram") {
    return {fmt::format("an RMCP+ packet with a {}-byte payload", kOversizedPayload),
            {rmcpplus(static_cast<std::uint16_t>(kOversizedPayload), kOversizedPayload)}};
  }
  if (kind == "truncated-rmcp") {
    Kind k{"RMCP headers cut after 1, 2 and 3 bytes", {}};
    for (std::size_t n = 1; n < kRmcpHeader.size(); ++n) k.datagrams.emplace_back(kRmcpHeader.begin(), kRmcpHeader.begin() + static_cast<std::ptrdiff_t>(n));
    return k;
  }
  if (kind == "truncated-rmcpplus") {
    // Every cut inside the 12-byte RMCP+ session header (§13.6 Table 13-8).
    Kind k{"RMCP+ session headers cut after 1 to 11 bytes", {}};
    const Bytes whole = rmcpplus(7, 0);
    for (std::size_t n = 1; n < 12; ++n) k.datagrams.emplace_back(whole.begin(), whole.begin() + static_cast<std::ptrdiff_t>(4 + n));
    return k;
  }
  return {kind, {}};  // the loader accepts only the kinds above (cases::malformed_datagram_kinds)
}

}  // namespace

ProbeResult malformed_datagrams(ProbeRun& run) {
  const auto kinds = cases::probe_table(run.action(), "datagrams");
  const auto wait = std::min(run.answer_wait(), kReplyWait);
  for (const auto& row : kinds) {
    const Kind k = datagrams_of(row.front());
    if (k.datagrams.empty()) return ProbeResult::error("unknown datagram kind '" + row.front() + "'");
    auto link = run.raw_link();
    if (!link) return ProbeResult::error("cannot open a UDP socket to the BMC: " + link.error().message);
    for (std::size_t i = 0; i < k.datagrams.size(); ++i) {
      const std::string label = k.datagrams.size() == 1 ? k.what : fmt::format("{} ({} of {})", k.what, i + 1, k.datagrams.size());
      // An ICMP refusal or a send error here is the BMC gone already: the login check says so.
      (void)run.exchange_datagram(**link, view(k.datagrams[i]), wait, label);
    }
    if (auto why = run.login_works("after " + k.what)) {
      return ProbeResult::fired({"robustness: expected the BMC to discard " + k.what + " and go on serving, seen " +
                                 *why});
    }
  }
  return ProbeResult::silent();
}

}  // namespace ipmict::runner::probes
