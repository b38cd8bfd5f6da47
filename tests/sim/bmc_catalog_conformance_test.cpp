// The generic rules of IPMI 2.0 §5.2 for every command of the catalog, generated from the
// catalog itself: D4h for each privilege level below a command's requirement, C7h for a
// request one byte short of / past each layout, CCh for each reserved request bit.
#include <map>
#include <set>

#include "protocol/catalog/catalog.hpp"
#include "tests/sim/bmc_test_util.hpp"

namespace ipmict::sim::test {
namespace {

using catalog::PrivilegeKind;

// A request each command accepts from the system interface in the default configuration
// (by command id, and layout where there are several): the reserved-bit test sets one bit
// on top of it, so that CCh can only come from that bit.
const std::map<std::string, std::string>& valid_requests() {
  static const std::map<std::string, std::string> m{
      {"set-watchdog-timer", "04 00 00 00 64 00"},
      {"get-system-info-params", "00 01 00 00"},
      {"set-bmc-global-enables", "08"},
      {"clear-message-flags", "01"},
      {"enable-message-channel-receive", "01 02"},
      {"get-system-interface-caps", "01"},
      {"get-channel-auth-caps", "81 04"},
      {"get-channel-cipher-suites", "01 00 80"},
      {"set-channel-security-keys", "01 00 01"},
      {"set-channel-access", "01 00 00"},
      {"get-channel-access", "01 80"},
      {"get-channel-info", "01"},
      {"set-user-access", "01 02 04"},
      {"get-user-access", "01 02"},
      {"set-user-name", "03 74 65 73 74 00 00 00 00 00 00 00 00 00 00 00 00"},
      {"get-user-name", "02"},
      {"set-user-password/password_16", "02 01"},
      {"set-user-password/password_20", "82 01"},
      {"master-write-read", "00 a0 00"},
      {"set-event-receiver", "20 00"},
      {"get-lan-config-params", "01 00 00 00"},
      {"chassis-control", "01"},
      {"get-session-challenge", "02 61 64 6d 69 6e 00 00 00 00 00 00 00 00 00 00 00"},
      {"activate-session", "02 04 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 01 00 00 00"},
      {"set-session-privilege-level", "04"},
      {"set-sensor-reading-and-event-status", "01 00"},
  };
  return m;
}

std::string sample_key(const catalog::CommandDescriptor& d, const std::string& layout) {
  if (d.request.size() > 1) return d.id + "/" + layout;
  return d.id;
}

// Commands the model answers with C1h ("invalid command"): described by the catalog, not
// implemented by the simulator.
const std::set<std::string> kNotImplemented{"get-authcode"};

TEST(BmcCatalogConformance, EveryCatalogCommandIsImplementedExceptTheListedOnes) {
  BmcHarness h;
  const catalog::Catalog commands = catalog::builtin_catalog();  // alive for the loop
  for (const auto& d : commands.all()) {
    // A request of the right length for the first layout (all zeros): anything but C1h.
    Bytes data(d.request.empty() ? 0 : d.request.front().min_length(), 0);
    const auto code = h.code(d.netfn, d.cmd, data);
    if (kNotImplemented.count(d.id) != 0) EXPECT_EQ(code, 0xc1) << d.id;
    else EXPECT_NE(code, 0xc1) << d.id;
  }
}

TEST(BmcCatalogConformance, EachPrivilegeBelowTheRequiredOneIsD4) {
  BmcHarness h;
  const catalog::Catalog commands = catalog::builtin_catalog();  // alive for the loop
  for (const auto& d : commands.all()) {
    if (kNotImplemented.count(d.id) != 0) continue;
    SCOPED_TRACE(d.id);
    switch (d.privilege.kind) {
      case PrivilegeKind::level: {
        for (std::uint8_t p = 1; p < static_cast<std::uint8_t>(d.privilege.level); ++p) {
          EXPECT_EQ(h.send(lan_session(static_cast<Privilege>(p)), d.netfn, d.cmd).completion_code, 0xd4)
              << "session privilege " << int{p};
        }
        // At the required level the privilege check passes (whatever else the request lacks).
        EXPECT_NE(h.send(lan_session(d.privilege.level), d.netfn, d.cmd).completion_code, 0xd4);
        EXPECT_EQ(h.send(lan_sessionless(), d.netfn, d.cmd).completion_code, 0xd4) << "session-less";
        break;
      }
      case PrivilegeKind::local:
        for (std::uint8_t p = 1; p <= 5; ++p)
          EXPECT_EQ(h.send(lan_session(static_cast<Privilege>(p)), d.netfn, d.cmd).completion_code, 0xd4)
              << "local command over LAN at privilege " << int{p};
        EXPECT_NE(h.local(d.netfn, d.cmd).completion_code, 0xd4);
        break;
      case PrivilegeKind::any:
      case PrivilegeKind::session_less:
        EXPECT_NE(h.send(lan_sessionless(), d.netfn, d.cmd).completion_code, 0xd4);
        break;
    }
  }
}

TEST(BmcCatalogConformance, OneByteShortOrLongIsC7) {
  const catalog::Catalog commands = catalog::builtin_catalog();  // alive for the loop
  for (const auto& d : commands.all()) {
    if (kNotImplemented.count(d.id) != 0) continue;
    SCOPED_TRACE(d.id);
    const auto ranges = catalog::request_lengths(d);
    std::set<std::size_t> invalid;
    auto valid_anywhere = [&](std::size_t n) {
      for (const auto& r : ranges)
        if (n >= r.min && n <= r.max) return true;
      return false;
    };
    if (ranges.empty()) invalid.insert(1);  // no data bytes at all
    for (const auto& r : ranges) {
      if (r.min > 0 && !valid_anywhere(r.min - 1)) invalid.insert(r.min - 1);
      if (r.max != catalog::unbounded && !valid_anywhere(r.max + 1)) invalid.insert(r.max + 1);
    }
    for (std::size_t n : invalid) {
      BmcHarness h;  // fresh: no state from earlier requests
      EXPECT_EQ(h.code(d.netfn, d.cmd, Bytes(n, 0)), 0xc7) << n << " bytes";
    }
  }
}

TEST(BmcCatalogConformance, EachReservedRequestBitIsCC) {
  const catalog::Catalog cat = catalog::builtin_catalog();
  for (const auto& d : cat.all()) {
    if (kNotImplemented.count(d.id) != 0) continue;
    for (const auto& rb : catalog::reserved_request_bits(d)) {
      SCOPED_TRACE(d.id + " layout " + rb.layout + " field " + rb.field + " byte " + std::to_string(rb.byte) + " bit " +
                   std::to_string(rb.bit));
      const catalog::Layout* layout = nullptr;
      for (const auto& l : d.request)
        if (l.name == rb.layout) layout = &l;
      ASSERT_NE(layout, nullptr);
      // The request: the valid sample, padded to reach the bit's optional group.
      auto sample = valid_requests().find(sample_key(d, rb.layout));
      ASSERT_NE(sample, valid_requests().end()) << "add a valid request for " << sample_key(d, rb.layout);
      Bytes data = hex(sample->second);
      std::size_t needed = 0;
      for (const auto& f : layout->fields)
        if (f.group <= rb.group) needed = std::max(needed, f.byte_offset + f.byte_length());
      if (data.size() < needed) data.resize(needed, 0);
      {
        BmcHarness h;
        EXPECT_NE(h.code(d.netfn, d.cmd, data), 0xcc) << "the sample itself is refused: " << to_hex(view(data));
      }
      data.at(rb.byte) = static_cast<std::uint8_t>(data.at(rb.byte) | (1u << rb.bit));
      BmcHarness h;
      EXPECT_EQ(h.code(d.netfn, d.cmd, data), 0xcc) << to_hex(view(data));
    }
  }
}

TEST(BmcCatalogConformance, RequestsWithoutDataAcceptNoneOverTheSystemInterface) {
  // Commands without request data answer 00h (or their documented state code) in-band.
  BmcHarness h;
  EXPECT_EQ(h.code(0x06, 0x01), 0x00);
  EXPECT_EQ(h.code(0x06, 0x01, hex("00")), 0xc7);
}

}  // namespace
}  // namespace ipmict::sim::test
