// The shrinker with a stand-in for "run against a fresh target": it must find the inputs
// that matter, turn an input into its raw datagram when that is enough, drop mutations
// that do not matter, and stay within its budget.
#include <gtest/gtest.h>

#include <algorithm>

#include "fuzz/network/shrinker.hpp"

namespace ipmict::netfuzz {
namespace {

// Inputs told apart by their cmd byte.
std::vector<InputRecord> window_of(int n) {
  std::vector<InputRecord> w;
  for (int i = 0; i < n; ++i) {
    InputRecord r;
    r.input.flow = FlowKind::rmcpplus_request;
    r.input.cmd = static_cast<std::uint8_t>(i);
    r.packets.push_back(Packet{true, Bytes{0x06, 0x00, 0xff, 0x07, static_cast<std::uint8_t>(i)}});
    w.push_back(r);
  }
  return w;
}

bool contains_cmd(const std::vector<Input>& inputs, std::uint8_t cmd) {
  return std::any_of(inputs.begin(), inputs.end(),
                     [&](const Input& in) { return in.flow != FlowKind::raw && in.cmd == cmd; });
}

TEST(NetfuzzShrinker, TheNewestInputAloneIsTriedFirst) {
  unsigned calls = 0;
  const auto result = shrink(window_of(20),
                             [&](const std::vector<Input>& in) -> tl::expected<bool, std::string> {
                               ++calls;
                               return contains_cmd(in, 19);
                             },
                             ShrinkOptions{});
  ASSERT_TRUE(result.reproduced);
  ASSERT_EQ(result.inputs.size(), 1u);
  EXPECT_EQ(result.inputs[0].cmd, 19);
  EXPECT_LE(calls, 3u);  // the single, and the raw replacements that do not reproduce
}

TEST(NetfuzzShrinker, DeltaDebuggingFindsTwoInputsThatOnlyTogetherTakeTheTargetDown) {
  const auto result = shrink(window_of(30),
                             [](const std::vector<Input>& in) -> tl::expected<bool, std::string> {
                               return contains_cmd(in, 4) && contains_cmd(in, 17);
                             },
                             ShrinkOptions{});
  ASSERT_TRUE(result.reproduced) << result.note;
  ASSERT_EQ(result.inputs.size(), 2u);
  EXPECT_EQ(result.inputs[0].cmd, 4);
  EXPECT_EQ(result.inputs[1].cmd, 17);
}

TEST(NetfuzzShrinker, AnInputBecomesItsMutatedDatagramWhenThatIsEnough) {
  auto w = window_of(3);
  Mutation m;
  m.op = MutationOp::empty_payload;
  w[2].input.mutations = {m, Mutation{0, MutationOp::repeat_step}};
  const Bytes killer{0x06, 0x00, 0xff, 0x07, 0x06, 0x00};
  w[2].mutated_datagrams = {killer};
  const auto result = shrink(w,
                             [&](const std::vector<Input>& in) -> tl::expected<bool, std::string> {
                               for (const Input& i : in) {
                                 if (i.flow == FlowKind::raw && !i.datagrams.empty() && i.datagrams[0] == killer) return true;
                                 if (i.cmd == 2 && i.flow != FlowKind::raw && !i.mutations.empty()) return true;
                               }
                               return false;
                             },
                             ShrinkOptions{});
  ASSERT_TRUE(result.reproduced);
  ASSERT_EQ(result.inputs.size(), 1u);
  EXPECT_EQ(result.inputs[0].flow, FlowKind::raw);
  EXPECT_EQ(result.inputs[0].datagrams, std::vector<Bytes>{killer});
}

TEST(NetfuzzShrinker, MutationsThatDoNotMatterAreDropped) {
  auto w = window_of(1);
  Mutation needed;
  needed.op = MutationOp::set_length;
  needed.value = 0;
  Mutation noise;
  noise.op = MutationOp::flip_bit;
  w[0].input.mutations = {noise, needed, noise};
  const auto result = shrink(w,
                             [&](const std::vector<Input>& in) -> tl::expected<bool, std::string> {
                               for (const Input& i : in) {
                                 for (const Mutation& m : i.mutations) {
                                   if (m.op == MutationOp::set_length) return true;
                                 }
                               }
                               return false;
                             },
                             ShrinkOptions{});
  ASSERT_TRUE(result.reproduced);
  ASSERT_EQ(result.inputs.size(), 1u);
  EXPECT_EQ(result.inputs[0].mutations, std::vector<Mutation>{needed});
}

TEST(NetfuzzShrinker, NotReproducibleKeepsTheWindowAndSaysSo) {
  const auto w = window_of(5);
  const auto result = shrink(w, [](const std::vector<Input>&) -> tl::expected<bool, std::string> { return false; },
                             ShrinkOptions{});
  EXPECT_FALSE(result.reproduced);
  EXPECT_EQ(result.inputs.size(), 5u);
  EXPECT_NE(result.note.find("did not reproduce"), std::string::npos);
}

TEST(NetfuzzShrinker, AFailingRestartStopsWithItsMessage) {
  const auto result = shrink(window_of(5),
                             [](const std::vector<Input>&) -> tl::expected<bool, std::string> {
                               return tl::unexpected(std::string("cannot restart the target: boom"));
                             },
                             ShrinkOptions{});
  EXPECT_FALSE(result.reproduced);
  EXPECT_EQ(result.attempts, 1u);
  EXPECT_NE(result.note.find("boom"), std::string::npos);
}

TEST(NetfuzzShrinker, StaysWithinItsAttemptBudget) {
  ShrinkOptions o;
  o.max_attempts = 10;
  unsigned calls = 0;
  const auto result = shrink(window_of(60),
                             [&](const std::vector<Input>& in) -> tl::expected<bool, std::string> {
                               ++calls;
                               return contains_cmd(in, 3) && contains_cmd(in, 40) && contains_cmd(in, 50);
                             },
                             o);
  EXPECT_LE(calls, 10u);
  EXPECT_LE(result.attempts, 10u);
}

}  // namespace
}  // namespace ipmict::netfuzz
