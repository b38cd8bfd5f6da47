#include "fuzz/network/reproducer.hpp"

#include <fstream>
#include <sstream>
#include <system_error>

#include "transports/pcap_writer.hpp"

namespace ipmict::netfuzz {

std::string format_reproducer(std::span<const InputRecord> records, std::span<const std::string> comments) {
  std::string out = "# ipmict network fuzzer reproducer (docs/network-fuzzer.md); replay: ipmict fuzz TARGET --replay FILE\n";
  for (const std::string& c : comments) out += "# " + c + "\n";
  for (const InputRecord& r : records) {
    out += "input " + format_input(r.input) + "\n";
    if (r.input.flow == FlowKind::raw) {
      for (const Bytes& d : r.input.datagrams) out += "> " + to_hex(view(d)) + "\n";
    }
    for (const Packet& p : r.packets) out += std::string(p.outbound ? "  > " : "  < ") + to_hex(view(p.bytes)) + "\n";
  }
  return out;
}

tl::expected<std::vector<Input>, std::string> parse_reproducer(std::string_view text, std::string_view source_name) {
  std::vector<Input> inputs;
  std::size_t line_no = 0;
  while (!text.empty()) {
    const auto nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const auto where = [&] { return std::string(source_name) + ":" + std::to_string(line_no) + ": "; };
    if (line.empty() || line.front() == '#') continue;
    if (line.starts_with("input ")) {
      auto input = parse_input(line.substr(6));
      if (!input) return tl::unexpected(where() + input.error());
      inputs.push_back(std::move(*input));
      continue;
    }
    const bool record = line.starts_with("  > ") || line.starts_with("  < ");
    if (record || line.starts_with("> ")) {
      if (inputs.empty()) return tl::unexpected(where() + "a datagram line before the first 'input' line");
      auto bytes = parse_hex(line.substr(record ? 4 : 2));
      if (!bytes || bytes->empty()) return tl::unexpected(where() + "the datagram is not hex bytes");
      if (record) continue;  // the record of a run: for people and pcaps, not replayed
      if (inputs.back().flow != FlowKind::raw) {
        return tl::unexpected(where() + "'> HEX' lines define the datagrams of a flow=raw input; this input is flow=" +
                              std::string(flow_name(inputs.back().flow)));
      }
      inputs.back().datagrams.push_back(std::move(*bytes));
      continue;
    }
    return tl::unexpected(where() + "expected 'input flow=...', '> HEX' (a raw input's datagram) or an indented record line");
  }
  if (inputs.empty()) return tl::unexpected(std::string(source_name) + ": no 'input' line: not a reproducer");
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    if (inputs[i].flow == FlowKind::raw && inputs[i].datagrams.empty()) {
      return tl::unexpected(std::string(source_name) + ": raw input " + std::to_string(i + 1) + " has no '> HEX' datagram");
    }
  }
  return inputs;
}

tl::expected<std::vector<Input>, std::string> read_reproducer(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return tl::unexpected(path.string() + ": cannot open: " + std::generic_category().message(errno));
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return tl::unexpected(path.string() + ": read error");
  return parse_reproducer(text.str(), path.string());
}

tl::expected<void, std::string> write_reproducer(const std::filesystem::path& dir, std::string_view stem,
                                                 std::span<const InputRecord> records,
                                                 std::span<const std::string> comments,
                                                 const transport::IpEndpoint& local,
                                                 const transport::IpEndpoint& remote) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return tl::unexpected(dir.string() + ": cannot create: " + ec.message());
  const auto text_path = dir / (std::string(stem) + ".txt");
  {
    std::ofstream out(text_path, std::ios::binary | std::ios::trunc);
    out << format_reproducer(records, comments);
    if (!out) return tl::unexpected(text_path.string() + ": write error");
  }
  const auto pcap_path = dir / (std::string(stem) + ".pcap");
  auto pcap = transport::PcapWriter::create(pcap_path);
  if (!pcap) return tl::unexpected(pcap_path.string() + ": " + pcap.error().message);
  for (const InputRecord& r : records) {
    // Not run yet (a hand-made or shrunk input): its datagrams are all there is to show.
    if (r.input.flow == FlowKind::raw && r.packets.empty()) {
      for (const Bytes& d : r.input.datagrams) (*pcap)->datagram(local, remote, view(d));
    }
    for (const Packet& p : r.packets) {
      if (p.outbound) {
        (*pcap)->datagram(local, remote, view(p.bytes));
      } else {
        (*pcap)->datagram(remote, local, view(p.bytes));
      }
    }
  }
  if ((*pcap)->error()) return tl::unexpected(pcap_path.string() + ": " + *(*pcap)->error());
  return {};
}

}  // namespace ipmict::netfuzz
