#include "checker/models/string_prints.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>

namespace faultline::checker {

namespace {

constexpr std::uint64_t kP = (std::uint64_t{1} << 61) - 1;

// x mod 2^61 - 1 for x < 2^123.
std::uint64_t reduce(unsigned __int128 x) {
  std::uint64_t r = (static_cast<std::uint64_t>(x) & kP) + static_cast<std::uint64_t>(x >> 61);
  r = (r & kP) + (r >> 61);
  return r >= kP ? r - kP : r;
}

// h * b^n + the hash of c[0, n) in base b (digits c + 1, so a NUL byte still moves the hash),
// for n <= 8, with one reduction. b[k] = b^k, and t[k][c] = (c + 1) * b^k mod P, looked up so
// that a byte costs an add, not a 128-bit product: eight digits below 2^61 sum below 2^64, and
// with h * b^n below 2^122 the sum fits the reduction's range.
template <std::size_t n>
std::uint64_t block(std::uint64_t h, const unsigned char* c, const std::uint64_t* b,
                    const std::uint64_t (*t)[256]) {
  std::uint64_t digits = 0;
  for (std::size_t j = 0; j < n; ++j) digits += t[n - 1 - j][c[j]];
  return reduce(static_cast<unsigned __int128>(h) * b[n] + digits);
}

std::uint64_t tail(std::uint64_t h, const unsigned char* c, std::size_t n,
                   const std::uint64_t* b, const std::uint64_t (*t)[256]) {
  switch (n) {
    case 1: return block<1>(h, c, b, t);
    case 2: return block<2>(h, c, b, t);
    case 3: return block<3>(h, c, b, t);
    case 4: return block<4>(h, c, b, t);
    case 5: return block<5>(h, c, b, t);
    case 6: return block<6>(h, c, b, t);
    case 7: return block<7>(h, c, b, t);
    default: return h;
  }
}

// The length of the longest common prefix of a[0, n) and b[0, n), eight bytes at a time.
std::size_t common_prefix(const char* a, const char* b, std::size_t n) {
  std::size_t i = 0;
  if constexpr (std::endian::native == std::endian::little) {
    for (; i + 8 <= n; i += 8) {
      std::uint64_t x, y;
      std::memcpy(&x, a + i, 8);
      std::memcpy(&y, b + i, 8);
      if (x != y) return i + static_cast<std::size_t>(std::countr_zero(x ^ y)) / 8;
    }
  }
  while (i < n && a[i] == b[i]) ++i;
  return i;
}

}  // namespace

const StringPrints::Powers& StringPrints::powers() {
  static constexpr Powers kPowers = [] {
    Powers p{};
    for (int base = 0; base < 2; ++base) {
      std::uint64_t b = base == 0 ? kB1 : kB2, x = 1;
      for (auto& k : p.small[base]) {
        k = x;
        x = mul(x, b);
      }
      x = p.small[base][8];
      for (auto& k : p.eights[base]) {
        k = x;
        x = mul(x, x);
      }
      for (int k = 0; k < 8; ++k) {
        for (std::uint64_t c = 0; c < 256; ++c) p.digits[base][k][c] = mul(c + 1, p.small[base][k]);
      }
    }
    return p;
  }();
  return kPowers;
}

StringPrints::Print StringPrints::fingerprint(std::string_view s, std::uint32_t& same) {
  // Horner's rule in base B, eight bytes per step of the dependent chain, from the last
  // checkpoint that a long `s` shares with last_.
  const Powers& w = powers();
  const auto* c = reinterpret_cast<const unsigned char*>(s.data());
  Print print{0, s.size(), 0};
  same = kNone;
  std::size_t i = 0;
  if (s.size() < kCheckpointFrom) {
    for (; i + 8 <= s.size(); i += 8) {
      print.h1 = block<8>(print.h1, c + i, w.small[0], w.digits[0]);
      print.h2 = block<8>(print.h2, c + i, w.small[1], w.digits[1]);
    }
  } else {
    if (last_ != kNone) {
      const Entry& e = *entries_[last_];
      const char* t = chars_.data() + literals_[e.a].offset;
      const std::size_t common =
          common_prefix(s.data(), t, std::min<std::size_t>(s.size(), e.print.len));
      if (common == s.size() && common == e.print.len) {
        same = last_;
        return e.print;
      }
      i = common & ~std::size_t{7};
      print.h1 = checkpoints_[i / 4];
      print.h2 = checkpoints_[i / 4 + 1];
    }
    // The checkpoints up to i are shared with the previous last_ (the common prefix).
    if (checkpoints_.empty()) {
      checkpoints_.reserve(std::max<std::size_t>(64, (s.size() / 8 + 1) * 4));
    }
    checkpoints_.resize((s.size() / 8 + 1) * 2);
    for (; i + 8 <= s.size(); i += 8) {
      print.h1 = block<8>(print.h1, c + i, w.small[0], w.digits[0]);
      print.h2 = block<8>(print.h2, c + i, w.small[1], w.digits[1]);
      checkpoints_[(i + 8) / 4] = print.h1;
      checkpoints_[(i + 8) / 4 + 1] = print.h2;
    }
  }
  print.h1 = tail(print.h1, c + i, s.size() - i, w.small[0], w.digits[0]);
  print.h2 = tail(print.h2, c + i, s.size() - i, w.small[1], w.digits[1]);
  return print;
}

std::uint32_t StringPrints::literal(std::string_view s) {
  std::uint32_t same;
  const Print print = fingerprint(s, same);
  if (same != kNone && last_interned_) return same;
  const std::uint32_t id = intern(print, s);
  if (s.size() >= kCheckpointFrom) {
    last_ = id;
    last_interned_ = true;
  }
  return id;
}

std::uint32_t StringPrints::read(std::string_view s) {
  std::uint32_t same;
  const Print print = fingerprint(s, same);
  if (same != kNone) return same;
  const std::uint32_t id = store(print, s, 0, 0);
  if (s.size() >= kCheckpointFrom) {
    last_ = id;
    last_interned_ = false;
  }
  return id;
}

std::uint32_t StringPrints::intern(const Print& print, std::string_view s) {
  if ((literal_count_ + 1) * 2 > slots_.size()) grow(slots_.empty() ? 32 : slots_.size() * 2);
  const std::uint64_t t = tag(print);
  const std::size_t mask = slots_.size() - 1;
  std::size_t i = t & mask;
  for (;; i = (i + 1) & mask) {
    const std::uint64_t slot = slots_[i];
    if (slot == kEmptySlot) break;
    const auto id = static_cast<std::uint32_t>(slot);
    if ((slot >> 32) == t && entries_[id]->print == print) return id;
  }
  // B^len = B^(len mod 8) times B^(8 * 2^k) for the bits k of len / 8.
  const Powers& w = powers();
  std::uint64_t pow1 = w.small[0][s.size() & 7], pow2 = w.small[1][s.size() & 7];
  for (std::uint64_t n = s.size() >> 3; n != 0; n &= n - 1) {
    const int k = std::countr_zero(n);
    pow1 = mul(pow1, w.eights[0][k]);
    pow2 = mul(pow2, w.eights[1][k]);
  }
  const std::uint32_t id = store(print, s, pow1, pow2);
  slots_[i] = t << 32 | id;
  ++literal_count_;
  return id;
}

std::uint32_t StringPrints::store(const Print& print, std::string_view s, std::uint64_t pow1,
                                  std::uint64_t pow2) {
  const auto id = static_cast<std::uint32_t>(entries_.size());
  *entries_.push() = {print, static_cast<std::uint32_t>(literals_.size()), kNone};
  literals_.push_back({pow1, pow2, chars_.size()});
  chars_.append(s);
  return id;
}

void StringPrints::reserve(std::size_t literals, std::size_t chars) {
  // Before the first string, the first block of entries is sized for these and as many appends
  // (a search's states).
  if (entries_.size() == 0) {
    entries_.set_first(std::bit_ceil(std::max<std::size_t>(16, 2 * literals)));
  }
  const std::size_t want = std::bit_ceil(2 * (literal_count_ + literals + 1));
  if (want > slots_.size()) grow(want);
  literals_.reserve(literals_.size() + literals);
  chars_.reserve(chars_.size() + chars);
}

void StringPrints::grow(std::size_t slots) {
  // The home index is the tag's low bits, so rehashing reads no entry.
  std::vector<std::uint64_t> old(slots, kEmptySlot);
  old.swap(slots_);
  const std::size_t mask = slots_.size() - 1;
  for (const std::uint64_t slot : old) {
    if (slot == kEmptySlot) continue;
    std::size_t i = (slot >> 32) & mask;
    while (slots_[i] != kEmptySlot) i = (i + 1) & mask;
    slots_[i] = slot;
  }
}

std::string StringPrints::text(std::uint32_t id) const {
  // Walk the prefix chain back to a literal, then append the suffixes (literals) forwards.
  auto stored = [&](std::uint32_t literal_id) {
    const Entry& e = *entries_[literal_id];
    return std::string_view(chars_).substr(literals_[e.a].offset, e.print.len);
  };
  std::vector<std::uint32_t> suffixes;
  while (entries_[id]->b != kNone) {
    suffixes.push_back(entries_[id]->b);
    id = entries_[id]->a;
  }
  std::string out(stored(id));
  for (auto it = suffixes.rbegin(); it != suffixes.rend(); ++it) out += stored(*it);
  return out;
}

}  // namespace faultline::checker
