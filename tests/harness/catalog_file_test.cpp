// OEM command files: loading, merging, and one-line file:line:col errors.
#include "harness/catalog_file.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

namespace ipmict {
namespace {

using catalog::Catalog;

const char* kGood = R"(commands:
  - netfn: 0x30
    cmd: 0x01
    name: Get Fan Mode
    id: acme-get-fan-mode
    privilege: operator
    mandatory: false
    spec_ref: "Acme BMC OEM guide §4.2"
    completion_codes:
      - {code: 0x80, name: fan control locked}
    request:
      - {name: zone, byte: 0, bits: "3:0"}
      - {name: reserved1, byte: 0, bits: "7:4", reserved: true}
    response:
      - {name: mode, byte: 0, values: {0: standard, 1: full, 2: optimal}}
      - {name: duty_cycle, byte: 1, display: decimal}
      - {name: rpm, byte: 2, size: 2, display: decimal}
      - {name: oem_tail, byte: 4, type: rest, max: 8, group: 1}
  - netfn: 0x2e
    cmd: 0x10
    name: Acme Set Key
    id: acme-set-key
    privilege: administrator
    request:
      layouts:
        - name: short_key
          when: {byte: 0, bits: "7", value: 0}
          fields:
            - {name: key_id, byte: 0, bits: "6:0"}
            - {name: long_key, byte: 0, bits: "7"}
            - {name: key, byte: 1, type: bytes, size: 16}
        - name: long_key
          when: {byte: 0, bits: "7", value: 1}
          fields:
            - {name: key_id, byte: 0, bits: "6:0"}
            - {name: long_key, byte: 0, bits: "7"}
            - {name: key, byte: 1, type: bytes, size: 20}
)";

std::string load_error(const std::string& text) {
  Catalog cat = catalog::builtin_catalog();
  auto r = load_catalog_text(text, "oem.yaml", cat);
  EXPECT_FALSE(r.has_value());
  return r ? std::string() : r.error();
}

TEST(CatalogFile, LoadsOemCommandsIntoTheCatalog) {
  Catalog cat = catalog::builtin_catalog();
  const std::size_t before = cat.size();
  auto r = load_catalog_text(kGood, "oem.yaml", cat);
  ASSERT_TRUE(r.has_value()) << r.error();
  EXPECT_EQ(cat.size(), before + 2);
  const auto* fan = cat.find(0x31, 0x01);
  ASSERT_NE(fan, nullptr);
  EXPECT_EQ(fan->id, "acme-get-fan-mode");
  EXPECT_EQ(fan->source, "oem.yaml:2:5");
  EXPECT_EQ(catalog::to_string(fan->privilege), "Operator");
  EXPECT_EQ(catalog::completion_code_name(fan, 0x80), "fan control locked");
  const Bytes rsp{0x02, 0x50, 0xb8, 0x0b};
  auto d = catalog::decode_response(*fan, 0, view(rsp));
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->find("mode")->label, "optimal");
  EXPECT_EQ(d->number("rpm"), 3000u);
  EXPECT_EQ(d->find("oem_tail"), nullptr);
  const Bytes rq{0x31};
  auto q = catalog::decode_request(*fan, view(rq));
  ASSERT_TRUE(q.has_value());
  ASSERT_EQ(q->findings.size(), 1u);
  EXPECT_EQ(q->findings[0], "reserved bits set in reserved1 (byte 0 bits 7:4 = 0x03)");

  const auto* key = cat.find("Acme Set Key");
  ASSERT_NE(key, nullptr);
  auto enc = catalog::encode_request(*key, {{"key_id", 2}, {"long_key", 1}, {"key", Bytes(20, 0xaa)}});
  ASSERT_TRUE(enc.has_value()) << enc.error();
  EXPECT_EQ(enc->size(), 21u);
  auto dk = catalog::decode_request(*key, view(*enc));
  ASSERT_TRUE(dk.has_value());
  EXPECT_EQ(dk->layout_name, "long_key");
}

TEST(CatalogFile, LoadsFromAFileAndDumpRoundTrips) {
  const std::string path = ::testing::TempDir() + "/ipmict_oem_catalog_test.yaml";
  {
    std::ofstream out(path);
    out << kGood;
  }
  Catalog cat;
  auto r = load_catalog_file(path, cat);
  ASSERT_TRUE(r.has_value()) << r.error();
  EXPECT_EQ(cat.size(), 2u);
  std::remove(path.c_str());
  EXPECT_NE(load_catalog_file(path, cat).error().find("cannot open"), std::string::npos);

  // The whole built-in catalog survives dump -> load unchanged in layout terms.
  const Catalog builtin = catalog::builtin_catalog();
  const std::string yaml = dump_catalog_yaml(builtin);
  Catalog again;
  auto back = load_catalog_text(yaml, "dump.yaml", again);
  ASSERT_TRUE(back.has_value()) << back.error();
  ASSERT_EQ(again.size(), builtin.size());
  for (std::size_t i = 0; i < builtin.size(); ++i) {
    const auto& a = builtin.all()[i];
    const auto& b = again.all()[i];
    EXPECT_EQ(a.id, b.id);
    EXPECT_EQ(a.privilege, b.privilege) << a.id;
    ASSERT_EQ(a.request.size(), b.request.size()) << a.id;
    ASSERT_EQ(a.response.size(), b.response.size()) << a.id;
    for (std::size_t l = 0; l < a.response.size(); ++l) {
      ASSERT_EQ(a.response[l].fields.size(), b.response[l].fields.size()) << a.id;
      for (std::size_t f = 0; f < a.response[l].fields.size(); ++f) {
        const auto& fa = a.response[l].fields[f];
        const auto& fb = b.response[l].fields[f];
        EXPECT_EQ(fa.name, fb.name);
        EXPECT_EQ(fa.byte_offset, fb.byte_offset) << a.id << " " << fa.name;
        EXPECT_EQ(fa.bit_offset, fb.bit_offset) << a.id << " " << fa.name;
        EXPECT_EQ(fa.bit_width, fb.bit_width) << a.id << " " << fa.name;
        EXPECT_EQ(fa.values.size(), fb.values.size()) << a.id << " " << fa.name;
      }
    }
  }
}

TEST(CatalogFile, UnknownKeyIsReportedAtItsPosition) {
  const std::string e = load_error(R"(commands:
  - netfn: 0x30
    cmd: 0x02
    name: X
    id: x
    request:
      - {name: zone, byte: 0, bitz: "3:0"}
)");
  EXPECT_EQ(e,
            "oem.yaml:7:31: unknown key 'bitz' in field (expected one of: name, byte, bits, size, type, endian, max, "
            "reserved, group, display, values, counts, description)");
}

TEST(CatalogFile, BadBitRange) {
  const std::string e = load_error(R"(commands:
  - netfn: 0x30
    cmd: 0x02
    name: X
    id: x
    request:
      - {name: zone, byte: 0, bits: "3:5"}
)");
  EXPECT_EQ(e, "oem.yaml:7:37: bad bit range '3:5': the high bit comes first (\"7:4\", low bit first in the byte)");
  EXPECT_EQ(load_error("commands:\n  - {netfn: 0x30, cmd: 2, name: X, id: x, request: [{name: a, byte: 0, bits: \"x\"}]}\n"),
            "oem.yaml:2:78: bad bit range 'x': expected \"hi:lo\" or \"bit\" (e.g. \"7:4\", \"0\")");
}

// Found by the catalog_file fuzzer: an error quoting a value with a line break in it was
// two lines.
TEST(CatalogFile, AnErrorQuotingMultiLineTextStaysOneLine) {
  EXPECT_EQ(load_error("commands:\n  - {netfn: 0x30, cmd: 2, name: X, id: x, request: [{name: a, byte: 0, bits: \"7\\n:\\t0\"}]}\n"),
            "oem.yaml:2:78: bad bit range '7\\n:\\t0': expected \"hi:lo\" or \"bit\" (e.g. \"7:4\", \"0\")");
}

TEST(CatalogFile, OverlappingFieldsPointAtTheSecondField) {
  const std::string e = load_error(R"(commands:
  - netfn: 0x30
    cmd: 0x02
    name: X
    id: x
    response:
      - {name: a, byte: 0, bits: "3:0"}
      - {name: b, byte: 0, bits: "4:3"}
)");
  EXPECT_EQ(e, "oem.yaml:8:9: response layout 'default' field 'b': overlaps field 'a' (byte 0)");
}

TEST(CatalogFile, DuplicateCommandAgainstBuiltinOrWithinTheFile) {
  const std::string e = load_error(R"(commands:
  - {netfn: 0x06, cmd: 0x01, name: My Device ID, id: my-device-id}
)");
  EXPECT_EQ(e, "oem.yaml:2:5: duplicate command netfn 0x06 cmd 0x01: 'My Device ID' and 'Get Device ID' (builtin)");
  const std::string twice = load_error(R"(commands:
  - {netfn: 0x30, cmd: 0x01, name: A, id: a}
  - {netfn: 0x30, cmd: 0x01, name: B, id: b}
)");
  EXPECT_EQ(twice, "oem.yaml:3:5: duplicate command netfn 0x30 cmd 0x01: 'B' and 'A' (oem.yaml:2:5)");
}

TEST(CatalogFile, OtherErrorsAreOneLineWithPosition) {
  EXPECT_EQ(load_error("commands:\n  - {netfn: 0x31, cmd: 1, name: A, id: a}\n"),
            "oem.yaml:2:13: netfn must be the even request netFn");
  EXPECT_EQ(load_error("commands:\n  - {netfn: 0x30, cmd: 1, name: A, id: a, privilege: root}\n"),
            "oem.yaml:2:54: unknown privilege 'root' (expected callback, user, operator, administrator, oem, local, any "
            "or session-less)");
  EXPECT_EQ(load_error("commands:\n  - {netfn: 0x30, cmd: 1, name: A}\n"), "oem.yaml:2:5: a command needs 'id'");
  EXPECT_EQ(load_error("commands:\n  - {netfn: 0x30, cmd: 0x1zz, name: A, id: a}\n"),
            "oem.yaml:2:24: cmd: expected a number (decimal or 0x hex), got '0x1zz'");
  EXPECT_EQ(load_error("cmds: []\n"),
            "oem.yaml:1:1: unknown key 'cmds' in file (expected one of: commands)");
  const std::string syntax = load_error("commands:\n  - {netfn: 0x30\n");
  EXPECT_EQ(syntax.rfind("oem.yaml:", 0), 0u) << syntax;
  EXPECT_EQ(syntax.find('\n'), std::string::npos);
  // All or nothing: a bad second command leaves the catalog unchanged.
  Catalog cat;
  auto r = load_catalog_text("commands:\n  - {netfn: 0x30, cmd: 1, name: A, id: a}\n  - {netfn: 0x30, cmd: 1, name: B, id: b}\n",
                             "oem.yaml", cat);
  EXPECT_FALSE(r.has_value());
  EXPECT_EQ(cat.size(), 0u);
}

}  // namespace
}  // namespace ipmict
