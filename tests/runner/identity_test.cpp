// The target's identity in results: the GUID as RFC 4122 text in the byte order of IPMI
// 2.0 Table 20-10 (docs/interpretations.md I-GUID-ORDER) and the manufacturer's name from
// its IANA enterprise number; probed on the built-in simulator and on OpenIPMI's ipmi_sim.
#include <cstdlib>

#include <gtest/gtest.h>

#include "harness/runner/capabilities.hpp"
#include "harness/runner/iana_enterprise.hpp"
#include "harness/runner/ipmi_guid.hpp"
#include "harness/runner/target_runner.hpp"
#include "tests/runner/runner_test_support.hpp"
#include "transports/lan_client.hpp"
#include "tests/support/ipmi_sim_peer.hpp"

namespace ipmict::runner {
namespace {

TEST(IpmiGuidTest, TheWireBytesAreTheRfc4122OctetsLeastSignificantFirst) {
  // Wire byte 1 is node[5] (the last RFC octet), wire byte 16 is time_low's first octet.
  const Bytes wire{0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff};
  EXPECT_EQ(ipmi_guid_text(view(wire)), "ffeeddcc-bbaa-9988-7766-554433221100");
  // The version nibble (RFC 4122 §4.1.3: octet 6, high nibble) is then wire byte 10's.
  const Bytes v4{0x6c, 0x1d, 0x0a, 0x3e, 0x52, 0x7b, 0x4b, 0x8e, 0x9a, 0x41, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01};
  EXPECT_EQ(ipmi_guid_text(view(v4)), "01000000-0000-419a-8e4b-7b523e0a1d6c");
}

TEST(IpmiGuidTest, AnythingButSixteenBytesHasNoText) {
  EXPECT_EQ(ipmi_guid_text({}), "");
  const Bytes fifteen(15, 0xab);
  const Bytes seventeen(17, 0xab);
  EXPECT_EQ(ipmi_guid_text(view(fifteen)), "");
  EXPECT_EQ(ipmi_guid_text(view(seventeen)), "");
}

TEST(IanaEnterpriseTest, CommonBmcVendorsHaveNamesUnknownNumbersHaveNone) {
  EXPECT_EQ(iana_enterprise_name(343), "Intel");
  EXPECT_EQ(iana_enterprise_name(674), "Dell");
  EXPECT_EQ(iana_enterprise_name(10876), "Supermicro");
  EXPECT_EQ(iana_enterprise_name(4753), "MontaVista (OpenIPMI)");
  EXPECT_EQ(iana_enterprise_name(0), "");
  EXPECT_EQ(iana_enterprise_name(1), "");
  EXPECT_EQ(iana_enterprise_name(0xffffff), "");
}

TEST(IdentityProbeTest, TheSimulatorsSystemGuidAndManufacturer) {
  auto sim = test::start_sim(false);
  ASSERT_TRUE(sim);
  TargetSetup t = sim_in_memory_target(*sim);
  const catalog::Catalog catalog = catalog::builtin_catalog();
  TargetResults header;
  prepare_target(t, catalog, header);
  ASSERT_TRUE(header.error.empty()) << header.error;
  // sim/default_config.cpp: system GUID 6c 1d 0a 3e ... 00 01 on the wire; the device GUID
  // ends in 02: the system GUID comes first.
  EXPECT_EQ(header.identity.guid, "01000000-0000-419a-8e4b-7b523e0a1d6c");
  EXPECT_EQ(header.identity.manufacturer_id, 0u);
  EXPECT_EQ(header.identity.manufacturer_name, "");  // 0 is IANA's "reserved": no vendor
}

TEST(IdentityProbeTest, IpmiSimReportsItsConfiguredGuidAndOpenIpmisEnterpriseNumber) {
  if (const auto why = ipmict::test::ipmi_sim_unavailable_reason(); !why.empty()) GTEST_SKIP() << why;
  ipmict::test::IpmiSimPeer peer;
  session::ClientConfig config;
  config.protocol = session::Protocol::lanplus;
  config.username.assign(ipmict::test::IpmiSimPeer::kAdminUser.begin(), ipmict::test::IpmiSimPeer::kAdminUser.end());
  config.password.assign(ipmict::test::IpmiSimPeer::kAdminPassword.begin(), ipmict::test::IpmiSimPeer::kAdminPassword.end());
  config.cipher_suite = 3;
  auto client = transport::LanClient::connect("127.0.0.1", peer.port(), std::move(config));
  ASSERT_TRUE(client) << client.error().message;
  const catalog::Catalog catalog = catalog::builtin_catalog();
  const ProbeResult p = probe_target(**client, catalog, 0x0e);
  ASSERT_TRUE(p.answered) << p.error;
  // lan.conf: guid 69706d6963742d746573742d626d6321 ("ipmict-test-bmc!"), sent in that order.
  EXPECT_EQ(p.identity.guid, "21636d62-2d74-7365-742d-7463696d7069");
  EXPECT_EQ(p.identity.manufacturer_id, 4753u);
  EXPECT_EQ(p.identity.manufacturer_name, "MontaVista (OpenIPMI)");
}

}  // namespace
}  // namespace ipmict::runner
