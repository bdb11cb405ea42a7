// StringPrints interns strings by fingerprint, so that a model whose state is a growing string
// (the kv model's append) extends a state in O(1) instead of building and hashing the string.
//
// A fingerprint is the string's length and two polynomial hashes modulo the Mersenne prime
// 2^61 - 1 with fixed bases: h(s + t) = h(s) * B^|t| + h(t), so an append needs only the
// state's and the suffix's fingerprints. Two distinct strings share a fingerprint with
// probability about (len / 2^61)^2 per pair, far below anything a history can reach; equal
// strings always share it, whichever puts and appends built them.
//
// Invariants: ids are dense from 0; every id returned by literal() has its text stored; an id
// made only by append() stores (prefix id, suffix id) and text() rebuilds it.
// Thread-safety: not thread-safe; one instance per model instance.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace faultline::checker {

class StringPrints {
 public:
  StringPrints() = default;

  // The id of `s`, storing its text.
  std::uint32_t literal(std::string_view s);
  // The id of text(prefix) + text(suffix).
  std::uint32_t append(std::uint32_t prefix, std::uint32_t suffix) {
    const Entry& p = entries_[prefix];
    const Entry& s = entries_[suffix];
    Print print{add(mul(p.print.h1, s.pow1), s.print.h1), add(mul(p.print.h2, s.pow2), s.print.h2),
                p.print.len + s.print.len};
    const std::uint64_t pow1 = mul(p.pow1, s.pow1), pow2 = mul(p.pow2, s.pow2);
    return find_or_add(print, pow1, pow2, prefix, suffix);
  }
  std::string text(std::uint32_t id) const;
  std::size_t size() const { return entries_.size(); }

 private:
  static constexpr std::uint64_t kP = (std::uint64_t{1} << 61) - 1;
  static constexpr std::uint64_t kB1 = 0x1F3D5B79A3C4E2D1ull % kP;
  static constexpr std::uint64_t kB2 = 0x2C6FE96EE78B6955ull % kP;
  static constexpr std::uint32_t kNone = UINT32_MAX;

  struct Print {
    std::uint64_t h1, h2, len;
    bool operator==(const Print&) const = default;
  };
  struct Entry {
    Print print;
    std::uint64_t pow1, pow2;  // B1^len, B2^len
    std::uint32_t prefix, suffix;  // kNone when the text is stored
    std::uint32_t text = kNone;    // index into texts_, or kNone
  };

  static std::uint64_t mul(std::uint64_t a, std::uint64_t b) {
    const unsigned __int128 x = static_cast<unsigned __int128>(a) * b;
    const std::uint64_t r = (static_cast<std::uint64_t>(x) & kP) + static_cast<std::uint64_t>(x >> 61);
    return r >= kP ? r - kP : r;
  }
  static std::uint64_t add(std::uint64_t a, std::uint64_t b) {
    const std::uint64_t r = a + b;
    return r >= kP ? r - kP : r;
  }
  static std::size_t slot_hash(const Print& p) {
    return static_cast<std::size_t>((p.h1 ^ (p.h2 << 7) ^ p.len) * 0x9E3779B97F4A7C15ull);
  }

  std::uint32_t find_or_add(const Print& print, std::uint64_t pow1, std::uint64_t pow2,
                            std::uint32_t prefix, std::uint32_t suffix);
  void grow();

  std::vector<Entry> entries_;
  std::vector<std::uint32_t> slots_;  // open addressing over entries_, kNone = empty
  std::vector<std::string> texts_;
};

}  // namespace faultline::checker
