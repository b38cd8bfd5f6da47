#include "transports/ip_endpoint.hpp"

#include <gtest/gtest.h>

namespace ipmict::transport {
namespace {

TEST(SplitHostPort, AcceptsHostPortIpv6BracketsAndDefaults) {
  auto a = split_host_port("10.0.0.5:6230", 623);
  ASSERT_TRUE(a);
  EXPECT_EQ(a->host, "10.0.0.5");
  EXPECT_EQ(a->port, 6230);
  auto b = split_host_port("[::1]:623", 1);
  ASSERT_TRUE(b);
  EXPECT_EQ(b->host, "::1");
  EXPECT_EQ(b->port, 623);
  auto c = split_host_port("bmc.example", 623);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->port, 623);
  auto d = split_host_port("fe80::1", 623);  // a bare IPv6 address has no port
  ASSERT_TRUE(d);
  EXPECT_EQ(d->host, "fe80::1");
  EXPECT_EQ(d->port, 623);
  auto e = split_host_port("[::1]", 624);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->port, 624);
}

TEST(SplitHostPort, RejectsBadPortsAndBracketsWithOneLine) {
  for (const char* bad : {"host:", "host:0", "host:65536", "host:62x", "[::1", "[::1]x", "[]:623", ":623", ""}) {
    auto r = split_host_port(bad, 623);
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().find('\n'), std::string::npos) << r.error();
    EXPECT_FALSE(r.error().empty());
  }
  EXPECT_NE(split_host_port("host:62x", 623).error().find("62x"), std::string::npos);
}

TEST(IpEndpoint, PrintsIpv6InBrackets) {
  EXPECT_EQ((IpEndpoint{"127.0.0.1", 623}.to_string()), "127.0.0.1:623");
  EXPECT_EQ((IpEndpoint{"::1", 623}.to_string()), "[::1]:623");
}

}  // namespace
}  // namespace ipmict::transport
