// InputError is the one exception for bad input to the history readers: a file that is not a
// history, or a history that breaks its own rules (a completion without an invoke). what() is
// "FILE:LINE:COLUMN: message", the form editors and CI logs link to.
//
// Invariants: line and column are 1-based; column counts bytes; line 0 means "the whole file"
// (what() then reads "FILE: message"). Thread-safety: an immutable value.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

namespace faultline::history {

class InputError : public std::runtime_error {
 public:
  InputError(std::string file, std::uint64_t line, std::uint64_t column, const std::string& message);

  const std::string& file() const { return file_; }
  std::uint64_t line() const { return line_; }
  std::uint64_t column() const { return column_; }
  // The message without the location prefix.
  const std::string& message() const { return message_; }

 private:
  std::string file_;
  std::uint64_t line_;
  std::uint64_t column_;
  std::string message_;
};

}  // namespace faultline::history
