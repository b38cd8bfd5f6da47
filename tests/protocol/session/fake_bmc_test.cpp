// The tests below check the fake BMC itself, so that a session test failure cannot come
// from a fake that answers nonsense.
#include "tests/protocol/session/fake_bmc.hpp"

#include <gtest/gtest.h>

#include "protocol/wire/datagram.hpp"
#include "protocol/wire/rmcp.hpp"
#include "protocol/wire/session15.hpp"
#include "tests/protocol/session/session_harness.hpp"

namespace ipmict::session::testing {
namespace {

Bytes sessionless_request(std::uint8_t cmd, Bytes data) {
  IpmiRequest rq;
  rq.netfn = 0x06;
  rq.cmd = cmd;
  rq.rq_seq = 5;
  rq.data = std::move(data);
  const Bytes msg = encode_ipmi_request(rq);
  Session15 s;
  s.payload = view(msg);
  return encode_rmcp(RmcpHeader{}, view(encode_session15(s)));
}

TEST(FakeBmc, AnswersGetChannelAuthCapsWithIpmi20Support) {
  FakeBmc bmc(bmc_config());
  auto replies = bmc.handle(view(sessionless_request(0x38, {0x8e, 0x04})));
  ASSERT_EQ(replies.size(), 1u);
  auto d = decode_datagram(view(replies[0]), 0);
  ASSERT_TRUE(d);
  auto r = decode_ipmi_response(std::get<Session15>(d->message).payload);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->rq_seq, 5);
  EXPECT_EQ(r->completion_code, 0);
  ASSERT_EQ(r->data.size(), 8u);
  EXPECT_EQ(r->data[1] & 0x80, 0x80);
  EXPECT_EQ(r->data[3], 0x03);
}

TEST(FakeBmc, IgnoresInSessionPacketsOfUnknownSessions) {
  FakeBmc bmc(bmc_config());
  IpmiRequest rq;
  rq.netfn = 0x06;
  rq.cmd = 0x01;
  const Bytes msg = encode_ipmi_request(rq);
  Session15 s;
  s.session_id = 0x1234;
  s.session_sequence = 1;
  s.payload = view(msg);
  EXPECT_TRUE(bmc.handle(view(encode_rmcp(RmcpHeader{}, view(encode_session15(s))))).empty());
}

}  // namespace
}  // namespace ipmict::session::testing
