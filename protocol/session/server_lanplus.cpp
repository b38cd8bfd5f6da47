// RMCP+ sessions, BMC side (IPMI 2.0 §13.14-13.32): Open Session, RAKP Messages 1-4, and
// the checks on every in-session packet (integrity first, then confidentiality, then the
// sequence window), plus the framing of everything the BMC sends over RMCP+.
#include <algorithm>
#include <climits>
#include <cstring>

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include "protocol/crypto/confidentiality.hpp"
#include "protocol/crypto/constant_time.hpp"
#include "protocol/crypto/integrity.hpp"
#include "protocol/session/server_session_impl.hpp"
#include "protocol/wire/datagram.hpp"
#include "protocol/wire/rakp_messages.hpp"
#include "protocol/wire/rmcp.hpp"

namespace ipmict::session {
namespace {

// Table 13-15 status codes used here.
constexpr std::uint8_t kInsufficientResources = 0x01;
constexpr std::uint8_t kInvalidSessionId = 0x02;
constexpr std::uint8_t kInvalidAuthenticationAlgorithm = 0x04;
constexpr std::uint8_t kInvalidIntegrityAlgorithm = 0x05;
constexpr std::uint8_t kInvalidRole = 0x09;
constexpr std::uint8_t kUnauthorizedRole = 0x0a;
constexpr std::uint8_t kInvalidNameLength = 0x0c;
constexpr std::uint8_t kUnauthorizedName = 0x0d;
constexpr std::uint8_t kInvalidIntegrityCheckValue = 0x0f;
constexpr std::uint8_t kInvalidConfidentialityAlgorithm = 0x10;
constexpr std::uint8_t kNoCipherSuiteMatch = 0x11;
constexpr std::uint8_t kIllegalParameter = 0x12;

constexpr std::uint8_t kRoleReservedBits = 0xe0;  // RAKP 1 role byte [7:5]

std::uint32_t le32_at(ByteView b, std::size_t at) {
  return static_cast<std::uint32_t>(b[at]) | (static_cast<std::uint32_t>(b[at + 1]) << 8) |
         (static_cast<std::uint32_t>(b[at + 2]) << 16) | (static_cast<std::uint32_t>(b[at + 3]) << 24);
}

}  // namespace

// --- per-session crypto state ------------------------------------------------------------
//
// Every in-session packet is checked with an HMAC keyed by K1 and decrypted with K2, and
// every answer encrypted and signed alike. Keying OpenSSL per packet (a new HMAC context,
// a new cipher context, the key schedule) cost more than the transforms themselves, so a
// session keeps its keyed contexts and only resets them per packet (EVP_MAC_init with a
// null key re-uses the key; EVP_CipherInit_ex2 with only an IV keeps the key schedule).
// Results are byte-identical to protocol/crypto's one-shot functions, which remain the
// reference (and the fallback when a context cannot be made).
//
// AES-CBC-128 IVs (§13.29 asks only for a fresh, unpredictable IV per packet): with the
// default random source, IV = AES-128(K2, salt | counter), the "forward cipher of a nonce"
// construction of NIST SP 800-38A Appendix C, where salt is 8 random bytes drawn when the
// session's keys are made and counter increments per packet, so no IV repeats within a
// session and none is predictable without K2. It costs one extra block in the same CBC call
// (CBC with a zero IV over nonce | plaintext yields exactly IV | ciphertext) instead of a
// DRBG call per packet. A caller-supplied random source (tests) still draws every IV from it.
struct PlusSessionCrypto {
  EVP_MAC_CTX* mac = nullptr;     // keyed with K1, for the HMAC integrity algorithms
  std::size_t mac_length = 0;     // the full HMAC length
  EVP_CIPHER_CTX* enc = nullptr;  // keyed with K2[0, 16), for AES-CBC-128
  EVP_CIPHER_CTX* dec = nullptr;
  std::array<std::uint8_t, 8> iv_salt{};
  std::uint64_t iv_counter = 0;
  ~PlusSessionCrypto() {
    EVP_MAC_CTX_free(mac);
    EVP_CIPHER_CTX_free(enc);
    EVP_CIPHER_CTX_free(dec);
  }
};

void PlusSessionCryptoFree::operator()(PlusSessionCrypto* p) const { delete p; }

namespace {

const char* hmac_digest_name(crypto::IntegrityAlg alg) {
  switch (alg) {
    case crypto::IntegrityAlg::hmac_sha1_96: return "SHA1";
    case crypto::IntegrityAlg::hmac_md5_128: return "MD5";
    case crypto::IntegrityAlg::hmac_sha256_128: return "SHA256";
    case crypto::IntegrityAlg::none:
    case crypto::IntegrityAlg::md5_128: break;
  }
  return nullptr;
}

// Fetched once: immutable, shareable handles (as in protocol/crypto/digest.cpp).
EVP_MAC* hmac_algorithm() {
  static EVP_MAC* const mac = EVP_MAC_fetch(nullptr, OSSL_MAC_NAME_HMAC, nullptr);
  return mac;
}
EVP_CIPHER* aes_128_cbc() {
  static EVP_CIPHER* const cipher = EVP_CIPHER_fetch(nullptr, "AES-128-CBC", nullptr);
  return cipher;
}

EVP_CIPHER_CTX* keyed_cipher(ByteView key16, bool encrypt) {
  EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
  if (ctx == nullptr || aes_128_cbc() == nullptr) {
    EVP_CIPHER_CTX_free(ctx);
    return nullptr;
  }
  const std::array<std::uint8_t, crypto::kAesBlockLength> zero_iv{};
  if (EVP_CipherInit_ex2(ctx, aes_128_cbc(), key16.data(), zero_iv.data(), encrypt ? 1 : 0, nullptr) != 1 ||
      EVP_CIPHER_CTX_set_padding(ctx, 0) != 1) {
    EVP_CIPHER_CTX_free(ctx);
    return nullptr;
  }
  return ctx;
}

// AES-128-CBC over whole blocks, in place allowed; the context keeps its key.
bool cbc_with(EVP_CIPHER_CTX* ctx, const std::uint8_t* iv16, const std::uint8_t* in, std::uint8_t* out,
              std::size_t n) {
  if (n > static_cast<std::size_t>(INT_MAX) - crypto::kAesBlockLength) return false;
  if (EVP_CipherInit_ex2(ctx, nullptr, nullptr, iv16, -1, nullptr) != 1) return false;
  int written = 0;
  if (EVP_CipherUpdate(ctx, out, &written, in, static_cast<int>(n)) != 1) return false;
  int final_written = 0;
  if (EVP_CipherFinal_ex(ctx, out + written, &final_written) != 1) return false;
  return static_cast<std::size_t>(written) + static_cast<std::size_t>(final_written) == n;
}

// The full HMAC of `data` with the session's K1 context into out (EVP_MAX_MD_SIZE bytes).
bool session_hmac(PlusSessionCrypto& c, ByteView data, std::uint8_t* out) {
  static constexpr unsigned char kEmpty = 0;
  if (EVP_MAC_init(c.mac, nullptr, 0, nullptr) != 1) return false;
  if (EVP_MAC_update(c.mac, data.empty() ? &kEmpty : data.data(), data.size()) != 1) return false;
  std::size_t len = 0;
  if (EVP_MAC_final(c.mac, out, &len, EVP_MAX_MD_SIZE) != 1) return false;
  return len == c.mac_length;
}

}  // namespace

PlusSessionCrypto* ServerSessions::Impl::plus_crypto(ServerSession& s) {
  if (s.fast) return s.fast.get();
  if (s.suite == nullptr) return nullptr;
  auto c = PlusSessionCryptoPtr(new PlusSessionCrypto);
  if (const char* digest = hmac_digest_name(s.suite->integrity)) {
    // An empty K1 was never derived: leave it to the reference path, which refuses it.
    if (s.k1.view().empty() || hmac_algorithm() == nullptr) return nullptr;
    c->mac = EVP_MAC_CTX_new(hmac_algorithm());
    if (c->mac == nullptr) return nullptr;
    // The provider only reads the name (see protocol/crypto/digest.cpp).
    const OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, const_cast<char*>(digest), 0),
        OSSL_PARAM_construct_end(),
    };
    if (EVP_MAC_init(c->mac, s.k1.view().data(), s.k1.view().size(), params) != 1) return nullptr;
    c->mac_length = EVP_MAC_CTX_get_mac_size(c->mac);
    if (c->mac_length == 0 || c->mac_length > EVP_MAX_MD_SIZE) return nullptr;
  }
  if (s.suite->confidentiality == crypto::ConfidentialityAlg::aes_cbc_128) {
    if (s.k2.view().size() < 16) return nullptr;
    c->enc = keyed_cipher(s.k2.view().first(16), true);
    c->dec = keyed_cipher(s.k2.view().first(16), false);
    if (c->enc == nullptr || c->dec == nullptr) return nullptr;
    if (!config.random) random.fill(c->iv_salt.data(), c->iv_salt.size());
  }
  s.fast = std::move(c);
  return s.fast.get();
}

// --- framing ---------------------------------------------------------------------------

Bytes ServerSessions::Impl::plus_frame_setup(PayloadType type, const Bytes& payload) {
  // Session-setup payloads travel outside a session: Session ID 0, sequence 0, no trailer.
  RmcpPlusSession h;
  h.payload_type = type;
  h.payload = view(payload);
  RmcpPlusUnsigned u = encode_rmcpplus_unsigned(h, 0);
  if (u.bytes.empty()) return {};
  const Bytes body = finish_rmcpplus(std::move(u), ByteView());
  return encode_rmcp(RmcpHeader{}, view(body));
}

Bytes ServerSessions::Impl::plus_frame_sessionless(const IpmiResponse& r) {
  return plus_frame_setup(PayloadType::ipmi, encode_ipmi_response(r));
}

Bytes ServerSessions::Impl::plus_frame_session(ServerSession& s, const IpmiResponse& r) {
  if (s.suite == nullptr) return {};
  PlusSessionCrypto* fast = plus_crypto(s);
  const Bytes plain = encode_ipmi_response(r);
  Bytes payload;
  const bool encrypted = s.suite->confidentiality != crypto::ConfidentialityAlg::none;
  if (encrypted && fast != nullptr && fast->enc != nullptr) {
    // IV | AES-CBC(data | pad 01h 02h ... | pad length), §13.29.1; see PlusSessionCrypto.
    constexpr std::size_t kBlock = crypto::kAesBlockLength;
    const std::size_t pad = crypto::aes_cbc_128_pad_length(plain.size());
    payload.resize(kBlock + plain.size() + pad + 1);
    std::copy(plain.begin(), plain.end(), payload.begin() + static_cast<std::ptrdiff_t>(kBlock));
    for (std::size_t i = 1; i <= pad; ++i) payload[kBlock + plain.size() + i - 1] = static_cast<std::uint8_t>(i);
    payload.back() = static_cast<std::uint8_t>(pad);
    bool ok = false;
    if (config.random) {
      // §13.29: a fresh random IV for every packet, from the caller's source.
      random.fill(payload.data(), kBlock);
      ok = cbc_with(fast->enc, payload.data(), payload.data() + kBlock, payload.data() + kBlock, payload.size() - kBlock);
    } else {
      // Block 0 = salt | counter; CBC from a zero IV turns it into IV = AES(K2, nonce).
      std::memcpy(payload.data(), fast->iv_salt.data(), fast->iv_salt.size());
      std::uint64_t n = ++fast->iv_counter;
      for (std::size_t i = 0; i < 8; ++i, n >>= 8) payload[8 + i] = static_cast<std::uint8_t>(n & 0xffu);
      const std::array<std::uint8_t, kBlock> zero_iv{};
      ok = cbc_with(fast->enc, zero_iv.data(), payload.data(), payload.data(), payload.size());
    }
    if (!ok) return {};
  } else if (encrypted) {
    // §13.29: a fresh random IV for every packet, keyed by K2.
    std::array<std::uint8_t, crypto::kAesBlockLength> iv{};
    random.fill(iv.data(), iv.size());
    auto sealed = crypto::aes_cbc_128_encrypt(s.k2.view(), ByteView(iv.data(), iv.size()), view(plain));
    if (!sealed) return {};
    payload = std::move(*sealed);
  } else {
    payload = plain;
  }
  RmcpPlusSession h;
  h.payload_type = PayloadType::ipmi;
  h.encrypted = encrypted;
  h.authenticated = s.suite->integrity != crypto::IntegrityAlg::none;
  h.session_id = s.console_id;  // §13.6: packets to the console carry its own session ID
  h.session_sequence = next_outbound_plus(s);
  h.payload = view(payload);
  const std::size_t auth_length = crypto::integrity_auth_code_length(s.suite->integrity);
  std::optional<std::uint8_t> pad;
  // quirks.integrity_pad_always_4: the other reading of "added as needed" (I-PAD-ALIGNED).
  if (config.quirks.integrity_pad_always_4 && h.authenticated &&
      rmcpplus_integrity_pad_length(kRmcpPlusHeaderSize + payload.size()) == 0) {
    pad = std::uint8_t{4};
  }
  RmcpPlusUnsigned u = encode_rmcpplus_unsigned(h, auth_length, pad);
  if (u.bytes.empty()) return {};
  Bytes auth_code;
  std::array<std::uint8_t, EVP_MAX_MD_SIZE> mac{};
  ByteView code_view;
  if (u.needs_auth_code) {
    const ByteView covered = ByteView(u.bytes).subspan(u.covered_begin, u.covered_end - u.covered_begin);
    if (fast != nullptr && fast->mac != nullptr && auth_length <= fast->mac_length) {
      if (!session_hmac(*fast, covered, mac.data())) return {};
      code_view = ByteView(mac.data(), auth_length);  // HMAC-SHA1-96 / -MD5-128 / -SHA256-128: truncated
    } else {
      auto code = crypto::integrity_auth_code(s.suite->integrity, s.k1.view(), s.user_key.view(), covered);
      if (!code) return {};
      auth_code = std::move(*code);
      code_view = view(auth_code);
    }
  }
  const Bytes body = finish_rmcpplus(std::move(u), code_view);
  if (body.empty()) return {};
  return encode_rmcp(RmcpHeader{}, view(body));
}

// --- dispatch ------------------------------------------------------------------------------

void ServerSessions::Impl::plus_receive(ByteView datagram, const Peer& peer, TimePoint now) {
  if (!config.ipmi20) {
    note("RMCP+ is disabled on this channel");
    return;
  }
  // The AuthCode length depends on the session, so find the session first: the Session ID
  // sits at a fixed place for every payload type but OEM explicit (02h).
  std::size_t auth_length = 0;
  ServerSession* s = nullptr;
  constexpr std::size_t kSessionIdAt = kRmcpHeaderSize + 2;
  if (datagram.size() >= kSessionIdAt + 4 && (datagram[kRmcpHeaderSize + 1] & kPayloadTypeMask) != 0x02) {
    const std::uint32_t id = le32_at(datagram, kSessionIdAt);
    if (id != 0) {
      s = find_id(id, true);
      if (s != nullptr && s->suite != nullptr) auth_length = crypto::integrity_auth_code_length(s->suite->integrity);
    }
  }
  auto d = decode_datagram(datagram, auth_length);
  if (!d) {
    note("malformed RMCP+ packet: " + to_string(d.error()));
    return;
  }
  const auto* packet = std::get_if<RmcpPlusSession>(&d->message);
  if (packet == nullptr) {
    note("not an RMCP+ packet");
    return;
  }
  if (is_session_setup_payload(packet->payload_type)) {
    if (packet->session_id != 0 || packet->encrypted || packet->authenticated) {
      note("session-setup payload inside a session, encrypted or authenticated: dropped");
      return;
    }
    switch (packet->payload_type) {
      case PayloadType::open_session_request: plus_open_session(*packet, peer, now); return;
      case PayloadType::rakp1: plus_rakp1(*packet, now); return;
      case PayloadType::rakp3: plus_rakp3(*packet, now); return;
      default: note("a BMC-side session-setup payload from the console: dropped"); return;
    }
  }
  if (packet->payload_type != PayloadType::ipmi) {
    note("payload type " + std::to_string(static_cast<unsigned>(packet->payload_type)) + " is not handled");
    return;
  }
  if (packet->session_id == 0) {
    // Session-less IPMI over RMCP+ (Get Channel Cipher Suites, §22.15): never protected.
    if (packet->encrypted || packet->authenticated) {
      note("encrypted or authenticated payload outside a session: dropped");
      return;
    }
    auto m = decode_ipmi_request(packet->payload, packet->payload_offset);
    if (!m) {
      note("IPMI message does not decode: " + to_string(m.error()));
      return;
    }
    pass_to_bmc(*m, ServerFraming::sessionless_plus, nullptr, peer);
    return;
  }
  if (s == nullptr) {
    note("RMCP+ session ID " + std::to_string(packet->session_id) + " is not known");
    return;
  }
  plus_in_session(*packet, datagram, *s, peer, now);
}

// --- Open Session (§13.17, §13.18) -----------------------------------------------------

void ServerSessions::Impl::plus_open_session(const RmcpPlusSession& packet, const Peer& peer, TimePoint now) {
  auto m = decode_open_session_request(packet.payload, packet.payload_offset);
  OpenSessionResponse r;
  auto refuse = [&](std::uint8_t status) {
    // The error layout stops after the Remote Console Session ID (§13.18).
    r.status_code = status;
    r.max_privilege = 0;
    reply(plus_frame_setup(PayloadType::open_session_response, encode_open_session_response(r)));
  };
  if (!m) {
    // Enough to address a refusal (tag and console session ID)? Then say why; else drop.
    if (packet.payload.size() >= 8) {
      r.message_tag = packet.payload[0];
      r.console_session_id = le32_at(packet.payload, 4);
      note("malformed Open Session Request: " + to_string(m.error()));
      refuse(kIllegalParameter);
      return;
    }
    note("Open Session Request too short to answer: " + to_string(m.error()));
    return;
  }
  r.message_tag = m->message_tag;
  r.console_session_id = m->console_session_id;
  if (m->authentication_payload.payload_type != kAuthenticationPayload ||
      m->integrity_payload.payload_type != kIntegrityPayload ||
      m->confidentiality_payload.payload_type != kConfidentialityPayload) {
    return refuse(kIllegalParameter);
  }
  if (m->console_session_id == 0) return refuse(kInvalidSessionId);
  // A retransmission (our response was lost): answer it alike instead of opening twice.
  for (ServerSession& s : table) {
    if (s.ipmi20 && s.state == ServerSessionState::opened && s.console_id == m->console_session_id &&
        s.open_tag == m->message_tag && s.peer == peer) {
      erase_serial(s.serial);
      break;
    }
  }
  // Which algorithm is not offered? Table 13-15: 04h authentication, 05h integrity, 10h
  // confidentiality; 11h when each is offered by some suite but no suite combines them.
  const std::uint8_t auth = m->authentication_payload.algorithm_number();
  const std::uint8_t integ = m->integrity_payload.algorithm_number();
  const std::uint8_t conf = m->confidentiality_payload.algorithm_number();
  bool auth_ok = false, integ_ok = false, conf_ok = false;
  for (const crypto::CipherSuite& cs : crypto::standard_cipher_suites()) {
    if (!offers_suite(cs.id)) continue;
    auth_ok = auth_ok || static_cast<std::uint8_t>(cs.auth) == auth;
    integ_ok = integ_ok || static_cast<std::uint8_t>(cs.integrity) == integ;
    conf_ok = conf_ok || static_cast<std::uint8_t>(cs.confidentiality) == conf;
  }
  if (!auth_ok) return refuse(kInvalidAuthenticationAlgorithm);
  if (!integ_ok) return refuse(kInvalidIntegrityAlgorithm);
  if (!conf_ok) return refuse(kInvalidConfidentialityAlgorithm);
  const auto a = crypto::auth_alg_from_byte(auth);
  const auto i = crypto::integrity_alg_from_byte(integ);
  const auto c = crypto::confidentiality_alg_from_byte(conf);
  const crypto::CipherSuite* suite = a && i && c ? crypto::find_cipher_suite(*a, *i, *c) : nullptr;
  if (suite == nullptr || !offers_suite(suite->id)) return refuse(kNoCipherSuiteMatch);
  const std::uint8_t requested = m->privilege();
  if (requested > static_cast<std::uint8_t>(Privilege::oem)) return refuse(kIllegalParameter);
  if (table.size() >= config.max_sessions && !reclaim_setup_slot()) return refuse(kInsufficientResources);

  // Reading taken (I-OPEN-PRIV-CAP, docs in the report): the Maximum Privilege Level of
  // the response is what the BMC will allow with these algorithms (§13.18): the suite's
  // limit (Set LAN Config parameter 24) and the channel's. A request for more is capped,
  // not refused; RAKP 1 asking above the cap then gets 0Ah. 0h asks for the highest.
  std::uint8_t cap = static_cast<std::uint8_t>(suite_max_privilege(suite->id).value_or(Privilege::administrator));
  cap = std::min(cap, static_cast<std::uint8_t>(config.channel_privilege_limit));
  const std::uint8_t granted = requested == 0 ? cap : std::min(requested, cap);

  ServerSession& s = add_session(true, peer, now);
  s.state = ServerSessionState::opened;
  s.suite = suite;
  s.console_id = m->console_session_id;
  s.open_tag = m->message_tag;
  s.max_privilege = static_cast<Privilege>(granted);
  r.status_code = kRmcpPlusStatusNoErrors;
  r.max_privilege = granted;
  r.bmc_session_id = s.id;
  r.authentication_payload = algorithm_payload(kAuthenticationPayload, auth);
  r.integrity_payload = algorithm_payload(kIntegrityPayload, integ);
  r.confidentiality_payload = algorithm_payload(kConfidentialityPayload, conf);
  reply(plus_frame_setup(PayloadType::open_session_response, encode_open_session_response(r)));
}

// --- RAKP 1 → RAKP 2 (§13.20, §13.21, §13.31) --------------------------------------------

void ServerSessions::Impl::plus_rakp1(const RmcpPlusSession& packet, TimePoint now) {
  Rakp2 r;
  auto refuse = [&](std::uint8_t status) {
    r.status_code = status;
    reply(plus_frame_setup(PayloadType::rakp2, encode_rakp2(r)));
  };
  const ByteView p = packet.payload;
  ServerSession* s = p.size() >= 8 ? find_id(le32_at(p, 4), true) : nullptr;
  if (p.size() >= 1) r.message_tag = p[0];
  if (s != nullptr) r.console_session_id = s->console_id;
  auto m = decode_rakp1(p, packet.payload_offset);
  if (!m) {
    note("malformed RAKP Message 1: " + to_string(m.error()));
    // With the whole fixed part present, only the name length can disagree (0Ch).
    if (s != nullptr && p.size() >= 28) refuse(kInvalidNameLength);
    return;
  }
  if (s == nullptr || s->state == ServerSessionState::active) {
    note("RAKP Message 1 for an unknown or established session");
    return refuse(kInvalidSessionId);
  }
  s->last_activity = now;
  const std::uint64_t serial = s->serial;
  auto fail = [&](std::uint8_t status, std::string why) {
    // The session cannot go on (§13.21): free its slot, then answer.
    note(std::move(why));
    erase_serial(serial);
    refuse(status);
  };
  if (m->username.size() > crypto::kMaxUserNameLength) return fail(kInvalidNameLength, "user name over 16 bytes");
  const std::uint8_t requested = m->privilege();
  if ((m->requested_role & kRoleReservedBits) != 0 || requested < static_cast<std::uint8_t>(Privilege::callback) ||
      requested > static_cast<std::uint8_t>(Privilege::oem)) {
    return fail(kInvalidRole, "RAKP 1 role byte is not a valid role");
  }
  auto user = directory.user_by_name(view(m->username));
  if (!user || !user->enabled || !user->ipmi_messaging || user->privilege_limit == Privilege::no_access) {
    return fail(kUnauthorizedName, "unknown or disabled user");
  }
  const Privilege limit = user_limit(*user);
  // §13.20 "username/privilege" lookup (role bit 4 = 0): the user entry must match both the
  // name and the requested privilege level.
  if (!m->name_only_lookup() && requested != static_cast<std::uint8_t>(user->privilege_limit)) {
    return fail(kUnauthorizedName, "no user with this name at the requested privilege (username/privilege lookup)");
  }
  if (requested > static_cast<std::uint8_t>(limit) || requested > static_cast<std::uint8_t>(s->max_privilege)) {
    return fail(kUnauthorizedRole, "requested role above the user's, channel's or cipher suite's limit");
  }
  if (user->session_limit != 0 && user_sessions(user->id) >= user->session_limit) {
    return fail(kInsufficientResources, "the user's session limit is reached");
  }
  s->user = *user;
  s->max_privilege = static_cast<Privilege>(requested);
  s->user_key = server_padded(view(user->password), crypto::kUserKeyLength);
  s->rakp = crypto::RakpInputs{};
  s->rakp.console_session_id = s->console_id;
  s->rakp.bmc_session_id = s->id;
  s->rakp.console_random = m->console_random;
  random.fill(s->rakp.bmc_random.data(), s->rakp.bmc_random.size());
  s->rakp.bmc_guid = config.guid;
  s->rakp.role = m->requested_role;
  s->rakp.username = m->username;
  // quirks.rakp2_hmac_wrong_privilege: hash the privilege nibble only (I-ROLE-BYTE).
  crypto::RakpInputs hashed = s->rakp;
  if (config.quirks.rakp2_hmac_wrong_privilege) hashed.role = requested;
  const crypto::AuthAlg alg = s->suite->auth;
  auto code = crypto::rakp2_key_exchange_auth_code(alg, s->user_key.view(), hashed);
  // The keys are known from here on (§13.31 needs only Rm, Rc, the role and the name); the
  // session becomes usable after RAKP 3 verifies, unless quirks.usable_after_rakp1.
  auto sik = crypto::session_integrity_key(alg, crypto::select_kg(kg.view(), s->user_key.view()), s->rakp);
  auto k1 = sik ? crypto::derive_additional_key(alg, sik->view(), 0x01) : crypto::CryptoResult<crypto::SecureBytes>();
  auto k2 = sik ? crypto::derive_additional_key(alg, sik->view(), 0x02) : crypto::CryptoResult<crypto::SecureBytes>();
  if (!code || !sik || !k1 || !k2) return fail(kInsufficientResources, "cannot compute the RAKP 2 keys");
  s->sik = std::move(*sik);
  s->k1 = std::move(*k1);
  s->k2 = std::move(*k2);
  s->fast.reset();  // keyed from the old K1/K2
  s->state = ServerSessionState::rakp2_sent;
  s->outbound = 0;
  s->inbound = SequenceWindow(SequenceWindow::kRmcpPlus);
  r.status_code = kRmcpPlusStatusNoErrors;
  r.bmc_random = s->rakp.bmc_random;
  r.bmc_guid = s->rakp.bmc_guid;
  r.key_exchange_auth_code = std::move(*code);
  reply(plus_frame_setup(PayloadType::rakp2, encode_rakp2(r)));
}

// --- RAKP 3 → RAKP 4 (§13.22, §13.23) ----------------------------------------------------

void ServerSessions::Impl::plus_rakp3(const RmcpPlusSession& packet, TimePoint now) {
  auto m = decode_rakp3(packet.payload, packet.payload_offset);
  if (!m) {
    note("malformed RAKP Message 3: " + to_string(m.error()));
    return;
  }
  Rakp4 r;
  r.message_tag = m->message_tag;
  auto answer = [&](std::uint8_t status) {
    r.status_code = status;
    reply(plus_frame_setup(PayloadType::rakp4, encode_rakp4(r)));
  };
  ServerSession* s = find_id(m->bmc_session_id, true);
  if (s == nullptr || s->state == ServerSessionState::opened) {
    note("RAKP Message 3 for an unknown session or before RAKP 1");
    return answer(kInvalidSessionId);
  }
  r.console_session_id = s->console_id;
  const std::uint64_t serial = s->serial;
  if (m->status_code != kRmcpPlusStatusNoErrors) {
    // The console gave up (it did not accept our RAKP 2): the session is over.
    note("RAKP Message 3 with status " + std::to_string(m->status_code) + ": session discarded");
    erase_serial(serial);
    return;
  }
  const crypto::AuthAlg alg = s->suite->auth;
  auto expected = crypto::rakp3_key_exchange_auth_code(alg, s->user_key.view(), s->rakp);
  const bool any_password = config.quirks.null_user_any_password && s->user && s->user->name.empty();
  const bool ok = expected && crypto::constant_time_equal(view(*expected), view(m->key_exchange_auth_code));
  if (!ok && !any_password) {
    note("RAKP 3 Key Exchange Authentication Code does not verify: session discarded");
    erase_serial(serial);
    return answer(kInvalidIntegrityCheckValue);
  }
  auto icv = crypto::rakp4_integrity_check_value(alg, s->sik.view(), s->rakp);
  if (!icv) {
    erase_serial(serial);
    return answer(kInsufficientResources);
  }
  if (s->state != ServerSessionState::active) {
    // A retransmitted RAKP 3 (our RAKP 4 was lost) re-sends RAKP 4 without a reset.
    s->state = ServerSessionState::active;
    s->privilege = s->max_privilege < Privilege::user ? s->max_privilege : Privilege::user;
    s->outbound = 0;
    s->inbound = SequenceWindow(SequenceWindow::kRmcpPlus);
  }
  s->last_activity = now;
  r.integrity_check_value = std::move(*icv);
  answer(kRmcpPlusStatusNoErrors);
}

// --- in session ------------------------------------------------------------------------

void ServerSessions::Impl::plus_in_session(const RmcpPlusSession& packet, ByteView datagram, ServerSession& s,
                                           const Peer& peer, TimePoint now) {
  const bool usable = s.state == ServerSessionState::active ||
                      (config.quirks.usable_after_rakp1 && s.state == ServerSessionState::rakp2_sent);
  if (!usable) {
    note("IPMI payload before the session is established (RAKP 3 not verified): dropped");
    return;
  }
  const crypto::CipherSuite& suite = *s.suite;
  // §13.28.4: integrity first, so a forged packet can neither be decrypted nor move the
  // sequence window.
  if (suite.integrity != crypto::IntegrityAlg::none) {
    if (!packet.authenticated || !packet.trailer) {
      note("unauthenticated packet in a session that negotiated " + std::string(crypto::name(suite.integrity)) +
           ": dropped");
      return;
    }
    const ByteView covered = datagram.subspan(packet.covered_begin, packet.covered_end - packet.covered_begin);
    PlusSessionCrypto* fast = plus_crypto(s);
    const std::size_t length = crypto::integrity_auth_code_length(suite.integrity);
    std::optional<bool> ok;
    if (fast != nullptr && fast->mac != nullptr && length <= fast->mac_length) {
      std::array<std::uint8_t, EVP_MAX_MD_SIZE> mac{};
      if (session_hmac(*fast, covered, mac.data())) {
        ok = crypto::constant_time_equal(ByteView(mac.data(), length), packet.trailer->auth_code);
      }
    } else {
      auto checked = crypto::verify_integrity_auth_code(suite.integrity, s.k1.view(), s.user_key.view(), covered,
                                                        packet.trailer->auth_code);
      if (checked) ok = *checked;
    }
    if (!ok || !*ok) {
      note("integrity AuthCode does not verify: dropped");
      return;
    }
  } else if (packet.authenticated) {
    note("authenticated packet in a session without integrity: dropped");
    return;
  }
  const bool want_encrypted = suite.confidentiality != crypto::ConfidentialityAlg::none;
  if (packet.encrypted != want_encrypted) {
    note(want_encrypted ? "unencrypted payload in a session that negotiated AES-CBC-128: dropped"
                        : "encrypted payload in a session without confidentiality: dropped");
    return;
  }
  if (!config.quirks.ignore_replay_window) {
    if (auto why = s.inbound.accept(packet.session_sequence)) {
      note(*why + ": dropped");
      return;
    }
  }
  Bytes plain;
  std::size_t offset = packet.payload_offset;
  if (packet.encrypted) {
    // As crypto::aes_cbc_128_decrypt(K2, payload, strict_pad = false), with the session's
    // keyed context: IV | whole blocks, a pad length of at most 15, pad bytes unchecked.
    constexpr std::size_t kBlock = crypto::kAesBlockLength;
    PlusSessionCrypto* fast = plus_crypto(s);
    bool opened = false;
    if (fast != nullptr && fast->dec != nullptr) {
      const ByteView in = packet.payload;
      if (in.size() >= 2 * kBlock && in.size() % kBlock == 0) {
        plain.resize(in.size() - kBlock);
        if (cbc_with(fast->dec, in.data(), in.data() + kBlock, plain.data(), plain.size()) && plain.back() <= 15) {
          plain.resize(plain.size() - 1 - plain.back());
          opened = true;
        } else {
          crypto::secure_wipe(plain);
        }
      }
    } else if (auto reference = crypto::aes_cbc_128_decrypt(s.k2.view(), packet.payload, false)) {
      plain = std::move(*reference);
      opened = true;
    }
    if (!opened) {
      note("encrypted payload does not decrypt: dropped");
      return;
    }
    offset += kBlock;
  } else {
    plain.assign(packet.payload.begin(), packet.payload.end());
  }
  auto m = decode_ipmi_request(view(plain), offset);
  if (!m) {
    note("IPMI message does not decode: " + to_string(m.error()));
    return;
  }
  s.last_activity = now;
  if (session_command(*m, s, now)) return;
  pass_to_bmc(*m, ServerFraming::in_session, &s, peer);
}

}  // namespace ipmict::session
