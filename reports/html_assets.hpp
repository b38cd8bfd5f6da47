#pragma once
// The HTML report's stylesheet and script: reports/assets/report.css and report.js, embedded
// at build time (reports/CMakeLists.txt generates their definitions), so the report is one
// file that loads nothing.
#include <string_view>

namespace ipmict::reports::html_assets {

extern const std::string_view kCss;
extern const std::string_view kJs;
// "sha256-<base64>" of kJs: the page's Content-Security-Policy allows this one inline
// script and no other, so markup that slipped past escaping still could not run.
extern const std::string_view kJsCspHash;

}  // namespace ipmict::reports::html_assets
