// SyntaxError is the internal error of the history parsers: a message and the byte offset in the
// text being parsed. The readers turn it into an InputError with line and column; it never leaves
// history/. Thread-safety: an immutable value.
#pragma once

#include <cstddef>
#include <string>

namespace faultline::history::detail {

struct SyntaxError {
  std::size_t offset;
  std::string message;
};

[[noreturn]] inline void fail_at(std::size_t offset, std::string message) {
  throw SyntaxError{offset, std::move(message)};
}

}  // namespace faultline::history::detail
