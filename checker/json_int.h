// exact_int64 reads a JSON integer without the library's generic conversion (a call and a switch
// per value, which the encoding of a 1M-op history pays per op), and refuses an unsigned integer
// above INT64_MAX, which a cast would confuse with a negative one (2^64 - 1 with -1).
// Thread-safety: a pure function.
#pragma once

#include <cstdint>
#include <limits>

#include <nlohmann/json.hpp>

namespace faultline::checker {

// True, with `out` set, when `v` is an integer that fits in int64.
// (The unsigned case goes first: nlohmann's integer accessor answers for unsigned values too.)
inline bool exact_int64(const nlohmann::json& v, std::int64_t& out) {
  if (const auto* u = v.get_ptr<const nlohmann::json::number_unsigned_t*>()) {
    if (*u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) return false;
    out = static_cast<std::int64_t>(*u);
    return true;
  }
  if (const auto* i = v.get_ptr<const nlohmann::json::number_integer_t*>()) {
    out = *i;
    return true;
  }
  return false;
}

}  // namespace faultline::checker
