#include "harness/decode_command.hpp"

#include <fstream>
#include <istream>
#include <iterator>
#include <ostream>
#include <sstream>
#include <sys/stat.h>

#include <fmt/format.h>

#include "harness/catalog_command.hpp"
#include "protocol/capture/dissector.hpp"
#include "protocol/capture/pcap_reader.hpp"
#include "protocol/catalog/catalog.hpp"
#include "protocol/core/reader.hpp"

namespace ipmict {
namespace {

constexpr std::size_t kMaxInputBytes = 512u * 1024u * 1024u;  // larger captures: split them

ByteView bytes_of(const std::string& data) {
  return ByteView(reinterpret_cast<const std::uint8_t*>(data.data()), data.size());  // NOLINT: char -> byte view
}

// pcap (either byte order, µs or ns) or pcapng; anything else is read as hex text.
bool looks_like_capture(const std::string& data) {
  Reader r(bytes_of(data));
  const std::uint32_t magic = r.u32le("magic");
  return r.ok() && (magic == 0xa1b2c3d4 || magic == 0xd4c3b2a1 || magic == 0xa1b23c4d || magic == 0x4d3cb2a1 ||
                    magic == 0x0a0d0d0a);
}

bool is_regular_file(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

struct Tally {
  std::size_t decoded = 0;
  std::size_t malformed = 0;
  std::size_t unverified = 0;
  std::size_t skipped = 0;
};

void emit(const capture::PacketReport& report, std::ostream& out, Tally& tally) {
  out << report.text << '\n';
  ++tally.decoded;
  if (report.malformed) ++tally.malformed;
  if (report.verify_failed) ++tally.unverified;
}

std::string endpoint(const std::string& addr, std::uint16_t port) {
  return addr.find(':') != std::string::npos ? fmt::format("[{}]:{}", addr, port) : fmt::format("{}:{}", addr, port);
}

// RMCP (IPMI 2.0 §13.1.3) always starts with version 06h; other UDP traffic is not ours.
bool is_rmcp_candidate(ByteView payload) { return !payload.empty() && payload[0] == 0x06; }

int decode_capture(const std::string& data, const std::string& name, const DecodeOptions& options,
                   capture::Dissector& dissector, std::ostream& out, std::ostream& err, Tally& tally) {
  auto cap = capture::read_capture(bytes_of(data));
  if (!cap) {
    err << "ipmict decode: " << name << ": not a readable capture: " << to_string(cap.error()) << '\n';
    return 2;
  }
  std::uint64_t first_ts = 0;
  for (const auto& frame : cap->frames) {
    if (frame.error) {
      out << fmt::format("frame {}: malformed link/IP/UDP framing: {}\n\n", frame.number, to_string(*frame.error));
      ++tally.malformed;
      continue;
    }
    if (!frame.is_udp) {
      ++tally.skipped;
      continue;
    }
    const auto& u = frame.udp;
    if (options.port && u.src_port != *options.port && u.dst_port != *options.port) {
      ++tally.skipped;
      continue;
    }
    if (!options.port && !is_rmcp_candidate(u.payload)) {
      ++tally.skipped;
      continue;
    }
    if (first_ts == 0) first_ts = frame.timestamp_ns;
    capture::DatagramMeta meta;
    meta.frame = frame.number;
    meta.timestamp_ns = frame.timestamp_ns - first_ts;
    meta.src = endpoint(u.src, u.src_port);
    meta.dst = endpoint(u.dst, u.dst_port);
    emit(dissector.dissect(meta, u.payload), out, tally);
  }
  if (cap->truncated) {
    err << "ipmict decode: " << name << ": capture ends inside a record: " << to_string(*cap->truncated)
        << " (the frames before it were decoded)\n";
    return 2;
  }
  return 0;
}

int decode_hex_lines(const std::string& text, const std::string& name, capture::Dissector& dissector,
                     std::ostream& out, std::ostream& err, Tally& tally) {
  std::istringstream lines(text);
  std::string line;
  std::size_t number = 0;
  int rc = 0;
  while (std::getline(lines, line)) {
    ++number;
    const auto hash = line.find('#');
    if (hash != std::string::npos) line.erase(hash);
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    auto bytes = parse_hex(line);
    if (!bytes) {
      err << "ipmict decode: " << name << ":" << number << ": not hex bytes\n";
      rc = 2;
      continue;
    }
    capture::DatagramMeta meta;
    meta.frame = number;
    emit(dissector.dissect(meta, view(*bytes)), out, tally);
  }
  return rc;
}

}  // namespace

int run_decode(const DecodeOptions& options, std::istream& in, std::ostream& out, std::ostream& err) {
  auto cat = load_catalogs(options.catalog_files);
  if (!cat) {
    err << "ipmict decode: " << cat.error() << '\n';
    return 2;
  }
  std::optional<capture::Credentials> credentials;
  if (options.password.given()) {
    auto pw = read_secret(options.password, "password", SecretEncoding::text, 20);
    if (!pw) {
      err << "ipmict decode: " << pw.error() << '\n';
      return 2;
    }
    credentials.emplace();
    credentials->password = std::move(*pw);
    if (options.kg.given()) {
      auto kg = read_secret(options.kg, "K_G", SecretEncoding::hex_or_text, 20);
      if (!kg) {
        err << "ipmict decode: " << kg.error() << '\n';
        return 2;
      }
      credentials->kg = std::move(*kg);
    }
  } else if (options.kg.given()) {
    err << "ipmict decode: K_G given without a password: RMCP+ keys need both\n";
    return 2;
  }

  std::string data;
  std::string name = options.input;
  if (options.input.empty() || options.input == "-") {
    name = "stdin";
    data.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  } else if (is_regular_file(options.input)) {
    std::ifstream file(options.input, std::ios::binary);
    if (!file) {
      err << "ipmict decode: cannot read " << options.input << '\n';
      return 2;
    }
    data.assign(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
  } else if (parse_hex(options.input)) {
    name = "argument";
    data = options.input;
  } else {
    err << "ipmict decode: " << options.input << ": no such file, and not hex bytes\n";
    return 2;
  }
  if (data.size() > kMaxInputBytes) {
    err << "ipmict decode: " << name << ": larger than " << kMaxInputBytes / (1024 * 1024) << " MiB; split it (editcap -c)\n";
    return 2;
  }

  capture::Dissector dissector(*cat, std::move(credentials));
  Tally tally;
  const int rc = looks_like_capture(data) ? decode_capture(data, name, options, dissector, out, err, tally)
                                          : decode_hex_lines(data, name, dissector, out, err, tally);
  for (const auto& line : dissector.summary()) out << line << '\n';
  out << fmt::format("{} datagrams decoded, {} malformed, {} failed verification, {} other frames skipped\n",
                     tally.decoded, tally.malformed, tally.unverified, tally.skipped);
  if (rc != 0) return rc;
  return tally.malformed + tally.unverified > 0 ? 1 : 0;
}

}  // namespace ipmict
