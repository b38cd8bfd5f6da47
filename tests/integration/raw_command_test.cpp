// `ipmict raw` end to end against ipmi_sim: output, batch mode, JSON, --pcap, errors.
#include "harness/raw_command.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "harness/decode_command.hpp"
#include "tests/integration/ipmi_sim_fixture.hpp"

namespace ipmict::integration {
namespace {

struct Output {
  int rc;
  std::string out;
  std::string err;
};

class RawCommand : public IpmiSimTest {
 protected:
  RawOptions options(const std::vector<std::string>& tokens) {
    ::setenv("IPMICT_IT_PASSWORD", std::string(test::IpmiSimPeer::kAdminPassword).c_str(), 1);
    RawOptions o;
    o.target = uri("lanplus", "ipmiusr", "cipher=3");
    o.tokens = tokens;
    o.password.env = "IPMICT_IT_PASSWORD";
    return o;
  }
  Output run(const RawOptions& o, const std::string& stdin_text = {}) {
    std::istringstream in(stdin_text);
    std::ostringstream out;
    std::ostringstream err;
    const int rc = run_raw(o, in, out, err);
    return {rc, out.str(), err.str()};
  }
};

TEST_F(RawCommand, GetDeviceIdPrintsCodeBytesAndFields) {
  const Output r = run(options({"0x06", "0x01"}));
  EXPECT_EQ(r.rc, 0) << r.err;
  EXPECT_EQ(r.out.rfind("Get Device ID (App 06h, cmd 01h): cc 00h (Command Completed Normally)\ndata: 20 ", 0), 0u) << r.out;
  EXPECT_NE(r.out.find("  device_id: 0x20"), std::string::npos) << r.out;
}

TEST_F(RawCommand, NonZeroCompletionCodeExitsOneLikeIpmitool) {
  // Get SEL Entry of a record that does not exist: CBh.
  const Output r = run(options({"0x0a", "0x43", "0x00", "0x00", "0x34", "0x12", "0x00", "0xff"}));
  EXPECT_EQ(r.rc, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("cc cbh"), std::string::npos) << r.out;
}

TEST_F(RawCommand, BatchOverOneSessionWithJsonLines) {
  RawOptions o = options({});
  o.batch = "-";
  o.json = true;
  const Output r = run(o, "raw 0x06 0x01\n# a comment\n0x06 0x37\n\n0x00 0x01\n");
  EXPECT_EQ(r.rc, 0) << r.err;
  std::istringstream lines(r.out);
  std::vector<nlohmann::json> objects;
  for (std::string l; std::getline(lines, l);) objects.push_back(nlohmann::json::parse(l));
  ASSERT_EQ(objects.size(), 3u) << r.out;
  EXPECT_EQ(objects[0]["command"], "Get Device ID");
  EXPECT_EQ(objects[0]["fields"]["device_id"], 0x20);
  EXPECT_EQ(objects[1]["command"], "Get System GUID");
  EXPECT_EQ(objects[2]["command"], "Get Chassis Status");
  EXPECT_EQ(objects[2]["completion_code"], 0);
}

TEST_F(RawCommand, BatchErrorsNameTheLineBeforeAnythingIsSent) {
  RawOptions o = options({});
  o.batch = "-";
  const Output r = run(o, "0x06 0x01\n0x06 0xzz\n");
  EXPECT_EQ(r.rc, 2);
  EXPECT_EQ(r.err, "ipmict raw: stdin:2: cmd '0xzz' is not a number (hex after 0x)\n");
  EXPECT_EQ(r.out, "");
}

TEST_F(RawCommand, PcapHoldsTheWholeSessionAndDecodes) {
  test::TempDir dir;
  RawOptions o = options({"0x06", "0x01"});
  o.pcap = (dir.path() / "raw.pcap").string();
  const Output r = run(o);
  ASSERT_EQ(r.rc, 0) << r.err;
  // tshark dissects every datagram as RMCP with no malformed packet.
  const auto tshark = test::run_capture({"tshark", "-r", *o.pcap, "-d", "udp.port==" + std::to_string(peer_->port()) + ",rmcp",
                                         "-Y", "_ws.malformed || _ws.expert.severity >= error"},
                                        {}, std::chrono::milliseconds(30000));
  EXPECT_EQ(tshark.exit_code, 0) << tshark.output;
  // Any line printed is a malformed or erroneous packet, except tshark's note about root.
  std::istringstream lines(tshark.output);
  for (std::string line; std::getline(lines, line);) {
    if (line.find("Running as user") == std::string::npos) ADD_FAILURE() << "tshark: " << line;
  }
  const auto count = test::run_capture({"tshark", "-r", *o.pcap}, {}, std::chrono::milliseconds(30000));
  EXPECT_GE(std::count(count.output.begin(), count.output.end(), '\n'), 10);  // handshake, request, close
  // And ipmict decode verifies and decrypts it with the same password.
  DecodeOptions d;
  d.input = *o.pcap;
  d.password.env = "IPMICT_IT_PASSWORD";
  std::istringstream in;
  std::ostringstream out;
  std::ostringstream err;
  EXPECT_EQ(run_decode(d, in, out, err), 0) << err.str() << out.str();
  EXPECT_NE(out.str().find("ipmi response: Get Device ID"), std::string::npos);
  EXPECT_NE(out.str().find("ipmi request: Close Session"), std::string::npos) << out.str();
}

TEST_F(RawCommand, UsageErrorsAreOneLineWithExitTwo) {
  RawOptions bad_uri = options({"0x06", "0x01"});
  bad_uri.target = "lanplus://a:pw@127.0.0.1";
  const Output a = run(bad_uri);
  EXPECT_EQ(a.rc, 2);
  EXPECT_EQ(a.err.rfind("ipmict raw: target 'lanplus://a:***@127.0.0.1': a password in the URI is refused", 0), 0u) << a.err;

  RawOptions no_pw = options({"0x06", "0x01"});
  no_pw.password = SecretSource{};
  ::unsetenv("IPMICT_PASSWORD");
  const Output b = run(no_pw);
  EXPECT_EQ(b.rc, 2);
  EXPECT_NE(b.err.find("no password given"), std::string::npos) << b.err;

  const Output c = run(options({"0x07", "0x01"}));
  EXPECT_EQ(c.rc, 2);
  EXPECT_NE(c.err.find("response netfn"), std::string::npos);
}

}  // namespace
}  // namespace ipmict::integration
