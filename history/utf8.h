// UTF-8 helpers shared by the readers and the writer. utf8_sequence_length is public: the
// reports use the same validation when they sanitize strings from a history.
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace faultline::history {

// The length (1 to 4) of the valid UTF-8 sequence starting at text[pos], or 0 when it is not
// valid (bad lead byte, truncated, overlong, a surrogate, or beyond U+10FFFF).
std::size_t utf8_sequence_length(std::string_view text, std::size_t pos);

}  // namespace faultline::history

namespace faultline::history::detail {

// Appends the UTF-8 encoding of a code point (at most U+10FFFF, not a surrogate).
void append_utf8(std::string& out, std::uint32_t code_point);

// Appends `text` as a JSON string literal (with quotes). Invalid UTF-8 becomes U+FFFD.
void append_json_string(std::string& out, std::string_view text);

}  // namespace faultline::history::detail
