#pragma once
// One UDP payload of port 623, classified and decoded down to the session layer: the
// entry point of the dissector and the fuzzers. Dispatch follows IPMI 2.0 §13.1.3 and
// §13.6: the RMCP class picks ASF or IPMI, and within IPMI the Authentication Type byte
// picks the RMCP+ header (06h) or the IPMI 1.5 wrapper (anything else).
#include <cstddef>
#include <variant>

#include "protocol/core/bytes.hpp"
#include "protocol/core/decode_error.hpp"
#include "protocol/wire/asf.hpp"
#include "protocol/wire/rmcp.hpp"
#include "protocol/wire/rmcpplus_session.hpp"
#include "protocol/wire/session15.hpp"

namespace ipmict {

struct Datagram {
  RmcpHeader rmcp;
  std::variant<RmcpAck, AsfMessage, Session15, RmcpPlusSession> message;

  friend bool operator==(const Datagram&, const Datagram&) = default;
};

// Views inside the result (payloads, AuthCodes) point into udp_payload: keep it alive.
// rmcpplus_auth_code_length: the AuthCode size of the session's integrity algorithm, used
// only for authenticated RMCP+ packets with a session ID. Errors are those of the layer
// decoders, plus: truncated at 4 (session.auth_type) for an IPMI-class datagram with no
// body; unsupported at 3 (rmcp.message_class) for the OEM class 08h; bad_value at 3 for
// a reserved class.
Decoded<Datagram> decode_datagram(ByteView udp_payload, std::size_t rmcpplus_auth_code_length);

// Re-encodes the RMCP header and the alternative held (the session layers verbatim).
Bytes encode_datagram(const Datagram& datagram);

}  // namespace ipmict
