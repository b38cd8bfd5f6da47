#pragma once
// The LAN transport: IPMI 1.5 ("lan") and RMCP+ ("lanplus") sessions over UDP. It is only
// glue (DESIGN.md §6): the session logic is protocol/session's ClientSession, a state
// machine without I/O; this class moves its datagrams through a UdpLink and calls tick()
// at its deadlines. Synchronous, like every Transport: one call, one bounded wait.
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <tl/expected.hpp>

#include "protocol/session/client_session.hpp"
#include "transports/datagram_tap.hpp"
#include "transports/pcap_writer.hpp"
#include "transports/transport.hpp"

namespace ipmict::transport {

// What the client saw of the BMC's packets, for conformance cases (harness/runner): facts
// the session state machine tolerates but a case may want to judge. Observations only;
// nothing here changes how the session behaves.
struct LanObservations {
  // Why the session dropped datagrams (out of window, bad AuthCode ...), oldest first; at
  // most the first 1000 are kept.
  std::vector<std::string> discarded;
  // The session sequence number of every in-session RMCP+ packet received (Session ID not
  // 0), in arrival order; at most the first 1000.
  std::vector<std::uint32_t> inbound_sequences;
  // For each request answered by exactly one in-session packet after exactly one send
  // (no retry, nothing lost), following a request that was too: this reply's sequence
  // number minus the previous reply's. IPMI 2.0 §13.28.1: 1 every time.
  std::vector<std::int64_t> sequence_steps;
  // Authenticated in-session RMCP+ packets whose Integrity PAD was not the shortest that
  // aligns AuthType..Next Header to 4 bytes (IPMI 2.0 §13.6 Table 13-8, I-PAD-ALIGNED),
  // each as "pad length 4 where 0 aligns (sequence N)"; at most the first 100.
  std::vector<std::string> pad_not_minimal;
  std::size_t authenticated_packets = 0;  // in-session packets whose pad was checked
  // Requests answered only after the client sent them again (its timeout passed: the
  // request or the answer was lost), and requests never answered at all.
  std::size_t resent_requests = 0;
};

class LanClient final : public Transport {
 public:
  // Opens the session: resolves host, runs the handshake until Established or a failure.
  // The failure keeps the session's own one-line message, prefixed with its step ("RAKP 2:
  // wrong password or user name (RAKP 2 HMAC mismatch)"). Kinds: unreachable (bad host,
  // ICMP refused, or no answer at all), session (rejected, authentication, unsupported),
  // malformed, io. `tap` (not owned, may be null) sees every datagram, from the first: a
  // PcapWriter, a run's shared capture (harness/runner/run_capture.hpp), or the security
  // probes' recorder.
  // When the set-up fails and `observed_on_failure` is given, it receives what the client
  // saw until then (e.g. a reply it discarded because its AuthCode did not verify).
  static tl::expected<std::unique_ptr<LanClient>, TransportError> connect(std::string host, std::uint16_t port,
                                                                          session::ClientConfig config,
                                                                          DatagramTap* tap = nullptr,
                                                                          LanObservations* observed_on_failure = nullptr);
  ~LanClient() override;  // close()s a session still open (bounded by the session's timeouts)
  LanClient(const LanClient&) = delete;
  LanClient& operator=(const LanClient&) = delete;

  // Sends one request in the session and waits for its answer. A non-zero completion code
  // is an answer, not an error.
  tl::expected<session::Response, TransportError> request(const session::Request& request) override;
  // Close Session, then waits (bounded) for its answer; idempotent.
  void close() override;
  // Drops the session without sending Close Session: for a session the BMC has already
  // closed (a Close Session sent through it succeeded), where waiting for an answer to a
  // second Close Session would only cost the timeouts.
  void forget();
  // Sends `datagram` as is on the session's own socket and returns what the BMC sent back
  // within `wait`, without giving it to the session. For the security probes
  // (harness/runner/probes/): a replayed or forged packet in the session's conversation,
  // from the session's own address and port, as an attacker on the path would send it.
  tl::expected<std::vector<Bytes>, TransportError> send_raw(ByteView datagram, std::chrono::milliseconds wait);
  // "lanplus://ipmiusr@127.0.0.1:623 cipher suite 3, Administrator"; never the password.
  std::string describe() const override;

  const session::Established& established() const;
  // Why the session dropped datagrams (out of window, unknown session ...), oldest first;
  // at most the first 1000 are kept.
  const std::vector<std::string>& discarded() const;
  // Everything observed so far (discarded() included).
  const LanObservations& observations() const;
  // RMCP ACKs sent because the BMC asked for them (RMCP sequence number other than FFh).
  std::size_t rmcp_acks_sent() const;

 private:
  struct Impl;
  explicit LanClient(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace ipmict::transport
