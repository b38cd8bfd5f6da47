#include "harness/secret_source.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace ipmict {
namespace {

std::string temp_file(const std::string& content) {
  auto path = std::filesystem::temp_directory_path() / ("ipmict-secret-" + std::to_string(::getpid()) + "-" + std::to_string(std::rand()));
  std::ofstream(path, std::ios::binary) << content;
  return path.string();
}

TEST(SecretSource, ReadsFromEnvironmentVariable) {
  ::setenv("IPMICT_TEST_SECRET", "s3cret", 1);
  auto s = read_secret(SecretSource{"IPMICT_TEST_SECRET", {}, false}, "password", SecretEncoding::text, 20);
  ASSERT_TRUE(s) << s.error();
  EXPECT_EQ(std::string(s->begin(), s->end()), "s3cret");
}

TEST(SecretSource, FileDropsOneTrailingNewline) {
  const auto path = temp_file("pw with space\n");
  auto s = read_secret(SecretSource{{}, path, false}, "password", SecretEncoding::text, 20);
  std::filesystem::remove(path);
  ASSERT_TRUE(s);
  EXPECT_EQ(std::string(s->begin(), s->end()), "pw with space");
}

TEST(SecretSource, KgAcceptsHexForms) {
  ::setenv("IPMICT_TEST_KG", "0x0102", 1);
  auto a = read_secret(SecretSource{"IPMICT_TEST_KG", {}, false}, "K_G", SecretEncoding::hex_or_text, 20);
  ASSERT_TRUE(a);
  EXPECT_EQ(*a, (Bytes{1, 2}));
  ::setenv("IPMICT_TEST_KG", "0102030405060708090a0b0c0d0e0f1011121314", 1);
  auto b = read_secret(SecretSource{"IPMICT_TEST_KG", {}, false}, "K_G", SecretEncoding::hex_or_text, 20);
  ASSERT_TRUE(b);
  EXPECT_EQ(b->size(), 20u);
  EXPECT_EQ((*b)[19], 0x14);
}

TEST(SecretSource, ErrorsNameTheSourceAndNeverTheSecret) {
  ::unsetenv("IPMICT_TEST_MISSING");
  auto missing = read_secret(SecretSource{"IPMICT_TEST_MISSING", {}, false}, "password", SecretEncoding::text, 20);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error(), "password: environment variable IPMICT_TEST_MISSING is not set");

  auto nofile = read_secret(SecretSource{{}, "/nonexistent/pw", false}, "password", SecretEncoding::text, 20);
  ASSERT_FALSE(nofile);
  EXPECT_EQ(nofile.error(), "password: cannot read file /nonexistent/pw");

  ::setenv("IPMICT_TEST_SECRET", "this-password-is-longer-than-twenty", 1);
  auto toolong = read_secret(SecretSource{"IPMICT_TEST_SECRET", {}, false}, "password", SecretEncoding::text, 20);
  ASSERT_FALSE(toolong);
  EXPECT_EQ(toolong.error().find("this-password"), std::string::npos);
  EXPECT_NE(toolong.error().find("35 bytes"), std::string::npos);
}

}  // namespace
}  // namespace ipmict
