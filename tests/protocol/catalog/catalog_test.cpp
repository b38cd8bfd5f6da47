// The Catalog container, descriptor validation, coverage, and negative-case queries.
#include "protocol/catalog/catalog.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

namespace ipmict::catalog {
namespace {

CommandDescriptor tiny(std::uint8_t netfn, std::uint8_t cmd, std::string name, std::string id) {
  CommandDescriptor d;
  d.netfn = netfn;
  d.cmd = cmd;
  d.name = std::move(name);
  d.id = std::move(id);
  return d;
}

Field ubits(std::string name, std::size_t byte, std::uint8_t lo, std::uint8_t width, bool reserved = false) {
  Field f;
  f.name = std::move(name);
  f.byte_offset = byte;
  f.bit_offset = lo;
  f.bit_width = width;
  f.reserved = reserved;
  return f;
}

TEST(Catalog, BuiltinTablesAreValidAndCoverTheSeedsAndTheCore) {
  const Catalog cat = builtin_catalog();
  // 34 seed commands + 28 core commands not in the seeds (Get System GUID etc. counted once).
  EXPECT_EQ(cat.size(), 62u);
  const std::vector<std::pair<std::uint8_t, std::uint8_t>> seeds{
      {0x06, 0x2e}, {0x06, 0x2f}, {0x06, 0x30}, {0x06, 0x31}, {0x06, 0x32}, {0x06, 0x33}, {0x06, 0x34},
      {0x06, 0x35}, {0x06, 0x57}, {0x06, 0x36}, {0x06, 0x52}, {0x06, 0x38}, {0x06, 0x37}, {0x06, 0x58},
      {0x06, 0x59}, {0x06, 0x54}, {0x06, 0x39}, {0x06, 0x3a}, {0x06, 0x3b}, {0x06, 0x3c}, {0x06, 0x3d},
      {0x06, 0x3f}, {0x06, 0x40}, {0x06, 0x41}, {0x06, 0x42}, {0x06, 0x56}, {0x06, 0x43}, {0x06, 0x44},
      {0x06, 0x45}, {0x06, 0x46}, {0x06, 0x47}, {0x04, 0x00}, {0x04, 0x01}, {0x04, 0x02}};
  const std::vector<std::pair<std::uint8_t, std::uint8_t>> core{
      {0x06, 0x01}, {0x06, 0x02}, {0x06, 0x03}, {0x06, 0x04}, {0x06, 0x22}, {0x06, 0x24}, {0x06, 0x25},
      {0x06, 0x08}, {0x00, 0x01}, {0x00, 0x02}, {0x0a, 0x40}, {0x0a, 0x42}, {0x0a, 0x43}, {0x0a, 0x44},
      {0x0a, 0x46}, {0x0a, 0x47}, {0x0a, 0x48}, {0x0a, 0x49}, {0x0a, 0x20}, {0x0a, 0x22}, {0x0a, 0x23},
      {0x04, 0x2d}, {0x04, 0x27}, {0x0a, 0x10}, {0x0a, 0x11}, {0x0c, 0x02}, {0x0a, 0x41}, {0x04, 0x30}};
  EXPECT_EQ(seeds.size(), 34u);
  EXPECT_EQ(core.size(), 28u);
  for (auto [n, c] : seeds) EXPECT_NE(cat.find(n, c), nullptr) << int(n) << "/" << int(c);
  for (auto [n, c] : core) EXPECT_NE(cat.find(n, c), nullptr) << int(n) << "/" << int(c);
  std::set<std::string> ids;
  for (const auto& c : cat.all()) {
    EXPECT_FALSE(validate(c).has_value()) << c.id << ": " << validate(c)->message;
    EXPECT_TRUE(ids.insert(c.id).second) << c.id;
    EXPECT_FALSE(c.spec_ref.empty()) << c.id;
    EXPECT_EQ(c.spec_ref.rfind("IPMI 2.0 §", 0), 0u) << c.id;
  }
}

TEST(Catalog, FindByNetfnCmdTreatsResponseNetfnAsRequest) {
  const Catalog cat = builtin_catalog();
  const CommandDescriptor* a = cat.find(0x06, 0x38);
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->name, "Get Channel Authentication Capabilities");
  EXPECT_EQ(a->id, "get-channel-auth-caps");
  EXPECT_EQ(cat.find(0x07, 0x38), a);
  EXPECT_EQ(cat.find(0x06, 0x99), nullptr);
  EXPECT_EQ(to_string(a->privilege), "any");
  EXPECT_FALSE(a->mandatory);
  EXPECT_EQ(a->spec_ref, "IPMI 2.0 §22.13, Table 22-15");
}

TEST(Catalog, FindByNameCaseInsensitiveOrId) {
  const Catalog cat = builtin_catalog();
  EXPECT_EQ(cat.find("Get Device ID"), cat.find(0x06, 0x01));
  EXPECT_EQ(cat.find("get device id"), cat.find(0x06, 0x01));
  EXPECT_EQ(cat.find("get-device-id"), cat.find(0x06, 0x01));
  EXPECT_EQ(cat.find("Master Write-Read"), cat.find(0x06, 0x52));
  EXPECT_EQ(cat.find("no such command"), nullptr);
  EXPECT_EQ(to_string(cat.find("clear-message-flags")->privilege), "local");
  EXPECT_EQ(to_string(cat.find("set-user-access")->privilege), "Administrator");
}

TEST(Catalog, DuplicatesAreRejected) {
  Catalog cat = builtin_catalog();
  const std::size_t n = cat.size();
  auto dup = cat.add(tiny(0x06, 0x01, "My Device ID", "my-device-id"));
  ASSERT_FALSE(dup.has_value());
  EXPECT_NE(dup.error().find("duplicate command netfn 0x06 cmd 0x01"), std::string::npos) << dup.error();
  EXPECT_FALSE(cat.add(tiny(0x30, 0x01, "X", "get-device-id")).has_value());
  EXPECT_FALSE(cat.add(tiny(0x30, 0x01, "get DEVICE id", "x")).has_value());
  EXPECT_EQ(cat.size(), n);
  EXPECT_TRUE(cat.add(tiny(0x30, 0x01, "OEM Thing", "oem-thing")).has_value());
  EXPECT_NE(cat.find(0x31, 0x01), nullptr);
}

TEST(Catalog, ValidationRejectsBadDescriptors) {
  Catalog cat;
  EXPECT_NE(cat.add(tiny(0x07, 1, "Odd", "odd")).error().find("even request netFn"), std::string::npos);
  EXPECT_NE(cat.add(tiny(0x30, 1, "Bad Id", "Bad_Id")).error().find("kebab-case"), std::string::npos);

  auto overlap = tiny(0x30, 2, "Overlap", "overlap");
  overlap.request.push_back(Layout{"default", {ubits("a", 0, 0, 4), ubits("b", 0, 3, 2)}, std::nullopt, ""});
  auto e = cat.add(overlap);
  ASSERT_FALSE(e.has_value());
  EXPECT_EQ(e.error(), "overlap: request layout 'default' field 'b': overlaps field 'a' (byte 0)");
  auto issue = validate(overlap);
  ASSERT_TRUE(issue.has_value());
  EXPECT_EQ(issue->side, DescriptorIssue::Side::request);
  EXPECT_EQ(issue->field_index, 1u);

  auto wide = tiny(0x30, 3, "Wide", "wide");
  wide.response.push_back(Layout{"default", {ubits("a", 0, 6, 0)}, std::nullopt, ""});
  EXPECT_NE(cat.add(wide).error().find("bit width must be 1..64"), std::string::npos);

  auto tail = tiny(0x30, 4, "Tail", "tail");
  Field r;
  r.name = "data";
  r.kind = FieldKind::rest;
  r.byte_offset = 1;
  tail.request.push_back(Layout{"default", {r, ubits("after", 2, 0, 8)}, std::nullopt, ""});
  EXPECT_NE(cat.add(tail).error().find("overlaps"), std::string::npos);

  auto values = tiny(0x30, 5, "Values", "values");
  Field v = ubits("mode", 0, 0, 2);
  v.values = {{4, "too big"}};
  values.request.push_back(Layout{"default", {v}, std::nullopt, ""});
  EXPECT_NE(cat.add(values).error().find("does not fit in 2 bits"), std::string::npos);
  EXPECT_EQ(cat.size(), 0u);
}

TEST(NegativeCases, RequestLengths) {
  const Catalog cat = builtin_catalog();
  auto auth = request_lengths(*cat.find("get-channel-auth-caps"));
  ASSERT_EQ(auth.size(), 1u);
  EXPECT_EQ(auth[0].min, 2u);
  EXPECT_EQ(auth[0].max, 2u);
  EXPECT_EQ(auth[0].valid, (std::vector<std::size_t>{2}));
  auto sua = request_lengths(*cat.find("set-user-access"));
  EXPECT_EQ(sua[0].valid, (std::vector<std::size_t>{3, 4}));
  auto pw = request_lengths(*cat.find("set-user-password"));
  ASSERT_EQ(pw.size(), 2u);
  EXPECT_EQ(pw[0].layout, "password_16");
  EXPECT_EQ(pw[0].valid, (std::vector<std::size_t>{2, 18}));
  EXPECT_EQ(pw[1].valid, (std::vector<std::size_t>{2, 22}));
  auto pem = request_lengths(*cat.find("platform-event-message"));
  EXPECT_EQ(pem[0].min, 7u);
  EXPECT_EQ(pem[1].min, 8u);
  auto mwr = request_lengths(*cat.find("master-write-read"));
  EXPECT_EQ(mwr[0].min, 3u);
  EXPECT_EQ(mwr[0].max, unbounded);
  auto none = request_lengths(*cat.find("get-device-id"));
  EXPECT_EQ(none[0].max, 0u);
  auto gdi = response_lengths(*cat.find("get-device-id"));
  EXPECT_EQ(gdi[0].valid, (std::vector<std::size_t>{11, 15}));
}

TEST(NegativeCases, ReservedRequestBitsAndEachOneIsReported) {
  const Catalog cat = builtin_catalog();
  const CommandDescriptor& c = *cat.find("get-channel-auth-caps");
  auto bits = reserved_request_bits(c);
  ASSERT_EQ(bits.size(), 7u);  // byte 0 bits 6:4, byte 1 bits 7:4
  EXPECT_EQ(bits[0].byte, 0u);
  EXPECT_EQ(bits[0].bit, 4);
  EXPECT_EQ(bits[0].field, "reserved1");
  EXPECT_EQ(bits[6].byte, 1u);
  EXPECT_EQ(bits[6].bit, 7);
  for (const auto& b : bits) {
    Bytes req{0x81, 0x04};
    req[b.byte] = static_cast<std::uint8_t>(req[b.byte] | (1u << b.bit));
    auto d = decode_request(c, view(req));
    ASSERT_TRUE(d.has_value());
    ASSERT_EQ(d->findings.size(), 1u) << int(b.byte) << ":" << int(b.bit);
    EXPECT_NE(d->findings[0].find(b.field), std::string::npos);
  }
  // Every built-in command: each reserved bit set alone yields exactly one finding.
  for (const auto& cmd : cat.all()) {
    for (const auto& b : reserved_request_bits(cmd)) {
      const Layout* l = nullptr;
      for (const auto& x : cmd.request)
        if (x.name == b.layout) l = &x;
      ASSERT_NE(l, nullptr);
      FieldValues vals;
      for (const auto& f : l->fields)
        if (f.group == b.group && f.group > 0) vals.emplace_back(f.name, f.kind == FieldKind::uint ? FieldInput(0) : FieldInput(Bytes{}));
      auto enc = encode_request(cmd, vals, l->name);
      ASSERT_TRUE(enc.has_value()) << cmd.id << ": " << enc.error();
      ASSERT_LT(b.byte, enc->size()) << cmd.id;
      (*enc)[b.byte] = static_cast<std::uint8_t>((*enc)[b.byte] | (1u << b.bit));
      auto d = decode_request(cmd, view(*enc));
      ASSERT_TRUE(d.has_value()) << cmd.id << ": " << to_string(d.error());
      EXPECT_EQ(d->findings.size(), 1u) << cmd.id << " " << b.field << " byte " << b.byte << " bit " << int(b.bit);
    }
  }
}

TEST(CompletionCodes, CommandSpecificNameFirstThenGeneric) {
  const Catalog cat = builtin_catalog();
  EXPECT_EQ(completion_code_name(cat.find("get-system-info-params"), 0x80), "parameter not supported");
  EXPECT_EQ(completion_code_name(cat.find("get-device-id"), 0x80), "unknown (0x80)");
  EXPECT_EQ(completion_code_name(nullptr, 0xc3), "Timeout while processing command");
  EXPECT_EQ(completion_code_name(nullptr, 0x7e), "unknown (0x7e)");
}

}  // namespace
}  // namespace ipmict::catalog
