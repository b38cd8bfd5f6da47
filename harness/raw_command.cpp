#include "harness/raw_command.hpp"

#include <fstream>
#include <istream>
#include <ostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "harness/catalog_command.hpp"
#include "harness/connect.hpp"
#include "harness/raw_syntax.hpp"
#include "harness/response_output.hpp"
#include "protocol/catalog/catalog.hpp"

namespace ipmict {
namespace {

// A batch stops after this many requests in a row got no answer: the BMC is gone, and
// each further line would cost the full timeout and retries.
constexpr int kMaxConsecutiveFailures = 3;

struct Line {
  std::size_t number = 0;
  session::Request request;
};

tl::expected<std::vector<Line>, std::string> read_batch(const std::string& source, std::istream& in) {
  std::ifstream file;
  std::istream* stream = &in;
  if (source != "-") {
    file.open(source);
    if (!file) return tl::unexpected(fmt::format("--batch {}: cannot read the file", source));
    stream = &file;
  }
  const std::string name = source == "-" ? "stdin" : source;
  std::vector<Line> lines;
  std::string text;
  std::size_t number = 0;
  while (std::getline(*stream, text)) {
    ++number;
    auto parsed = parse_raw_line(text);
    if (!parsed) return tl::unexpected(fmt::format("{}:{}: {}", name, number, parsed.error()));
    if (*parsed) lines.push_back(Line{number, std::move(**parsed)});
  }
  return lines;
}

}  // namespace

int run_raw(const RawOptions& options, std::istream& in, std::ostream& out, std::ostream& err) {
  auto fail = [&](const std::string& message) {
    err << "ipmict raw: " << message << '\n';
    return 2;
  };
  auto target = parse_target(options.target);
  if (!target) return fail(target.error());

  // Every request is parsed before anything is sent.
  std::vector<Line> lines;
  if (options.batch) {
    if (!options.tokens.empty()) return fail("give either NETFN CMD [DATA...] or --batch, not both");
    auto batch = read_batch(*options.batch, in);
    if (!batch) return fail(batch.error());
    lines = std::move(*batch);
  } else {
    auto request = parse_raw_request(options.tokens);
    if (!request) return fail(request.error());
    lines.push_back(Line{0, std::move(*request)});
  }
  if (options.bridge_target) {
    session::Bridge bridge;
    bridge.channel = options.bridge_channel.value_or(0);
    bridge.target_address = *options.bridge_target;
    bridge.transit_channel = options.transit_channel;
    bridge.transit_address = options.transit_target;
    for (auto& line : lines) line.request.bridge = bridge;
  } else if (options.bridge_channel || options.transit_channel || options.transit_target) {
    return fail("-b, -B and -T need -t (the target address to bridge to)");
  }

  auto cat = load_catalogs(options.catalog_files);
  if (!cat) return fail(cat.error());
  auto connection = connect_target(*target, options.password, options.kg, options.pcap);
  if (!connection) return fail(connection.error());

  int rc = 0;
  int consecutive_failures = 0;
  for (const auto& line : lines) {
    auto answer = connection->transport->request(line.request);
    const std::string where = line.number ? fmt::format("line {}: ", line.number) : std::string();
    if (!answer) {
      rc = 2;
      if (options.json) {
        out << error_json(line.request, answer.error().message).dump() << '\n';
      }
      err << "ipmict raw: " << where << answer.error().message << '\n';
      if (++consecutive_failures >= kMaxConsecutiveFailures && options.batch) {
        err << "ipmict raw: stopping the batch after " << kMaxConsecutiveFailures << " requests in a row got no answer\n";
        break;
      }
      continue;
    }
    consecutive_failures = 0;
    if (answer->completion_code != 0 && rc == 0) rc = 1;
    if (options.json) {
      out << response_json(*cat, line.request, *answer).dump() << '\n';
    } else {
      if (line.number) out << fmt::format("# line {}\n", line.number);
      out << format_response_text(*cat, line.request, *answer);
    }
  }
  return rc;
}

}  // namespace ipmict
