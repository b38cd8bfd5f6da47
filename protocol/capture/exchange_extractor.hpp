#pragma once
// Recovers (request, response) exchanges from a capture: what a BMC answered to what.
// The replay transport (transports/replay_transport.hpp) answers from them, and tests and
// cases can use a real BMC's recorded answers as expectations.
//
// The decoding and decryption are the Dissector's (its message sink hands over every IPMI
// LAN message it reaches, decrypted when the credentials allow); this file only pairs
// requests with responses. A capture is untrusted input: nothing here throws or trusts a
// length.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "protocol/capture/dissector.hpp"
#include "protocol/core/bytes.hpp"
#include "protocol/core/decode_error.hpp"

namespace ipmict::catalog {
class Catalog;
}

namespace ipmict::capture {

struct Exchange {
  // The request (IPMI 2.0 §13.8): netFn as sent (even), rsLUN, command, data.
  std::uint8_t netfn = 0;
  std::uint8_t rs_lun = 0;
  std::uint8_t cmd = 0;
  Bytes request_data;
  // Its response: netFn (odd), completion code, the data after it.
  std::uint8_t response_netfn = 0;
  std::uint8_t completion_code = 0;
  Bytes response_data;
  // Where they are in the capture (1-based frame numbers) and who spoke.
  std::size_t request_frame = 0;
  std::size_t response_frame = 0;
  std::string console;  // "127.0.0.1:40000"
  std::string bmc;      // "127.0.0.1:623"

  friend bool operator==(const Exchange&, const Exchange&) = default;
};

struct ExtractedExchanges {
  std::vector<Exchange> exchanges;  // in the order of the responses
  std::size_t unanswered_requests = 0;   // requests no response in the capture matched
  std::size_t unmatched_responses = 0;   // responses to a request not in the capture
  std::size_t undecodable_messages = 0;  // IPMI messages that did not parse (bad checksum, truncated)
  std::vector<std::string> notes;        // the Dissector's summary (RAKP checks, decryption counts)
};

// Fails only when the file is not a capture at all (read_capture's error). Encrypted
// payloads of a session whose set-up is missing, or without the right credentials, are
// simply not seen: check `notes` when fewer exchanges come out than expected.
Decoded<ExtractedExchanges> extract_exchanges(const catalog::Catalog& catalog, ByteView capture_file,
                                              std::optional<Credentials> credentials = std::nullopt);

}  // namespace ipmict::capture
