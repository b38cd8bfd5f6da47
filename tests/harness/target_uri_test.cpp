#include "harness/target_uri.hpp"

#include <gtest/gtest.h>

namespace ipmict {
namespace {

TEST(TargetUri, LanplusWithEveryQueryParameter) {
  auto t = parse_target("lanplus://admin@10.0.0.5:6230?cipher=17&privilege=operator&timeout=500&retries=4&name-only=0");
  ASSERT_TRUE(t) << t.error();
  EXPECT_EQ(t->scheme, Target::Scheme::lanplus);
  EXPECT_EQ(t->user, "admin");
  EXPECT_EQ(t->host, "10.0.0.5");
  EXPECT_EQ(t->port, 6230);
  EXPECT_EQ(t->cipher_suite, 17);
  EXPECT_EQ(t->privilege, Privilege::operator_);
  EXPECT_EQ(t->timeout_ms, 500u);
  EXPECT_EQ(t->retries, 4u);
  EXPECT_EQ(t->name_only_lookup, false);
}

TEST(TargetUri, DefaultsAndTheNullUser) {
  auto t = parse_target("lanplus://@bmc.example");
  ASSERT_TRUE(t) << t.error();
  EXPECT_EQ(t->user, "");
  EXPECT_EQ(t->host, "bmc.example");
  EXPECT_EQ(t->port, 623);
  EXPECT_EQ(t->privilege, Privilege::administrator);
  EXPECT_FALSE(t->cipher_suite);
  auto no_user = parse_target("lan://127.0.0.1");
  ASSERT_TRUE(no_user);
  EXPECT_EQ(no_user->user, "");
}

TEST(TargetUri, LanAuthTypesAndIpv6) {
  struct {
    const char* text;
    AuthType type;
  } cases[] = {{"none", AuthType::none}, {"md2", AuthType::md2}, {"MD5", AuthType::md5},
               {"password", AuthType::straight_password}, {"straight", AuthType::straight_password}};
  for (const auto& c : cases) {
    auto t = parse_target(std::string("lan://u@[::1]:1623?auth=") + c.text);
    ASSERT_TRUE(t) << c.text << ": " << t.error();
    EXPECT_EQ(t->auth_type, c.type) << c.text;
    EXPECT_EQ(t->host, "::1");
    EXPECT_EQ(t->port, 1623);
  }
}

TEST(TargetUri, ToStringIsNormalisedAndHasNoSecret) {
  auto t = parse_target("lanplus://admin@[::1]:1623?privilege=user&cipher=3");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->to_string(), "lanplus://admin@[::1]:1623?cipher=3&privilege=user");
  auto s = parse_target("sim://?interface=system");
  ASSERT_TRUE(s) << s.error();
  EXPECT_EQ(s->scheme, Target::Scheme::sim);
  EXPECT_EQ(s->interface, "system");
  EXPECT_EQ(s->to_string(), "sim://?interface=system");
  auto p = parse_target("sim://?personality=bad-checksum,slow-responses");
  ASSERT_TRUE(p) << p.error();
  EXPECT_EQ(p->personalities, (std::vector<std::string>{"bad-checksum", "slow-responses"}));
  EXPECT_EQ(p->to_string(), "sim://?personality=bad-checksum,slow-responses");
}

TEST(TargetUri, ErrorsAreOneLineAndSayWhatToDo) {
  struct {
    const char* uri;
    const char* error;
  } cases[] = {
      {"ftp://h", "target 'ftp://h': unknown scheme 'ftp' (use lan://, lanplus:// or sim://)"},
      {"h:623", "target 'h:623': no scheme (write lanplus://USER@HOST or lan://USER@HOST)"},
      {"lanplus://admin:secret@h",
       "target 'lanplus://admin:***@h': a password in the URI is refused (use --password-env, --password-file or "
       "--password-prompt)"},
      {"lanplus://admin@", "target 'lanplus://admin@': no host"},
      {"lanplus://a@h:0", "target 'lanplus://a@h:0': port '0' is not 1-65535"},
      {"lanplus://a@h:99999", "target 'lanplus://a@h:99999': port '99999' is not 1-65535"},
      {"lanplus://a@[::1", "target 'lanplus://a@[::1': unclosed '[' in the host"},
      {"lanplus://a@h?cipher=256", "target 'lanplus://a@h?cipher=256': cipher '256' is not 0-255"},
      {"lanplus://a@h?auth=md5", "target 'lanplus://a@h?auth=md5': 'auth' is for lan:// (IPMI 1.5) targets"},
      {"lan://a@h?cipher=3", "target 'lan://a@h?cipher=3': 'cipher' is for lanplus:// (RMCP+) targets"},
      {"lan://a@h?auth=sha1", "target 'lan://a@h?auth=sha1': auth 'sha1' is not none, md2, md5 or password"},
      {"lanplus://a@h?privilege=root",
       "target 'lanplus://a@h?privilege=root': privilege 'root' is not callback, user, operator, admin or oem"},
      {"lanplus://a@h?colour=red",
       "target 'lanplus://a@h?colour=red': unknown parameter 'colour' (known: cipher, privilege, timeout, retries, "
       "name-only, auth, interface, personality)"},
      {"lanplus://a@h?personality=bad-checksum", "target 'lanplus://a@h?personality=bad-checksum': 'personality' is for sim:// targets"},
      {"lanplus://a@h?timeout=abc", "target 'lanplus://a@h?timeout=abc': timeout 'abc' is not a number of milliseconds"},
      {"lanplus://averyveryverylongusername@h", "target 'lanplus://averyveryverylongusername@h': user name longer than 16 bytes"},
  };
  for (const auto& c : cases) {
    auto t = parse_target(c.uri);
    ASSERT_FALSE(t) << c.uri;
    EXPECT_EQ(t.error(), c.error);
    EXPECT_EQ(t.error().find('\n'), std::string::npos);
    EXPECT_EQ(t.error().find("secret"), std::string::npos);
  }
}

}  // namespace
}  // namespace ipmict
