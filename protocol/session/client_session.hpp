#pragma once
// The client side of an IPMI LAN session as a state machine without I/O (DESIGN.md §6):
// IPMI 1.5 ("lan": Get Channel Authentication Capabilities, Get Session Challenge, Activate
// Session, Set Session Privilege Level, Close Session) and RMCP+ ("lanplus": Get Channel
// Authentication Capabilities, Get Channel Cipher Suites, Open Session, RAKP 1-4, Set
// Session Privilege Level, Close Session).
//
// Inputs are datagrams and the time; outputs are datagrams to send and events. The caller
// (transports/lan_client.cpp, tests, fuzz targets) moves the datagrams and calls tick()
// at next_deadline(). Nothing here blocks, sleeps, reads a clock or touches a socket.
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "protocol/core/auth_type.hpp"
#include "protocol/core/bytes.hpp"
#include "protocol/core/privilege.hpp"
#include "protocol/session/request.hpp"

namespace ipmict::session {

using Clock = std::chrono::steady_clock;
using TimePoint = Clock::time_point;
using Millis = std::chrono::milliseconds;

enum class Protocol : std::uint8_t { lan15, lanplus };

struct ClientConfig {
  Protocol protocol = Protocol::lanplus;
  Bytes username;                     // up to 16 bytes; empty = the null user
  Bytes password;                     // up to 20 bytes (16 for IPMI 1.5); wiped on destruction
  std::optional<Bytes> kg;            // K_G, up to 20 bytes; absent/all zero = unset
  std::optional<std::uint8_t> cipher_suite;  // lanplus: absent = the strongest the BMC offers
  std::optional<AuthType> auth_type;         // lan15: absent = the strongest the BMC offers
  Privilege privilege = Privilege::administrator;
  bool name_only_lookup = true;       // RAKP 1 role bit 4
  std::uint8_t channel = 0x0e;        // "this channel" in Get Channel Auth Caps / Cipher Suites
  std::uint8_t rq_addr = 0x81;        // remote console software ID
  std::uint8_t rs_addr = 0x20;        // BMC slave address
  Millis timeout{1000};               // per datagram
  unsigned retries = 2;               // resends after the first try, per datagram
  // Session set-up replies that never come cost one timeout each; Get Channel Cipher
  // Suites is optional, so when it goes unanswered the client falls back to trying suites
  // 17, 3 (strongest first) instead of waiting `retries` times (DESIGN.md §12).
  // For the security probe `before-rakp3` only (CVE-2021-39296 class): after a verified
  // RAKP 2 the session counts as established at once, without RAKP 3 (so the console
  // never proves its key) and without Set Session Privilege Level, so that a request shows
  // whether the BMC serves a half-open session. Never set for ordinary use.
  bool skip_rakp3 = false;
  // Random bytes for session IDs, RAKP randoms and AES IVs; tests pass a deterministic one.
  std::function<void(std::uint8_t* out, std::size_t n)> random;

  ClientConfig() = default;
  ClientConfig(const ClientConfig&) = default;
  ClientConfig& operator=(const ClientConfig&) = default;
  // Moves leave the source's password and K_G empty, so no unwiped copy stays behind.
  ClientConfig(ClientConfig&&) noexcept = default;
  ClientConfig& operator=(ClientConfig&&) noexcept = default;
  ~ClientConfig();
};

enum class ClientState : std::uint8_t {
  idle,            // start() not called yet
  handshaking,     // capabilities, cipher suites, open session / challenge, RAKP, privilege
  established,     // requests may be submitted
  closing,         // Close Session sent
  closed,          // closed normally
  failed,          // the session could not be established or was lost; see the Failed event
};

// --- events -----------------------------------------------------------------------------

struct Established {
  std::uint32_t bmc_session_id = 0;
  std::uint32_t console_session_id = 0;      // lanplus
  std::optional<std::uint8_t> cipher_suite;  // lanplus
  std::optional<AuthType> auth_type;         // lan15
  Privilege privilege = Privilege::unspecified;
};

using RequestId = std::uint64_t;

struct Answered {
  RequestId id = 0;
  Response response;
};

// Why a request or the session failed. `step` names where ("Get Channel Authentication
// Capabilities", "Open Session", "RAKP 2", "RAKP 4", "Activate Session", "request"), and
// `message` is one line that says what to do ("wrong password or user name (RAKP 2 HMAC
// mismatch)", "status 0Dh (Invalid name)", "no response after 3 tries").
struct Failure {
  enum class Kind : std::uint8_t {
    timeout,            // no (valid) answer after every retry
    rejected,           // the BMC said no: an RMCP+ status or a completion code
    authentication,     // an HMAC / AuthCode did not verify (wrong password, K_G)
    malformed,          // the BMC's reply did not parse (a finding about the BMC)
    unsupported,        // nothing both sides support (cipher suite, auth type, privilege)
    closed,             // the session is gone (closed, or the BMC dropped it)
    bad_request,        // the caller's request cannot be sent (too long, not established)
  } kind = Kind::timeout;
  std::string step;
  std::string message;
  std::optional<std::uint8_t> status;  // RMCP+ status code or completion code, when there is one
};

struct RequestFailed {
  RequestId id = 0;
  Failure failure;
};

struct SessionFailed {
  Failure failure;
};

struct Closed {};

// A datagram the session ignored (out of window, unknown session, not for us): reported
// so that conformance code can count them; not an error by itself.
struct Discarded {
  std::string reason;
};

using Event = std::variant<Established, Answered, RequestFailed, SessionFailed, Closed, Discarded>;

// --- the state machine -----------------------------------------------------------------

class ClientSession {
 public:
  explicit ClientSession(ClientConfig config);
  ~ClientSession();
  ClientSession(const ClientSession&) = delete;
  ClientSession& operator=(const ClientSession&) = delete;

  // Begins the handshake: datagrams to send appear in take_outgoing().
  void start(TimePoint now);
  // A datagram from the BMC (the whole UDP payload).
  void receive(ByteView datagram, TimePoint now);
  // Advances timers: retries, timeouts, the session's own idle timeout.
  void tick(TimePoint now);
  // Queues a request; only once established (else RequestFailed with bad_request).
  // Requests are answered in order, one outstanding at a time.
  RequestId submit(Request request, TimePoint now);
  // Sends Close Session; Closed follows (or after a timeout, Closed anyway).
  void close(TimePoint now);

  std::vector<Bytes> take_outgoing();
  std::vector<Event> take_events();
  std::optional<TimePoint> next_deadline() const;
  ClientState state() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ipmict::session
