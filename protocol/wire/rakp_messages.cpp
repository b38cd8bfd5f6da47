#include "protocol/wire/rakp_messages.hpp"

#include <algorithm>
#include <string_view>

#include "protocol/core/reader.hpp"
#include "protocol/core/writer.hpp"

namespace ipmict {

namespace {

// Field names of one algorithm payload slot, so errors say which of the three failed.
struct PayloadFields {
  std::string_view payload_type, reserved1, payload_length, algorithm, reserved2;
};

constexpr PayloadFields kRequestAuth{"open_session.authentication_payload.payload_type",
                                     "open_session.authentication_payload.reserved1",
                                     "open_session.authentication_payload.payload_length",
                                     "open_session.authentication_payload.algorithm",
                                     "open_session.authentication_payload.reserved2"};
constexpr PayloadFields kRequestIntegrity{"open_session.integrity_payload.payload_type",
                                          "open_session.integrity_payload.reserved1",
                                          "open_session.integrity_payload.payload_length",
                                          "open_session.integrity_payload.algorithm",
                                          "open_session.integrity_payload.reserved2"};
constexpr PayloadFields kRequestConfidentiality{"open_session.confidentiality_payload.payload_type",
                                                "open_session.confidentiality_payload.reserved1",
                                                "open_session.confidentiality_payload.payload_length",
                                                "open_session.confidentiality_payload.algorithm",
                                                "open_session.confidentiality_payload.reserved2"};

template <std::size_t N>
void read_array(Reader& r, std::array<std::uint8_t, N>& out, std::string_view field) {
  const ByteView v = r.bytes(N, field);
  if (v.size() == N) std::ranges::copy(v, out.begin());
}

template <std::size_t N>
void write_array(Writer& w, const std::array<std::uint8_t, N>& a) {
  w.bytes(ByteView(a.data(), a.size()));
}

AlgorithmPayload read_algorithm_payload(Reader& r, const PayloadFields& f) {
  AlgorithmPayload p;
  p.payload_type = r.u8(f.payload_type);
  read_array(r, p.reserved1, f.reserved1);
  const std::size_t length_at = r.offset();
  p.payload_length = r.u8(f.payload_length);
  // The layout is a fixed 8 bytes; a length that says otherwise disagrees with them.
  if (r.ok() && p.payload_length != kAlgorithmPayloadLength) {
    r.fail_at(DecodeErrc::bad_length, length_at, f.payload_length);
  }
  p.algorithm = r.u8(f.algorithm);
  read_array(r, p.reserved2, f.reserved2);
  return p;
}

void write_algorithm_payload(Writer& w, const AlgorithmPayload& p) {
  w.u8(p.payload_type);
  write_array(w, p.reserved1);
  w.u8(p.payload_length).u8(p.algorithm);
  write_array(w, p.reserved2);
}

Bytes bytes_of(ByteView v) { return Bytes(v.begin(), v.end()); }

}  // namespace

AlgorithmPayload algorithm_payload(std::uint8_t payload_type, std::uint8_t algorithm) {
  AlgorithmPayload p;
  p.payload_type = payload_type;
  p.algorithm = algorithm;
  return p;
}

// --- Open Session Request / Response ---------------------------------------------------

Decoded<OpenSessionRequest> decode_open_session_request(ByteView payload, std::size_t base_offset) {
  Reader r(payload, base_offset);
  OpenSessionRequest m;
  m.message_tag = r.u8("open_session.message_tag");
  m.requested_max_privilege = r.u8("open_session.requested_max_privilege");
  read_array(r, m.reserved, "open_session.reserved");
  m.console_session_id = r.u32le("open_session.console_session_id");
  m.authentication_payload = read_algorithm_payload(r, kRequestAuth);
  m.integrity_payload = read_algorithm_payload(r, kRequestIntegrity);
  m.confidentiality_payload = read_algorithm_payload(r, kRequestConfidentiality);
  r.expect_end("open_session.end");
  return r.finish(m);
}

Bytes encode_open_session_request(const OpenSessionRequest& m) {
  Writer w(kOpenSessionRequestSize);
  w.u8(m.message_tag).u8(m.requested_max_privilege);
  write_array(w, m.reserved);
  w.u32le(m.console_session_id);
  write_algorithm_payload(w, m.authentication_payload);
  write_algorithm_payload(w, m.integrity_payload);
  write_algorithm_payload(w, m.confidentiality_payload);
  return w.take();
}

Decoded<OpenSessionResponse> decode_open_session_response(ByteView payload, std::size_t base_offset) {
  Reader r(payload, base_offset);
  OpenSessionResponse m;
  m.message_tag = r.u8("open_session.message_tag");
  m.status_code = r.u8("open_session.status_code");
  m.max_privilege = r.u8("open_session.max_privilege");
  m.reserved = r.u8("open_session.reserved");
  m.console_session_id = r.u32le("open_session.console_session_id");
  // A refusal may end here (or after the BMC session ID); a success must not.
  const bool may_stop = m.status_code != kRmcpPlusStatusNoErrors;
  if (!r.ok() || (may_stop && r.at_end())) return r.finish(std::move(m));
  m.bmc_session_id = r.u32le("open_session.bmc_session_id");
  if (!r.ok() || (may_stop && r.at_end())) return r.finish(std::move(m));
  m.authentication_payload = read_algorithm_payload(r, kRequestAuth);
  m.integrity_payload = read_algorithm_payload(r, kRequestIntegrity);
  m.confidentiality_payload = read_algorithm_payload(r, kRequestConfidentiality);
  r.expect_end("open_session.end");
  return r.finish(std::move(m));
}

Bytes encode_open_session_response(const OpenSessionResponse& m) {
  Writer w(kOpenSessionResponseSize);
  w.u8(m.message_tag).u8(m.status_code).u8(m.max_privilege).u8(m.reserved).u32le(m.console_session_id);
  if (m.bmc_session_id) w.u32le(*m.bmc_session_id);
  if (m.authentication_payload) write_algorithm_payload(w, *m.authentication_payload);
  if (m.integrity_payload) write_algorithm_payload(w, *m.integrity_payload);
  if (m.confidentiality_payload) write_algorithm_payload(w, *m.confidentiality_payload);
  return w.take();
}

// --- RAKP Messages ---------------------------------------------------------------------

Decoded<Rakp1> decode_rakp1(ByteView payload, std::size_t base_offset) {
  Reader r(payload, base_offset);
  Rakp1 m;
  m.message_tag = r.u8("rakp1.message_tag");
  read_array(r, m.reserved1, "rakp1.reserved1");
  m.bmc_session_id = r.u32le("rakp1.bmc_session_id");
  read_array(r, m.console_random, "rakp1.console_random");
  m.requested_role = r.u8("rakp1.requested_role");
  read_array(r, m.reserved2, "rakp1.reserved2");
  const std::uint8_t username_length = r.u8("rakp1.username_length");
  m.username = bytes_of(r.bytes(username_length, "rakp1.username"));
  r.expect_end("rakp1.end");
  return r.finish(std::move(m));
}

Bytes encode_rakp1(const Rakp1& m) {
  if (m.username.size() > 0xff) return {};
  Writer w(28 + m.username.size());
  w.u8(m.message_tag);
  write_array(w, m.reserved1);
  w.u32le(m.bmc_session_id);
  write_array(w, m.console_random);
  w.u8(m.requested_role);
  write_array(w, m.reserved2);
  w.u8(static_cast<std::uint8_t>(m.username.size())).bytes(view(m.username));
  return w.take();
}

Decoded<Rakp2> decode_rakp2(ByteView payload, std::size_t base_offset) {
  Reader r(payload, base_offset);
  Rakp2 m;
  m.message_tag = r.u8("rakp2.message_tag");
  m.status_code = r.u8("rakp2.status_code");
  read_array(r, m.reserved, "rakp2.reserved");
  m.console_session_id = r.u32le("rakp2.console_session_id");
  if (!r.ok() || (m.status_code != kRmcpPlusStatusNoErrors && r.at_end())) return r.finish(std::move(m));
  Random16 random{};
  Guid16 guid{};
  read_array(r, random, "rakp2.bmc_random");
  read_array(r, guid, "rakp2.bmc_guid");
  if (r.ok()) {
    m.bmc_random = random;
    m.bmc_guid = guid;
  }
  m.key_exchange_auth_code = bytes_of(r.rest());
  return r.finish(std::move(m));
}

Bytes encode_rakp2(const Rakp2& m) {
  Writer w(40 + m.key_exchange_auth_code.size());
  w.u8(m.message_tag).u8(m.status_code);
  write_array(w, m.reserved);
  w.u32le(m.console_session_id);
  if (m.bmc_random) write_array(w, *m.bmc_random);
  if (m.bmc_guid) write_array(w, *m.bmc_guid);
  w.bytes(view(m.key_exchange_auth_code));
  return w.take();
}

Decoded<Rakp3> decode_rakp3(ByteView payload, std::size_t base_offset) {
  Reader r(payload, base_offset);
  Rakp3 m;
  m.message_tag = r.u8("rakp3.message_tag");
  m.status_code = r.u8("rakp3.status_code");
  read_array(r, m.reserved, "rakp3.reserved");
  m.bmc_session_id = r.u32le("rakp3.bmc_session_id");
  m.key_exchange_auth_code = bytes_of(r.rest());
  return r.finish(std::move(m));
}

Bytes encode_rakp3(const Rakp3& m) {
  Writer w(8 + m.key_exchange_auth_code.size());
  w.u8(m.message_tag).u8(m.status_code);
  write_array(w, m.reserved);
  w.u32le(m.bmc_session_id).bytes(view(m.key_exchange_auth_code));
  return w.take();
}

Decoded<Rakp4> decode_rakp4(ByteView payload, std::size_t base_offset) {
  Reader r(payload, base_offset);
  Rakp4 m;
  m.message_tag = r.u8("rakp4.message_tag");
  m.status_code = r.u8("rakp4.status_code");
  read_array(r, m.reserved, "rakp4.reserved");
  m.console_session_id = r.u32le("rakp4.console_session_id");
  m.integrity_check_value = bytes_of(r.rest());
  return r.finish(std::move(m));
}

Bytes encode_rakp4(const Rakp4& m) {
  Writer w(8 + m.integrity_check_value.size());
  w.u8(m.message_tag).u8(m.status_code);
  write_array(w, m.reserved);
  w.u32le(m.console_session_id).bytes(view(m.integrity_check_value));
  return w.take();
}

}  // namespace ipmict
