#include "harness/response_output.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "protocol/catalog/catalog.hpp"
#include "protocol/wire/netfn.hpp"

namespace ipmict {
namespace {

std::string title(const catalog::CommandDescriptor* cmd, const session::Request& rq) {
  const auto nf = netfn_name(rq.netfn);
  const std::string where = fmt::format("{} {:02x}h, cmd {:02x}h", nf ? *nf : "NetFn", rq.netfn, rq.cmd);
  return cmd != nullptr ? fmt::format("{} ({})", cmd->name, where) : fmt::format("unknown command ({})", where);
}

nlohmann::json field_json(const catalog::FieldValue& f) {
  if (f.number) {
    if (!f.label.empty()) return nlohmann::json{{"value", *f.number}, {"label", f.label}};
    return *f.number;
  }
  if (!f.text.empty()) return nlohmann::json{{"hex", to_hex(view(f.bytes))}, {"text", f.text}};
  return to_hex(view(f.bytes));
}

}  // namespace

std::string format_response_text(const catalog::Catalog& catalog, const session::Request& request,
                                  const session::Response& response) {
  const catalog::CommandDescriptor* cmd = catalog.find(request.netfn, request.cmd);
  std::string out = fmt::format("{}: cc {:02x}h ({})\n", title(cmd, request), response.completion_code,
                                catalog::completion_code_name(cmd, response.completion_code));
  if (!response.data.empty()) out += fmt::format("data: {}\n", to_hex(view(response.data)));
  if (cmd == nullptr) return out;
  auto decoded = catalog::decode_response(*cmd, response.completion_code, view(response.data));
  if (!decoded) {
    out += fmt::format("  the response does not fit the command's layout: {} of the data\n", to_string(decoded.error()));
    return out;
  }
  out += catalog::format_fields(*decoded, "  ", false);  // the code is on the first line
  for (const auto& finding : decoded->findings) out += fmt::format("  finding: {}\n", finding);
  return out;
}

nlohmann::json response_json(const catalog::Catalog& catalog, const session::Request& request,
                             const session::Response& response) {
  const catalog::CommandDescriptor* cmd = catalog.find(request.netfn, request.cmd);
  nlohmann::json j{{"netfn", request.netfn},
                   {"cmd", request.cmd},
                   {"command", cmd ? cmd->name : std::string()},
                   {"request", to_hex(view(request.data))},
                   {"completion_code", response.completion_code},
                   {"completion_code_name", std::string(catalog::completion_code_name(cmd, response.completion_code))},
                   {"data", to_hex(view(response.data))}};
  nlohmann::json fields = nlohmann::json::object();
  nlohmann::json findings = nlohmann::json::array();
  if (cmd != nullptr) {
    auto decoded = catalog::decode_response(*cmd, response.completion_code, view(response.data));
    if (decoded) {
      for (const auto& f : decoded->fields) fields[f.name] = field_json(f);
      for (const auto& finding : decoded->findings) findings.push_back(finding);
    } else {
      findings.push_back("response does not fit the command's layout: " + to_string(decoded.error()));
    }
  }
  j["fields"] = std::move(fields);
  j["findings"] = std::move(findings);
  return j;
}

nlohmann::json error_json(const session::Request& request, const std::string& error) {
  return nlohmann::json{{"netfn", request.netfn}, {"cmd", request.cmd}, {"request", to_hex(view(request.data))}, {"error", error}};
}

}  // namespace ipmict
