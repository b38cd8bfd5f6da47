// Every seed command sent with ipmict gives the same completion code and response bytes as
// `ipmitool raw` for the same request, against the same ipmi_sim (issue 3).
#include <gtest/gtest.h>

#include <regex>

#include "protocol/core/bytes.hpp"
#include "tests/integration/ipmi_sim_fixture.hpp"

namespace ipmict::integration {
namespace {

struct SeedRequest {
  const char* bytes;  // NETFN CMD DATA as in the seed's ipmitool raw line
  bool compare_data;  // false where the answer legitimately differs per call (IDs, time, session)
};

// The [RAW] ipmitool requests of ../shared/reference/seed-catalog.md, plus the IPMI 2.0
// core commands of the catalog; session-management commands that would disturb the
// session itself (Activate, Close) are left out.
const SeedRequest kSeedRequests[] = {
    {"0x06 0x2e 0x04", true},
    {"0x06 0x2f", true},
    {"0x06 0x30 0xeb", true},
    {"0x06 0x31", true},
    {"0x06 0x32 0x01 0x01", true},
    {"0x06 0x35", true},
    {"0x06 0x57 0x00", true},
    {"0x06 0x57 0x01", true},
    {"0x06 0x36", true},
    {"0x06 0x52 0x05 0xa0 0x04 0x00 0x00", true},
    {"0x06 0x38 0x81 0x04", true},
    {"0x06 0x37", true},
    {"0x06 0x59 0x00 0x00 0x00 0x00", true},
    {"0x06 0x59 0x00 0x01 0x00 0x00", true},
    {"0x06 0x54 0x01 0x00 0x00", true},
    {"0x06 0x54 0x01 0x00 0x80", true},
    {"0x06 0x3b 0x04", true},
    {"0x06 0x3d 0x00", false},  // session handle and console port differ per session
    {"0x06 0x40 0x01 0x00 0x04", true},
    {"0x06 0x41 0x01 0x80", true},
    {"0x06 0x42 0x0f", true},
    {"0x06 0x42 0x01", false},  // active session count: ipmitool's session is one more
    {"0x06 0x44 0x01 0x02", true},
    {"0x06 0x46 0x02", true},
    {"0x06 0x47 0x03 0x03 0x74 0x65 0x73 0x75 0x0 0x0 0x0 0x0 0x0 0x0 0x0 0x0 0x0 0x0 0x0 0x0", true},
    {"0x04 0x01", true},
    {"0x04 0x00 0x20 0x00", true},
    {"0x04 0x02 0x04 0x30 0x17 0x75 0xa0 0x04 0x07", true},
    {"0x06 0x01", true},
    {"0x06 0x04", true},
    {"0x06 0x08", true},
    {"0x00 0x01", true},
    {"0x0a 0x40", false},  // SEL info: the previous Platform Event Message added an entry
    {"0x0a 0x42", false},  // Reserve SEL: a new reservation ID each time
    {"0x0a 0x48", false},  // Get SEL Time: the clock moves
    {"0x0a 0x20", true},
    {"0x0a 0x22", false},  // Reserve SDR Repository
    {"0x0a 0x10 0x00", true},
    {"0x0a 0x11 0x00 0x00 0x00 0x10", true},
    {"0x0c 0x02 0x01 0x00 0x00 0x00", true},
};

struct IpmitoolAnswer {
  std::uint8_t completion_code = 0;
  Bytes data;
};

// ipmitool raw prints the data bytes on success, or "... rsp=0xNN): ..." on stderr.
std::optional<IpmitoolAnswer> ipmitool_raw(const test::IpmiSimPeer& peer, const std::string& bytes) {
  auto argv = peer.ipmitool_argv("lanplus", 3);
  argv.push_back("raw");
  std::istringstream tokens(bytes);
  for (std::string t; tokens >> t;) argv.push_back(t);
  const test::RunResult r = test::run_capture(argv, test::IpmiSimPeer::ipmitool_env(), std::chrono::milliseconds(20000));
  IpmitoolAnswer a;
  std::smatch m;
  if (std::regex_search(r.output, m, std::regex("rsp=0x([0-9a-fA-F]{2})"))) {
    a.completion_code = static_cast<std::uint8_t>(std::stoul(m[1].str(), nullptr, 16));
    return a;
  }
  if (r.exit_code != 0) return std::nullopt;
  auto data = parse_hex(r.output);
  if (!data) return std::nullopt;
  a.data = std::move(*data);
  return a;
}

class RawVsIpmitool : public IpmiSimTest {};

TEST_F(RawVsIpmitool, EverySeedRequestGetsTheSameCodeAndBytes) {
  auto c = connect(uri("lanplus", "ipmiusr", "cipher=3"), std::string(test::IpmiSimPeer::kAdminPassword));
  ASSERT_TRUE(c) << c.error();
  for (const auto& seed : kSeedRequests) {
    std::istringstream tokens(seed.bytes);
    std::vector<std::uint8_t> bytes;
    for (std::string t; tokens >> t;) bytes.push_back(static_cast<std::uint8_t>(std::stoul(t, nullptr, 0)));
    session::Request rq{bytes[0], bytes[1], Bytes(bytes.begin() + 2, bytes.end()), 0, std::nullopt};

    const auto theirs = ipmitool_raw(*peer_, seed.bytes);
    ASSERT_TRUE(theirs) << "ipmitool raw " << seed.bytes << " gave no parsable answer";
    auto ours = c->transport->request(rq);
    ASSERT_TRUE(ours) << seed.bytes << ": " << ours.error().message;
    EXPECT_EQ(ours->completion_code, theirs->completion_code) << seed.bytes;
    if (seed.compare_data) {
      EXPECT_EQ(to_hex(view(ours->data)), to_hex(view(theirs->data))) << seed.bytes;
    } else {
      EXPECT_EQ(ours->data.size(), theirs->data.size()) << seed.bytes;
    }
  }
}

}  // namespace
}  // namespace ipmict::integration
