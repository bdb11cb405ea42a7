#include <catch2/catch.hpp>

#include "reports/escape.h"
#include "tests/reports/fixtures.h"

using namespace faultline::reports;
using faultline::reports::testing::kBadUtf8;
using faultline::reports::testing::kHostile;

TEST_CASE("escape_html neutralises markup, quotes and entities") {
  CHECK(escape_html("</script>") == "&lt;/script&gt;");
  CHECK(escape_html("a\"b'c") == "a&quot;b&#39;c");
  CHECK(escape_html("&amp;") == "&amp;amp;");
  CHECK(escape_html("]]>") == "]]&gt;");
  const std::string out = escape_html(kHostile);
  CHECK(out.find('<') == std::string::npos);
  CHECK(out.find('>') == std::string::npos);
  CHECK(out.find('"') == std::string::npos);
  CHECK(out.find('\'') == std::string::npos);
}

TEST_CASE("sanitize_utf8 replaces invalid sequences and forbidden controls") {
  CHECK(sanitize_utf8("plain") == "plain");
  CHECK(sanitize_utf8("\xC3\xA9") == "\xC3\xA9");              // é stays
  CHECK(sanitize_utf8("a\x80" "b") == "a\xEF\xBF\xBD" "b");      // lone continuation
  CHECK(sanitize_utf8("\xC0\xAF") == "\xEF\xBF\xBD\xEF\xBF\xBD");  // overlong '/'
  CHECK(sanitize_utf8("\xED\xA0\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // surrogate
  CHECK(sanitize_utf8(std::string("a\0b", 3)) == "a\xEF\xBF\xBD" "b");
  CHECK(sanitize_utf8("tab\tnl\n") == "tab\tnl\n");
  const std::string clean = sanitize_utf8(kBadUtf8);
  CHECK(sanitize_utf8(clean) == clean);  // idempotent: the output is valid UTF-8
  CHECK(clean.rfind("bad", 0) == 0);
}

TEST_CASE("json_for_script cannot close a script element") {
  const nlohmann::json doc = {{"s", kHostile}, {"bad", kBadUtf8}};
  const std::string out = json_for_script(doc);
  CHECK(out.find('<') == std::string::npos);
  CHECK(out.find('>') == std::string::npos);
  CHECK(out.find('&') == std::string::npos);
  CHECK(out.find("\xE2\x80\xA8") == std::string::npos);
  CHECK(out.find("\xE2\x80\xA9") == std::string::npos);
  CHECK(out.find("\\u003c/script\\u003e") != std::string::npos);
  CHECK(out.find("\\u2028") != std::string::npos);
  CHECK(out.find("\\u2029") != std::string::npos);
  // It is still JSON, and the hostile string reads back unchanged.
  const auto back = nlohmann::json::parse(out);
  CHECK(back["s"] == kHostile);
  CHECK(back["bad"].get<std::string>().find("\xEF\xBF\xBD") != std::string::npos);
}

TEST_CASE("dump_json replaces invalid UTF-8 instead of throwing") {
  const nlohmann::json doc = kBadUtf8;
  CHECK_THROWS(doc.dump());
  std::string out;
  CHECK_NOTHROW(out = dump_json(doc));
  CHECK(out.find("\xEF\xBF\xBD") != std::string::npos);
}

TEST_CASE("escape_markdown_cell keeps a table row one row") {
  const std::string out = escape_markdown_cell("a|b\nc`d`");
  CHECK(out.find('|') == std::string::npos);
  CHECK(out.find('\n') == std::string::npos);
  CHECK(out.find('`') == std::string::npos);
}
