// What the probes share: the ProbeRun's helpers, each recording what it sent and saw.
#include "harness/runner/probes/probe.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "harness/runner/exchange_record.hpp"
#include "protocol/capture/dissector.hpp"

namespace ipmict::runner::probes {

namespace {

constexpr std::uint8_t kThisChannel = 0x0e;  // IPMI 2.0 §6.3: "the channel this request came in on"
// Bounds for datagrams a probe collects after one it sent (a BMC that floods us must not).
constexpr int kMaxRepliesKept = 16;


SessionRecord session_record(const tl::expected<std::unique_ptr<transport::LanClient>, transport::TransportError>& r) {
  SessionRecord s;
  s.action = "open";
  if (r) {
    s.established = true;
    s.detail = (*r)->describe() + fmt::format(" (BMC session ID {:08X}h)", (*r)->established().bmc_session_id);
  } else {
    s.established = false;
    const auto colon = r.error().message.find(": ");
    s.failed_at = colon == std::string::npos ? std::string() : r.error().message.substr(0, colon);
    s.status = r.error().status;
    s.detail = r.error().message;
  }
  return s;
}

}  // namespace

Bytes wrong_password(const Bytes& real, std::size_t max_length) {
  if (real.empty() || max_length == 0) return Bytes{'w', 'r', 'o', 'n', 'g'};
  Bytes w(real.begin(), real.begin() + static_cast<std::ptrdiff_t>(std::min(real.size(), max_length)));
  w.back() = w.back() == 'x' ? std::uint8_t{'y'} : std::uint8_t{'x'};
  return w;
}

std::string user_label(const Bytes& name) {
  if (name.empty()) return "the null user (no name)";
  return "\"" + std::string(name.begin(), name.end()) + "\"";
}

ProbeRun::ProbeRun(TargetContext& target, const catalog::Catalog& catalog, const cases::ProbeAction& action,
                   const Variables& variables, Clock::time_point deadline)
    : target_(target), catalog_(catalog), action_(action), variables_(variables), deadline_(deadline) {}

ProbeRun::~ProbeRun() = default;

std::chrono::milliseconds ProbeRun::answer_wait() const {
  return std::chrono::duration_cast<std::chrono::milliseconds>(lan().config.timeout);
}

std::string ProbeRun::admin_user() const {
  const auto it = variables_.find("admin_user");
  return it == variables_.end() ? std::string() : it->second.text;
}

tl::expected<Bytes, std::string> ProbeRun::text_value(const std::string& text) const {
  if (text.empty() || text[0] != '$') return Bytes(text.begin(), text.end());
  if (text == "$admin_password") return lan().config.password;
  const auto it = variables_.find(std::string_view(text).substr(1));
  if (it == variables_.end()) return tl::unexpected("undefined variable " + text);
  if (!it->second.text.empty()) return Bytes(it->second.text.begin(), it->second.text.end());
  return it->second.bytes;
}

std::uint8_t ProbeRun::lan_channel() const {
  const auto it = variables_.find("lan_channel");
  if (it == variables_.end() || !it->second.number) return kThisChannel;
  return static_cast<std::uint8_t>(*it->second.number);
}

session::ClientConfig ProbeRun::base_config() const { return lan().config; }

tl::expected<std::unique_ptr<transport::LanClient>, transport::TransportError> ProbeRun::open(
    session::ClientConfig config, const std::string& label, transport::DatagramTap* tap) {
  auto r = transport::LanClient::connect(lan().host, lan().port, std::move(config), tap);
  Evidence e;
  e.action = label;
  e.session = session_record(r);
  record(std::move(e));
  return r;
}

tl::expected<session::Response, transport::TransportError> ProbeRun::request(transport::Transport& t, const std::string& via,
                                                                             const session::Request& rq,
                                                                             const std::string& label) {
  Exchange ex = describe_request(catalog_.find(rq.netfn, rq.cmd), rq, false);
  ex.via = via;
  auto r = t.request(rq);
  describe_answer(ex, catalog_, rq, r);
  Evidence e;
  e.action = label;
  e.exchange = std::move(ex);
  record(std::move(e));
  return r;
}

tl::expected<session::Response, transport::TransportError> ProbeRun::send(transport::Transport& t, const std::string& via,
                                                                          std::string_view command_id,
                                                                          const catalog::FieldValues& fields,
                                                                          const std::string& label) {
  const auto* cmd = catalog_.find(command_id);
  if (cmd == nullptr) {
    return tl::unexpected(transport::TransportError{transport::TransportError::Kind::bad_request,
                                                    "command " + std::string(command_id) + " is not in the catalog", {}});
  }
  auto data = catalog::encode_request(*cmd, fields);
  if (!data) {
    return tl::unexpected(transport::TransportError{transport::TransportError::Kind::bad_request, data.error(), {}});
  }
  return request(t, via, session::Request{cmd->netfn, cmd->cmd, std::move(*data), 0, std::nullopt}, label);
}

tl::expected<session::Response, transport::TransportError> ProbeRun::send_as_run(std::string_view command_id,
                                                                                 const catalog::FieldValues& fields,
                                                                                 const std::string& label) {
  auto session = target_.pool != nullptr
                     ? target_.pool->get(target_.default_privilege)
                     : tl::expected<transport::Transport*, transport::TransportError>(tl::unexpected(
                           transport::TransportError{transport::TransportError::Kind::bad_request, "no session pool", {}}));
  if (!session) return tl::unexpected(session.error());
  return send(**session, "the run's session at " + describe_privilege(target_.default_privilege), command_id, fields,
              label);
}

session::Request ProbeRun::administrator_noop() const {
  // Set Channel Access (App 06h/40h): channel, then access "don't set or change" (00b in
  // [7:6]), then privilege limit "don't set or change" (00b in [7:6]).
  return session::Request{0x06, 0x40, {lan_channel(), 0x00, 0x00}, 0, std::nullopt};
}

tl::expected<std::unique_ptr<transport::UdpLink>, transport::TransportError> ProbeRun::raw_link() const {
  return transport::UdpLink::open(lan().host, lan().port);
}

std::string ProbeRun::dissect(ByteView datagram, bool from_bmc) {
  if (!dissector_) dissector_ = std::make_unique<capture::Dissector>(catalog_);
  capture::DatagramMeta meta;
  meta.frame = ++frames_;
  meta.src = from_bmc ? "BMC" : "ipmict";
  meta.dst = from_bmc ? "ipmict" : "BMC";
  return dissector_->dissect(meta, datagram).text;
}

void ProbeRun::record_datagrams(const std::string& label, const std::string& via, ByteView sent,
                                const std::vector<Bytes>& replies, const std::string& error) {
  Exchange ex;
  ex.command = "datagram";
  ex.via = via;
  ex.request.assign(sent.begin(), sent.end());
  ex.request_text = sent.empty() ? std::string("an empty UDP datagram (0 bytes)\n") : dissect(sent, false);
  ex.error = error;
  if (!replies.empty()) {
    ex.answered = true;
    ex.response = replies.front();
    for (std::size_t i = 0; i < replies.size() && i < static_cast<std::size_t>(kMaxRepliesKept); ++i) {
      ex.response_text += dissect(view(replies[i]), true);
    }
  } else if (error.empty()) {
    ex.error = "no answer within " + std::to_string(answer_wait().count()) + " ms";
  }
  Evidence e;
  e.action = label;
  e.exchange = std::move(ex);
  record(std::move(e));
}

tl::expected<std::vector<Bytes>, transport::TransportError> ProbeRun::exchange_datagram(transport::UdpLink& link,
                                                                                      ByteView datagram,
                                                                                      std::chrono::milliseconds wait,
                                                                                      const std::string& label) {
  const std::string via = "raw UDP to " + link.remote_endpoint().to_string();
  std::vector<Bytes> replies;
  auto sent = link.send(datagram);
  if (!sent) {
    record_datagrams(label, via, datagram, replies, sent.error().message);
    return tl::unexpected(sent.error());
  }
  // One answer is what a request asks for: waiting for more would only add the wait.
  auto got = link.receive(Clock::now() + wait);
  if (!got) {
    record_datagrams(label, via, datagram, replies, got.error().message);
    return tl::unexpected(got.error());
  }
  if (*got) replies.push_back(std::move(**got));
  record_datagrams(label, via, datagram, replies);
  return replies;
}

std::optional<std::string> ProbeRun::login_works(const std::string& label) {
  auto s = open(base_config(), label + ": a new session as " + user_label(lan().config.username));
  if (!s) return "a new session cannot be opened: " + s.error().message;
  auto r = request(**s, (*s)->describe(), get_device_id(), label + ": Get Device ID in it");
  (*s)->close();
  if (!r) return "Get Device ID in a new session is not answered: " + r.error().message;
  return std::nullopt;
}

Access prove_access(ProbeRun& run, transport::LanClient& session, const std::string& label) {
  Access a;
  const std::string via = session.describe();
  auto id = run.request(session, via, get_device_id(), label + ": Get Device ID (User)");
  const bool user_ok = id && id->completion_code == 0x00;
  auto admin = run.request(session, via, run.administrator_noop(),
                           label + ": Set Channel Access, no change (Administrator)");
  a.administrator = admin && admin->completion_code == 0x00;
  a.worked = user_ok || a.administrator;
  auto what = [](const tl::expected<session::Response, transport::TransportError>& r) {
    if (!r) return "not answered (" + r.error().message + ")";
    return r->completion_code == 0 ? std::string("completed (00h)") : fmt::format("refused ({:02X}h)", r->completion_code);
  };
  a.text = "Get Device ID " + what(id) + ", the Administrator command Set Channel Access " + what(admin);
  return a;
}

namespace {

struct Registered {
  std::string_view name;
  ProbeFunction function;
};

constexpr Registered kProbes[] = {
    {"login", &login},
    {"ipmi15-auth-type", &ipmi15_auth_type},
    {"rakp2-disclosure", &rakp2_disclosure},
    {"null-user", &null_user},
    {"default-credentials", &default_credentials},
    {"session-ids", &session_ids},
    {"replay", &replay},
    {"closed-session", &closed_session},
    {"before-rakp3", &before_rakp3},
    {"malformed-datagrams", &malformed_datagrams},
    {"session-flood", &session_flood},
};

}  // namespace

ProbeFunction find_probe(std::string_view name) {
  for (const auto& p : kProbes)
    if (p.name == name) return p.function;
  return nullptr;
}

std::vector<std::string_view> implemented_probes() {
  std::vector<std::string_view> out;
  for (const auto& p : kProbes) out.push_back(p.name);
  return out;
}

}  // namespace ipmict::runner::probes
