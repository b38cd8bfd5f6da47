// results.json round trip: what to_json writes, from_json reads back unchanged; a broken
// file gets a one-line error naming the JSON path.
#include "reports/results_json.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/reports/sample_results.hpp"

namespace ipmict::reports {
namespace {

using ::testing::HasSubstr;

TEST(ResultsJson, RoundTripsEveryField) {
  const RunResults original = test::sample_results();
  const nlohmann::json written = to_json(original);
  auto back = from_json(written);
  ASSERT_TRUE(back) << back.error();
  EXPECT_EQ(to_json(*back), written);
  ASSERT_EQ(back->targets.size(), 2u);
  const auto& c = back->targets[0].cases[1];
  EXPECT_EQ(c.outcome, Outcome::fail);
  ASSERT_TRUE(c.finding);
  EXPECT_EQ(c.finding->severity, "high");
  ASSERT_FALSE(c.steps.empty());
  ASSERT_TRUE(c.steps[0].exchange);
  EXPECT_EQ(c.steps[0].exchange->response, (std::vector<std::uint8_t>{0x00, 0x20}));
  EXPECT_EQ(back->targets[0].identity.guid, original.targets[0].identity.guid);
}

TEST(ResultsJson, ReadsAFileWithoutTheFieldsAddedLater) {
  // The first results.json files had no command/netfn/finding/guid fields.
  auto r = parse_results(R"({"schema":"ipmict-results/1","complete":true,"run":{"tool":"ipmict"},
    "targets":[{"name":"sim://","cases":[{"id":"a.b","outcome":"PASS","steps":[]}]}]})");
  ASSERT_TRUE(r) << r.error();
  EXPECT_EQ(r->targets[0].cases[0].severity, "must");
  EXPECT_FALSE(r->targets[0].cases[0].netfn);
}

TEST(ResultsJson, NamesThePathOfAWrongField) {
  auto r = parse_results(R"({"schema":"ipmict-results/1","targets":[{"name":"x","cases":[{"id":"a","outcome":"MAYBE"}]}]})");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), "targets[0].cases[0].outcome: unknown outcome \"MAYBE\"");
  auto hex = parse_results(R"({"schema":"ipmict-results/1","targets":[{"cases":[{"id":"a","outcome":"PASS",
    "steps":[{"exchange":{"request":"zz"}}]}]}]})");
  ASSERT_FALSE(hex);
  EXPECT_EQ(hex.error(), "targets[0].cases[0].steps[0].exchange.request: expected hex bytes");
  // A quoted value with a line break stays one line (found by results_file_fuzzer).
  auto broken = parse_results(R"({"schema":"ipmict-results/1","targets":[{"cases":[{"id":"a","outcome":"F\nX"}]}]})");
  ASSERT_FALSE(broken);
  EXPECT_EQ(broken.error(), "targets[0].cases[0].outcome: unknown outcome \"F\\nX\"");
  auto schema = parse_results("{\"schema\":\"ipmict-results/1\\n2\"}");
  ASSERT_FALSE(schema);
  EXPECT_EQ(schema.error().find('\n'), std::string::npos) << schema.error();
}

TEST(ResultsJson, RefusesOtherDocuments) {
  EXPECT_THAT(parse_results("{").error(), HasSubstr("not valid JSON"));
  // JSON that nlohmann cannot hold (a number beyond double) is refused, not thrown.
  EXPECT_THAT(parse_results(R"({"schema":"ipmict-results/1","x":1E99999})").error(), HasSubstr("number overflow"));
  EXPECT_THAT(parse_results("[]").error(), HasSubstr("expected an object"));
  EXPECT_THAT(parse_results(R"({"schema":"junit"})").error(), HasSubstr("schema"));
  EXPECT_THAT(parse_results(R"({"schema":"ipmict-results/9"})").error(), HasSubstr("ipmict-results/9"));
  EXPECT_THAT(load_results("/nonexistent/results.json").error(), HasSubstr("/nonexistent/results.json: cannot open"));
}

}  // namespace
}  // namespace ipmict::reports
