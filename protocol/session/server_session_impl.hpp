#pragma once
// Internal: the state behind ServerSessions, shared by the files that implement it, one
// concept each (DESIGN.md §11):
//   server_session.cpp   public API, datagram dispatch (RMCP ACK, ASF ping), session table,
//                        limits, idle timeouts, respond()
//   server_lan15.cpp     IPMI 1.5: Get Session Challenge, Activate Session, per-message
//                        AuthCodes, framing
//   server_lanplus.cpp   RMCP+: Open Session, RAKP 1-4, integrity, AES, framing
//   server_commands.cpp  Set Session Privilege Level and Close Session (both protocols)
// Not installed for other layers: include server_session.hpp instead.
#include <array>
#include <cstdint>
#include <list>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "protocol/catalog/catalog.hpp"
#include "protocol/crypto/cipher_suite.hpp"
#include "protocol/crypto/rakp_auth.hpp"
#include "protocol/crypto/secure_bytes.hpp"
#include "protocol/session/random_source.hpp"
#include "protocol/session/sequence_window.hpp"
#include "protocol/session/server_session.hpp"
#include "protocol/wire/lan_message.hpp"
#include "protocol/wire/rmcpplus_session.hpp"
#include "protocol/wire/session15.hpp"

namespace ipmict::session {

// How a reply is wrapped (the token of an InboundRequest carries it).
enum class ServerFraming : std::uint8_t {
  sessionless15 = 1,     // IPMI 1.5 header, auth type none, session 0
  sessionless_plus = 2,  // RMCP+ header, session 0, no trailer
  in_session = 3,        // the session's own framing (1.5 AuthCode or RMCP+ integrity/AES)
};

enum class ServerSessionState : std::uint8_t {
  opened,      // RMCP+: Open Session answered, waiting for RAKP 1
  rakp2_sent,  // RMCP+: RAKP 2 sent, waiting for RAKP 3
  active,      // established (RAKP 4 sent / Activate Session answered)
};

// RMCP+ per-session OpenSSL state (server_lanplus.cpp): an HMAC context keyed with K1 and
// AES-128-CBC contexts keyed with K2, made once per key instead of once per packet, and the
// per-session part of the IV construction. Built on first use after RAKP 1 derived the keys.
struct PlusSessionCrypto;
struct PlusSessionCryptoFree {
  void operator()(PlusSessionCrypto* p) const;
};
using PlusSessionCryptoPtr = std::unique_ptr<PlusSessionCrypto, PlusSessionCryptoFree>;

struct ServerSession {
  explicit ServerSession(bool plus)
      : ipmi20(plus), inbound(plus ? SequenceWindow::kRmcpPlus : SequenceWindow::kIpmi15) {}

  std::uint64_t serial = 0;  // unique for the life of the server; tokens name it
  std::uint8_t handle = 0;   // Get Session Info / Close Session handle (§22.20)
  bool ipmi20 = false;
  ServerSessionState state = ServerSessionState::opened;
  std::uint32_t id = 0;  // the BMC's (managed system) session ID
  Peer peer;
  TimePoint last_activity{};
  std::optional<ServerUser> user;  // known from RAKP 1 / Get Session Challenge on
  Privilege max_privilege = Privilege::user;  // the most Set Session Privilege Level may grant
  Privilege privilege = Privilege::user;      // current operating level
  std::uint32_t outbound = 0;  // RMCP+: last number sent; IPMI 1.5: next number to send
  SequenceWindow inbound;

  // --- RMCP+ ---
  std::uint32_t console_id = 0;
  const crypto::CipherSuite* suite = nullptr;
  std::uint8_t open_tag = 0;  // Open Session message tag, to answer a retransmission alike
  crypto::RakpInputs rakp{};
  crypto::SecureBytes user_key, sik, k1, k2;
  PlusSessionCryptoPtr fast;  // from k1/k2; reset whenever they change

  // --- IPMI 1.5 ---
  AuthType auth_type = AuthType::none;
  crypto::SecureBytes password16;
};

// A Get Session Challenge answered and not yet used by Activate Session (§22.16).
struct PendingChallenge {
  std::uint32_t temporary_id = 0;
  std::array<std::uint8_t, 16> challenge{};
  AuthType auth_type = AuthType::none;
  ServerUser user;
  TimePoint created{};
};

struct ServerSessions::Impl {
  Impl(ServerConfig c, const ServerDirectory& d);

  ServerConfig config;
  const ServerDirectory& directory;
  RandomSource random;
  const catalog::Catalog& catalog;  // the shared built-in one: read only
  const catalog::CommandDescriptor* cmd_session_challenge = nullptr;
  const catalog::CommandDescriptor* cmd_activate_session = nullptr;
  const catalog::CommandDescriptor* cmd_set_privilege = nullptr;
  const catalog::CommandDescriptor* cmd_close_session = nullptr;
  crypto::SecureBytes kg;  // K_G zero padded to 20 bytes, or empty when unset
  std::list<ServerSession> table;  // a list: references stay valid while others come and go
  std::vector<PendingChallenge> challenges;
  std::uint64_t next_serial = 1;
  std::uint8_t last_handle = 0;
  std::optional<std::uint32_t> reused_id;  // quirks.reuse_session_ids
  std::uint32_t id_counter = 0x100;        // quirks.sequential_session_ids
  std::optional<std::uint64_t> kept_closed;  // quirks.keep_closed_sessions: the last "closed" session, still alive

  // The reply being built for the current datagram.
  ServerSessions::Received* out = nullptr;
  void note(std::string why) {
    if (out != nullptr) out->notes.push_back(std::move(why));
  }
  void reply(Bytes datagram) {
    if (out != nullptr && !datagram.empty()) out->replies.push_back(std::move(datagram));
  }

  // --- server_session.cpp ---
  ServerSession* find_serial(std::uint64_t serial);
  ServerSession* find_id(std::uint32_t id, bool ipmi20);
  void erase_serial(std::uint64_t serial);
  std::uint32_t fresh_id();        // random, non-zero, unused
  std::uint32_t new_session_id();  // fresh_id(), or the reused one (quirks.reuse_session_ids)
  std::uint8_t new_handle();
  ServerSession& add_session(bool ipmi20, const Peer& peer, TimePoint now);
  std::size_t user_sessions(std::uint8_t user_id) const;
  void expire(TimePoint now);
  // Frees the slot of the oldest session still in set-up (Open Session answered, RAKP 3
  // not verified) for a new Open Session when the table is full; false when none is.
  bool reclaim_setup_slot();
  bool offers_suite(std::uint8_t id) const;
  std::optional<Privilege> suite_max_privilege(std::uint8_t id) const;
  Privilege user_limit(const ServerUser& user) const;  // min(user, channel)
  std::uint32_t next_outbound_plus(ServerSession& s);
  std::uint32_t next_outbound15(ServerSession& s);
  void pass_to_bmc(const IpmiRequest& m, ServerFraming framing, ServerSession* s, const Peer& peer);
  Bytes frame(ServerFraming framing, ServerSession* s, const IpmiResponse& r);
  static IpmiResponse response_to(const IpmiRequest& m, std::uint8_t cc, Bytes data = {});

  // --- server_lan15.cpp ---
  void v15_receive(const Session15& packet, const Peer& peer, TimePoint now);
  void v15_session_challenge(const IpmiRequest& m, TimePoint now);
  void v15_activate(const Session15& packet, PendingChallenge challenge, TimePoint now, const Peer& peer);
  Bytes v15_frame_sessionless(const IpmiResponse& r);
  Bytes v15_frame_session(ServerSession& s, const IpmiResponse& r);
  Bytes v15_frame(AuthType type, std::uint32_t session_id, std::uint32_t sequence, const crypto::SecureBytes& password16,
                  const IpmiResponse& r);
  Bytes v15_frame_activation(const PendingChallenge& c, const crypto::SecureBytes& password16, std::uint32_t sequence,
                             const IpmiResponse& r);

  // --- server_lanplus.cpp ---
  void plus_receive(ByteView datagram, const Peer& peer, TimePoint now);
  void plus_open_session(const RmcpPlusSession& packet, const Peer& peer, TimePoint now);
  void plus_rakp1(const RmcpPlusSession& packet, TimePoint now);
  void plus_rakp3(const RmcpPlusSession& packet, TimePoint now);
  void plus_in_session(const RmcpPlusSession& packet, ByteView datagram, ServerSession& s, const Peer& peer,
                       TimePoint now);
  Bytes plus_frame_setup(PayloadType type, const Bytes& payload);
  Bytes plus_frame_sessionless(const IpmiResponse& r);
  Bytes plus_frame_session(ServerSession& s, const IpmiResponse& r);
  PlusSessionCrypto* plus_crypto(ServerSession& s);  // null when OpenSSL fails

  // --- server_commands.cpp ---
  // True when the message is a session command answered here (the reply is queued).
  bool session_command(const IpmiRequest& m, ServerSession& s, TimePoint now);
  void set_session_privilege(const IpmiRequest& m, ServerSession& s);
  void close_session(const IpmiRequest& m, ServerSession& s);
};

// Token layout: [63:56] ServerFraming, [55:0] the session's serial (0 when session-less).
inline std::uint64_t make_token(ServerFraming f, std::uint64_t serial) {
  return (static_cast<std::uint64_t>(f) << 56) | (serial & 0x00ffffffffffffffu);
}

// Zero padded copy of a secret.
crypto::SecureBytes server_padded(ByteView secret, std::size_t length);

}  // namespace ipmict::session
