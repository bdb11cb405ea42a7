// Escaping for every output context of a report. Every string that comes from a history, a
// results document or a database passes through one of these functions before it reaches a
// file: HTML text and attributes (which also covers inline SVG, parsed by the HTML parser),
// JSON embedded in a <script> element, XML (JUnit) and Markdown table cells.
//
// Invariants: the output is valid UTF-8 (invalid bytes become U+FFFD) and contains no control
// character that the target format forbids; embedded JSON never contains '<', '>', '&', U+2028
// or U+2029 literally, so "</script>" or "<!--" can never end the script element early.
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace faultline::reports {

// Replaces each invalid UTF-8 sequence with U+FFFD, and C0 controls other than tab, newline and
// carriage return (and DEL) with U+FFFD: neither HTML nor XML 1.0 may carry them.
std::string sanitize_utf8(std::string_view text);

// For HTML text content and for attribute values in double or single quotes: & < > " '.
std::string escape_html(std::string_view text);

// For XML 1.0 text and attributes (JUnit): & < > " ' and the sanitisation above.
std::string escape_xml(std::string_view text);

// For one cell of a GitHub-flavoured Markdown table: HTML-escaped, '|' and newlines neutralised,
// backticks and other inline markup kept inert.
std::string escape_markdown_cell(std::string_view text);

// nlohmann's dump() with invalid UTF-8 replaced by U+FFFD instead of throwing.
std::string dump_json(const nlohmann::json& value, int indent = -1);

// JSON safe to place verbatim inside <script type="application/json">: dump_json, then
// < > & U+2028 U+2029 written as \u003c \u003e \u0026 \u2028 \u2029.
std::string json_for_script(const nlohmann::json& value);

}  // namespace faultline::reports
