// EdnText is the EDN parser of the Jepsen/Knossos reader: a cursor over a whole text that parses
// EDN forms into JSON values (the mapping is specified in docs/formats/history.md): keywords and
// symbols become strings without the colon, vectors, lists and sets become arrays, maps become
// objects, nil becomes null, tagged literals become their value (#inst and #uuid their string),
// `#_` discards the next form, and `;` comments are whitespace, as are commas.
//
// Invariants: nesting is capped at kMaxNesting (no stack overflow on hostile input); integers must
// fit in 64 bits; strings must be valid UTF-8. Errors are thrown as detail::SyntaxError with the
// byte offset. Thread-safety: one cursor per thread; the text must outlive it.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "history/syntax_error.h"

namespace faultline::history::detail {

class EdnText {
 public:
  explicit EdnText(std::string_view text) : text_(text) {}

  std::size_t pos() const { return pos_; }
  std::string_view text() const { return text_; }
  char peek() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }
  char peek_at(std::size_t ahead) const {
    return pos_ + ahead < text_.size() ? text_[pos_ + ahead] : '\0';
  }
  void advance(std::size_t n = 1) { pos_ += n; }

  // Skips whitespace, commas, `;` comments and `#_` discarded forms. False at the end.
  bool skip_space(int depth = 0);
  // Parses one form at the cursor (after skip_space); `depth` is the enclosing nesting.
  nlohmann::json parse_value(int depth);
  // Skips a tag (`#name`) at the cursor, if any; returns it without the '#'.
  std::string_view skip_tag();

  [[noreturn]] void fail(const std::string& message) const { fail_at(pos_, message); }

 private:
  nlohmann::json parse_sequence(char close, int depth);
  nlohmann::json parse_map(int depth);
  nlohmann::json parse_string();
  nlohmann::json parse_char();
  nlohmann::json parse_dispatch(int depth);
  nlohmann::json parse_token();
  nlohmann::json parse_number(std::string_view token, std::size_t start);
  std::string_view take_token();

  std::string_view text_;
  std::size_t pos_ = 0;
};

}  // namespace faultline::history::detail
