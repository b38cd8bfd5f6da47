#pragma once
// Probes: the checks of a `probe:` step (docs/case-format.md "Probes", docs/security.md),
// for what send/raw/session steps cannot express: half-finished handshakes, replayed and
// malformed datagrams, many sessions in a row. One file per probe in this folder; this
// header is what they share: the ProbeRun (the target, the arguments, and helpers that
// record every exchange as evidence) and the registry.
//
// A probe judges what it saw itself: it is silent (the BMC behaved), fired (the bad
// behaviour was seen: each line says what, as "expected ..., seen ..."), an advisory (a
// risk the specification itself carries, reported without failing), or an error (it could
// not judge: the target is unreachable, the run's own login fails).
//
// Secrets: the run's password is used to log in and never written into evidence; wrong
// and factory-default passwords the probes try are public and may be named.
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <tl/expected.hpp>

#include "harness/cases/case_model.hpp"
#include "harness/runner/executor.hpp"
#include "harness/runner/report_model.hpp"
#include "protocol/catalog/catalog.hpp"
#include "transports/lan_client.hpp"
#include "transports/udp_link.hpp"

namespace ipmict::capture {
class Dissector;
}

namespace ipmict::runner::probes {

using Clock = std::chrono::steady_clock;

// One item of a probe's transcript; becomes one StepRecord of the probe step.
struct Evidence {
  std::string action;  // "session open (RMCP+ suite 0, wrong password)", "replayed request 1"
  std::optional<Exchange> exchange;
  std::optional<SessionRecord> session;
};

struct ProbeResult {
  enum class Kind : std::uint8_t { silent, fired, advisory, error } kind = Kind::silent;
  std::vector<std::string> lines;  // fired: what was seen; advisory: the risk; error: why

  static ProbeResult silent() { return {}; }
  static ProbeResult fired(std::vector<std::string> lines) { return {Kind::fired, std::move(lines)}; }
  static ProbeResult advisory(std::vector<std::string> lines) { return {Kind::advisory, std::move(lines)}; }
  static ProbeResult error(std::string why) { return {Kind::error, {std::move(why)}}; }
};

class ProbeRun {
 public:
  ProbeRun(TargetContext& target, const catalog::Catalog& catalog, const cases::ProbeAction& action,
           const Variables& variables, Clock::time_point deadline);
  ~ProbeRun();
  ProbeRun(const ProbeRun&) = delete;
  ProbeRun& operator=(const ProbeRun&) = delete;

  const cases::ProbeAction& action() const { return action_; }
  const catalog::Catalog& catalog() const { return catalog_; }
  TargetContext& target() { return target_; }
  bool expired() const { return Clock::now() >= deadline_; }

  // The run's LAN endpoint (the probe step is gated on one: harness/runner/executor.cpp).
  const LanEndpoint& lan() const { return *target_.lan; }
  // How long one datagram sent once may take to be answered: the endpoint's timeout for one
  // try. A probe sends each raw datagram once (a retry would be a second, different test),
  // so waiting through the retries' time as well would only lengthen every proof of silence.
  std::chrono::milliseconds answer_wait() const;
  // The run's user name ($admin_user), for labels.
  std::string admin_user() const;
  // A probe argument that names a user or password: "$variable", or the text itself.
  tl::expected<Bytes, std::string> text_value(const std::string& text) const;
  // The LAN channel to name in requests ($lan_channel, else 0Eh "this channel").
  std::uint8_t lan_channel() const;

  // The run's client configuration (host, port, timeouts, user, password, suite).
  session::ClientConfig base_config() const;

  // Opens a session and records it (established, or where and why it failed).
  tl::expected<std::unique_ptr<transport::LanClient>, transport::TransportError> open(
      session::ClientConfig config, const std::string& label, transport::DatagramTap* tap = nullptr);
  // One request on `t` (a catalog command's fields, or raw data), recorded.
  tl::expected<session::Response, transport::TransportError> request(transport::Transport& t, const std::string& via,
                                                                     const session::Request& rq, const std::string& label);
  tl::expected<session::Response, transport::TransportError> send(transport::Transport& t, const std::string& via,
                                                                  std::string_view command_id,
                                                                  const catalog::FieldValues& fields,
                                                                  const std::string& label);
  // The same on the run's own session at its default privilege (the session pool).
  tl::expected<session::Response, transport::TransportError> send_as_run(std::string_view command_id,
                                                                         const catalog::FieldValues& fields,
                                                                         const std::string& label);
  // The request that proves Administrator access without changing anything: Set Channel
  // Access with "don't set or change" for both the access and the privilege limit
  // (IPMI 2.0 §22.22), a command only an Administrator may send.
  session::Request administrator_noop() const;

  // A fresh UDP socket to the BMC, for datagrams outside any session.
  tl::expected<std::unique_ptr<transport::UdpLink>, transport::TransportError> raw_link() const;
  // Sends a datagram on `link` and collects what comes back within `wait`, recorded with
  // the decoded text of each datagram (capture::Dissector).
  tl::expected<std::vector<Bytes>, transport::TransportError> exchange_datagram(transport::UdpLink& link, ByteView datagram,
                                                                              std::chrono::milliseconds wait,
                                                                              const std::string& label);
  // Records a datagram sent some other way (LanClient::send_raw) and its replies.
  void record_datagrams(const std::string& label, const std::string& via, ByteView sent,
                        const std::vector<Bytes>& replies, const std::string& error = {});

  // Can a console still log in and be answered? A new session as the run's user and Get
  // Device ID; nullopt when both worked, else why not. Recorded.
  std::optional<std::string> login_works(const std::string& label);

  void record(Evidence e) { evidence_.push_back(std::move(e)); }
  std::vector<Evidence>& evidence() { return evidence_; }

 private:
  std::string dissect(ByteView datagram, bool from_bmc);

  TargetContext& target_;
  const catalog::Catalog& catalog_;
  const cases::ProbeAction& action_;
  const Variables& variables_;
  Clock::time_point deadline_;
  std::vector<Evidence> evidence_;
  std::unique_ptr<capture::Dissector> dissector_;
  std::size_t frames_ = 0;
};

// Get Device ID (IPMI 2.0 §20.1): mandatory, User privilege, no data: the probes' "does
// this session answer?".
inline session::Request get_device_id() { return session::Request{0x06, 0x01, {}, 0, std::nullopt}; }

// What a session that should not exist can do: Get Device ID (User), then the
// Administrator no-op (ProbeRun::administrator_noop), both recorded. `worked` when one of
// them completed (00h); `text` says what each did, for the finding.
struct Access {
  bool worked = false;
  bool administrator = false;
  std::string text;
};
Access prove_access(ProbeRun& run, transport::LanClient& session, const std::string& label);

// A password that is certainly not `real`: its first `max_length` bytes (16 for IPMI 1.5,
// 20 for RMCP+) with the last one changed ("wrong" when empty).
Bytes wrong_password(const Bytes& real, std::size_t max_length = 20);
// "\"admin\"" or "the null user (no name)".
std::string user_label(const Bytes& name);

using ProbeFunction = ProbeResult (*)(ProbeRun&);
// The implementation of a probe named in harness/cases/probe_spec.cpp; null when none.
ProbeFunction find_probe(std::string_view name);
// Every implemented probe's name (tests compare it with the spec list).
std::vector<std::string_view> implemented_probes();

// The probes (one file each).
ProbeResult login(ProbeRun& run);               // login.cpp
ProbeResult ipmi15_auth_type(ProbeRun& run);    // ipmi15_auth_type.cpp
ProbeResult rakp2_disclosure(ProbeRun& run);    // rakp2_disclosure.cpp
ProbeResult null_user(ProbeRun& run);           // null_user.cpp
ProbeResult default_credentials(ProbeRun& run); // default_credentials.cpp
ProbeResult session_ids(ProbeRun& run);         // session_ids.cpp
ProbeResult replay(ProbeRun& run);              // replay.cpp
ProbeResult closed_session(ProbeRun& run);      // closed_session.cpp
ProbeResult before_rakp3(ProbeRun& run);        // before_rakp3.cpp
ProbeResult malformed_datagrams(ProbeRun& run); // malformed_datagrams.cpp
ProbeResult session_flood(ProbeRun& run);       // session_flood.cpp

}  // namespace ipmict::runner::probes
