#pragma once
// What one datagram from the BMC says, as far as the fuzzer needs it: the flow runner's
// matchers (is this the RAKP 2 for my tag?), the session set-up (session IDs, randoms),
// and a short signature of the BMC's behaviour for the corpus and the statistics
// ("rmcp+ rakp-2 status=0d", "rmcp+ ipmi 07/01 cc=00 len=15"). Replies inside an RMCP+
// session are checked with the session's integrity key and decrypted with its K2.
#include <cstdint>
#include <optional>
#include <string>

#include "fuzz/network/step_message.hpp"
#include "protocol/core/bytes.hpp"
#include "protocol/wire/lan_message.hpp"

namespace ipmict::netfuzz {

struct Reply {
  enum class Kind : std::uint8_t { asf, rmcp_ack, ipmi15, rmcpplus_ipmi, rmcpplus_setup, rmcpplus_other, malformed };
  Kind kind = Kind::malformed;
  std::uint8_t asf_message_type = 0;
  std::uint8_t asf_message_tag = 0;
  std::uint8_t payload_type = 0;  // RMCP+ [5:0]
  std::uint32_t session_id = 0;
  std::uint32_t session_sequence = 0;
  Bytes payload;                      // RMCP+ set-up payload / IPMI message, in clear
  std::optional<IpmiResponse> ipmi;   // when the payload is an IPMI response (checksums may be bad)
  bool integrity_failed = false;      // an in-session reply whose AuthCode did not verify
  std::string category;               // for statistics: "rmcp+ rakp-2", "ipmi15 response", "malformed"
  std::string signature;              // category plus the details that tell behaviours apart
};

// keys: the RMCP+ session the reply may belong to (its integrity AuthCode length, K1, K2);
// null outside a session.
Reply read_reply(ByteView datagram, const StepCrypto* keys);

}  // namespace ipmict::netfuzz
