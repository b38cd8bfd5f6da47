#include "fuzz/network/lan15_session.hpp"

#include <algorithm>
#include <optional>

#include "protocol/core/writer.hpp"

namespace ipmict::netfuzz {
namespace {

constexpr std::uint8_t kNetfnApp = 0x06;
constexpr std::uint8_t kGetSessionChallenge = 0x39;
constexpr std::uint8_t kActivateSession = 0x3a;

std::uint32_t le32(const Bytes& b, std::size_t at) {
  return static_cast<std::uint32_t>(b[at]) | static_cast<std::uint32_t>(b[at + 1]) << 8 |
         static_cast<std::uint32_t>(b[at + 2]) << 16 | static_cast<std::uint32_t>(b[at + 3]) << 24;
}

// The IPMI 1.5 session wrapper around a request (§13.6): the AuthCode is computed at
// serialisation from `crypto` when the auth type has one.
StepMessage wrapped(std::uint8_t auth_type, std::uint32_t session_id, std::uint32_t sequence, const IpmiRequest& request,
                    std::optional<StepCrypto> crypto) {
  StepMessage m;
  m.kind = StepKind::session15;
  m.auth_type = auth_type;
  m.session_id = session_id;
  m.session_sequence = sequence;
  m.payload = encode_ipmi_request(request);
  m.ipmi_message = true;
  m.crypto = crypto;
  return m;
}

}  // namespace

StepCrypto Lan15Session::crypto() const {
  StepCrypto c;
  c.password16 = password16.view();
  return c;
}

void Lan15Session::reset() {
  stage = Stage::none;
  session_auth_type = AuthType::none;
  temporary_id = id = 0;
  challenge = {};
  next_sequence = answered_sequence = sent_sequence = 0;
  requests = 0;
}

bool answers(const Reply& r, std::uint8_t netfn, std::uint8_t cmd, std::uint8_t rq_seq) {
  return r.ipmi && r.ipmi->netfn == (netfn | 1) && r.ipmi->cmd == cmd && r.ipmi->rq_seq == (rq_seq & 0x3f);
}

StepMessage lan15_sessionless(const IpmiRequest& request) { return wrapped(0x00, 0, 0, request, std::nullopt); }

StepMessage session_challenge(Lan15Session& s, const Credentials& creds, std::uint8_t rq_seq) {
  s.reset();
  s.auth_type = creds.auth15;
  // §22.17.1: IPMI 1.5 passwords are 16 bytes; longer ones are cut the way BMCs store them.
  Bytes pw(16, 0);
  std::copy_n(creds.password.data(), std::min<std::size_t>(16, creds.password.size()), pw.begin());
  s.password16 = crypto::SecureBytes::adopt(std::move(pw));
  IpmiRequest req;
  req.netfn = kNetfnApp;
  req.cmd = kGetSessionChallenge;
  req.rq_seq = rq_seq;
  // §22.16: authentication type, user name (16 bytes, zero padded).
  req.data.push_back(static_cast<std::uint8_t>(s.auth_type));
  req.data.resize(17, 0);
  std::copy_n(creds.username.begin(), std::min<std::size_t>(16, creds.username.size()), req.data.begin() + 1);
  return lan15_sessionless(req);
}

bool read_session_challenge(Lan15Session& s, const Reply& r, std::uint8_t rq_seq) {
  if (!answers(r, kNetfnApp, kGetSessionChallenge, rq_seq) || r.ipmi->completion_code != 0 || r.ipmi->data.size() < 20) {
    return false;
  }
  s.temporary_id = le32(r.ipmi->data, 0);
  std::copy_n(r.ipmi->data.begin() + 4, 16, s.challenge.begin());
  s.stage = Lan15Session::Stage::challenged;
  return true;
}

StepMessage activate_session(Lan15Session& s, const Credentials& creds, std::uint8_t rq_seq,
                             std::uint32_t initial_outbound) {
  IpmiRequest req;
  req.netfn = kNetfnApp;
  req.cmd = kActivateSession;
  req.rq_seq = rq_seq;
  // §22.17: authentication type, maximum privilege, challenge, initial outbound sequence.
  Writer w(22);
  w.u8(static_cast<std::uint8_t>(s.auth_type)).u8(static_cast<std::uint8_t>(creds.privilege) & 0x0f);
  w.bytes(ByteView(s.challenge.data(), s.challenge.size())).u32le(initial_outbound);
  req.data = w.take();
  // §22.17: framed with the temporary session ID, sequence number 0 and the AuthCode.
  return wrapped(static_cast<std::uint8_t>(s.auth_type), s.temporary_id, 0, req, s.crypto());
}

bool read_activate_session(Lan15Session& s, const Reply& r) {
  // Not tied to our rqSeq: after a mutated request the BMC may still have activated a
  // session, which must be known to be closed.
  if (!r.ipmi || r.ipmi->netfn != (kNetfnApp | 1) || r.ipmi->cmd != kActivateSession || r.ipmi->completion_code != 0 ||
      r.ipmi->data.size() < 10) {
    return false;
  }
  const Bytes& d = r.ipmi->data;
  s.session_auth_type = static_cast<AuthType>(d[0] & 0x0f);
  s.id = le32(d, 1);
  // §22.17: the sequence number the BMC wants first from us (0 is never used in a session).
  s.next_sequence = le32(d, 5);
  if (s.next_sequence == 0) s.next_sequence = 1;
  s.sent_sequence = s.answered_sequence = s.next_sequence - 1;
  s.stage = Lan15Session::Stage::active;
  return true;
}

StepMessage lan15_request(const Lan15Session& s, const IpmiRequest& request, std::uint32_t sequence) {
  return wrapped(static_cast<std::uint8_t>(s.session_auth_type), s.id, sequence, request, s.crypto());
}

}  // namespace ipmict::netfuzz
