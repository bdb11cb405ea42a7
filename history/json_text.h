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
#include <cstring>
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
  // The char after the current one, or '\0' past the end.
  char peek_next() const { return pos_ + 1 < text_.size() ? text_[pos_ + 1] : '\0'; }
  // The hot loops copy pos_ into a local: a store to the member could alias the char loads, so
  // the compiler would write it back on every byte.
  void skip_space() {
    std::size_t i = pos_;
    while (i < text_.size()) {
      const char c = text_[i];
      if (c != ' ' && c != '\t' && c != '\r' && c != '\n') break;
      ++i;
    }
    pos_ = i;
  }
  // Skips space, then requires `c`.
  void expect(char c, const char* what) {
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return;
    }
    expect_after_space(c, what);
  }
  // When the text at the cursor starts with `word`, steps over it and returns true.
  bool consume(std::string_view word) {
    if (text_.size() - pos_ < word.size() ||
        std::memcmp(text_.data() + pos_, word.data(), word.size()) != 0) {
      return false;
    }
    pos_ += word.size();
    return true;
  }

  // Parses a string literal at the cursor. The result views the text when the string has no
  // escapes, otherwise `scratch`, which holds the unescaped bytes.
  std::string_view parse_string(std::string& scratch);
  // Parses any value at the cursor; `depth` is the nesting of the enclosing container.
  nlohmann::json parse_value(int depth);
  // Parses an integer literal that must fit in std::int64_t.
  std::int64_t parse_int64(const char* field);
  // Steps over a non-negative integer of 1 to 18 digits with no sign, no leading zero and no
  // fraction or exponent, as faultline's writer prints them, and returns true; returns false,
  // the cursor unmoved, at anything else.
  bool consume_plain_int(std::int64_t& value);

  [[noreturn]] void fail(const std::string& message) const { fail_at(pos_, message); }

 private:
  void expect_after_space(char c, const char* what);
  nlohmann::json parse_number();
  nlohmann::json parse_array(int depth);
  nlohmann::json parse_object(int depth);
  void parse_literal(std::string_view word);
  void skip_digits();
  void unescape_into(std::string& out, std::size_t open);
  std::uint32_t parse_hex4();

  std::string_view text_;
  std::size_t pos_ = 0;
};

}  // namespace faultline::history::detail
