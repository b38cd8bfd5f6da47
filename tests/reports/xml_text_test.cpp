// XML 1.0 escaping of untrusted text: markup, characters XML forbids, bytes that are not UTF-8.
#include "reports/xml_text.hpp"

#include <gtest/gtest.h>

namespace ipmict::reports {
namespace {

TEST(XmlText, EscapesMarkup) {
  EXPECT_EQ(xml_text("a<b>&c \"d\" 'e' ]]>"), "a&lt;b&gt;&amp;c \"d\" 'e' ]]&gt;");
  EXPECT_EQ(xml_attribute("a<b>&c \"d\" 'e'"), "a&lt;b&gt;&amp;c &quot;d&quot; &apos;e&apos;");
}

TEST(XmlText, KeepsWhitespaceThatParsersWouldNormalise) {
  EXPECT_EQ(xml_text("a\tb\nc\rd"), "a\tb\nc&#13;d");
  EXPECT_EQ(xml_attribute("a\tb\nc\rd"), "a&#9;b&#10;c&#13;d");
}

TEST(XmlText, ControlCharactersXmlForbidsBecomeVisibleText) {
  EXPECT_EQ(xml_text(std::string("a\x00" "b\x01\x1b\x1f", 6)), "a\\x00b\\x01\\x1B\\x1F");
  EXPECT_EQ(xml_text("\xEF\xBF\xBE\xEF\xBF\xBF"), "\\u{FFFE}\\u{FFFF}");
  // DEL and C1 controls are Chars in XML 1.0: kept.
  EXPECT_EQ(xml_text("\x7f\xC2\x85"), "\x7f\xC2\x85");
}

TEST(XmlText, InvalidUtf8BecomesReplacementCharacters) {
  const std::string fffd = "\xEF\xBF\xBD";
  EXPECT_EQ(xml_text("a\xff" "b"), "a" + fffd + "b");
  EXPECT_EQ(xml_text("\xC0\x80"), fffd + fffd);          // overlong NUL
  EXPECT_EQ(xml_text("\xED\xA0\x80"), fffd + fffd + fffd);  // a UTF-16 surrogate
  EXPECT_EQ(xml_text("\xF4\x90\x80\x80"), fffd + fffd + fffd + fffd);  // above U+10FFFF
  EXPECT_EQ(xml_text("\xE2\x82"), fffd + fffd);          // truncated
  EXPECT_EQ(xml_text("\xE2\x82\xAC \xF0\x9F\x98\x80"), "\xE2\x82\xAC \xF0\x9F\x98\x80");  // valid: kept
}

}  // namespace
}  // namespace ipmict::reports
