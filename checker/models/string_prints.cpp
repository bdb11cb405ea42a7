#include "checker/models/string_prints.h"

namespace faultline::checker {

namespace {

// base^exponent mod 2^61 - 1, by squaring.
std::uint64_t power(std::uint64_t base, std::uint64_t exponent,
                    std::uint64_t (*mul)(std::uint64_t, std::uint64_t)) {
  std::uint64_t out = 1;
  for (; exponent != 0; exponent >>= 1, base = mul(base, base)) {
    if (exponent & 1) out = mul(out, base);
  }
  return out;
}

// x mod 2^61 - 1 for any 128-bit x.
std::uint64_t reduce(unsigned __int128 x) {
  constexpr std::uint64_t kP = (std::uint64_t{1} << 61) - 1;
  const unsigned __int128 once = (x & kP) + (x >> 61);
  std::uint64_t r = static_cast<std::uint64_t>(once & kP) + static_cast<std::uint64_t>(once >> 61);
  return r >= kP ? r - kP : r;
}

// The hash of 4 bytes as digits c+1 in base b: (c0+1) b^3 + (c1+1) b^2 + (c2+1) b + (c3+1),
// with one reduction: its products do not depend on the running hash, so they overlap.
std::uint64_t four(const unsigned char* c, const std::uint64_t* b /* b^1..b^3 */) {
  const unsigned __int128 sum = static_cast<unsigned __int128>(c[0] + 1u) * b[2] +
                                static_cast<unsigned __int128>(c[1] + 1u) * b[1] +
                                static_cast<unsigned __int128>(c[2] + 1u) * b[0] + (c[3] + 1u);
  return reduce(sum);
}

}  // namespace

std::uint32_t StringPrints::literal(std::string_view s) {
  // Horner's rule in base B, c + 1 per byte (a NUL byte still moves the hash), four bytes per
  // step of the dependent chain.
  static const std::uint64_t b1[4] = {kB1, mul(kB1, kB1), mul(mul(kB1, kB1), kB1),
                                      mul(mul(kB1, kB1), mul(kB1, kB1))};
  static const std::uint64_t b2[4] = {kB2, mul(kB2, kB2), mul(mul(kB2, kB2), kB2),
                                      mul(mul(kB2, kB2), mul(kB2, kB2))};
  Print print{0, 0, s.size()};
  const auto* c = reinterpret_cast<const unsigned char*>(s.data());
  std::size_t i = 0;
  for (; i + 4 <= s.size(); i += 4) {
    print.h1 = add(mul(print.h1, b1[3]), four(c + i, b1));
    print.h2 = add(mul(print.h2, b2[3]), four(c + i, b2));
  }
  for (; i < s.size(); ++i) {
    print.h1 = add(mul(print.h1, kB1), c[i] + 1u);
    print.h2 = add(mul(print.h2, kB2), c[i] + 1u);
  }
  const std::uint32_t id =
      find_or_add(print, power(kB1, s.size(), &mul), power(kB2, s.size(), &mul), kNone, kNone);
  Entry& e = entries_[id];
  if (e.text == kNone) {
    e.text = static_cast<std::uint32_t>(texts_.size());
    texts_.emplace_back(s);
  }
  return id;
}

std::uint32_t StringPrints::find_or_add(const Print& print, std::uint64_t pow1, std::uint64_t pow2,
                                        std::uint32_t prefix, std::uint32_t suffix) {
  if ((entries_.size() + 1) * 2 > slots_.size()) grow();
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = slot_hash(print) & mask;; i = (i + 1) & mask) {
    const std::uint32_t id = slots_[i];
    if (id == kNone) {
      slots_[i] = static_cast<std::uint32_t>(entries_.size());
      entries_.push_back({print, pow1, pow2, prefix, suffix, kNone});
      return slots_[i];
    }
    if (entries_[id].print == print) return id;
  }
}

void StringPrints::grow() {
  const std::size_t n = slots_.empty() ? 16 : slots_.size() * 2;
  slots_.assign(n, kNone);
  const std::size_t mask = n - 1;
  for (std::uint32_t id = 0; id < entries_.size(); ++id) {
    std::size_t i = slot_hash(entries_[id].print) & mask;
    while (slots_[i] != kNone) i = (i + 1) & mask;
    slots_[i] = id;
  }
}

std::string StringPrints::text(std::uint32_t id) const {
  // Walk the prefix chain back to a stored text, then append the suffixes forwards.
  std::vector<std::uint32_t> suffixes;
  while (entries_[id].text == kNone) {
    suffixes.push_back(entries_[id].suffix);
    id = entries_[id].prefix;
  }
  std::string out = texts_[entries_[id].text];
  for (auto it = suffixes.rbegin(); it != suffixes.rend(); ++it) out += text(*it);
  return out;
}

}  // namespace faultline::checker
