#include "reports/escape.h"

#include <cstdint>

#include "history/utf8.h"

namespace faultline::reports {

namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

bool is_forbidden_control(unsigned char c) {
  return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F;
}

}  // namespace

std::string sanitize_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    const size_t len = history::utf8_sequence_length(text, i);
    if (len == 0) {
      out += kReplacement;
      ++i;
    } else if (len == 1 && is_forbidden_control(static_cast<unsigned char>(text[i]))) {
      out += kReplacement;
      ++i;
    } else {
      out.append(text.substr(i, len));
      i += len;
    }
  }
  return out;
}

std::string escape_html(std::string_view text) {
  const std::string clean = sanitize_utf8(text);
  std::string out;
  out.reserve(clean.size() + clean.size() / 8);
  for (char c : clean) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string escape_xml(std::string_view text) {
  std::string out = escape_html(text);
  // &#39; is valid XML too; nothing more to do beyond the HTML set and the sanitisation.
  return out;
}

std::string escape_markdown_cell(std::string_view text) {
  const std::string html = escape_html(text);
  std::string out;
  out.reserve(html.size());
  for (char c : html) {
    switch (c) {
      case '|': out += "&#124;"; break;
      case '\n': out += "<br>"; break;
      case '\r': break;
      case '`': out += "&#96;"; break;
      case '*': out += "&#42;"; break;
      case '_': out += "&#95;"; break;
      case '[': out += "&#91;"; break;
      case ']': out += "&#93;"; break;
      case '\\': out += "&#92;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string dump_json(const nlohmann::json& value, int indent) {
  return value.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string json_for_script(const nlohmann::json& value) {
  const std::string dumped = dump_json(value);
  std::string out;
  out.reserve(dumped.size() + 16);
  for (size_t i = 0; i < dumped.size(); ++i) {
    const char c = dumped[i];
    if (c == '<') {
      out += "\\u003c";
    } else if (c == '>') {
      out += "\\u003e";
    } else if (c == '&') {
      out += "\\u0026";
    } else if (c == '\xE2' && i + 2 < dumped.size() && dumped[i + 1] == '\x80' &&
               (dumped[i + 2] == '\xA8' || dumped[i + 2] == '\xA9')) {
      out += dumped[i + 2] == '\xA8' ? "\\u2028" : "\\u2029";
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace faultline::reports
