// Built through fake_bmc_test.cpp (tests/CMakeLists.txt compiles *_test.cpp only).
#include "tests/protocol/session/fake_bmc.hpp"

#include <algorithm>

#include "protocol/crypto/confidentiality.hpp"
#include "protocol/crypto/constant_time.hpp"
#include "protocol/crypto/integrity.hpp"
#include "protocol/crypto/ipmi15_auth.hpp"
#include "protocol/wire/datagram.hpp"
#include "protocol/wire/netfn.hpp"
#include "protocol/wire/rakp_messages.hpp"
#include "protocol/wire/rmcp.hpp"
#include "protocol/wire/rmcpplus_session.hpp"
#include "protocol/wire/session15.hpp"

namespace ipmict::session::testing {
namespace {

crypto::SecureBytes pad(ByteView b, std::size_t n) {
  crypto::SecureBytes out(n);
  for (std::size_t i = 0; i < b.size() && i < n; ++i) out.data()[i] = b[i];
  return out;
}

std::uint32_t le32(ByteView b, std::size_t at) {
  return static_cast<std::uint32_t>(b[at]) | (static_cast<std::uint32_t>(b[at + 1]) << 8) |
         (static_cast<std::uint32_t>(b[at + 2]) << 16) | (static_cast<std::uint32_t>(b[at + 3]) << 24);
}

const Bytes kDeviceId = {0x20, 0x81, 0x02, 0x03, 0x02, 0xbf, 0x57, 0x01, 0x00, 0x34, 0x12, 0x00, 0x00, 0x00, 0x00};
constexpr Guid16 kGuid = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};

}  // namespace

IpmiResponse reply_to(const IpmiRequest& rq, std::uint8_t cc, Bytes data) {
  IpmiResponse r;
  r.rq_addr = rq.rq_addr;
  r.netfn = static_cast<std::uint8_t>(rq.netfn + 1);
  r.rq_lun = rq.rq_lun;
  r.rs_addr = rq.rs_addr;
  r.rq_seq = rq.rq_seq;
  r.rs_lun = rq.rs_lun;
  r.cmd = rq.cmd;
  r.completion_code = cc;
  r.data = std::move(data);
  return r;
}

FakeBmc::FakeBmc(FakeBmcConfig c) : config(std::move(c)) {}

void FakeBmc::forget_sessions() {
  plus_.clear();
  v15_.clear();
  privilege_.clear();
}

const FakeUser* FakeBmc::find_user(ByteView name) const {
  for (const FakeUser& u : config.users) {
    if (u.name.size() == name.size() && std::equal(name.begin(), name.end(), u.name.begin())) return &u;
  }
  return nullptr;
}

std::vector<Bytes> FakeBmc::handle(ByteView datagram) {
  auto rmcp = decode_rmcp(datagram);
  if (!rmcp || rmcp->header.message_class != kRmcpClassIpmi || rmcp->body.empty()) return {};
  if (rmcp->body[0] == 0x06) return handle_plus(datagram);
  return handle_15(datagram);
}

Bytes FakeBmc::plus_plain(std::uint8_t payload_type, const Bytes& payload) {
  RmcpPlusSession h;
  h.payload_type = static_cast<PayloadType>(payload_type);
  h.payload = view(payload);
  return encode_rmcp(RmcpHeader{}, view(finish_rmcpplus(encode_rmcpplus_unsigned(h, 0), ByteView())));
}

Bytes FakeBmc::plus_out(PlusSession& s, std::uint32_t console_id, const IpmiResponse& r) {
  const Bytes plain = encode_ipmi_response(r);
  if (!config.repeat_sequence_number || s.out_seq == 0) ++s.out_seq;
  Bytes payload = plain;
  const bool enc = s.suite->confidentiality != crypto::ConfidentialityAlg::none;
  if (enc) {
    std::array<std::uint8_t, 16> iv{};
    iv.fill(++random_counter_);
    payload = *crypto::aes_cbc_128_encrypt(s.k2.view(), ByteView(iv.data(), iv.size()), view(plain));
  }
  RmcpPlusSession h;
  h.payload_type = PayloadType::ipmi;
  h.encrypted = enc;
  h.authenticated = s.suite->integrity != crypto::IntegrityAlg::none;
  h.session_id = console_id;
  h.session_sequence = s.out_seq;
  h.payload = view(payload);
  auto u = encode_rmcpplus_unsigned(h, crypto::integrity_auth_code_length(s.suite->integrity));
  Bytes code;
  if (u.needs_auth_code) {
    code = *crypto::integrity_auth_code(s.suite->integrity, s.k1.view(), s.user_key.view(),
                                        ByteView(u.bytes).subspan(u.covered_begin, u.covered_end - u.covered_begin));
  }
  return encode_rmcp(RmcpHeader{}, view(finish_rmcpplus(std::move(u), view(code))));
}

std::vector<Bytes> FakeBmc::handle_plus(ByteView datagram) {
  // Session ID at body offset 2 (no OEM payloads here): choose the AuthCode length by it.
  const ByteView body = datagram.subspan(kRmcpHeaderSize);
  if (body.size() < kRmcpPlusHeaderSize) return {};
  const std::uint32_t sid = le32(body, 2);
  std::size_t auth_len = 0;
  auto found = plus_.find(sid);
  if (sid != 0 && found != plus_.end() && found->second.suite != nullptr)
    auth_len = crypto::integrity_auth_code_length(found->second.suite->integrity);
  auto d = decode_datagram(datagram, auth_len);
  if (!d) return {};
  const auto& p = std::get<RmcpPlusSession>(d->message);
  std::vector<Bytes> out;

  switch (p.payload_type) {
    case PayloadType::open_session_request: {
      auto m = decode_open_session_request(p.payload);
      if (!m) return {};
      ++open_session_requests;
      OpenSessionResponse r;
      r.message_tag = m->message_tag;
      r.console_session_id = m->console_session_id;
      const auto* suite = crypto::find_cipher_suite(
          static_cast<crypto::AuthAlg>(m->authentication_payload.algorithm_number()),
          static_cast<crypto::IntegrityAlg>(m->integrity_payload.algorithm_number()),
          static_cast<crypto::ConfidentialityAlg>(m->confidentiality_payload.algorithm_number()));
      open_session_suites.push_back(suite ? suite->id : 0xff);
      if (suite == nullptr || std::find(config.suites.begin(), config.suites.end(), suite->id) == config.suites.end()) {
        r.status_code = 0x11;
        Bytes refusal = encode_open_session_response(r);
        if (config.short_open_session_refusal) refusal.resize(2);  // tag and status only (ipmi_sim)
        out.push_back(plus_plain(0x11, refusal));
        return out;
      }
      const std::uint32_t id = next_id();
      PlusSession s;
      s.console_id = m->console_session_id;
      s.suite = suite;
      plus_[id] = std::move(s);
      r.max_privilege = m->requested_max_privilege;
      r.bmc_session_id = id;
      r.authentication_payload = m->authentication_payload;
      r.integrity_payload = m->integrity_payload;
      r.confidentiality_payload = m->confidentiality_payload;
      out.push_back(plus_plain(0x11, encode_open_session_response(r)));
      return out;
    }
    case PayloadType::rakp1: {
      auto m = decode_rakp1(p.payload);
      if (!m) return {};
      auto it = plus_.find(m->bmc_session_id);
      if (it == plus_.end()) return {};
      PlusSession& s = it->second;
      Rakp2 r;
      r.message_tag = m->message_tag;
      r.console_session_id = s.console_id;
      s.user = find_user(view(m->username));
      if (s.user == nullptr) {
        r.status_code = config.unknown_user_status;
        out.push_back(plus_plain(0x13, encode_rakp2(r)));
        return out;
      }
      s.user_key = pad(view(s.user->password), 20);
      s.rakp.console_session_id = s.console_id;
      s.rakp.bmc_session_id = m->bmc_session_id;
      s.rakp.console_random = m->console_random;
      s.rakp.bmc_random.fill(++random_counter_);
      s.rakp.bmc_guid = kGuid;
      s.rakp.role = m->requested_role;
      s.rakp.username = m->username;
      r.bmc_random = s.rakp.bmc_random;
      r.bmc_guid = kGuid;
      r.key_exchange_auth_code = *crypto::rakp2_key_exchange_auth_code(s.suite->auth, s.user_key.view(), s.rakp);
      if (config.corrupt_rakp2_hmac && !r.key_exchange_auth_code.empty()) r.key_exchange_auth_code[0] ^= 0x01;
      out.push_back(plus_plain(0x13, encode_rakp2(r)));
      return out;
    }
    case PayloadType::rakp3: {
      auto m = decode_rakp3(p.payload);
      if (!m) return {};
      auto it = plus_.find(m->bmc_session_id);
      if (it == plus_.end() || it->second.user == nullptr) return {};
      PlusSession& s = it->second;
      Rakp4 r;
      r.message_tag = m->message_tag;
      r.console_session_id = s.console_id;
      auto expect = *crypto::rakp3_key_exchange_auth_code(s.suite->auth, s.user_key.view(), s.rakp);
      if (!crypto::constant_time_equal(view(expect), view(m->key_exchange_auth_code))) {
        r.status_code = 0x0f;
        out.push_back(plus_plain(0x15, encode_rakp4(r)));
        return out;
      }
      const crypto::SecureBytes bmc_kg = pad(view(config.kg), config.kg.empty() ? 0 : 20);
      s.sik = *crypto::session_integrity_key(s.suite->auth, crypto::select_kg(bmc_kg.view(), s.user_key.view()), s.rakp);
      s.k1 = *crypto::derive_additional_key(s.suite->auth, s.sik.view(), 1);
      s.k2 = *crypto::derive_additional_key(s.suite->auth, s.sik.view(), 2);
      r.integrity_check_value = *crypto::rakp4_integrity_check_value(s.suite->auth, s.sik.view(), s.rakp);
      s.active = true;
      privilege_[m->bmc_session_id] = Privilege::user;
      out.push_back(plus_plain(0x15, encode_rakp4(r)));
      return out;
    }
    case PayloadType::ipmi: break;
    default: return {};
  }

  if (p.session_id == 0) {
    auto rq = decode_ipmi_request(p.payload);
    if (!rq) return {};
    if (rq->netfn == kNetFnApp && rq->cmd == 0x54) {
      ++cipher_suite_requests;
      if (!config.answer_cipher_suites) return {};
    }
    for (const IpmiResponse& r : execute(*rq, nullptr, nullptr)) out.push_back(plus_plain(0x00, encode_ipmi_response(r)));
    return out;
  }
  if (found == plus_.end() || !found->second.active) return {};
  PlusSession& s = found->second;
  if (s.suite->integrity != crypto::IntegrityAlg::none) {
    auto ok = crypto::verify_integrity_auth_code(
        s.suite->integrity, s.k1.view(), s.user_key.view(),
        datagram.subspan(p.covered_begin, p.covered_end - p.covered_begin),
        p.trailer ? p.trailer->auth_code : ByteView());
    if (!ok || !*ok) {
      ++integrity_failures;
      return {};
    }
  }
  inbound_sequences.push_back(p.session_sequence);
  Bytes plain(p.payload.begin(), p.payload.end());
  if (p.encrypted) {
    auto opened = crypto::aes_cbc_128_decrypt(s.k2.view(), p.payload);
    if (!opened) return {};
    plain = *opened;
  }
  auto rq = decode_ipmi_request(view(plain));
  if (!rq) return {};
  const std::uint32_t console_id = s.console_id;
  const std::uint32_t id = sid;
  PlusSession snapshot = s;  // Close Session removes the session before its reply is framed
  auto replies = execute(*rq, &privilege_[id], snapshot.user);
  auto again = plus_.find(id);
  if (again == plus_.end()) {
    for (const IpmiResponse& r : replies) out.push_back(plus_out(snapshot, console_id, r));
    return out;
  }
  for (const IpmiResponse& r : replies) out.push_back(plus_out(again->second, console_id, r));
  return out;
}

Bytes FakeBmc::v15_out(std::uint32_t session_id, std::uint32_t seq, AuthType auth, const FakeUser* user,
                       const IpmiResponse& r) {
  const Bytes msg = encode_ipmi_response(r);
  Session15 s;
  s.auth_type = auth;
  s.session_id = session_id;
  s.session_sequence = seq;
  s.payload = view(msg);
  if (auth != AuthType::none && user != nullptr) {
    const auto key = pad(view(user->password), 16);
    s.auth_code = *crypto::ipmi15_auth_code(auth, key.view(), session_id, view(msg), seq);
  }
  return encode_rmcp(RmcpHeader{}, view(encode_session15(s)));
}

std::vector<Bytes> FakeBmc::handle_15(ByteView datagram) {
  auto d = decode_datagram(datagram, 0);
  if (!d) return {};
  const auto& p = std::get<Session15>(d->message);
  auto rq = decode_ipmi_request(p.payload);
  if (!rq) return {};
  std::vector<Bytes> out;
  if (p.session_id == 0) {
    for (const IpmiResponse& r : execute(*rq, nullptr, nullptr)) out.push_back(v15_out(0, 0, AuthType::none, nullptr, r));
    return out;
  }
  auto it = v15_.find(p.session_id);
  if (it == v15_.end()) return {};  // unknown or forgotten session: silence, as real BMCs do
  Session15State& s = it->second;
  if (p.auth_type != s.auth) return {};
  if (s.auth != AuthType::none) {
    const auto key = pad(view(s.user->password), 16);
    auto code = *crypto::ipmi15_auth_code(s.auth, key.view(), p.session_id, p.payload, p.session_sequence);
    if (!p.auth_code || *p.auth_code != code) {
      ++integrity_failures;
      return {};
    }
  }
  if (!s.active) {
    // Activate Session with the temporary session ID (IPMI 2.0 §22.17).
    if (rq->netfn != kNetFnApp || rq->cmd != 0x3a || rq->data.size() != 22) return {};
    if (!std::equal(s.challenge.begin(), s.challenge.end(), rq->data.begin() + 2)) return {};
    const std::uint32_t id = next_id();
    Session15State active = s;
    active.active = true;
    active.auth = static_cast<AuthType>(rq->data[0]);
    active.out_seq = le32(view(rq->data), 18);
    const FakeUser* user = s.user;
    const AuthType auth = s.auth;
    const std::uint32_t temp = p.session_id;
    v15_.erase(it);
    v15_[id] = active;
    privilege_[id] = Privilege::user;
    Bytes data{rq->data[0], 0, 0, 0, 0, 0x00, 0x01, 0x00, 0x00, rq->data[1]};
    for (int i = 0; i < 4; ++i) data[1 + static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(id >> (8 * i));
    out.push_back(v15_out(temp, 0, auth, user, reply_to(*rq, 0, data)));
    return out;
  }
  inbound_sequences.push_back(p.session_sequence);
  const FakeUser* user = s.user;
  const AuthType auth = s.auth;
  const std::uint32_t id = p.session_id;
  auto replies = execute(*rq, &privilege_[id], user);
  for (const IpmiResponse& r : replies) {
    auto again = v15_.find(id);
    std::uint32_t seq = 0;
    if (again != v15_.end()) {
      seq = again->second.out_seq;
      if (!config.repeat_sequence_number) ++again->second.out_seq;
    }
    out.push_back(v15_out(id, seq, auth, user, r));
  }
  return out;
}

IpmiResponse FakeBmc::bridged(const IpmiRequest& rq, std::vector<IpmiResponse>& separate) {
  auto sm = decode_send_message_request(view(rq.data));
  if (!sm) return reply_to(rq, 0xcc);
  const IpmiRequest& inner = sm->message;
  IpmiResponse inner_reply;
  if (inner.netfn == kNetFnApp && inner.cmd == kCmdSendMessage) {
    inner_reply = bridged(inner, separate);  // double bridging: the transit controller forwards again
  } else {
    inner_reply = reply_to(inner, 0x00, Bytes{0xab, inner.rs_addr});
  }
  if (config.bridge_answer_inline) return reply_to(rq, 0x00, encode_ipmi_response(inner_reply));
  if (!(inner.netfn == kNetFnApp && inner.cmd == kCmdSendMessage)) {
    IpmiResponse sep = inner_reply;
    sep.rq_addr = kRemoteConsoleSwid;
    separate.push_back(sep);
  }
  return reply_to(rq, 0x00);
}

std::vector<IpmiResponse> FakeBmc::execute(const IpmiRequest& rq, Privilege* session_privilege, const FakeUser* user) {
  std::vector<IpmiResponse> out;
  if (rq.netfn != kNetFnApp) {
    out.push_back(reply_to(rq, 0xc1));
    return out;
  }
  switch (rq.cmd) {
    case 0x01: out.push_back(reply_to(rq, 0x00, kDeviceId)); break;
    case 0x38: {
      if (rq.data.size() != 2) {
        out.push_back(reply_to(rq, 0xc7));
        break;
      }
      const bool v2 = (rq.data[0] & 0x80) != 0 && config.ipmi20;
      out.push_back(reply_to(rq, 0x00,
                             Bytes{0x01, static_cast<std::uint8_t>((v2 ? 0x80 : 0x00) | config.auth_types_15), 0x04,
                                   static_cast<std::uint8_t>(config.ipmi20 ? 0x03 : 0x01), 0, 0, 0, 0}));
      break;
    }
    case 0x54: {
      if (config.cipher_suites_error || rq.data.size() != 3) {
        out.push_back(reply_to(rq, 0xc1));
        break;
      }
      Bytes records;
      for (std::uint8_t id : config.suites) {
        const auto* s = crypto::find_cipher_suite(id);
        records.insert(records.end(), {0xc0, id, static_cast<std::uint8_t>(s->auth),
                                       static_cast<std::uint8_t>(0x40 | static_cast<std::uint8_t>(s->integrity)),
                                       static_cast<std::uint8_t>(0x80 | static_cast<std::uint8_t>(s->confidentiality))});
      }
      const std::size_t from = std::size_t{16} * (rq.data[2] & 0x3fu);
      Bytes data{0x01};
      for (std::size_t i = from; i < records.size() && i < from + 16; ++i) data.push_back(records[i]);
      out.push_back(reply_to(rq, 0x00, data));
      break;
    }
    case 0x39: {
      const ByteView name = ByteView(rq.data).subspan(1);
      std::size_t n = name.size();
      while (n > 0 && name[n - 1] == 0) --n;
      const FakeUser* u = find_user(name.first(n));
      if (u == nullptr) {
        out.push_back(reply_to(rq, 0x81));
        break;
      }
      const std::uint32_t temp = next_id();
      Session15State s;
      s.user = u;
      s.auth = static_cast<AuthType>(rq.data[0]);
      s.challenge.fill(++random_counter_);
      v15_[temp] = s;
      // Sized up front: GCC 12's -Warray-bounds misfires on insert() into a 4-byte vector.
      Bytes data(4 + s.challenge.size());
      for (std::size_t i = 0; i < 4; ++i) data[i] = static_cast<std::uint8_t>(temp >> (8 * i));
      std::copy(s.challenge.begin(), s.challenge.end(), data.begin() + 4);
      out.push_back(reply_to(rq, 0x00, data));
      break;
    }
    case 0x3b: {
      if (session_privilege == nullptr || user == nullptr || rq.data.size() != 1) {
        out.push_back(reply_to(rq, 0xd5));
        break;
      }
      const auto want = static_cast<Privilege>(rq.data[0] & 0x0f);
      if (static_cast<std::uint8_t>(want) > static_cast<std::uint8_t>(user->limit)) {
        out.push_back(reply_to(rq, 0x81));
        break;
      }
      *session_privilege = want;
      out.push_back(reply_to(rq, 0x00, Bytes{static_cast<std::uint8_t>(want)}));
      break;
    }
    case 0x3c: {
      ++close_sessions;
      if (rq.data.size() == 4) {
        const std::uint32_t id = le32(view(rq.data), 0);
        plus_.erase(id);
        v15_.erase(id);
      }
      out.push_back(reply_to(rq, 0x00));
      break;
    }
    case kCmdSendMessage: {
      if (auto sm = decode_send_message_request(view(rq.data))) send_messages.push_back(*sm);
      std::vector<IpmiResponse> separate;
      out.push_back(bridged(rq, separate));
      out.insert(out.end(), separate.begin(), separate.end());
      break;
    }
    default: out.push_back(reply_to(rq, 0xc1)); break;
  }
  return out;
}

}  // namespace ipmict::session::testing
