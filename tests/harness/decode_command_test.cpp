#include "harness/decode_command.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace ipmict {
namespace {

struct Result {
  int rc;
  std::string out;
  std::string err;
};

Result decode(DecodeOptions o, const std::string& stdin_text = {}) {
  std::istringstream in(stdin_text);
  std::ostringstream out;
  std::ostringstream err;
  const int rc = run_decode(o, in, out, err);
  return {rc, out.str(), err.str()};
}

DecodeOptions capture(const std::string& name) {
  DecodeOptions o;
  o.input = std::string(IPMICT_TEST_DATA_DIR) + "/captures/" + name;
  return o;
}

TEST(DecodeCommand, CaptureWithPasswordFromEnvironmentExitsZero) {
  ::setenv("IPMICT_TEST_PW", "test-password", 1);
  DecodeOptions o = capture("ipmitool-lanplus-cs3.pcap");
  o.password.env = "IPMICT_TEST_PW";
  const Result r = decode(o);
  EXPECT_EQ(r.rc, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_NE(r.out.find("84 datagrams decoded, 0 malformed, 0 failed verification"), std::string::npos);
  // The password never appears in the output.
  EXPECT_EQ(r.out.find("test-password"), std::string::npos);
}

TEST(DecodeCommand, WrongPasswordExitsOneAndNamesRakp2) {
  ::setenv("IPMICT_TEST_PW", "wrong", 1);
  DecodeOptions o = capture("ipmitool-lanplus-cs3.pcap");
  o.password.env = "IPMICT_TEST_PW";
  const Result r = decode(o);
  EXPECT_EQ(r.rc, 1);
  EXPECT_NE(r.out.find("RAKP 2 check failed: wrong password or user name"), std::string::npos);
}

TEST(DecodeCommand, HexArgumentDecodesOneDatagram) {
  DecodeOptions o;
  o.input = "06 00 ff 06 00 00 11 be 80 00 00 00";  // ASF Presence Ping
  const Result r = decode(o);
  EXPECT_EQ(r.rc, 0) << r.err;
  EXPECT_NE(r.out.find("asf: Presence Ping (80h), IANA 4542"), std::string::npos) << r.out;
}

TEST(DecodeCommand, HexLinesOnStdinWithCommentsAndAMalformedLine) {
  DecodeOptions o;
  o.input = "-";
  const std::string text =
      "# Get Channel Auth Caps over IPMI 1.5, then one cut short\n"
      "06 00 ff 07 00 00 00 00 00 00 00 00 00 09 20 18 c8 81 00 38 8e 04 b5\n"
      "\n"
      "06 00 ff 07 00 00 00 00\n";
  const Result r = decode(o, text);
  EXPECT_EQ(r.rc, 1);
  EXPECT_NE(r.out.find("frame 2"), std::string::npos);
  EXPECT_NE(r.out.find("ipmi request: Get Channel Authentication Capabilities"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("frame 4"), std::string::npos);
  EXPECT_NE(r.out.find("malformed IPMI 1.5 session: truncated at offset 5 (session15.session_sequence)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("2 datagrams decoded, 1 malformed"), std::string::npos);
}

TEST(DecodeCommand, BadHexLineNamesTheLineAndExitsTwo) {
  DecodeOptions o;
  o.input = "-";
  const Result r = decode(o, "06 00 ff 06 00 00 11 be 80 00 00 00\nzz top\n");
  EXPECT_EQ(r.rc, 2);
  EXPECT_EQ(r.err, "ipmict decode: stdin:2: not hex bytes\n");
  EXPECT_NE(r.out.find("asf: Presence Ping"), std::string::npos);  // the good line still decoded
}

TEST(DecodeCommand, MissingFileAndMissingPasswordVariableAreOneLineErrors) {
  DecodeOptions missing;
  missing.input = "/nonexistent/capture.pcap";
  const Result a = decode(missing);
  EXPECT_EQ(a.rc, 2);
  EXPECT_EQ(a.err, "ipmict decode: /nonexistent/capture.pcap: no such file, and not hex bytes\n");

  ::unsetenv("IPMICT_TEST_UNSET");
  DecodeOptions o = capture("ipmitool-lanplus-cs3.pcap");
  o.password.env = "IPMICT_TEST_UNSET";
  const Result b = decode(o);
  EXPECT_EQ(b.rc, 2);
  EXPECT_EQ(b.err, "ipmict decode: password: environment variable IPMICT_TEST_UNSET is not set\n");
  EXPECT_EQ(b.out, "");
}

TEST(DecodeCommand, TornCaptureKeepsEarlierFramesAndExitsTwo) {
  // The first 500 bytes: the header and a few whole frames, then a cut record.
  DecodeOptions o;
  o.input = "-";
  std::ifstream in(std::string(IPMICT_TEST_DATA_DIR) + "/captures/ipmitool-lanplus-cs3.pcap", std::ios::binary);
  std::string data(500, '\0');
  in.read(data.data(), 500);
  const Result r = decode(o, data);
  EXPECT_EQ(r.rc, 2);
  EXPECT_NE(r.out.find("frame 1"), std::string::npos);
  EXPECT_NE(r.err.find("capture ends inside a record"), std::string::npos) << r.err;
}

TEST(DecodeCommand, KgWithoutPasswordIsBadUsage) {
  ::setenv("IPMICT_TEST_KG", "0x01", 1);
  DecodeOptions o = capture("ipmitool-lanplus-cs3.pcap");
  o.kg.env = "IPMICT_TEST_KG";
  const Result r = decode(o);
  EXPECT_EQ(r.rc, 2);
  EXPECT_EQ(r.err, "ipmict decode: K_G given without a password: RMCP+ keys need both\n");
}

TEST(DecodeCommand, PortFilterKeepsOnlyThatPort) {
  DecodeOptions o = capture("ipmitool-lanplus-cs3.pcap");
  o.port = 1;  // no datagram of the capture uses it
  const Result r = decode(o);
  EXPECT_EQ(r.rc, 0);
  EXPECT_NE(r.out.find("0 datagrams decoded, 0 malformed, 0 failed verification, 84 other frames skipped"),
            std::string::npos);
}

}  // namespace
}  // namespace ipmict
