#include "fuzz/network/step_message.hpp"

#include <algorithm>

#include "fuzz/network/rng.hpp"
#include "protocol/core/checksum.hpp"
#include "protocol/core/writer.hpp"
#include "protocol/crypto/confidentiality.hpp"
#include "protocol/crypto/integrity.hpp"
#include "protocol/crypto/ipmi15_auth.hpp"
#include "protocol/wire/session15.hpp"

namespace ipmict::netfuzz {
namespace {

constexpr std::size_t kIpmiChecksum1At = 2;
constexpr std::size_t kIpmiRequestMin = 7;

// The session layer's length field: what the mutation set, else the right value (plus a
// mutation's delta), cut to the field's width as the wire would.
std::uint32_t length_field(const StepMessage& m, std::size_t right, std::uint32_t mask) {
  if (m.length_override) return *m.length_override & mask;
  const std::int64_t v = static_cast<std::int64_t>(std::min<std::size_t>(right, mask)) + m.length_delta;
  return static_cast<std::uint32_t>(v) & mask;
}

void write_asf(Writer& w, const StepMessage& m) {
  w.u32be(m.asf_iana).u8(m.asf_message_type).u8(m.asf_message_tag).u8(0x00);
  w.u8(static_cast<std::uint8_t>(length_field(m, m.payload.size(), 0xff)));
  w.bytes(view(m.payload));
}

void write_session15(Writer& w, const StepMessage& m, ByteView message) {
  w.u8(m.auth_type).u32le(m.session_sequence).u32le(m.session_id);
  // §13.6: the AuthCode field exists whenever the Authentication Type is not none.
  if (m.auth_type != 0x00) {
    crypto::Ipmi15AuthCode code{};
    const auto type = static_cast<AuthType>(m.auth_type);
    if (m.crypto && (type == AuthType::md2 || type == AuthType::md5 || type == AuthType::straight_password)) {
      // The code the field's type asks for, over the message as sent (§22.17.1), so a
      // mutation of the message still authenticates.
      if (auto c = crypto::ipmi15_auth_code(type, m.crypto->password16, m.session_id, message, m.session_sequence)) code = *c;
    }
    if (m.corrupt_auth_code) code.back() = static_cast<std::uint8_t>(code.back() ^ 0x01);
    w.bytes(ByteView(code.data(), code.size()));
  }
  w.u8(static_cast<std::uint8_t>(length_field(m, message.size(), 0xff)));
  w.bytes(message);
  // §13.6 legacy pad, as senders add it.
  if (session15_wants_legacy_pad(w.size())) w.u8(0x00);  // w holds the RMCP header too
}

void write_rmcpplus(Writer& w, const StepMessage& m, ByteView clear, FuzzRng& iv_rng) {
  Bytes wire(clear.begin(), clear.end());
  const bool encrypt = (m.payload_type & 0x80) != 0 && m.crypto &&
                       m.crypto->confidentiality == crypto::ConfidentialityAlg::aes_cbc_128 && !m.payload_cleared;
  if (encrypt) {
    // §13.29: a fresh IV per packet, then AES-CBC-128 keyed by the first 16 bytes of K2.
    std::uint8_t iv[crypto::kAesBlockLength];
    iv_rng.fill(iv, sizeof iv);
    if (auto sealed = crypto::aes_cbc_128_encrypt(m.crypto->k2, ByteView(iv, sizeof iv), clear)) wire = std::move(*sealed);
  }
  const std::size_t begin = w.size();
  w.u8(m.auth_type).u8(m.payload_type);
  if ((m.payload_type & 0x3f) == 0x02) w.u32le(0).u16le(0);  // OEM IANA and OEM Payload ID (§13.6)
  w.u32le(m.session_id).u32le(m.session_sequence);
  w.u16le(static_cast<std::uint16_t>(length_field(m, wire.size(), 0xffff)));
  w.bytes(view(wire));
  // §13.6: the trailer exists for authenticated packets inside a session.
  const bool trailer = (m.payload_type & 0x40) != 0 && m.session_id != 0 && m.crypto &&
                       m.crypto->integrity != crypto::IntegrityAlg::none;
  if (!trailer) return;
  const std::size_t covered = w.size() - begin;
  const std::size_t pad = (4 - (covered + 2) % 4) % 4;  // AuthType..Next Header a multiple of 4
  for (std::size_t i = 0; i < pad; ++i) w.u8(0xff);
  w.u8(m.pad_length_override.value_or(static_cast<std::uint8_t>(pad)));
  w.u8(m.next_header_override.value_or(0x07));
  const ByteView range = ByteView(w.bytes()).subspan(begin, w.size() - begin);
  auto code = crypto::integrity_auth_code(m.crypto->integrity, m.crypto->k1, m.crypto->user_key, range);
  Bytes auth = code ? std::move(*code) : Bytes(crypto::integrity_auth_code_length(m.crypto->integrity), 0);
  if (m.corrupt_auth_code && !auth.empty()) auth.back() = static_cast<std::uint8_t>(auth.back() ^ 0x01);
  w.bytes(view(auth));
}

}  // namespace

void fix_ipmi_checksums(Bytes& message) {
  // §13.8: checksum 1 covers rsAddr and netFn/LUN; checksum 2 everything after it.
  if (message.size() > kIpmiChecksum1At) {
    message[kIpmiChecksum1At] = ipmi_checksum(ByteView(message).first(kIpmiChecksum1At));
  }
  if (message.size() >= kIpmiRequestMin) {
    const std::size_t last = message.size() - 1;
    message[last] = ipmi_checksum(ByteView(message).subspan(kIpmiChecksum1At + 1, last - kIpmiChecksum1At - 1));
  }
}

Bytes serialise(const StepMessage& m, FuzzRng& iv_rng) {
  Bytes clear = m.payload_cleared ? Bytes{} : m.payload;
  if (m.ipmi_message && m.fix_checksums) fix_ipmi_checksums(clear);
  Writer w(64 + clear.size());
  w.u8(m.rmcp_version).u8(m.rmcp_reserved).u8(m.rmcp_sequence).u8(m.rmcp_class);
  switch (m.kind) {
    case StepKind::asf: write_asf(w, m); break;
    case StepKind::session15: write_session15(w, m, view(clear)); break;
    case StepKind::rmcpplus: write_rmcpplus(w, m, view(clear), iv_rng); break;
  }
  return w.take();
}

}  // namespace ipmict::netfuzz
