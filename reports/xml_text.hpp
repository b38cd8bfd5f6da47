#pragma once
// Text made safe for an XML 1.0 document (the JUnit writer). Results carry strings that
// came from a BMC (device strings, OEM data decoded as text), so anything may be in them:
// bytes that are not UTF-8, control characters XML 1.0 forbids (§2.2 Char), markup.
#include <string>
#include <string_view>

namespace ipmict::reports {

// Character data: & < > escaped; CR kept as &#13; (a parser would fold it into LF).
// A character XML 1.0 does not allow (C0 controls other than tab/LF/CR, U+FFFE, U+FFFF)
// becomes the visible text "\xNN" / "\u{FFFE}"; a byte that is not part of valid UTF-8
// becomes U+FFFD. The result is always well-formed UTF-8.
std::string xml_text(std::string_view s);

// An attribute value for double quotes: as xml_text, and also " ' escaped, and tab/LF/CR
// as character references so attribute normalisation does not turn them into spaces.
std::string xml_attribute(std::string_view s);

}  // namespace ipmict::reports
