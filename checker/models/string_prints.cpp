#include "checker/models/string_prints.h"

namespace faultline::checker {

std::uint32_t StringPrints::literal(std::string_view s) {
  Print print{0, 0, s.size()};
  std::uint64_t pow1 = 1, pow2 = 1;
  for (unsigned char c : s) {
    // c + 1: a NUL byte still moves the hash.
    print.h1 = add(mul(print.h1, kB1), c + 1u);
    print.h2 = add(mul(print.h2, kB2), c + 1u);
    pow1 = mul(pow1, kB1);
    pow2 = mul(pow2, kB2);
  }
  const std::uint32_t id = find_or_add(print, pow1, pow2, kNone, kNone);
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
