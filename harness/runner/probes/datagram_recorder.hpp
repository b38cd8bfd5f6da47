#pragma once
// A DatagramTap that keeps the datagrams a session sends to the BMC, so a probe can resend
// one byte for byte (a replay) or learn what it looked like.
#include <cstdint>
#include <vector>

#include "protocol/core/bytes.hpp"
#include "transports/datagram_tap.hpp"

namespace ipmict::runner::probes {

class DatagramRecorder final : public transport::DatagramTap {
 public:
  explicit DatagramRecorder(std::uint16_t bmc_port) : bmc_port_(bmc_port) {}
  void datagram(const transport::IpEndpoint& source, const transport::IpEndpoint& destination, ByteView payload) override {
    if (destination.port == bmc_port_ && source.port != bmc_port_ && sent_.size() < kMaxKept) {
      sent_.emplace_back(payload.begin(), payload.end());
    }
  }
  const std::vector<Bytes>& sent() const { return sent_; }
  void clear() { sent_.clear(); }

 private:
  static constexpr std::size_t kMaxKept = 256;
  std::uint16_t bmc_port_;
  std::vector<Bytes> sent_;
};

// An RMCP+ IPMI payload inside a session (Session ID not 0): the BMC answered a request.
inline bool is_in_session_ipmi_reply(ByteView d) {
  constexpr std::size_t kSessionIdAt = 6;  // RMCP header 4, auth type 1, payload type 1
  if (d.size() < kSessionIdAt + 4 || d[4] != 0x06 || (d[5] & 0x3fu) != 0x00) return false;
  return (d[6] | d[7] | d[8] | d[9]) != 0;
}

}  // namespace ipmict::runner::probes
