#pragma once
// The GUID of Get System GUID (IPMI 2.0 §22.14) and Get Device GUID (§20.8) as RFC 4122
// text. The spec's Table 20-10 ("GUID Format") lists the 16 bytes least significant first:
// byte 1 is the last octet of the node field and byte 16 the first octet of time_low, i.e.
// the RFC 4122 octets in reverse order (docs/interpretations.md, I-GUID-ORDER).
#include <string>

#include "protocol/core/bytes.hpp"

namespace ipmict::runner {

// "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" (lower case) from the 16 bytes as the BMC sent
// them; "" when `wire` is not 16 bytes.
std::string ipmi_guid_text(ByteView wire);

}  // namespace ipmict::runner
