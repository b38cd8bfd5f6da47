// The fix-ups that make mutations reach deep handlers: after a mutation of the message,
// serialise() recomputes checksums, length fields, the AES encryption and the integrity
// AuthCode; the mutations that exist to break one of these (set-length, keep-checksums,
// bad-auth-code, datagram-layer bytes) are the only ones that leave it broken.
#include <gtest/gtest.h>

#include <variant>

#include "fuzz/network/lan15_session.hpp"
#include "fuzz/network/mutator.hpp"
#include "fuzz/network/plus_session.hpp"
#include "fuzz/network/rng.hpp"
#include "fuzz/network/step_message.hpp"
#include "protocol/crypto/confidentiality.hpp"
#include "protocol/crypto/integrity.hpp"
#include "protocol/wire/datagram.hpp"
#include "protocol/wire/lan_message.hpp"
#include "protocol/wire/rakp_messages.hpp"
#include "sim/lan_server.hpp"

namespace ipmict::netfuzz {
namespace {

IpmiRequest get_device_id() {
  IpmiRequest r;
  r.netfn = 0x06;
  r.cmd = 0x01;
  r.rq_seq = 5;
  return r;
}

Mutation op(MutationOp o, Layer layer = Layer::payload, std::uint32_t pos = 0, std::uint32_t value = 0,
            std::uint16_t count = 1) {
  Mutation m;
  m.op = o;
  m.layer = layer;
  m.pos = pos;
  m.value = value;
  m.count = count;
  return m;
}

Bytes send(StepMessage msg, std::initializer_list<Mutation> mutations) {
  for (const Mutation& m : mutations) apply_to_message(m, msg);
  FuzzRng iv(99);
  Bytes d = serialise(msg, iv);
  for (const Mutation& m : mutations) apply_to_datagram(m, d);
  return d;
}

// The IPMI message of an IPMI 1.5 datagram.
Decoded<IpmiRequest> request_in(const Bytes& datagram) {
  auto d = decode_datagram(view(datagram), 0);
  EXPECT_TRUE(d) << (d ? "" : to_string(d.error()));
  if (!d) return tl::unexpected(d.error());
  const auto& s = std::get<Session15>(d->message);
  return decode_ipmi_request(s.payload, s.payload_offset);
}

// An established RMCP+ session's keys as the runner would hold them (suite 3:
// HMAC-SHA1, HMAC-SHA1-96, AES-CBC-128).
PlusSession keyed_session() {
  PlusSession s;
  s.suite = crypto::find_cipher_suite(3);
  s.stage = PlusSession::Stage::active;
  s.bmc_id = 0x11223344;
  s.console_id = 0x55667788;
  Bytes k1(20), k2(20), user(20, 0);
  for (std::size_t i = 0; i < 20; ++i) {
    k1[i] = static_cast<std::uint8_t>(i + 1);
    k2[i] = static_cast<std::uint8_t>(0x80 + i);
  }
  s.k1 = crypto::SecureBytes(view(k1));
  s.k2 = crypto::SecureBytes(view(k2));
  s.user_key = crypto::SecureBytes(view(user));
  return s;
}

TEST(NetfuzzFixups, ChecksumsAreRecomputedAfterAPayloadMutation) {
  // Three bytes inserted into the request data: the message still decodes strictly.
  const Bytes d = send(lan15_sessionless(get_device_id()), {op(MutationOp::insert_bytes, Layer::ipmi_data, 0, 0x42, 3)});
  auto r = request_in(d);
  ASSERT_TRUE(r) << to_string(r.error());
  EXPECT_EQ(r->cmd, 0x01);
  EXPECT_EQ(r->data, (Bytes{0x42, 0x42, 0x42}));
}

TEST(NetfuzzFixups, FieldMutationsKeepTheChecksumsRight) {
  Mutation m = op(MutationOp::set_field);
  m.field = Field::ipmi_cmd;
  m.value = 0x37;
  auto r = request_in(send(lan15_sessionless(get_device_id()), {m}));
  ASSERT_TRUE(r) << to_string(r.error());
  EXPECT_EQ(r->cmd, 0x37);
}

TEST(NetfuzzFixups, KeepChecksumsLeavesThemStale) {
  Mutation m = op(MutationOp::set_field);
  m.field = Field::ipmi_cmd;
  m.value = 0x37;
  auto r = request_in(send(lan15_sessionless(get_device_id()), {m, op(MutationOp::keep_checksums)}));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, DecodeErrc::bad_checksum);
}

TEST(NetfuzzFixups, SessionLengthFollowsThePayload) {
  PlusSession s;
  Credentials creds;
  creds.username = {'a', 'd', 'm', 'i', 'n'};
  FuzzRng rng(1);
  auto open = open_session_request(s, creds, 1, rng);
  ASSERT_TRUE(open);
  const Bytes d = send(*open, {op(MutationOp::insert_bytes, Layer::payload, 5, 0xee, 9)});
  auto decoded = decode_datagram(view(d), 0);
  ASSERT_TRUE(decoded) << to_string(decoded.error());
  EXPECT_EQ(std::get<RmcpPlusSession>(decoded->message).payload.size(), 32u + 9u);
}

TEST(NetfuzzFixups, SetLengthIsSentAsSetThePlantedBugsSeeIt) {
  PlusSession s;
  Credentials creds;
  FuzzRng rng(1);
  auto open = open_session_request(s, creds, 1, rng);
  ASSERT_TRUE(open);
  Mutation zero = op(MutationOp::set_length);
  zero.value = 0;
  const Bytes z = send(*open, {zero});
  EXPECT_TRUE(sim::lan_datagram::is_zero_length_rmcpplus(view(z)));
  EXPECT_FALSE(decode_datagram(view(z), 0));

  Mutation big = op(MutationOp::set_length);
  big.value = 0x7fff;
  EXPECT_TRUE(sim::lan_datagram::has_oversized_length(view(send(*open, {big}))));

  Mutation plus_one = op(MutationOp::adjust_length);
  plus_one.value = 1;
  EXPECT_TRUE(sim::lan_datagram::has_oversized_length(view(send(*open, {plus_one}))));
  Mutation minus_one = op(MutationOp::adjust_length);
  minus_one.value = static_cast<std::uint32_t>(-1);
  const Bytes short_len = send(*open, {minus_one});
  EXPECT_FALSE(sim::lan_datagram::has_oversized_length(view(short_len)));
  auto decoded = decode_datagram(view(short_len), 0);
  ASSERT_FALSE(decoded);
  EXPECT_EQ(decoded.error().code, DecodeErrc::trailing_bytes);

  // IPMI 1.5: the one-byte Message Length.
  Mutation ff = op(MutationOp::set_length);
  ff.value = 0xff;
  EXPECT_TRUE(sim::lan_datagram::has_oversized_length(view(send(lan15_sessionless(get_device_id()), {ff}))));
}

TEST(NetfuzzFixups, InnerLengthFieldsCanBeSet) {
  PlusSession s;
  s.bmc_id = 7;
  Credentials creds;
  creds.username = {'a', 'd', 'm', 'i', 'n'};
  FuzzRng rng(1);
  StepMessage r1 = rakp1(s, creds, 2, rng);
  Mutation m = op(MutationOp::set_length);
  m.length = LengthField::inner;
  m.value = 0x20;
  const Bytes d = send(r1, {m});
  auto decoded = decode_datagram(view(d), 0);
  ASSERT_TRUE(decoded);  // the session layer's length is still right ...
  const auto& plus = std::get<RmcpPlusSession>(decoded->message);
  auto rakp = decode_rakp1(plus.payload, plus.payload_offset);
  ASSERT_FALSE(rakp);  // ... the User Name Length inside is not
}

TEST(NetfuzzFixups, InSessionMutationIsStillAuthenticatedAndEncrypted) {
  const PlusSession s = keyed_session();
  const Bytes d = send(plus_request(s, get_device_id(), 9), {op(MutationOp::insert_bytes, Layer::ipmi_data, 0, 0x33, 4)});
  auto decoded = decode_datagram(view(d), 12);
  ASSERT_TRUE(decoded) << to_string(decoded.error());
  const auto& plus = std::get<RmcpPlusSession>(decoded->message);
  EXPECT_TRUE(plus.encrypted);
  EXPECT_TRUE(plus.authenticated);
  EXPECT_EQ(plus.session_id, 0x11223344u);
  EXPECT_EQ(plus.session_sequence, 9u);
  ASSERT_TRUE(plus.trailer);
  const ByteView covered = ByteView(d).subspan(plus.covered_begin, plus.covered_end - plus.covered_begin);
  auto ok = crypto::verify_integrity_auth_code(crypto::IntegrityAlg::hmac_sha1_96, s.k1.view(), s.user_key.view(), covered,
                                               plus.trailer->auth_code);
  ASSERT_TRUE(ok);
  EXPECT_TRUE(*ok);
  auto clear = crypto::aes_cbc_128_decrypt(s.k2.view(), plus.payload);
  ASSERT_TRUE(clear);
  auto req = decode_ipmi_request(view(*clear));
  ASSERT_TRUE(req) << to_string(req.error());
  EXPECT_EQ(req->data, (Bytes{0x33, 0x33, 0x33, 0x33}));
}

TEST(NetfuzzFixups, BadAuthCodeBreaksOnlyTheAuthCode) {
  const PlusSession s = keyed_session();
  const Bytes d = send(plus_request(s, get_device_id(), 9), {op(MutationOp::bad_auth_code)});
  auto decoded = decode_datagram(view(d), 12);
  ASSERT_TRUE(decoded);
  const auto& plus = std::get<RmcpPlusSession>(decoded->message);
  const ByteView covered = ByteView(d).subspan(plus.covered_begin, plus.covered_end - plus.covered_begin);
  auto ok = crypto::verify_integrity_auth_code(crypto::IntegrityAlg::hmac_sha1_96, s.k1.view(), s.user_key.view(), covered,
                                               plus.trailer->auth_code);
  ASSERT_TRUE(ok);
  EXPECT_FALSE(*ok);
}

TEST(NetfuzzFixups, EmptyPayloadIsZeroLengthEvenInAnEncryptedSession) {
  const Bytes d = send(plus_request(keyed_session(), get_device_id(), 3), {op(MutationOp::empty_payload)});
  EXPECT_TRUE(sim::lan_datagram::is_zero_length_rmcpplus(view(d)));
}

TEST(NetfuzzFixups, DatagramLayerMutationsComeAfterTheFixups) {
  const StepMessage msg = lan15_sessionless(get_device_id());
  FuzzRng iv(1);
  const Bytes clean = serialise(msg, iv);
  const Bytes cut = send(msg, {op(MutationOp::truncate, Layer::datagram, 10)});
  EXPECT_EQ(cut, Bytes(clean.begin(), clean.begin() + 10));
  EXPECT_TRUE(sim::lan_datagram::has_oversized_length(view(send(msg, {op(MutationOp::truncate, Layer::datagram, 20)}))));
}

TEST(NetfuzzFixups, PositionsWrapSoAnInputFitsAnySize) {
  Bytes a{1, 2, 3, 4, 5};
  apply_byte_op(op(MutationOp::set_byte, Layer::payload, 1000003, 0xff), a, 0, a.size());
  EXPECT_EQ(a, (Bytes{1, 2, 3, 0xff, 5}));  // 1000003 % 5 == 3
  Bytes empty;
  apply_byte_op(op(MutationOp::flip_bit, Layer::payload, 7, 1), empty, 0, 0);
  apply_byte_op(op(MutationOp::erase_bytes, Layer::payload, 7, 0, 3), empty, 0, 0);
  EXPECT_TRUE(empty.empty());
  apply_byte_op(op(MutationOp::insert_bytes, Layer::payload, 7, 0xab, 2), empty, 0, 0);
  EXPECT_EQ(empty, (Bytes{0xab, 0xab}));
  Bytes big(10, 0);
  apply_byte_op(op(MutationOp::insert_bytes, Layer::payload, 0, 0, 65535), big, 0, big.size());
  EXPECT_LE(big.size(), kMaxMutatedPayload);
}

TEST(NetfuzzFixups, FieldsAStepDoesNotHaveAreIgnored) {
  StepMessage asf;
  asf.kind = StepKind::asf;
  Mutation m = op(MutationOp::set_field);
  m.field = Field::payload_type;
  m.value = 0x3f;
  const StepMessage before = asf;
  apply_to_message(m, asf);
  EXPECT_EQ(asf.payload_type, before.payload_type);
  m.field = Field::ipmi_cmd;
  apply_to_message(m, asf);
  EXPECT_EQ(asf.payload, before.payload);
}

}  // namespace
}  // namespace ipmict::netfuzz
