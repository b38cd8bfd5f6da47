// The generator: a seed gives the same inputs every time, every input it makes reads back
// from its text form, it keeps to the flows it was given, and the length mutations that
// find the classic bugs are frequent.
#include <gtest/gtest.h>

#include <set>

#include "fuzz/network/flow_shape.hpp"
#include "fuzz/network/generator.hpp"
#include "fuzz/network/rng.hpp"

namespace ipmict::netfuzz {
namespace {

GeneratorConfig all_flows() {
  GeneratorConfig c;
  c.flows.assign(std::begin(kAllFlowKinds), std::end(kAllFlowKinds));
  c.requests = request_pool(false);
  return c;
}

TEST(NetfuzzGenerator, SameSeedSameInputs) {
  const InputGenerator a(all_flows());
  const InputGenerator b(all_flows());
  std::set<std::string> distinct;
  for (std::uint64_t i = 0; i < 500; ++i) {
    const std::string x = format_input(a.generate(FuzzRng::derive(1234, i)));
    EXPECT_EQ(x, format_input(b.generate(FuzzRng::derive(1234, i)))) << i;
    distinct.insert(x);
  }
  EXPECT_GT(distinct.size(), 400u);
  EXPECT_NE(format_input(a.generate(FuzzRng::derive(1, 0))) + format_input(a.generate(FuzzRng::derive(1, 1))),
            format_input(a.generate(FuzzRng::derive(2, 0))) + format_input(a.generate(FuzzRng::derive(2, 1))));
}

TEST(NetfuzzGenerator, RngIsTheStandardEngineWhateverTheLibrary) {
  // mt19937_64's 10000th output is fixed by the C++ standard ([rand.predef]); the modulo
  // reduction on top of it is ours. So a seed means the same campaign everywhere.
  FuzzRng rng(5489u);
  std::uint64_t v = 0;
  for (int i = 0; i < 10000; ++i) v = rng.next();
  EXPECT_EQ(v, 9981545732273789042ull);
  EXPECT_EQ(FuzzRng::derive(0, 0), FuzzRng::derive(0, 0));
  EXPECT_NE(FuzzRng::derive(0, 0), FuzzRng::derive(0, 1));
}

TEST(NetfuzzGenerator, EveryGeneratedInputReadsBackAndFitsItsFlow) {
  const InputGenerator gen(all_flows());
  for (std::uint64_t i = 0; i < 3000; ++i) {
    const Input in = gen.generate(FuzzRng::derive(9, i));
    ASSERT_NE(in.flow, FlowKind::raw);
    auto back = parse_input(format_input(in));
    ASSERT_TRUE(back) << format_input(in) << ": " << back.error();
    EXPECT_EQ(*back, in);
    for (const Mutation& m : in.mutations) EXPECT_LT(m.step, flow_shape(in.flow).size()) << format_input(in);
  }
}

TEST(NetfuzzGenerator, KeepsToTheFlowsItWasGiven) {
  GeneratorConfig c;
  c.flows = {FlowKind::open_session, FlowKind::rakp1};
  const InputGenerator gen(c);
  for (std::uint64_t i = 0; i < 300; ++i) {
    const FlowKind f = gen.generate(FuzzRng::derive(3, i)).flow;
    EXPECT_TRUE(f == FlowKind::open_session || f == FlowKind::rakp1) << flow_name(f);
  }
}

TEST(NetfuzzGenerator, LengthFieldMutationsAreFrequent) {
  // The planted bugs of the simulator's personalities are a zero-length RMCP+ payload and a
  // length past the end of the datagram: a campaign must try both within its first inputs.
  const InputGenerator gen(all_flows());
  unsigned zero = 0, oversized = 0, any_length = 0;
  for (std::uint64_t i = 0; i < 1000; ++i) {
    for (const Mutation& m : gen.generate(FuzzRng::derive(11, i)).mutations) {
      const bool session = m.length == LengthField::session;
      if (m.op == MutationOp::set_length || m.op == MutationOp::adjust_length) ++any_length;
      if ((m.op == MutationOp::set_length && session && m.value == 0) || m.op == MutationOp::empty_payload) ++zero;
      if ((m.op == MutationOp::set_length && session && m.value >= 0x100) ||
          (m.op == MutationOp::adjust_length && session && static_cast<std::int32_t>(m.value) > 0)) {
        ++oversized;
      }
    }
  }
  EXPECT_GT(any_length, 150u);
  EXPECT_GT(zero, 20u);
  EXPECT_GT(oversized, 40u);
}

TEST(NetfuzzGenerator, CorpusInputsGetMoreMutations) {
  GeneratorConfig c;
  c.flows = {FlowKind::rakp1};
  c.corpus_percent = 100;
  InputGenerator gen(c);
  Input base;
  base.flow = FlowKind::rakp1;
  Mutation m;
  m.step = 1;
  m.op = MutationOp::set_length;
  m.value = 0x20;
  base.mutations = {m};
  gen.add_base(base);
  for (std::uint64_t i = 0; i < 50; ++i) {
    const Input in = gen.generate(FuzzRng::derive(5, i));
    ASSERT_GE(in.mutations.size(), 2u);
    EXPECT_EQ(in.mutations.front(), m);
  }
}

TEST(NetfuzzGenerator, TheRequestPoolHasNoDestructiveCommand) {
  const auto pool = request_pool(false);
  EXPECT_GT(pool.size(), 20u);
  for (const auto& r : pool) {
    EXPECT_FALSE((r.netfn == 0x06 && (r.cmd == 0x47 || r.cmd == 0x45 || r.cmd == 0x02 || r.cmd == 0x40)) ||
                 (r.netfn == 0x00 && r.cmd == 0x02) || (r.netfn == 0x0a && r.cmd == 0x47))
        << std::hex << int(r.netfn) << " " << int(r.cmd);
  }
  EXPECT_GT(request_pool(true).size(), pool.size());
}

}  // namespace
}  // namespace ipmict::netfuzz
