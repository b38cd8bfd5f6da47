#pragma once
// The BMC side of IPMI LAN sessions as a state machine without I/O (DESIGN.md §6), the
// twin of client_session.hpp: IPMI 1.5 (Get Session Challenge, Activate Session) and RMCP+
// (Open Session, RAKP 1-4) session set-up with every implemented cipher suite and K_G,
// per-message authentication, integrity and confidentiality, inbound sequence windows,
// Set Session Privilege Level, Close Session, session limits and idle timeouts, and ASF
// Presence Ping. Everything else a client sends (including session-less Get Channel
// Authentication Capabilities / Cipher Suites) is handed to the BMC model as an
// InboundRequest, and its answer is framed back with respond().
//
// Named non-conformances (ServerQuirks) let the simulator's personalities break exactly
// one rule at a time (DESIGN.md §8).
#include <array>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "protocol/core/auth_type.hpp"
#include "protocol/core/bytes.hpp"
#include "protocol/core/privilege.hpp"
#include "protocol/session/client_session.hpp"  // Clock, TimePoint, Millis
#include "protocol/session/request.hpp"

namespace ipmict::session {

// One user as the session layer needs it (IPMI 2.0 §6.9, §22.26-22.30).
struct ServerUser {
  std::uint8_t id = 0;             // 1-based; 1 is the null user
  Bytes name;                      // up to 16 bytes; empty for the null user
  Bytes password;                  // up to 20 bytes as stored (16-byte passwords zero padded by the caller as needed)
  bool enabled = true;
  bool ipmi_messaging = true;      // Set User Access bit 4 on the LAN channel
  Privilege privilege_limit = Privilege::administrator;  // on the LAN channel; no_access refuses
  unsigned session_limit = 0;      // 0 = only the channel's limit
};

// The users the BMC knows, looked up when a session starts. Implemented by the simulator's
// model; tests implement it directly.
class ServerDirectory {
 public:
  virtual ~ServerDirectory() = default;
  // RAKP 1 / Get Session Challenge: by name (empty name = the null user, "name-only" or not).
  virtual std::optional<ServerUser> user_by_name(ByteView name) const = 0;
};

// Rules the simulator can break on purpose, one flag per documented non-conformance.
struct ServerQuirks {
  bool accept_cipher_suite_0 = false;        // open RAKP-none sessions even when suite 0 is not offered
  bool rakp2_hmac_wrong_privilege = false;   // RAKP 2 HMAC over the role's privilege nibble only
  bool null_user_any_password = false;       // the null user authenticates with any password
  bool reuse_session_ids = false;            // hand out the same BMC session ID every time
  bool ignore_replay_window = false;         // accept any inbound sequence number, duplicates too
  bool outbound_sequence_off_by_one = false; // skip one number after each reply
  bool outbound_sequence_byte_swapped = false;
  bool usable_after_rakp1 = false;           // accept in-session requests before RAKP 3 (CVE-2021-39296 class)
  bool integrity_pad_always_4 = false;       // integrity pad of 4 when already aligned (other reading)
  bool sequential_session_ids = false;       // session IDs from a counter (100h, 101h ...): predictable
  bool keep_closed_sessions = false;         // Close Session answers 00h but the session stays usable
  bool privilege_above_limit = false;        // Set Session Privilege Level grants up to Administrator, limits ignored
  bool hold_half_open_sessions = false;      // sessions in set-up never time out and are never reclaimed
  friend bool operator==(const ServerQuirks&, const ServerQuirks&) = default;
};

struct ServerConfig {
  std::uint8_t channel = 1;                 // the LAN channel this server serves
  bool ipmi15 = true;                       // IPMI 1.5 sessions allowed on the channel
  bool ipmi20 = true;                       // RMCP+ sessions allowed
  Privilege channel_privilege_limit = Privilege::administrator;
  // IPMI 1.5: auth types enabled per privilege (index 1 callback .. 5 OEM), as
  // Get Channel Auth Caps and Set LAN Configuration Parameters 2 (Table 23-4) describe.
  std::uint8_t auth_types[6] = {0, 0x16, 0x16, 0x16, 0x16, 0x00};  // MD2, MD5, straight
  // RMCP+: offered suites and each one's maximum privilege (Set LAN Config params 22-24).
  struct Suite {
    std::uint8_t id = 0;
    Privilege max_privilege = Privilege::administrator;
  };
  std::vector<Suite> cipher_suites{{3, Privilege::administrator}, {17, Privilege::administrator}};
  std::optional<Bytes> kg;                  // K_G; absent / all zero = unset
  std::array<std::uint8_t, 16> guid{};      // System GUID, sent in RAKP 2 (§13.21) and hashed into RAKP 2/4
  unsigned max_sessions = 8;
  Millis session_timeout{60000};            // idle time after which a session is closed
  ServerQuirks quirks;
  std::function<void(std::uint8_t* out, std::size_t n)> random;  // empty = OpenSSL RAND_bytes
};

// The remote console, as the transport saw it (for Get Session Info and for telling
// sessions apart).
struct Peer {
  std::string address;  // "127.0.0.1" / "::1"
  std::uint16_t port = 0;
  friend bool operator==(const Peer&, const Peer&) = default;
};

// Who is asking, for the BMC model's privilege checks and session commands.
struct RequestContext {
  std::uint8_t channel = 1;
  std::uint32_t session_id = 0;           // BMC session ID; 0 = session-less
  std::optional<Privilege> privilege;     // the session's current privilege; nullopt = session-less
  std::uint8_t user_id = 0;
  bool ipmi20 = false;                    // session type (Get Session Info byte 7)
  Peer peer;
};

// An IPMI request for the BMC model, with a token respond() needs to frame the answer.
struct InboundRequest {
  RequestContext context;
  std::uint8_t rs_addr = 0x20;  // echoed as the response's rsAddr
  std::uint8_t rq_addr = 0x81;
  std::uint8_t rq_seq = 0;
  std::uint8_t rq_lun = 0;
  std::uint8_t rs_lun = 0;
  Request request;
  std::uint64_t token = 0;
};

// One row of the session table (Get Session Info, §22.20).
struct SessionInfo {
  std::uint8_t handle = 0;
  std::uint32_t session_id = 0;
  std::uint8_t user_id = 0;
  Privilege privilege = Privilege::unspecified;
  bool ipmi20 = false;
  std::uint8_t channel = 1;
  Peer peer;
};

class ServerSessions {
 public:
  ServerSessions(ServerConfig config, const ServerDirectory& directory);
  ~ServerSessions();
  ServerSessions(const ServerSessions&) = delete;
  ServerSessions& operator=(const ServerSessions&) = delete;

  struct Received {
    std::vector<Bytes> replies;             // datagrams to send back to the peer now
    std::optional<InboundRequest> request;  // for the BMC model; answer with respond()
    std::vector<std::string> notes;         // why a datagram was dropped, for logs and tests
  };
  Received receive(const Peer& peer, ByteView datagram, TimePoint now);

  // Frames the BMC's answer for the session (or session-less exchange) the request came
  // in on; empty when that session has since closed.
  Bytes respond(const InboundRequest& request, const Response& response, TimePoint now);

  // Expires idle sessions.
  void tick(TimePoint now);
  std::optional<TimePoint> next_deadline() const;

  std::vector<SessionInfo> sessions() const;
  unsigned max_sessions() const;
  const ServerConfig& config() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ipmict::session
