#pragma once
// The fuzzer's own RMCP+ session set-up (IPMI 2.0 §13.17-13.23, §13.31-13.32): it builds
// each message as a StepMessage, so that any of them can be mutated, and reads the BMC's
// answers into the session state (IDs, randoms, SIK, K1, K2). protocol/session's
// ClientSession is not used here because it keeps its keys and its messages to itself.
#include <cstdint>
#include <optional>

#include "fuzz/network/credentials.hpp"
#include "fuzz/network/reply.hpp"
#include "fuzz/network/step_message.hpp"
#include "protocol/crypto/cipher_suite.hpp"
#include "protocol/crypto/rakp_auth.hpp"
#include "protocol/crypto/secure_bytes.hpp"
#include "protocol/wire/lan_message.hpp"

namespace ipmict::netfuzz {

class FuzzRng;

struct PlusSession {
  enum class Stage : std::uint8_t { none, opened, rakp2, active };
  Stage stage = Stage::none;
  const crypto::CipherSuite* suite = nullptr;
  std::uint8_t tag = 0;  // message tag of the last set-up message
  std::uint32_t console_id = 0;
  std::uint32_t bmc_id = 0;
  crypto::RakpInputs rakp{};
  crypto::SecureBytes user_key, sik, k1, k2;
  std::uint32_t sent_sequence = 0;      // last session sequence number sent
  std::uint32_t answered_sequence = 0;  // last one the BMC answered
  unsigned requests = 0;                // sent in this session

  // The keys of the session (views into this object).
  StepCrypto crypto() const;
  void reset();
};

// Open Session Request (§13.17) for the suite in `creds`; picks a console session ID.
// Empty optional when the suite is not one ipmict implements.
std::optional<StepMessage> open_session_request(PlusSession& s, const Credentials& creds, std::uint8_t tag,
                                                FuzzRng& session_rng);
// A successful Open Session Response for this session: stage opened, bmc_id known.
bool read_open_session_response(PlusSession& s, const Reply& r);
// RAKP Message 1 (§13.20): a fresh console random, the role, the user name.
StepMessage rakp1(PlusSession& s, const Credentials& creds, std::uint8_t tag, FuzzRng& session_rng);
// RAKP Message 2 with status 00h for this session: SIK, K1, K2 derived (§13.31, §13.32).
bool read_rakp2(PlusSession& s, const Reply& r, const Credentials& creds);
// RAKP Message 3 (§13.22) with its Key Exchange Authentication Code, or, with a non-zero
// status, the console's "giving up" message after which the BMC discards the session.
StepMessage rakp3(PlusSession& s, std::uint8_t tag, std::uint8_t status);
// RAKP Message 4 with status 00h for this session: stage active.
bool read_rakp4(PlusSession& s, const Reply& r);
// Does this reply answer the set-up message with `tag` and payload type `type`?
bool is_setup_answer(const PlusSession& s, const Reply& r, std::uint8_t type);

// An IPMI request inside the session, sequence number `sequence`, integrity and
// confidentiality as negotiated.
StepMessage plus_request(const PlusSession& s, const IpmiRequest& request, std::uint32_t sequence);

}  // namespace ipmict::netfuzz
