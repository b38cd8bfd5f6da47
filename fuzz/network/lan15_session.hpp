#pragma once
// The fuzzer's own IPMI 1.5 session set-up (IPMI 2.0 §22.16 Get Session Challenge, §22.17
// Activate Session, §22.17.1 AuthCodes), built step by step as StepMessages so that each
// can be mutated, and the state it leaves (temporary ID, challenge, session ID, sequence).
#include <array>
#include <cstdint>

#include "fuzz/network/credentials.hpp"
#include "fuzz/network/reply.hpp"
#include "fuzz/network/step_message.hpp"
#include "protocol/crypto/secure_bytes.hpp"
#include "protocol/wire/lan_message.hpp"

namespace ipmict::netfuzz {

struct Lan15Session {
  enum class Stage : std::uint8_t { none, challenged, active };
  Stage stage = Stage::none;
  AuthType auth_type = AuthType::md5;           // asked for in the challenge and activation
  AuthType session_auth_type = AuthType::none;  // for the rest of the session (§22.17)
  std::uint32_t temporary_id = 0;
  std::array<std::uint8_t, 16> challenge{};
  std::uint32_t id = 0;
  crypto::SecureBytes password16;
  std::uint32_t next_sequence = 0;      // next session sequence number to send
  std::uint32_t answered_sequence = 0;  // last one the BMC answered
  std::uint32_t sent_sequence = 0;
  unsigned requests = 0;

  StepCrypto crypto() const;
  void reset();
};

// A session-less IPMI 1.5 message (auth type none, session 0): Get Channel Auth Caps,
// Get Session Challenge (§22.13, §22.16).
StepMessage lan15_sessionless(const IpmiRequest& request);
// Get Session Challenge for the user; remembers the auth type and the password.
StepMessage session_challenge(Lan15Session& s, const Credentials& creds, std::uint8_t rq_seq);
bool read_session_challenge(Lan15Session& s, const Reply& r, std::uint8_t rq_seq);
// Activate Session with the challenge, framed with the temporary ID and the AuthCode.
StepMessage activate_session(Lan15Session& s, const Credentials& creds, std::uint8_t rq_seq, std::uint32_t initial_outbound);
bool read_activate_session(Lan15Session& s, const Reply& r);
// A request inside the session with the given sequence number.
StepMessage lan15_request(const Lan15Session& s, const IpmiRequest& request, std::uint32_t sequence);

// Is this an IPMI response to netfn/cmd with this rqSeq?
bool answers(const Reply& r, std::uint8_t netfn, std::uint8_t cmd, std::uint8_t rq_seq);

}  // namespace ipmict::netfuzz
