#pragma once
// Internal: the state behind ClientSession, shared by the files that implement it, one
// concept each (DESIGN.md §11):
//   client_session.cpp     public API, the receive dispatcher, timers, requests, close
//   lanplus_packets.cpp    RMCP+ framing in and out (integrity, AES, sequence window)
//   lan15_packets.cpp      IPMI 1.5 framing in and out (AuthCodes, sequence window)
//   lanplus_handshake.cpp  Get Channel Auth Caps, Cipher Suites, Open Session, RAKP 1-4
//   lan15_handshake.cpp    Get Channel Auth Caps, Get Session Challenge, Activate Session
// Not installed for other layers: include client_session.hpp instead.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "protocol/crypto/cipher_suite.hpp"
#include "protocol/crypto/rakp_auth.hpp"
#include "protocol/crypto/secure_bytes.hpp"
#include "protocol/session/bridging.hpp"
#include "protocol/session/client_session.hpp"
#include "protocol/session/random_source.hpp"
#include "protocol/session/request_queue.hpp"
#include "protocol/session/sequence_window.hpp"
#include "protocol/session/session_commands.hpp"
#include "protocol/wire/payload_type.hpp"
#include "protocol/wire/rmcpplus_session.hpp"
#include "protocol/wire/session15.hpp"

namespace ipmict::session {

// What the session is waiting for. The names are Failure::step.
enum class Step : std::uint8_t {
  none,
  auth_caps,
  cipher_suites,
  open_session,
  rakp2,
  rakp4,
  session_challenge,
  activate_session,
  set_privilege,
  request,
  close_session,
};
std::string_view step_name(Step step);

inline Failure make_failure(Step step, Failure::Kind kind, std::string message,
                            std::optional<std::uint8_t> status = std::nullopt) {
  return Failure{kind, std::string(step_name(step)), std::move(message), status};
}

// "0Dh"
std::string hex_byte(std::uint8_t value);
// "status 0Dh (Unauthorized name)": an RMCP+ status with the spec's name (Table 13-15).
std::string rmcpplus_status_text(std::uint8_t status);

// How an IPMI message is wrapped for the LAN.
enum class Framing : std::uint8_t {
  sessionless15,     // IPMI 1.5 header, auth type none, session 0 (Get Channel Auth Caps, §22.13)
  sessionless_plus,  // RMCP+ header, session 0, unauthenticated (Get Channel Cipher Suites, §22.15)
  activation,        // IPMI 1.5 header with the temporary session ID and sequence 0 (§22.17)
  in_session,        // the established (or activating) session's own framing
};

// The one exchange in flight.
struct Pending {
  Step step = Step::none;
  Framing framing = Framing::in_session;
  std::optional<WrappedRequest> message;  // IPMI-message steps: re-framed on every send
  Bytes datagram;                          // RMCP+ setup payloads: resent verbatim
  unsigned sends = 0;
  unsigned max_sends = 1;
  TimePoint deadline{};
  // Step::request only
  RequestId request_id = 0;
  bool awaiting_separate = false;   // bridged: Send Message answered without data
  bool after_reactivation = false;  // lan15: the one resend after re-activation
};

struct ClientSession::Impl {
  explicit Impl(ClientConfig c);

  ClientConfig config;
  RandomSource random;
  ClientState state = ClientState::idle;
  std::vector<Bytes> outgoing;
  std::vector<Event> events;
  RequestQueue queue;
  std::optional<Pending> pending;
  Privilege granted = Privilege::unspecified;
  std::uint32_t bmc_session_id = 0;  // the ID the BMC knows the session by (both protocols)
  // The session commands' catalog descriptors: SessionCommands::shared(), built once per
  // process (decode errors point into it, and it outlives every session).
  const SessionCommands& commands;

  // --- RMCP+ ---
  std::vector<std::uint8_t> suite_candidates;
  std::size_t candidate = 0;
  bool suite_explicit = false;
  Bytes cipher_records;
  std::uint8_t cipher_list_index = 0;
  const crypto::CipherSuite* suite = nullptr;
  std::uint32_t console_session_id = 0;
  std::uint8_t message_tag = 0;
  crypto::RakpInputs rakp{};
  crypto::SecureBytes user_key;  // K_UID, also the MD5-128 integrity password (§13.28.4)
  crypto::SecureBytes kg;        // K_G zero padded to 20 bytes, or empty
  crypto::SecureBytes sik, k1, k2;
  std::uint32_t plus_outbound = 0;  // last session sequence number sent
  SequenceWindow plus_inbound{SequenceWindow::kRmcpPlus};

  // --- IPMI 1.5 ---
  AuthType auth_type = AuthType::none;          // chosen for Activate Session
  AuthType session_auth_type = AuthType::none;  // for the rest of the session (§22.17)
  crypto::SecureBytes password16;
  SessionChallenge challenge{};
  std::uint32_t initial_outbound = 0;  // the sequence we asked the BMC to start at
  std::uint32_t v15_outbound = 0;      // next session sequence number to send
  SequenceWindow v15_inbound{SequenceWindow::kIpmi15};
  std::optional<Pending> resume;  // the request to resend once re-activated
  bool reactivating = false;

  // --- client_session.cpp ---
  void emit(Event e) { events.push_back(std::move(e)); }
  void discard(std::string reason) { emit(Discarded{std::move(reason)}); }
  void send_message(Step step, std::uint8_t netfn, std::uint8_t cmd, Bytes data, Framing framing,
                    unsigned max_sends, TimePoint now);
  // A session command encoded by `commands`; an encoding error fails the session.
  void send_command(Step step, const catalog::CommandDescriptor& cmd, Encoded data, Framing framing,
                    unsigned max_sends, TimePoint now);
  void send_pending(TimePoint now);
  void fail_session(Failure failure);
  void on_message(const IpmiResponse& response, std::size_t data_offset, TimePoint now);
  void on_malformed(std::string what, const DecodeError& error);
  void on_established(TimePoint now);
  // The Get Channel Authentication Capabilities answer, common to both handshakes: a
  // non-zero completion code fails the session, a malformed answer goes to on_malformed
  // (nullopt either way); otherwise the exchange is over and the capabilities returned.
  std::optional<ChannelAuthCapabilities> accept_auth_caps(const IpmiResponse& r, std::size_t data_offset);
  void start_next_request(TimePoint now);
  unsigned tries() const { return config.retries + 1; }
  std::string no_response_text() const;

  // --- framing (lanplus_packets.cpp / lan15_packets.cpp) ---
  Bytes frame(const IpmiRequest& message, Framing framing);  // empty on a crypto failure
  Bytes plus_frame_sessionless(const IpmiRequest& message);
  Bytes plus_frame_setup(PayloadType type, ByteView payload);
  Bytes plus_frame_in_session(const IpmiRequest& message);
  void plus_receive(const RmcpPlusSession& packet, ByteView datagram, TimePoint now);
  Bytes v15_frame(const IpmiRequest& message, Framing framing);
  void v15_receive(const Session15& packet, TimePoint now);

  // --- lanplus_handshake.cpp ---
  void lanplus_start(TimePoint now);
  void lanplus_auth_caps(const IpmiResponse& r, std::size_t data_offset, TimePoint now);
  void lanplus_cipher_suites(const IpmiResponse& r, std::size_t data_offset, TimePoint now);
  void lanplus_cipher_suites_unanswered(TimePoint now);
  void lanplus_open_session(TimePoint now);
  void lanplus_open_session_response(ByteView payload, std::size_t offset, TimePoint now);
  void lanplus_rakp2(ByteView payload, std::size_t offset, TimePoint now);
  void lanplus_rakp4(ByteView payload, std::size_t offset, TimePoint now);
  void set_privilege(TimePoint now);
  void set_privilege_response(const IpmiResponse& r, std::size_t data_offset, TimePoint now);

  // --- lan15_handshake.cpp ---
  void lan15_start(TimePoint now);
  void lan15_auth_caps(const IpmiResponse& r, std::size_t data_offset, TimePoint now);
  void lan15_challenge(const IpmiResponse& r, std::size_t data_offset, TimePoint now);
  void lan15_activate(const IpmiResponse& r, std::size_t data_offset, TimePoint now);
};

}  // namespace ipmict::session
