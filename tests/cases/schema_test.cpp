// cases/case-schema.json and the loader accept the same keys, and the good fixtures satisfy the
// schema (a small structural validator: type, properties, additionalProperties, required,
// items, oneOf/anyOf, enum, const, pattern, minimum/maximum, min/maxItems, $ref).
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <set>

#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include "harness/cases/loader.hpp"

namespace ipmict::cases {
namespace {

using nlohmann::json;

json schema() {
  std::ifstream in(std::string(IPMICT_SOURCE_DIR) + "/cases/case-schema.json");
  return json::parse(in);
}

TEST(Schema, IsDraft2020JsonWithTheLoadersKeysPerElement) {
  const json s = schema();
  EXPECT_EQ(s.at("$schema"), "https://json-schema.org/draft/2020-12/schema");
  for (const auto& [element, keys] : accepted_keys()) {
    ASSERT_TRUE(s.at("$defs").contains(element)) << element;
    std::set<std::string> in_schema;
    for (const auto& [k, v] : s["$defs"][element].at("properties").items()) in_schema.insert(k);
    EXPECT_EQ(in_schema, std::set<std::string>(keys.begin(), keys.end())) << element;
  }
}

TEST(Schema, NamesTheRequiresGatesAndTheIdPattern) {
  const json s = schema();
  std::set<std::string> gates;
  for (const auto& g : s["$defs"]["gate"]["anyOf"][0]["enum"]) gates.insert(g.get<std::string>());
  EXPECT_EQ(gates, std::set<std::string>(requires_gates().begin(), requires_gates().end()));
  EXPECT_EQ(s["$defs"]["id"]["pattern"], "^[a-z0-9.-]+$");
}

// YAML -> JSON the way a YAML 1.2 language server reads it (core schema scalars).
json to_json(const YAML::Node& n) {
  if (n.IsMap()) {
    json o = json::object();
    for (const auto& kv : n) o[kv.first.Scalar()] = to_json(kv.second);
    return o;
  }
  if (n.IsSequence()) {
    json a = json::array();
    for (const auto& x : n) a.push_back(to_json(x));
    return a;
  }
  if (n.IsNull()) return nullptr;
  const std::string& s = n.Scalar();
  if (n.Tag() == "!") return s;  // quoted
  if (s == "true" || s == "false") return s == "true";
  static const std::regex dec("^[0-9]+$"), hex("^0x[0-9a-fA-F]+$");
  if (std::regex_match(s, dec)) return std::stoull(s);
  if (std::regex_match(s, hex)) return std::stoull(s.substr(2), nullptr, 16);
  return s;
}

class Validator {
 public:
  explicit Validator(json root) : root_(std::move(root)) {}
  bool valid(const json& v, const json& s, const std::string& at, std::string* why) const {
    if (s.contains("$ref")) {
      const std::string ref = s["$ref"];
      if (!valid(v, root_["$defs"][ref.substr(std::string("#/$defs/").size())], at, why)) return false;
    }
    if (s.contains("type")) {
      std::vector<std::string> types;
      if (s["type"].is_array()) for (const auto& t : s["type"]) types.push_back(t);
      else types.push_back(s["type"]);
      bool ok = false;
      for (const auto& t : types)
        ok = ok || (t == "object" && v.is_object()) || (t == "array" && v.is_array()) ||
             (t == "string" && v.is_string()) || (t == "integer" && v.is_number_integer()) ||
             (t == "boolean" && v.is_boolean()) || (t == "null" && v.is_null());
      if (!ok) return fail(why, at + ": type " + s["type"].dump());
    }
    if (s.contains("enum") && std::find(s["enum"].begin(), s["enum"].end(), v) == s["enum"].end())
      return fail(why, at + ": not in enum");
    if (s.contains("const") && v != s["const"]) return fail(why, at + ": not the const");
    if (s.contains("pattern") && v.is_string() && !std::regex_search(v.get<std::string>(), std::regex(s["pattern"].get<std::string>())))
      return fail(why, at + ": pattern");
    if (v.is_number() && s.contains("minimum") && v < s["minimum"]) return fail(why, at + ": minimum");
    if (v.is_number() && s.contains("maximum") && v > s["maximum"]) return fail(why, at + ": maximum");
    if (v.is_array()) {
      if (s.contains("minItems") && v.size() < s["minItems"]) return fail(why, at + ": minItems");
      if (s.contains("maxItems") && v.size() > s["maxItems"]) return fail(why, at + ": maxItems");
      if (s.contains("items"))
        for (std::size_t i = 0; i < v.size(); ++i)
          if (!valid(v[i], s["items"], at + "[" + std::to_string(i) + "]", why)) return false;
    }
    if (v.is_object()) {
      if (s.contains("required"))
        for (const auto& r : s["required"])
          if (!v.contains(r.get<std::string>())) return fail(why, at + ": required " + r.get<std::string>());
      if (s.contains("minProperties") && v.size() < s["minProperties"]) return fail(why, at + ": minProperties");
      if (s.contains("maxProperties") && v.size() > s["maxProperties"]) return fail(why, at + ": maxProperties");
      for (const auto& [k, x] : v.items()) {
        if (s.contains("properties") && s["properties"].contains(k)) {
          if (!valid(x, s["properties"][k], at + "." + k, why)) return false;
        } else if (s.contains("additionalProperties")) {
          const json& ap = s["additionalProperties"];
          if (ap.is_boolean() && !ap.get<bool>()) return fail(why, at + ": unexpected key " + k);
          if (ap.is_object() && !valid(x, ap, at + "." + k, why)) return false;
        }
      }
    }
    if (s.contains("oneOf")) {
      int n = 0;
      for (const auto& alt : s["oneOf"]) n += valid(v, alt, at, nullptr) ? 1 : 0;
      if (n != 1) return fail(why, at + ": oneOf matched " + std::to_string(n));
    }
    if (s.contains("anyOf")) {
      bool any = false;
      for (const auto& alt : s["anyOf"]) any = any || valid(v, alt, at, nullptr);
      if (!any) return fail(why, at + ": anyOf");
    }
    return true;
  }

 private:
  static bool fail(std::string* why, const std::string& w) {
    if (why != nullptr) *why = w;
    return false;
  }
  json root_;
};

TEST(Schema, GoodFixturesValidateAndBadOnesDoNot) {
  const json s = schema();
  Validator v(s);
  for (const char* f : {"/cases/good/22-app/get-channel-auth-caps.yaml", "/cases/good/20-device/get-device-id.yaml",
                        "/cases/dup/b.yaml"}) {
    const json doc = to_json(YAML::LoadFile(std::string(IPMICT_TEST_DATA_DIR) + f));
    std::string why;
    EXPECT_TRUE(v.valid(doc, s, "$", &why)) << f << ": " << why;
  }
  const json bad = to_json(YAML::LoadFile(std::string(IPMICT_TEST_DATA_DIR) + "/cases/bad/many-problems.yaml"));
  std::string why;
  EXPECT_FALSE(v.valid(bad, s, "$", &why));
  for (const char* def : {"profile", "target", "quirks_file"}) {
    const char* file = std::string_view(def) == "profile"  ? "/cases/good/profiles/core.yaml"
                       : std::string_view(def) == "target" ? "/cases/good/targets/openipmi.yaml"
                                                           : "/cases/good/quirks.yaml";
    EXPECT_TRUE(v.valid(to_json(YAML::LoadFile(std::string(IPMICT_TEST_DATA_DIR) + file)), s["$defs"][def], "$", &why))
        << def << ": " << why;
  }
}

}  // namespace
}  // namespace ipmict::cases
