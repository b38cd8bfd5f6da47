// The input model's text form: what reproducers and corpus files hold must read back as
// the same input, and a broken line must say which token is wrong.
#include <gtest/gtest.h>

#include "fuzz/network/input.hpp"

namespace ipmict::netfuzz {
namespace {

Mutation make(std::uint8_t step, MutationOp op) {
  Mutation m;
  m.step = step;
  m.op = op;
  return m;
}

TEST(NetfuzzInputFormat, EveryOperationRoundTrips) {
  std::vector<Mutation> all;
  for (const Layer layer : {Layer::payload, Layer::ipmi_data, Layer::datagram}) {
    for (const MutationOp op : {MutationOp::flip_bit, MutationOp::set_byte, MutationOp::insert_bytes,
                                MutationOp::erase_bytes, MutationOp::truncate}) {
      Mutation m = make(2, op);
      m.layer = layer;
      m.pos = 4000000000u;
      if (op == MutationOp::flip_bit || op == MutationOp::set_byte || op == MutationOp::insert_bytes) m.value = 0xa5;
      if (op == MutationOp::insert_bytes || op == MutationOp::erase_bytes) m.count = 700;
      all.push_back(m);
    }
  }
  Mutation field = make(0, MutationOp::set_field);
  field.field = Field::session_id;
  field.value = 0xffffffffu;
  all.push_back(field);
  Mutation length = make(1, MutationOp::set_length);
  length.length = LengthField::session;
  length.value = 0x7fff;
  all.push_back(length);
  Mutation inner = make(1, MutationOp::set_length);
  inner.length = LengthField::inner;
  inner.pos = 2;
  inner.value = 0x11;
  all.push_back(inner);
  Mutation down = make(0, MutationOp::adjust_length);
  down.value = static_cast<std::uint32_t>(-1);
  all.push_back(down);
  Mutation up = make(0, MutationOp::adjust_length);
  up.length = LengthField::inner;
  up.value = 16;
  all.push_back(up);
  for (const MutationOp op : {MutationOp::empty_payload, MutationOp::keep_checksums, MutationOp::bad_auth_code,
                              MutationOp::drop_step, MutationOp::repeat_step}) {
    all.push_back(make(3, op));
  }
  for (const Mutation& m : all) {
    const std::string text = format_mutation(m);
    auto back = parse_mutation(text);
    ASSERT_TRUE(back) << text << ": " << back.error();
    EXPECT_EQ(*back, m) << text;
  }
}

TEST(NetfuzzInputFormat, AdjustLengthShowsASignedDelta) {
  Mutation m = make(0, MutationOp::adjust_length);
  m.value = static_cast<std::uint32_t>(-2);
  EXPECT_EQ(format_mutation(m), "0:adjust-length:session:delta=-2");
  m.value = 1;
  EXPECT_EQ(format_mutation(m), "0:adjust-length:session:delta=+1");
}

TEST(NetfuzzInputFormat, InputLineRoundTrips) {
  Input in;
  in.flow = FlowKind::rmcpplus_request;
  in.netfn = 0x0a;
  in.cmd = 0x43;
  in.data = {0x00, 0x00, 0xff, 0xff, 0x00, 0xff};
  Mutation m = make(0, MutationOp::set_field);
  m.field = Field::ipmi_cmd;
  m.value = 0x01;
  in.mutations = {m, make(0, MutationOp::repeat_step)};
  const std::string line = format_input(in);
  EXPECT_EQ(line,
            "flow=rmcpplus-request netfn=0xa cmd=0x43 data=0000ffff00ff m=0:set-field:ipmi.cmd:value=0x1 m=0:repeat-step");
  auto back = parse_input(line);
  ASSERT_TRUE(back) << back.error();
  EXPECT_EQ(*back, in);
}

TEST(NetfuzzInputFormat, FlowsWithoutARequestDoNotWriteOne) {
  Input in;
  in.flow = FlowKind::open_session;
  EXPECT_EQ(format_input(in), "flow=open-session");
}

TEST(NetfuzzInputFormat, EveryFlowNameParsesBack) {
  for (const FlowKind f : kAllFlowKinds) {
    auto back = parse_flow(flow_name(f));
    ASSERT_TRUE(back) << flow_name(f);
    EXPECT_EQ(*back, f);
  }
  EXPECT_EQ(parse_group("pre-session"), FlowGroup::pre_session);
  EXPECT_EQ(flow_group(FlowKind::rakp3), FlowGroup::pre_session);
  EXPECT_EQ(flow_group(FlowKind::ipmi15_activate), FlowGroup::ipmi15);
  EXPECT_EQ(flow_group(FlowKind::rmcpplus_request), FlowGroup::in_session);
}

TEST(NetfuzzInputFormat, BadTokensAreNamed) {
  auto no_flow = parse_input("netfn=0x6");
  ASSERT_FALSE(no_flow);
  EXPECT_NE(no_flow.error().find("flow="), std::string::npos);

  auto unknown_flow = parse_input("flow=rakp9");
  ASSERT_FALSE(unknown_flow);
  EXPECT_NE(unknown_flow.error().find("flow=rakp9"), std::string::npos);

  auto bad_netfn = parse_input("flow=rmcpplus-request netfn=0x40");
  ASSERT_FALSE(bad_netfn);
  EXPECT_NE(bad_netfn.error().find("netfn=0x40"), std::string::npos);

  auto bad_op = parse_input("flow=raw m=0:explode");
  ASSERT_FALSE(bad_op);
  EXPECT_NE(bad_op.error().find("unknown operation 'explode'"), std::string::npos);

  auto bad_target = parse_mutation("0:set-field:session.colour:value=1");
  ASSERT_FALSE(bad_target);
  EXPECT_NE(bad_target.error().find("session.colour"), std::string::npos);

  auto bad_number = parse_mutation("0:set-byte:payload:pos=x1");
  ASSERT_FALSE(bad_number);
  EXPECT_NE(bad_number.error().find("pos=x1"), std::string::npos);

  EXPECT_FALSE(parse_mutation("0:set-byte"));             // no layer
  EXPECT_FALSE(parse_mutation("256:drop-step"));          // step out of range
  EXPECT_FALSE(parse_mutation("0:insert:payload:count=70000"));
  EXPECT_FALSE(parse_input("flow=raw data=zz"));
}

}  // namespace
}  // namespace ipmict::netfuzz
