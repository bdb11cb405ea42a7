#include "harness/control/remote.h"

#include <stdexcept>

namespace faultline::harness {

// Single quotes pass every byte through literally except the single quote itself, which
// cannot appear inside them: close the quote, emit an escaped quote, reopen.
std::string shell_quote(std::string_view arg) {
  if (arg.find('\0') != std::string_view::npos) {
    throw std::invalid_argument("shell_quote: an argument cannot hold a NUL byte");
  }
  std::string out;
  out.reserve(arg.size() + 2);
  out.push_back('\'');
  for (char c : arg) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out.push_back(c);
    }
  }
  out.push_back('\'');
  return out;
}

}  // namespace faultline::harness
