#pragma once
// Comparisons of secrets and MACs whose running time does not depend on where the
// inputs differ (DESIGN.md §11): a byte-by-byte early exit would let a peer find a
// valid RAKP HMAC or session AuthCode one byte at a time.
#include "protocol/core/bytes.hpp"

namespace ipmict::crypto {

// True when a and b have the same length and the same bytes. A length mismatch returns
// false at once: lengths are public (they come from the algorithm number), contents are not.
bool constant_time_equal(ByteView a, ByteView b);

// True when every byte is zero (e.g. an unset K_G), without branching on the contents.
bool constant_time_is_zero(ByteView bytes);

}  // namespace ipmict::crypto
