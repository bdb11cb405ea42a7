#include "history/input_error.h"

namespace faultline::history {
namespace {

std::string format_location(const std::string& file, std::uint64_t line, std::uint64_t column,
                            const std::string& message) {
  std::string out = file.empty() ? std::string("<memory>") : file;
  if (line > 0) {
    out += ':' + std::to_string(line) + ':' + std::to_string(column == 0 ? 1 : column);
  }
  out += ": ";
  out += message;
  return out;
}

}  // namespace

InputError::InputError(std::string file, std::uint64_t line, std::uint64_t column,
                       const std::string& message)
    : std::runtime_error(format_location(file, line, column, message)),
      file_(std::move(file)),
      line_(line),
      column_(line > 0 && column == 0 ? 1 : column),
      message_(message) {}

}  // namespace faultline::history
