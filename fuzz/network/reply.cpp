#include "fuzz/network/reply.hpp"

#include <variant>

#include "protocol/crypto/confidentiality.hpp"
#include "protocol/crypto/integrity.hpp"
#include "protocol/wire/datagram.hpp"

namespace ipmict::netfuzz {
namespace {

// Exact lengths up to 32, then in steps of 32: a response whose size varies with the data
// (SEL, SDR, FRU reads) does not flood the corpus with one signature per byte count.
std::string length_bucket(std::size_t n) {
  return n <= 32 ? std::to_string(n) : ">" + std::to_string(n / 32 * 32);
}

std::string setup_name(std::uint8_t type) {
  switch (type) {
    case 0x10: return "open-session-request";
    case 0x11: return "open-session-response";
    case 0x12: return "rakp-1";
    case 0x13: return "rakp-2";
    case 0x14: return "rakp-3";
    case 0x15: return "rakp-4";
    default: return "type-" + to_hex(type);
  }
}

void read_ipmi(Reply& r, const std::string& prefix) {
  r.category = prefix + " response";
  auto d = decode_ipmi_response_lenient(view(r.payload), 0);
  if (!d) {
    r.category = prefix + " malformed";
    r.signature = r.category + " len=" + length_bucket(r.payload.size());
    return;
  }
  r.ipmi = d->message;
  r.signature = prefix + " " + to_hex(d->message.netfn) + "/" + to_hex(d->message.cmd) +
                " cc=" + to_hex(d->message.completion_code) + " len=" + length_bucket(d->message.data.size()) +
                (d->checksum_errors.empty() ? "" : " bad-checksum");
}

}  // namespace

Reply read_reply(ByteView datagram, const StepCrypto* keys) {
  Reply r;
  const std::size_t auth_length = keys ? crypto::integrity_auth_code_length(keys->integrity) : 0;
  auto d = decode_datagram(datagram, auth_length);
  if (!d) {
    r.category = "malformed";
    r.signature = "malformed " + std::string(to_string(d.error().code)) + " " + std::string(d.error().field);
    return r;
  }
  if (std::holds_alternative<RmcpAck>(d->message)) {
    r.kind = Reply::Kind::rmcp_ack;
    r.category = r.signature = "rmcp ack";
    return r;
  }
  if (const auto* asf = std::get_if<AsfMessage>(&d->message)) {
    r.kind = Reply::Kind::asf;
    r.asf_message_type = asf->message_type;
    r.asf_message_tag = asf->message_tag;
    r.category = "asf " + to_hex(asf->message_type);
    r.signature = r.category + " len=" + length_bucket(asf->data.size());
    return r;
  }
  if (const auto* s15 = std::get_if<Session15>(&d->message)) {
    r.kind = Reply::Kind::ipmi15;
    r.session_id = s15->session_id;
    r.session_sequence = s15->session_sequence;
    r.payload.assign(s15->payload.begin(), s15->payload.end());
    read_ipmi(r, "ipmi15");
    return r;
  }
  const auto& plus = std::get<RmcpPlusSession>(d->message);
  const auto type = static_cast<std::uint8_t>(plus.payload_type);
  r.payload_type = type;
  r.session_id = plus.session_id;
  r.session_sequence = plus.session_sequence;
  if (type >= 0x10 && type <= 0x15) {
    r.kind = Reply::Kind::rmcpplus_setup;
    r.payload.assign(plus.payload.begin(), plus.payload.end());
    r.category = "rmcp+ " + setup_name(type);
    // Byte 1 is the RMCP+ status code in every BMC-to-console set-up message (§13.18-13.23).
    r.signature = r.category + (r.payload.size() >= 2 ? " status=" + to_hex(r.payload[1]) : " short") +
                  " len=" + length_bucket(r.payload.size());
    return r;
  }
  if (type != 0x00) {
    r.kind = Reply::Kind::rmcpplus_other;
    r.category = "rmcp+ " + setup_name(type);
    r.signature = r.category + " len=" + length_bucket(plus.payload.size());
    return r;
  }
  r.kind = Reply::Kind::rmcpplus_ipmi;
  if (plus.trailer && keys) {
    const ByteView covered = datagram.subspan(plus.covered_begin, plus.covered_end - plus.covered_begin);
    auto ok = crypto::verify_integrity_auth_code(keys->integrity, keys->k1, keys->user_key, covered, plus.trailer->auth_code);
    r.integrity_failed = !ok || !*ok;
  }
  if (plus.encrypted) {
    if (!keys || keys->confidentiality != crypto::ConfidentialityAlg::aes_cbc_128 || r.integrity_failed) {
      r.category = "rmcp+ encrypted";
      r.signature = r.category + (r.integrity_failed ? " bad-integrity" : "") + " len=" + length_bucket(plus.payload.size());
      return r;
    }
    auto clear = crypto::aes_cbc_128_decrypt(keys->k2, plus.payload, false);
    if (!clear) {
      r.category = "rmcp+ undecryptable";
      r.signature = r.category + " len=" + length_bucket(plus.payload.size());
      return r;
    }
    r.payload = std::move(*clear);
  } else {
    r.payload.assign(plus.payload.begin(), plus.payload.end());
  }
  read_ipmi(r, "rmcp+ ipmi");
  if (r.integrity_failed) r.signature += " bad-integrity";
  return r;
}

}  // namespace ipmict::netfuzz
