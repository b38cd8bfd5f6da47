#pragma once
// The capture of one `ipmict run` (ipmict-out/run.pcap): every datagram sent and received
// on every target's LAN sessions (the probe, the pooled sessions, the cases' own sessions,
// the liveness probe), in one classic pcap file that `ipmict decode`, tshark and Wireshark
// read. Targets run in parallel threads, so the tap is shared and serialised here.
//
// Secrets: RMCP+ and IPMI 1.5 MD2/MD5 put HMACs and hashes on the wire, never the password.
// IPMI 1.5 "straight password" authentication (auth type 04h) puts the password itself into
// the AuthCode of every packet, the BMC's replies included; those datagrams are withheld
// from the file (counted, and the run says so) rather than writing a password to disk.
// Each record is flushed as written (transports/pcap_writer.hpp): a killed run leaves a
// readable file up to its last whole record.
#include <cstddef>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include <tl/expected.hpp>

#include "transports/datagram_tap.hpp"
#include "transports/pcap_writer.hpp"

namespace ipmict::runner {

// Does this RMCP datagram carry an IPMI 1.5 session header with auth type "straight
// password key" (IPMI 2.0 §13.6 Table 13-8 after the RMCP header of §13.1.3)?
bool carries_straight_password(ByteView datagram);

class RunCapture final : public transport::DatagramTap {
 public:
  // Creates (truncates) the file. Errors are one line naming the file.
  static tl::expected<std::unique_ptr<RunCapture>, std::string> create(const std::filesystem::path& path);

  void datagram(const transport::IpEndpoint& source, const transport::IpEndpoint& destination, ByteView payload) override;

  std::size_t recorded() const;
  std::size_t withheld() const;          // straight-password datagrams left out
  std::optional<std::string> error() const;  // the writer's first problem, if any
  const std::filesystem::path& path() const { return path_; }

 private:
  RunCapture(std::filesystem::path path, std::unique_ptr<transport::PcapWriter> writer);
  std::filesystem::path path_;
  mutable std::mutex mutex_;
  std::unique_ptr<transport::PcapWriter> writer_;
  std::size_t withheld_ = 0;
};

}  // namespace ipmict::runner
