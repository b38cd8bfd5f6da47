#include "protocol/capture/ipmi_message_text.hpp"

#include <fmt/format.h>

#include "protocol/catalog/catalog.hpp"
#include "protocol/wire/lan_message.hpp"
#include "protocol/wire/netfn.hpp"

namespace ipmict::capture {
namespace {

std::string command_title(const catalog::CommandDescriptor* cmd, std::uint8_t netfn, std::uint8_t cmd_byte) {
  const auto nf = netfn_name(static_cast<std::uint8_t>(netfn & ~1u));
  const std::string netfn_text = fmt::format("{} {:02x}h", nf ? *nf : "NetFn", netfn);
  if (cmd != nullptr) return fmt::format("{} ({}, cmd {:02x}h)", cmd->name, netfn_text, cmd_byte);
  return fmt::format("unknown command ({}, cmd {:02x}h)", netfn_text, cmd_byte);
}

void add_fields(MessageText& text, const Decoded<catalog::DecodedFields>& decoded, ByteView data,
                std::string_view indent) {
  const std::string inner = std::string(indent) + "  ";
  if (!decoded) {
    text.malformed = true;
    text.lines.push_back(fmt::format("{}data does not fit the command's layout: {} of the data", inner,
                                     to_string(decoded.error())));
    text.lines.push_back(fmt::format("{}data: {}", inner, to_hex(data)));
    return;
  }
  // The completion code is already on the title line.
  const std::string fields = catalog::format_fields(*decoded, inner, false);
  std::size_t start = 0;
  while (start < fields.size()) {
    const std::size_t end = fields.find('\n', start);
    text.lines.push_back(fields.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  for (const auto& finding : decoded->findings) text.lines.push_back(fmt::format("{}finding: {}", inner, finding));
}

void checksum_lines(MessageText& text, const std::vector<DecodeError>& errors, std::string_view indent) {
  for (const auto& e : errors) {
    text.malformed = true;
    text.lines.push_back(fmt::format("{}  {}", indent, to_string(e)));
  }
}

}  // namespace

MessageText describe_ipmi_message(const catalog::Catalog& catalog, ByteView message, std::string_view indent) {
  MessageText text;
  // netFn/LUN is the second byte of both layouts (rsAddr or rqAddr comes first).
  if (message.size() < 2) {
    text.malformed = true;
    text.lines.push_back(fmt::format("{}ipmi message: truncated at offset {} (netfn): {}", indent, message.size(),
                                     to_hex(message)));
    return text;
  }
  const auto netfn = static_cast<std::uint8_t>(message[1] >> 2);
  if (is_response_netfn(netfn)) {
    auto rs = decode_ipmi_response_lenient(message);
    if (!rs) {
      text.malformed = true;
      text.lines.push_back(fmt::format("{}ipmi response: {}: {}", indent, to_string(rs.error()), to_hex(message)));
      return text;
    }
    const IpmiResponse& m = rs->message;
    const catalog::CommandDescriptor* cmd = catalog.find(m.netfn, m.cmd);
    text.lines.push_back(fmt::format("{}ipmi response: {} cc {:02x}h ({})", indent, command_title(cmd, m.netfn, m.cmd),
                                     m.completion_code, catalog::completion_code_name(cmd, m.completion_code)));
    text.lines.push_back(fmt::format("{}  rqAddr {:02x}h rqLUN {} rsAddr {:02x}h rqSeq {:02x}h rsLUN {}", indent, m.rq_addr,
                                     m.rq_lun, m.rs_addr, m.rq_seq, m.rs_lun));
    checksum_lines(text, rs->checksum_errors, indent);
    if (cmd != nullptr) {
      add_fields(text, catalog::decode_response(*cmd, m.completion_code, view(m.data)), view(m.data), indent);
    } else if (!m.data.empty()) {
      text.lines.push_back(fmt::format("{}  data: {}", indent, to_hex(view(m.data))));
    }
    return text;
  }
  auto rq = decode_ipmi_request_lenient(message);
  if (!rq) {
    text.malformed = true;
    text.lines.push_back(fmt::format("{}ipmi request: {}: {}", indent, to_string(rq.error()), to_hex(message)));
    return text;
  }
  const IpmiRequest& m = rq->message;
  const catalog::CommandDescriptor* cmd = catalog.find(m.netfn, m.cmd);
  text.lines.push_back(fmt::format("{}ipmi request: {}", indent, command_title(cmd, m.netfn, m.cmd)));
  text.lines.push_back(fmt::format("{}  rsAddr {:02x}h rsLUN {} rqAddr {:02x}h rqSeq {:02x}h rqLUN {}", indent, m.rs_addr,
                                   m.rs_lun, m.rq_addr, m.rq_seq, m.rq_lun));
  checksum_lines(text, rq->checksum_errors, indent);
  if (cmd != nullptr) {
    add_fields(text, catalog::decode_request(*cmd, view(m.data)), view(m.data), indent);
  } else if (!m.data.empty()) {
    text.lines.push_back(fmt::format("{}  data: {}", indent, to_hex(view(m.data))));
  }
  return text;
}

}  // namespace ipmict::capture
