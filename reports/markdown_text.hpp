#pragma once
// Text made safe for GitHub-flavoured Markdown (the Markdown summary and `report diff --md`):
// a reason or a device string must render as itself, never as emphasis, a link, an HTML
// tag or an extra table column.
#include <cstddef>
#include <string>
#include <string_view>

namespace ipmict::reports {

// Inline text: Markdown punctuation backslash-escaped, line breaks folded into spaces.
// Safe inside a table cell too (| is escaped).
std::string md_text(std::string_view s);

// A code span (`id`) for identifiers and target names; `in_table` escapes | as GFM tables
// require even inside code spans.
std::string md_code(std::string_view s, bool in_table = false);

// At most `max_bytes` of `s`, cut at a UTF-8 character boundary, with "…" appended when cut.
std::string truncate_utf8(std::string_view s, std::size_t max_bytes);

}  // namespace ipmict::reports
