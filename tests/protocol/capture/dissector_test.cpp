#include "protocol/capture/dissector.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

#include "protocol/capture/pcap_reader.hpp"
#include "protocol/catalog/catalog.hpp"
#include "protocol/crypto/cipher_suite.hpp"
#include "protocol/crypto/confidentiality.hpp"
#include "protocol/crypto/integrity.hpp"
#include "protocol/crypto/rakp_auth.hpp"
#include "protocol/wire/lan_message.hpp"
#include "protocol/wire/rakp_messages.hpp"
#include "protocol/wire/rmcp.hpp"
#include "protocol/wire/rmcpplus_session.hpp"

namespace ipmict::capture {
namespace {

// The sample captures' password: a test-only credential (tests/data/captures/README.md).
constexpr std::string_view kPassword = "test-password";

Bytes read_file(const std::string& name) {
  std::ifstream in(std::string(IPMICT_TEST_DATA_DIR) + "/captures/" + name, std::ios::binary);
  return Bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

Credentials creds(std::string_view pw, std::optional<Bytes> kg = std::nullopt) {
  Credentials c;
  c.password.assign(pw.begin(), pw.end());
  c.kg = std::move(kg);
  return c;
}

struct Dissected {
  std::vector<PacketReport> reports;
  std::vector<std::string> summary;
  std::size_t malformed = 0;
  std::size_t failed = 0;
  std::string all;
};

Dissected dissect_capture(const Bytes& file, std::optional<Credentials> c) {
  const catalog::Catalog cat = catalog::builtin_catalog();
  Dissector d(cat, std::move(c));
  auto cap = read_capture(view(file));
  EXPECT_TRUE(cap);
  Dissected run;
  if (!cap) return run;
  for (const auto& f : cap->frames) {
    if (!f.is_udp) continue;
    run.reports.push_back(d.dissect(DatagramMeta{f.number, f.timestamp_ns, f.udp.src, f.udp.dst}, f.udp.payload));
    run.malformed += run.reports.back().malformed;
    run.failed += run.reports.back().verify_failed;
    run.all += run.reports.back().text;
  }
  run.summary = d.summary();
  return run;
}

std::size_t count(const std::string& haystack, std::string_view needle) {
  std::size_t n = 0;
  for (auto pos = haystack.find(needle); pos != std::string::npos; pos = haystack.find(needle, pos + 1)) ++n;
  return n;
}

std::string joined(const std::vector<std::string>& lines) {
  std::string s;
  for (const auto& l : lines) s += l + "\n";
  return s;
}

TEST(Dissector, Lanplus3WithThePasswordVerifiesAndDecryptsEveryPacket) {
  const Dissected run = dissect_capture(read_file("ipmitool-lanplus-cs3.pcap"), creds(kPassword));
  EXPECT_EQ(run.malformed, 0u);
  EXPECT_EQ(run.failed, 0u);
  EXPECT_NE(run.all.find("rakp 2 check: verified; session keys derived"), std::string::npos);
  EXPECT_NE(run.all.find("rakp 3 check: verified"), std::string::npos);
  EXPECT_NE(run.all.find("rakp 4 check: verified"), std::string::npos);
  // Every in-session packet: integrity verified and decrypted, none left encrypted.
  EXPECT_EQ(count(run.all, "integrity: HMAC-SHA1-96 verified"), count(run.all, "decrypted: AES-CBC-128"));
  EXPECT_GT(count(run.all, "decrypted: AES-CBC-128"), 20u);
  EXPECT_EQ(count(run.all, "encrypted payload"), 0u);
  EXPECT_EQ(count(run.all, "completion_code:"), 0u);  // the code is on the response's title line
  // The commands ipmitool sent (captures/ipmitool-lanplus-cs3.json) decode by name.
  for (const char* name : {"ipmi request: Get Device ID", "ipmi response: Get Device ID", "ipmi response: Get Chassis Status",
                           "ipmi response: Get SDR ", "ipmi response: Get SEL Info", "ipmi response: Get System GUID",
                           "ipmi response: Get User Name", "ipmi request: Close Session"}) {
    EXPECT_NE(run.all.find(name), std::string::npos) << name;
  }
  // ipmi_sim refuses Get Channel Auth Caps inside a session (tests/peers/README.md).
  EXPECT_NE(run.all.find("Get Channel Authentication Capabilities (App 07h, cmd 38h) cc d5h"), std::string::npos);
  const std::string summary = joined(run.summary);
  EXPECT_NE(summary.find("cipher suite 3"), std::string::npos);
  EXPECT_NE(summary.find("RAKP 2 verified, RAKP 4 verified"), std::string::npos);
}

TEST(Dissector, WrongPasswordSaysTheRakp2CheckFailed) {
  const Dissected run = dissect_capture(read_file("ipmitool-lanplus-cs3.pcap"), creds("not-the-password"));
  EXPECT_EQ(run.malformed, 0u);
  EXPECT_GE(run.failed, 1u);
  EXPECT_NE(run.all.find("rakp 2 check: FAILED: the key exchange auth code does not match"), std::string::npos);
  EXPECT_EQ(count(run.all, "decrypted:"), 0u);
  const std::string summary = joined(run.summary);
  EXPECT_NE(summary.find("RAKP 2 check failed: wrong password"), std::string::npos);
}

TEST(Dissector, WrongKgIsCaughtAtRakp4) {
  // ipmi_sim runs without K_G; a K_G given to the decoder changes the SIK, so RAKP 2 still
  // verifies (it is keyed by the password) and RAKP 4 does not.
  const Dissected run = dissect_capture(read_file("ipmitool-lanplus-cs3.pcap"), creds(kPassword, Bytes(20, 0x5a)));
  EXPECT_NE(run.all.find("rakp 2 check: verified"), std::string::npos);
  EXPECT_NE(run.all.find("rakp 4 check: FAILED"), std::string::npos);
  EXPECT_NE(run.all.find("wrong K_G?"), std::string::npos);
}

TEST(Dissector, AllZeroKgMeansNoKg) {
  const Dissected run = dissect_capture(read_file("ipmitool-lanplus-cs3.pcap"), creds(kPassword, Bytes(20, 0)));
  EXPECT_EQ(run.failed, 0u);
  EXPECT_NE(run.all.find("rakp 4 check: verified"), std::string::npos);
}

TEST(Dissector, WithoutPasswordShowsEncryptedPayloadsAndChecksNothing) {
  const Dissected run = dissect_capture(read_file("ipmitool-lanplus-cs3.pcap"), std::nullopt);
  EXPECT_EQ(run.malformed, 0u);
  EXPECT_EQ(run.failed, 0u);
  EXPECT_GT(count(run.all, "give the password"), 20u);
  EXPECT_NE(run.all.find("rakp 2 check: not checked (no password given)"), std::string::npos);
}

TEST(Dissector, Lanplus1HasIntegrityAndConfidentialityNone) {
  const Dissected run = dissect_capture(read_file("ipmitool-lanplus-cs1.pcap"), creds(kPassword));
  EXPECT_EQ(run.failed, 0u);
  EXPECT_EQ(run.malformed, 0u);
  EXPECT_NE(joined(run.summary).find("cipher suite 1: RAKP-HMAC-SHA1 / none / none"), std::string::npos);
  EXPECT_NE(run.all.find("ipmi response: Get Device ID"), std::string::npos);
  EXPECT_EQ(count(run.all, "integrity:"), 0u);
}

TEST(Dissector, Ipmi15Md5AuthCodesVerifyOnlyWithTheRightPassword) {
  const Bytes file = read_file("ipmitool-lan-md5.pcap");
  const Dissected good = dissect_capture(file, creds(kPassword));
  EXPECT_EQ(good.failed, 0u);
  EXPECT_GT(count(good.all, "verified"), 20u);
  EXPECT_NE(good.all.find("ipmi request: Activate Session"), std::string::npos);
  EXPECT_NE(good.all.find("ipmi response: Get Session Challenge"), std::string::npos);
  const Dissected bad = dissect_capture(file, creds("nope"));
  EXPECT_GT(bad.failed, 20u);
  EXPECT_NE(joined(bad.summary).find("failed (wrong password?)"), std::string::npos);
}

TEST(Dissector, TamperedCiphertextFailsIntegrityAndStillDecodesTheRest) {
  Bytes file = read_file("ipmitool-lanplus-cs3.pcap");
  auto cap = read_capture(view(file));
  ASSERT_TRUE(cap);
  // Flip a byte inside the 12th frame's encrypted payload (an in-session packet).
  const CaptureFrame& f = cap->frames.at(11);
  ASSERT_TRUE(f.is_udp);
  const auto at = static_cast<std::size_t>(f.udp.payload.data() - file.data()) + 4 + 12 + 20;
  file[at] ^= 0x01;
  const Dissected run = dissect_capture(file, creds(kPassword));
  EXPECT_EQ(run.failed, 1u);
  EXPECT_NE(run.reports.at(11).text.find("integrity: HMAC-SHA1-96 FAILED"), std::string::npos);
  EXPECT_NE(run.reports.at(12).text.find("integrity: HMAC-SHA1-96 verified"), std::string::npos);
}

TEST(Dissector, EveryTruncationOfEveryDatagramIsReportedNotCrashed) {
  const Bytes file = read_file("ipmitool-lanplus-cs3.pcap");
  auto cap = read_capture(view(file));
  ASSERT_TRUE(cap);
  const catalog::Catalog cat = catalog::builtin_catalog();
  Dissector d(cat, creds(kPassword));
  std::size_t malformed = 0;
  std::size_t cuts = 0;
  for (const auto& f : cap->frames) {
    for (std::size_t n = 0; n < f.udp.payload.size(); ++n) {
      const PacketReport r = d.dissect(DatagramMeta{f.number, 0, "", ""}, f.udp.payload.first(n));
      ++cuts;
      malformed += r.malformed || r.verify_failed;
      EXPECT_FALSE(r.text.empty());
    }
  }
  // Some cuts land on valid shorter messages (an RMCP+ payload whose length still fits is
  // not one of them: the length field disagrees), but nearly all must be findings.
  EXPECT_GT(malformed, cuts * 9 / 10);
}

TEST(Dissector, MalformedDatagramNamesFieldAndOffset) {
  const catalog::Catalog cat = catalog::builtin_catalog();
  Dissector d(cat);
  // RMCP header, then an RMCP+ header cut inside the session ID.
  const Bytes dgram{0x06, 0x00, 0xff, 0x07, 0x06, 0x00, 0x01, 0x02};
  const PacketReport r = d.dissect(DatagramMeta{1, 0, "a", "b"}, view(dgram));
  EXPECT_TRUE(r.malformed);
  EXPECT_NE(r.text.find("malformed RMCP+ session: truncated at offset 6"), std::string::npos) << r.text;
  EXPECT_NE(r.text.find("hex: 06 00 ff 07 06 00 01 02"), std::string::npos);
}

// ---- synthetic sessions for suites the real peer does not offer -----------------------

struct SyntheticSession {
  const crypto::CipherSuite* suite;
  std::vector<Bytes> datagrams;
};

Bytes rmcp(ByteView body) { return encode_rmcp(RmcpHeader{}, body); }

Bytes setup_datagram(PayloadType type, const Bytes& payload) {
  RmcpPlusSession s;
  s.payload_type = type;
  s.payload = view(payload);
  return rmcp(view(encode_rmcpplus_session(s)));
}

// Builds Open Session .. RAKP 4 and one encrypted Get Device ID exchange with our own
// encoders and crypto, as a BMC and console agreeing on `suite` would.
SyntheticSession synthesize(std::uint8_t suite_id, std::string_view password) {
  SyntheticSession out{crypto::find_cipher_suite(suite_id), {}};
  const auto& suite = *out.suite;
  crypto::RakpInputs in;
  in.console_session_id = 0x11223344;
  in.bmc_session_id = 0x55667788;
  for (std::size_t i = 0; i < 16; ++i) {
    in.console_random[i] = static_cast<std::uint8_t>(i);
    in.bmc_random[i] = static_cast<std::uint8_t>(0xa0 + i);
    in.bmc_guid[i] = static_cast<std::uint8_t>(0x40 + i);
  }
  in.role = 0x14;
  in.username = Bytes{'a', 'd', 'm', 'i', 'n'};
  const auto user_key = crypto::user_key_from_password(password).value();

  OpenSessionRequest osreq;
  osreq.console_session_id = in.console_session_id;
  osreq.authentication_payload = algorithm_payload(kAuthenticationPayload, static_cast<std::uint8_t>(suite.auth));
  osreq.integrity_payload = algorithm_payload(kIntegrityPayload, static_cast<std::uint8_t>(suite.integrity));
  osreq.confidentiality_payload = algorithm_payload(kConfidentialityPayload, static_cast<std::uint8_t>(suite.confidentiality));
  out.datagrams.push_back(setup_datagram(PayloadType::open_session_request, encode_open_session_request(osreq)));
  OpenSessionResponse osrsp;
  osrsp.max_privilege = 4;
  osrsp.console_session_id = in.console_session_id;
  osrsp.bmc_session_id = in.bmc_session_id;
  osrsp.authentication_payload = osreq.authentication_payload;
  osrsp.integrity_payload = osreq.integrity_payload;
  osrsp.confidentiality_payload = osreq.confidentiality_payload;
  out.datagrams.push_back(setup_datagram(PayloadType::open_session_response, encode_open_session_response(osrsp)));
  Rakp1 r1;
  r1.bmc_session_id = in.bmc_session_id;
  r1.console_random = in.console_random;
  r1.requested_role = in.role;
  r1.username = in.username;
  out.datagrams.push_back(setup_datagram(PayloadType::rakp1, encode_rakp1(r1)));
  Rakp2 r2;
  r2.console_session_id = in.console_session_id;
  r2.bmc_random = in.bmc_random;
  r2.bmc_guid = in.bmc_guid;
  r2.key_exchange_auth_code = crypto::rakp2_key_exchange_auth_code(suite.auth, user_key.view(), in).value();
  out.datagrams.push_back(setup_datagram(PayloadType::rakp2, encode_rakp2(r2)));
  Rakp3 r3;
  r3.bmc_session_id = in.bmc_session_id;
  r3.key_exchange_auth_code = crypto::rakp3_key_exchange_auth_code(suite.auth, user_key.view(), in).value();
  out.datagrams.push_back(setup_datagram(PayloadType::rakp3, encode_rakp3(r3)));
  const auto sik = crypto::session_integrity_key(suite.auth, user_key.view(), in).value();
  Rakp4 r4;
  r4.console_session_id = in.console_session_id;
  r4.integrity_check_value = crypto::rakp4_integrity_check_value(suite.auth, sik.view(), in).value();
  out.datagrams.push_back(setup_datagram(PayloadType::rakp4, encode_rakp4(r4)));

  const auto k1 = crypto::derive_additional_key(suite.auth, sik.view(), 1).value();
  const auto k2 = crypto::derive_additional_key(suite.auth, sik.view(), 2).value();
  Bytes password20(password.begin(), password.end());
  password20.resize(20, 0);
  auto in_session = [&](std::uint32_t sid, std::uint32_t seq, const Bytes& message) {
    Bytes payload = message;
    if (suite.confidentiality == crypto::ConfidentialityAlg::aes_cbc_128) {
      const Bytes iv(16, static_cast<std::uint8_t>(seq));
      payload = crypto::aes_cbc_128_encrypt(k2.view(), view(iv), view(message)).value();
    }
    RmcpPlusSession s;
    s.encrypted = suite.confidentiality != crypto::ConfidentialityAlg::none;
    s.authenticated = suite.integrity != crypto::IntegrityAlg::none;
    s.session_id = sid;
    s.session_sequence = seq;
    s.payload = view(payload);
    const std::size_t len = crypto::integrity_auth_code_length(suite.integrity);
    auto u = encode_rmcpplus_unsigned(s, len);
    Bytes code;
    if (u.needs_auth_code) {
      const ByteView covered = ByteView(u.bytes).subspan(u.covered_begin, u.covered_end - u.covered_begin);
      code = crypto::integrity_auth_code(suite.integrity, k1.view(), view(password20), covered).value();
    }
    return rmcp(view(finish_rmcpplus(std::move(u), view(code))));
  };
  IpmiRequest rq;
  rq.netfn = 0x06;
  rq.cmd = 0x01;
  out.datagrams.push_back(in_session(in.bmc_session_id, 1, encode_ipmi_request(rq)));
  IpmiResponse rs;
  rs.netfn = 0x07;
  rs.cmd = 0x01;
  rs.data = Bytes{0x20, 0x81, 0x02, 0x15, 0x02, 0xbf, 0x91, 0x12, 0x00, 0x01, 0x0c};
  out.datagrams.push_back(in_session(in.console_session_id, 1, encode_ipmi_response(rs)));
  return out;
}

class SyntheticSuite : public ::testing::TestWithParam<std::uint8_t> {};

TEST_P(SyntheticSuite, HandshakeVerifiesAndGetDeviceIdDecodes) {
  const SyntheticSession s = synthesize(GetParam(), "synthetic-pw");
  const catalog::Catalog cat = catalog::builtin_catalog();
  Dissector d(cat, creds("synthetic-pw"));
  std::string all;
  for (std::size_t i = 0; i < s.datagrams.size(); ++i) {
    const PacketReport r = d.dissect(DatagramMeta{i + 1, 0, "", ""}, view(s.datagrams[i]));
    EXPECT_FALSE(r.malformed) << r.text;
    EXPECT_FALSE(r.verify_failed) << r.text;
    all += r.text;
  }
  EXPECT_NE(all.find("rakp 2 check: verified"), std::string::npos) << all;
  EXPECT_NE(all.find("rakp 4 check: verified"), std::string::npos) << all;
  EXPECT_NE(all.find("ipmi response: Get Device ID"), std::string::npos) << all;
  if (s.suite->integrity != crypto::IntegrityAlg::none) {
    EXPECT_EQ(count(all, std::string("integrity: ") + std::string(crypto::name(s.suite->integrity)) + " verified"), 2u);
  }
  if (s.suite->confidentiality != crypto::ConfidentialityAlg::none) {
    EXPECT_EQ(count(all, "decrypted: AES-CBC-128"), 2u);
  }

  // The same session with the wrong password: RAKP 2 fails and nothing is decrypted.
  Dissector wrong(cat, creds("other"));
  std::size_t failed = 0;
  for (const auto& dg : s.datagrams) failed += wrong.dissect(DatagramMeta{}, view(dg)).verify_failed;
  EXPECT_GE(failed, 1u);
}

// Every implemented suite with an authentication algorithm: SHA1 (1-3), MD5 (6-8, 11-12),
// SHA256 (15-17).
INSTANTIATE_TEST_SUITE_P(ImplementedSuites, SyntheticSuite,
                         ::testing::Values(1, 2, 3, 6, 7, 8, 11, 12, 15, 16, 17));

}  // namespace
}  // namespace ipmict::capture
