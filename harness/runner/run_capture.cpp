// The run's shared capture (see the header).
#include "harness/runner/run_capture.hpp"

namespace ipmict::runner {
namespace {

constexpr std::uint8_t kRmcpVersion = 0x06;      // §13.1.3: RMCP version 1.0
constexpr std::uint8_t kRmcpClassIpmi = 0x07;    // §13.1.3 Table 13-1, class bits 4:0
constexpr std::uint8_t kAuthStraightPassword = 0x04;  // §13.6 Table 13-8 / §22.13

}  // namespace

bool carries_straight_password(ByteView d) {
  // RMCP header: version, reserved, sequence number, class; then the session header, whose
  // first byte is the Authentication Type (RMCP+ packets have 06h there).
  return d.size() > 4 && d[0] == kRmcpVersion && (d[3] & 0x1fu) == kRmcpClassIpmi && (d[4] & 0x0fu) == kAuthStraightPassword;
}

RunCapture::RunCapture(std::filesystem::path path, std::unique_ptr<transport::PcapWriter> writer)
    : path_(std::move(path)), writer_(std::move(writer)) {}

tl::expected<std::unique_ptr<RunCapture>, std::string> RunCapture::create(const std::filesystem::path& path) {
  auto w = transport::PcapWriter::create(path);
  if (!w) return tl::unexpected(w.error().message);
  return std::unique_ptr<RunCapture>(new RunCapture(path, std::move(*w)));
}

void RunCapture::datagram(const transport::IpEndpoint& source, const transport::IpEndpoint& destination, ByteView payload) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (carries_straight_password(payload)) {
    ++withheld_;
    return;
  }
  writer_->datagram(source, destination, payload);
}

std::size_t RunCapture::recorded() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return writer_->records();
}

std::size_t RunCapture::withheld() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return withheld_;
}

std::optional<std::string> RunCapture::error() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return writer_->error();
}

}  // namespace ipmict::runner
