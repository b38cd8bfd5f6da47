// The matcher engine: every matcher kind, variables, absent optional groups, completion
// codes, lengths, no_response, session expectations.
#include "harness/runner/expectation.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/runner/runner_test_support.hpp"

namespace ipmict::runner {
namespace {

using test::eq;
using test::matcher;
using test::num;
using test::text;
using K = cases::Matcher::Kind;
using ::testing::HasSubstr;

class ExpectationTest : public ::testing::Test {
 protected:
  catalog::Catalog catalog = catalog::builtin_catalog();
  const catalog::CommandDescriptor* device_id = catalog.find("get-device-id");
  // Get Device ID: 11 bytes, or 15 with the auxiliary firmware revision (optional group 1).
  Bytes short_reply{0x20, 0x81, 0x02, 0x15, 0x02, 0xbf, 0x57, 0x01, 0x00, 0x34, 0x12};
  Bytes long_reply() const {
    Bytes b = short_reply;
    b.insert(b.end(), {0xd8, 0xcb, 0x8a, 0xf7});
    return b;
  }
  Observation seen(const Bytes& data, std::uint8_t cc = 0) {
    return observe(device_id, session::Response{0x07, 0x01, cc, data});
  }
  std::vector<Mismatch> match(const cases::Expectation& e, const Observation& o, const Variables& v = {}) {
    return match_expectation(e, o, v);
  }
  static cases::Expectation fields(std::vector<std::pair<std::string, cases::Matcher>> f) {
    cases::Expectation e;
    e.fields = std::move(f);
    return e;
  }
};

TEST_F(ExpectationTest, EqualsNumberPassesAndMismatchNamesExpectedAndSeen) {
  EXPECT_TRUE(match(fields({{"device_id", eq(0x20)}}), seen(short_reply)).empty());
  auto mm = match(fields({{"device_id", eq(0x21)}}), seen(short_reply));
  ASSERT_EQ(mm.size(), 1u);
  EXPECT_EQ(mm[0].to_string(), "fields.device_id: expected 0x21, seen 0x20");
}

TEST_F(ExpectationTest, EqualsEnumLabelIsCaseInsensitive) {
  EXPECT_TRUE(match(fields({{"device_available", eq(text("Normal Operation"))}}), seen(short_reply)).empty());
  EXPECT_EQ(match(fields({{"device_available", eq(text("device firmware, SDR update or self-initialization in progress"))}}),
                  seen(short_reply))
                .size(),
            1u);
}

TEST_F(ExpectationTest, EqualsBytesAndHexText) {
  EXPECT_TRUE(match(fields({{"auxiliary_firmware_revision", eq(test::bytes({0xd8, 0xcb, 0x8a, 0xf7}))}}), seen(long_reply())).empty());
  EXPECT_TRUE(match(fields({{"auxiliary_firmware_revision", eq(text("d8 cb 8a f7"))}}), seen(long_reply())).empty());
  auto mm = match(fields({{"auxiliary_firmware_revision", eq(text("00 00 00 00"))}}), seen(long_reply()));
  ASSERT_EQ(mm.size(), 1u);
  EXPECT_THAT(mm[0].seen, HasSubstr("d8 cb 8a f7"));
}

TEST_F(ExpectationTest, EqualsAsciiText) {
  const auto* cmd = catalog.find("get-user-name");
  ASSERT_NE(cmd, nullptr);
  Bytes name(16, 0);
  name[0] = 'a';
  name[1] = 'd';
  name[2] = 'm';
  name[3] = 'i';
  name[4] = 'n';
  auto o = observe(cmd, session::Response{0x07, 0x46, 0, name});
  EXPECT_TRUE(match(fields({{"user_name", eq(text("admin"))}}), o).empty());
  EXPECT_EQ(match(fields({{"user_name", eq(text("root"))}}), o).size(), 1u);
  // same_as a text variable ($admin_user) against the NUL-padded field
  Variables v;
  v["admin_user"] = VariableValue{std::nullopt, {'a', 'd', 'm', 'i', 'n'}, "admin", false};
  v["root"] = VariableValue{std::nullopt, {'r', 'o', 'o', 't'}, "root", false};
  EXPECT_TRUE(match(fields({{"user_name", matcher(K::same_as, {text("$admin_user")})}}), o, v).empty());
  EXPECT_EQ(match(fields({{"user_name", matcher(K::same_as, {text("$root")})}}), o, v).size(), 1u);
}

TEST_F(ExpectationTest, NotEqual) {
  EXPECT_TRUE(match(fields({{"device_id", matcher(K::not_equal, {num(0)})}}), seen(short_reply)).empty());
  EXPECT_EQ(match(fields({{"device_id", matcher(K::not_equal, {num(0x20)})}}), seen(short_reply)).size(), 1u);
}

TEST_F(ExpectationTest, MaskComparesTheMaskedBits) {
  // additional device support 0xbf: mask 0x0f -> 0x0f
  EXPECT_TRUE(match(fields({{"device_revision", matcher(K::mask, {num(0x01)}, 0x0f)}}), seen(short_reply)).empty());
  auto mm = match(fields({{"product_id", matcher(K::mask, {num(0x0034)}, 0xff00)}}), seen(short_reply));
  ASSERT_EQ(mm.size(), 1u);
  EXPECT_THAT(mm[0].seen, HasSubstr("masked: 0x1200"));
}

TEST_F(ExpectationTest, RangeIsInclusive) {
  EXPECT_TRUE(match(fields({{"device_id", matcher(K::range, {num(0x20), num(0x20)})}}), seen(short_reply)).empty());
  auto mm = match(fields({{"device_id", matcher(K::range, {num(0x01), num(0x0b)})}}), seen(short_reply));
  ASSERT_EQ(mm.size(), 1u);
  EXPECT_EQ(mm[0].to_string(), "fields.device_id: expected range [0x01, 0x0b], seen 0x20");
}

TEST_F(ExpectationTest, OneOf) {
  EXPECT_TRUE(match(fields({{"device_id", matcher(K::one_of, {num(1), num(0x20)})}}), seen(short_reply)).empty());
  EXPECT_EQ(match(fields({{"device_id", matcher(K::one_of, {num(1), num(2)})}}), seen(short_reply)).size(), 1u);
}

TEST_F(ExpectationTest, AnyNeedsThePresenceOfTheField) {
  EXPECT_TRUE(match(fields({{"auxiliary_firmware_revision", matcher(K::any)}}), seen(long_reply())).empty());
  auto mm = match(fields({{"auxiliary_firmware_revision", matcher(K::any)}}), seen(short_reply));
  ASSERT_EQ(mm.size(), 1u);
  EXPECT_EQ(mm[0].seen, "absent");
}

TEST_F(ExpectationTest, AbsentOptionalGroup) {
  EXPECT_TRUE(match(fields({{"auxiliary_firmware_revision", matcher(K::absent)}}), seen(short_reply)).empty());
  auto mm = match(fields({{"auxiliary_firmware_revision", matcher(K::absent)}}), seen(long_reply()));
  ASSERT_EQ(mm.size(), 1u);
  EXPECT_EQ(mm[0].expected, "absent");
}

TEST_F(ExpectationTest, SameAsComparesWithACapturedVariable) {
  Variables v;
  v["dev"] = VariableValue{0x20, {0x20}, {}, false};
  v["aux"] = VariableValue{std::nullopt, {0xd8, 0xcb, 0x8a, 0xf7}, {}, false};
  v["other"] = VariableValue{0x07, {0x07}, {}, false};
  EXPECT_TRUE(match(fields({{"device_id", matcher(K::same_as, {text("$dev")})}}), seen(short_reply), v).empty());
  EXPECT_TRUE(match(fields({{"auxiliary_firmware_revision", matcher(K::same_as, {text("$aux")})}}), seen(long_reply()), v).empty());
  auto mm = match(fields({{"device_id", matcher(K::same_as, {text("$other")})}}), seen(short_reply), v);
  ASSERT_EQ(mm.size(), 1u);
  EXPECT_EQ(mm[0].to_string(), "fields.device_id: expected same as $other (0x07), seen 0x20");
  auto undefined = match(fields({{"device_id", matcher(K::same_as, {text("$nope")})}}), seen(short_reply), v);
  ASSERT_EQ(undefined.size(), 1u);
  EXPECT_THAT(undefined[0].seen, HasSubstr("undefined variable $nope"));
}

TEST_F(ExpectationTest, CompletionCodeDefaultsToZeroAndSkipsFieldsOnMismatch) {
  cases::Expectation e = fields({{"device_id", eq(0x20)}});
  auto mm = match(e, seen({}, 0xc1));
  ASSERT_EQ(mm.size(), 1u);
  EXPECT_EQ(mm[0].what, "completion_code");
  EXPECT_THAT(mm[0].expected, HasSubstr("00h"));
  EXPECT_THAT(mm[0].seen, HasSubstr("C1h"));
  cases::Expectation lst;
  lst.completion_codes = std::vector<std::uint8_t>{0x00, 0xc1};
  EXPECT_TRUE(match(lst, seen({}, 0xc1)).empty());
}

TEST_F(ExpectationTest, LengthCountsDataBytesAfterTheCompletionCode) {
  cases::Expectation e;
  e.length = std::make_pair(std::size_t{11}, std::size_t{11});
  EXPECT_TRUE(match(e, seen(short_reply)).empty());
  auto mm = match(e, seen(long_reply()));
  ASSERT_EQ(mm.size(), 1u);
  EXPECT_EQ(mm[0].to_string(), "length: expected 11 data bytes, seen 15 data bytes");
}

TEST_F(ExpectationTest, SuccessfulReplyThatDoesNotDecodeIsAMismatch) {
  Bytes truncated(short_reply.begin(), short_reply.end() - 1);
  auto mm = match(cases::Expectation{}, seen(truncated));
  ASSERT_EQ(mm.size(), 1u);
  EXPECT_EQ(mm[0].what, "response layout");
}

TEST_F(ExpectationTest, UnknownFieldNameIsReported) {
  auto mm = match(fields({{"devise_id", eq(1)}}), seen(short_reply));
  ASSERT_EQ(mm.size(), 1u);
  EXPECT_THAT(mm[0].seen, HasSubstr("no field 'devise_id'"));
}

TEST_F(ExpectationTest, NoResponse) {
  cases::Expectation e;
  e.no_response = true;
  EXPECT_TRUE(match(e, observe(device_id, std::nullopt)).empty());
  EXPECT_EQ(match(e, seen(short_reply)).size(), 1u);
  EXPECT_EQ(match(cases::Expectation{}, observe(device_id, std::nullopt)).size(), 1u);
}

TEST(SessionExpectationTest, EstablishedByDefaultAndFailedAtWithStatus) {
  SessionRecord ok;
  ok.established = true;
  EXPECT_TRUE(match_session(std::nullopt, ok).empty());
  SessionRecord failed;
  failed.failed_at = "RAKP 2";
  failed.detail = "wrong password";
  auto mm = match_session(std::nullopt, failed);
  ASSERT_EQ(mm.size(), 1u);
  EXPECT_THAT(mm[0].seen, HasSubstr("failed at RAKP 2"));
  cases::SessionExpectation want;
  want.established = false;
  want.failed_at = "rakp 2";
  EXPECT_TRUE(match_session(want, failed).empty());
  want.status = 0x0d;
  auto st = match_session(want, failed);
  ASSERT_EQ(st.size(), 1u);
  EXPECT_EQ(st[0].what, "session.status");
  EXPECT_EQ(match_session(want, ok).size(), 1u);
}

TEST(ResolveValueTest, VariablesAndSecrets) {
  Variables v;
  v["admin_password"] = VariableValue{std::nullopt, {'p', 'w'}, {}, true};
  v["ch"] = VariableValue{1, {1}, {}, false};
  auto pw = resolve_value(text("$admin_password"), v);
  ASSERT_TRUE(pw);
  EXPECT_TRUE(pw->secret);
  auto ch = resolve_value(text("$ch"), v);
  ASSERT_TRUE(ch);
  EXPECT_EQ(std::get<std::uint64_t>(ch->input.value), 1u);
  EXPECT_FALSE(resolve_value(text("$missing"), v));
  EXPECT_EQ(to_display(v["admin_password"]), "<secret>");
}

}  // namespace
}  // namespace ipmict::runner
