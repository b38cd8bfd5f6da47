#pragma once
// A Transport that answers from a recorded capture instead of a BMC: cases, the runner and
// the harness can be exercised offline against a real BMC's real answers. Each recorded
// exchange answers once, in order, so a capture of a command sent twice answers twice.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <tl/expected.hpp>

#include "protocol/capture/dissector.hpp"
#include "protocol/capture/exchange_extractor.hpp"
#include "transports/transport.hpp"

namespace ipmict::transport {

class ReplayTransport final : public Transport {
 public:
  // `source` names the recording in describe() and errors ("replay://file.pcap").
  ReplayTransport(std::vector<capture::Exchange> exchanges, std::string source);

  // Reads a pcap/pcapng file and extracts its exchanges (decrypting RMCP+ with the
  // credentials). Kind::io when the file cannot be read or is not a capture.
  static tl::expected<std::unique_ptr<ReplayTransport>, TransportError> from_capture(
      const std::filesystem::path& path, std::optional<capture::Credentials> credentials = std::nullopt);

  // The first unused exchange with the same netFn, command and data (and rsLUN); else the
  // first unused one with the same netFn and command; else Kind::unreachable,
  // "no recorded answer for ...". Bridged requests (Request::bridge) are refused: a
  // capture holds the Send Message around them, not the bridged request itself.
  tl::expected<session::Response, TransportError> request(const session::Request& request) override;
  void close() override;
  std::string describe() const override;

  std::size_t exchanges() const { return exchanges_.size(); }
  std::size_t unused() const;

 private:
  std::vector<capture::Exchange> exchanges_;
  std::vector<bool> used_;
  std::string source_;
  bool closed_ = false;
};

}  // namespace ipmict::transport
