#pragma once
// RMCP+ session set-up by hand (IPMI 2.0 §13.17-13.23), for probes that stop half way:
// Open Session and RAKP 1 on a raw UDP link, every datagram recorded as evidence, and the
// abort (RAKP 3 with a non-zero status, §13.22) that lets the BMC free the slot at once
// instead of at its idle timeout. The full handshake is ClientSession's, never this.
#include <cstdint>
#include <optional>
#include <string>

#include "harness/runner/probes/probe.hpp"
#include "protocol/core/privilege.hpp"
#include "protocol/wire/payload_type.hpp"
#include "protocol/wire/rakp_messages.hpp"

namespace ipmict::runner::probes {

// Where a hand-made set-up got to.
struct HalfOpen {
  std::uint8_t suite = 0;
  std::uint32_t console_session_id = 0;
  std::optional<OpenSessionResponse> open;  // the Open Session Response, when one came
  std::optional<Rakp1> rakp1;               // what was sent
  std::optional<Rakp2> rakp2;               // the RAKP 2, when one came
  std::string why;                          // what went wrong before RAKP 2 ("" when it came)

  bool opened() const { return open && open->status_code == 0 && open->bmc_session_id; }
};

// The cipher suite a probe asks for: the run's, else the first offered of 17, 3, 16, 2, 15,
// 1, 8, 7, 12, 11, 6 (one with an authentication algorithm), else 3.
std::uint8_t probe_cipher_suite(ProbeRun& run);

// Open Session Request (console session ID from `console_id`) and its answer.
HalfOpen open_session(ProbeRun& run, transport::UdpLink& link, std::uint8_t suite, std::uint32_t console_id,
                      const std::string& label);
// RAKP 1 for `user` (name-only lookup, role `privilege`) after a successful open_session().
void rakp1(ProbeRun& run, transport::UdpLink& link, HalfOpen& h, const Bytes& user, Privilege privilege,
           const std::string& label);
// A session-setup payload outside a session: Session ID 0, sequence 0, no trailer (§13.6).
Bytes setup_datagram(PayloadType type, const Bytes& payload);
// RAKP 3 with status 0Fh (the console did not go on), so that the BMC discards the set-up;
// it carries no authentication code.
Bytes abort_datagram(std::uint32_t bmc_session_id, std::uint8_t message_tag);
// abort_datagram() for `h`, sent and recorded, when the BMC holds a set-up for it.
void abort_setup(ProbeRun& run, transport::UdpLink& link, const HalfOpen& h, const std::string& label);

// Does the RAKP 2 HMAC verify with `password` (§13.31)? False when there is nothing to verify.
bool rakp2_verifies(const HalfOpen& h, const Bytes& password);

// "status 0Dh (Unauthorized name)"
std::string status_text(std::uint8_t status);

}  // namespace ipmict::runner::probes
