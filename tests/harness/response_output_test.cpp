#include "harness/response_output.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "protocol/catalog/catalog.hpp"

namespace ipmict {
namespace {

// Seed A12: ipmitool raw 0x06 0x38 0x81 0x04 gives 01 b7 04 03 00 00 00 00.
session::Request auth_caps() { return session::Request{0x06, 0x38, Bytes{0x81, 0x04}, 0, std::nullopt}; }
session::Response auth_caps_answer() {
  return session::Response{0x07, 0x38, 0x00, Bytes{0x01, 0xb7, 0x04, 0x03, 0x00, 0x00, 0x00, 0x00}};
}

TEST(ResponseOutput, TextShowsNameCodeBytesAndFields) {
  const catalog::Catalog cat = catalog::builtin_catalog();
  const std::string text = format_response_text(cat, auth_caps(), auth_caps_answer());
  EXPECT_EQ(text.rfind("Get Channel Authentication Capabilities (App 06h, cmd 38h): cc 00h (Command Completed Normally)\n"
                       "data: 01 b7 04 03 00 00 00 00\n",
                       0),
            0u)
      << text;
  EXPECT_NE(text.find("  channel_number: 0x01"), std::string::npos);
  EXPECT_NE(text.find("  channel_supports_ipmi_v20_connections: 0x01"), std::string::npos);
  EXPECT_EQ(text.find("completion_code:"), std::string::npos);
}

TEST(ResponseOutput, ErrorCodeUsesTheCommandSpecificName) {
  const catalog::Catalog cat = catalog::builtin_catalog();
  // Seed A31 example 4: Set User Password test with the wrong password answers 80h.
  const session::Request rq{0x06, 0x47, Bytes{0x03, 0x03, 0x74, 0x65, 0x73, 0x75}, 0, std::nullopt};
  const std::string text = format_response_text(cat, rq, session::Response{0x07, 0x47, 0x80, {}});
  EXPECT_NE(text.find("Set User Password (App 06h, cmd 47h): cc 80h (password test failed"), std::string::npos) << text;
}

TEST(ResponseOutput, JsonHasNumbersLabelsAndFindings) {
  const catalog::Catalog cat = catalog::builtin_catalog();
  const nlohmann::json j = response_json(cat, auth_caps(), auth_caps_answer());
  EXPECT_EQ(j["command"], "Get Channel Authentication Capabilities");
  EXPECT_EQ(j["completion_code"], 0);
  EXPECT_EQ(j["data"], "01 b7 04 03 00 00 00 00");
  EXPECT_EQ(j["fields"]["channel_number"], 1);
  EXPECT_EQ(j["fields"]["kg_status"]["value"], 0);
  EXPECT_TRUE(j["findings"].empty());
  // One byte short: the finding says where.
  session::Response short_answer = auth_caps_answer();
  short_answer.data.pop_back();
  const nlohmann::json s = response_json(cat, auth_caps(), short_answer);
  ASSERT_EQ(s["findings"].size(), 1u);
  EXPECT_NE(s["findings"][0].get<std::string>().find("truncated at offset 7"), std::string::npos) << s.dump();
}

TEST(ResponseOutput, UnknownCommandStillShowsBytes) {
  const catalog::Catalog cat = catalog::builtin_catalog();
  const session::Request rq{0x2e, 0x01, Bytes{0x57, 0x01, 0x00}, 0, std::nullopt};
  const std::string text = format_response_text(cat, rq, session::Response{0x2f, 0x01, 0xc1, {}});
  EXPECT_EQ(text, "unknown command (OEM/Group 2eh, cmd 01h): cc c1h (Invalid Command)\n");
}

}  // namespace
}  // namespace ipmict
