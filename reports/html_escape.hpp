#pragma once
// HTML text for the report: every string in the results model may come from a hostile BMC
// (device names, decoded fields, error text), so each one goes through here before it
// reaches the page, as element text or as a quoted attribute value.
#include <string>
#include <string_view>

namespace ipmict::reports {

// Appends text escaped for element content and double- or single-quoted attributes:
// & < > " ' become references; bytes that are not valid UTF-8 and control characters other
// than tab, newline and carriage return become U+FFFD, so the page stays valid HTML5 and
// nothing the BMC sent can open a tag, close an attribute or end the inline script.
void append_html_escaped(std::string& out, std::string_view text);

std::string html_escape(std::string_view text);

}  // namespace ipmict::reports
