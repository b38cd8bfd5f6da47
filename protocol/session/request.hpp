#pragma once
// One IPMI request as a caller states it, and its answer: shared by the session state
// machines (protocol/session), the transports and the harness.
#include <cstdint>
#include <optional>

#include "protocol/core/bytes.hpp"

namespace ipmict::session {

// ipmitool -b/-t/-B/-T: deliver the request to another controller with Send Message
// (IPMI 2.0 §22.7, App 34h) instead of the BMC itself.
struct Bridge {
  std::uint8_t channel = 0;          // -b: channel of the target controller
  std::uint8_t target_address = 0;   // -t: IPMB slave address of the target
  std::optional<std::uint8_t> transit_channel;  // -B: double bridging (two Send Messages)
  std::optional<std::uint8_t> transit_address;  // -T
  friend bool operator==(const Bridge&, const Bridge&) = default;
};

struct Request {
  std::uint8_t netfn = 0;  // request netFn (even)
  std::uint8_t cmd = 0;
  Bytes data;
  std::uint8_t lun = 0;               // rsLUN
  std::optional<Bridge> bridge;
  friend bool operator==(const Request&, const Request&) = default;
};

struct Response {
  std::uint8_t netfn = 0;  // response netFn (odd)
  std::uint8_t cmd = 0;
  std::uint8_t completion_code = 0;
  Bytes data;  // after the completion code
  friend bool operator==(const Response&, const Response&) = default;
};

}  // namespace ipmict::session
