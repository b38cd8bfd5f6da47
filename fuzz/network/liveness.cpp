#include "fuzz/network/liveness.hpp"

#include "transports/asf_ping.hpp"
#include "transports/lan_client.hpp"
#include "transports/udp_link.hpp"

namespace ipmict::netfuzz {

std::string_view verdict_name(Verdict v) {
  switch (v) {
    case Verdict::alive: return "alive";
    case Verdict::refused: return "answers but refuses a session";
    case Verdict::ipmi_silent: return "IPMI stopped answering (Presence Ping still answered)";
    case Verdict::silent: return "stopped answering (no Presence Pong, no session)";
    case Verdict::unreachable: return "gone (ICMP port unreachable)";
  }
  return "?";
}

bool is_down(Verdict v) { return v == Verdict::ipmi_silent || v == Verdict::silent || v == Verdict::unreachable; }

LivenessResult probe_liveness(const TargetEndpoint& endpoint, const Credentials& credentials,
                              session::Protocol protocol, const LivenessOptions& options) {
  LivenessResult result;
  if (options.use_asf) {
    auto link = transport::UdpLink::open(endpoint.host, endpoint.port);
    if (!link) {
      result.verdict = Verdict::unreachable;
      result.detail = link.error().message;
      return result;
    }
    transport::AsfPingOptions ping;
    ping.timeout = options.timeout;
    ping.retries = options.retries;
    ping.message_tag = 0x5a;
    auto pong = transport::asf_ping(**link, ping);
    if (!pong && pong.error().kind == transport::AsfPingError::Kind::unreachable) {
      result.verdict = Verdict::unreachable;
      result.detail = pong.error().message;
      return result;
    }
    // A malformed answer is still an answer.
    result.asf_answered = pong || pong.error().kind == transport::AsfPingError::Kind::malformed;
  }
  const Verdict no_answer = result.asf_answered ? Verdict::ipmi_silent : Verdict::silent;

  session::ClientConfig config;
  config.protocol = protocol;
  config.username = credentials.username;
  // IPMI 1.5 keys are 16 bytes (§22.17.1); the simulator and OpenIPMI store the first 16.
  const std::size_t max_password = protocol == session::Protocol::lan15 ? 16 : 20;
  const ByteView pw = credentials.password.first(max_password);
  config.password.assign(pw.begin(), pw.end());
  if (!credentials.kg.empty()) config.kg = Bytes(credentials.kg.view().begin(), credentials.kg.view().end());
  if (protocol == session::Protocol::lanplus) config.cipher_suite = credentials.cipher_suite;
  if (protocol == session::Protocol::lan15) config.auth_type = credentials.auth15;
  config.privilege = Privilege::user;  // enough for Get Device ID, allowed to every user
  config.timeout = options.timeout;
  config.retries = options.retries;
  auto client = transport::LanClient::connect(endpoint.host, endpoint.port, std::move(config));
  if (!client) {
    using K = transport::TransportError::Kind;
    const K kind = client.error().kind;
    result.detail = client.error().message;
    if (kind == K::session || kind == K::malformed) {
      result.verdict = Verdict::refused;
    } else if (kind == K::unreachable && client.error().message.find("refused") != std::string::npos) {
      result.verdict = Verdict::unreachable;
    } else {
      result.verdict = no_answer;
    }
    return result;
  }
  auto answer = (*client)->request(session::Request{0x06, 0x01, {}, 0, std::nullopt});
  if (!answer) {
    result.verdict = no_answer;
    result.detail = "session opened, then Get Device ID unanswered: " + answer.error().message;
    return result;
  }
  result.verdict = Verdict::alive;
  result.detail = "Get Device ID answered, completion code " + std::to_string(answer->completion_code);
  return result;
}

}  // namespace ipmict::netfuzz
