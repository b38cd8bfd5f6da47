#pragma once
// A scripted BMC for the session tests: a pure server (datagram in, datagrams out) built
// from the wire encoders and the crypto library, with knobs for the faults the client must
// survive or report. It is deliberately small: it answers the session commands, Get
// Device ID and Send Message, and nothing else (C1h "Invalid Command").
#include <cstdint>
#include <map>
#include <optional>
#include <vector>

#include "protocol/core/auth_type.hpp"
#include "protocol/core/bytes.hpp"
#include "protocol/core/privilege.hpp"
#include "protocol/crypto/cipher_suite.hpp"
#include "protocol/crypto/rakp_auth.hpp"
#include "protocol/crypto/secure_bytes.hpp"
#include "protocol/wire/lan_message.hpp"
#include "protocol/wire/send_message.hpp"

namespace ipmict::session::testing {

struct FakeUser {
  Bytes name;
  Bytes password;
  Privilege limit = Privilege::administrator;
};

struct FakeBmcConfig {
  std::vector<FakeUser> users;
  bool ipmi20 = true;
  std::vector<std::uint8_t> suites{0, 1, 2, 3, 6, 7, 8, 11, 12, 15, 16, 17};
  std::uint8_t auth_types_15 = 0x17;  // bits: 0 none, 1 MD2, 2 MD5, 4 straight password
  Bytes kg;                            // the BMC's K_G; empty = unset

  // Faults
  bool answer_cipher_suites = true;     // false: Get Channel Cipher Suites is never answered
  bool cipher_suites_error = false;     // answer it with C1h
  bool corrupt_rakp2_hmac = false;      // flip a bit of the RAKP 2 key exchange auth code
  bool short_open_session_refusal = false;  // refuse a suite with tag and status only (as ipmi_sim does)
  std::uint8_t unknown_user_status = 0x0d;
  bool repeat_sequence_number = false;  // every in-session reply carries the same number
  bool bridge_answer_inline = true;     // false: empty Send Message response + separate answer
};

class FakeBmc {
 public:
  explicit FakeBmc(FakeBmcConfig config);

  // Replies to one datagram (none when it is ignored).
  std::vector<Bytes> handle(ByteView datagram);
  // The BMC forgets every session (reset, timeout): in-session packets go unanswered.
  void forget_sessions();

  FakeBmcConfig config;
  // Observations for the tests
  unsigned cipher_suite_requests = 0;
  unsigned open_session_requests = 0;
  std::vector<std::uint8_t> open_session_suites;  // suite asked for in each Open Session
  unsigned integrity_failures = 0;                 // in-session packets whose AuthCode failed
  unsigned close_sessions = 0;
  std::vector<SendMessageRequest> send_messages;   // outer Send Message requests received
  std::vector<std::uint32_t> inbound_sequences;    // in-session sequence numbers received

 private:
  struct PlusSession {
    std::uint32_t console_id = 0;
    const crypto::CipherSuite* suite = nullptr;
    crypto::RakpInputs rakp{};
    const FakeUser* user = nullptr;
    crypto::SecureBytes user_key, sik, k1, k2;
    bool active = false;
    std::uint32_t out_seq = 0;
  };
  struct Session15State {
    const FakeUser* user = nullptr;
    AuthType auth = AuthType::none;
    std::uint32_t out_seq = 0;
    std::array<std::uint8_t, 16> challenge{};
    bool active = false;
  };

  std::vector<Bytes> handle_plus(ByteView datagram);
  std::vector<Bytes> handle_15(ByteView datagram);
  // Runs one command; replies (first the direct answer, then any separate message).
  std::vector<IpmiResponse> execute(const IpmiRequest& rq, Privilege* session_privilege, const FakeUser* user);
  IpmiResponse bridged(const IpmiRequest& rq, std::vector<IpmiResponse>& separate);
  Bytes plus_out(PlusSession& s, std::uint32_t console_id, const IpmiResponse& r);
  Bytes plus_plain(std::uint8_t payload_type, const Bytes& payload);
  Bytes v15_out(std::uint32_t session_id, std::uint32_t seq, AuthType auth, const FakeUser* user, const IpmiResponse& r);
  const FakeUser* find_user(ByteView name) const;
  std::uint32_t next_id() { return ++id_counter_ * 0x01010101u + 0x10; }

  std::map<std::uint32_t, PlusSession> plus_;     // by BMC session ID
  std::map<std::uint32_t, Session15State> v15_;   // by (temporary or active) session ID
  std::map<std::uint32_t, Privilege> privilege_;  // current privilege by BMC session ID
  std::uint32_t id_counter_ = 0;
  std::uint8_t random_counter_ = 0;
};

IpmiResponse reply_to(const IpmiRequest& rq, std::uint8_t cc, Bytes data = {});

}  // namespace ipmict::session::testing
