// JsonText is the hand-written JSON parser of the JSONL reader: a cursor over one line that
// parses values straight into nlohmann::json. It exists for speed (no DOM of the whole line, no
// std::string for keys) and for safety: nesting is capped at kMaxNesting so nothing recursive,
// here or in nlohmann, ever sees deeper input; integers must fit in 64 bits; strings must be
// valid UTF-8 with valid escapes. Errors are thrown as detail::SyntaxError with the offset.
//
// Thread-safety: one cursor per thread; the text must outlive it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "history/syntax_error.h"

namespace faultline::history::detail {

class JsonText {
 public:
  explicit JsonText(std::string_view text) : text_(text) {}

  std::size_t pos() const { return pos_; }
  bool at_end() const { return pos_ >= text_.size(); }
  // The current char, or '\0' at the end.
  char peek() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }
  void skip_space() {
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c != ' ' && c != '\t' && c != '\r' && c != '\n') break;
      ++pos_;
    }
  }
  // Skips space, then requires `c`.
  void expect(char c, const char* what);

  // Parses a string literal at the cursor. The result views the text when the string has no
  // escapes, otherwise `scratch`, which holds the unescaped bytes.
  std::string_view parse_string(std::string& scratch);
  // Parses any value at the cursor; `depth` is the nesting of the enclosing container.
  nlohmann::json parse_value(int depth);
  // Parses an integer literal that must fit in std::int64_t.
  std::int64_t parse_int64(const char* field);

  [[noreturn]] void fail(const std::string& message) const { fail_at(pos_, message); }

 private:
  nlohmann::json parse_number();
  nlohmann::json parse_array(int depth);
  nlohmann::json parse_object(int depth);
  void parse_literal(std::string_view word);
  void unescape_into(std::string& out, std::size_t open);
  std::uint32_t parse_hex4();

  std::string_view text_;
  std::size_t pos_ = 0;
};

}  // namespace faultline::history::detail
