// StringPrints gives strings fingerprints, so that a model whose state is a growing string (the
// kv model's append) extends a state in O(1) instead of building and hashing the string, and
// compares two states by their fingerprints.
//
// A fingerprint (Print) is the string's length and two polynomial hashes modulo the Mersenne
// prime 2^61 - 1 with fixed bases: h(s + t) = h(s) * B^|t| + h(t), so an append needs only the
// state's and the suffix's fingerprints. Two distinct strings share a fingerprint with
// probability about (len / 2^61)^2 per pair, far below anything a history can reach; equal
// strings always share it, whichever puts and appends built them.
//
// Ids: literal() interns, so equal literals get one id (equal ops encode equally); append()
// makes a new id on every call without looking anything up, so one string may have several ids:
// compare ids with same(), or key a memo by print(). discard() takes back the id of the last
// append() when the caller has no use for it. read() stores a string without interning it: a kv
// read's value, which is only ever compared, needs no table probe and no B^len (a third of a
// literal's cost), and a read is never pending, so no search needs equal reads to share an id.
//
// literal() and read() hash only what a string of at least kCheckpointFrom bytes does not share
// with the last such string: a kv read usually returns the previous read plus a few appended
// elements. The last long string keeps its hashes at every eighth byte, and a new one resumes
// Horner's rule from the checkpoint at or before the end of the common prefix. The result is the
// same as hashing from the start. A shorter string (a put's or an append's few bytes) is hashed
// from the start, which costs less than comparing it with the last long one.
//
// Invariants: ids are dense from 0 and never move (a BlockArray); a literal's or a read's entry
// stores its text and B^len (0 for a read, which append() must not take as a suffix); an append's
// entry stores (prefix id, suffix id), and text() rebuilds it. The literal table's slots keep 32
// hash bits beside the id, so a probe reads an entry only when those bits match.
// Thread-safety: not thread-safe; one instance per model instance.
#pragma once

#include <cassert>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "checker/block_array.h"
#include "checker/budget.h"

namespace faultline::checker {

class StringPrints {
 public:
  // h1 and h2 are not adjacent, so that a reader that wants both (a memo key) loads them as
  // the two 8-byte values append() stored, not as one 16-byte load that store forwarding fails.
  struct Print {
    std::uint64_t h1, len, h2;
    bool operator==(const Print&) const = default;
  };

  // The id of `s`, storing its text; the same id for every call with an equal `s`.
  std::uint32_t literal(std::string_view s);
  // A new id for `s`, storing its text, equal strings not looked up (see above): not a suffix
  // for append().
  std::uint32_t read(std::string_view s);
  // Room for `literals` more literals or reads of `chars` bytes in all, so that storing them
  // does not regrow the tables one doubling at a time (a hint: more still fits). The tables
  // allocate nothing before: a caller that reserves before its first string allocates each once.
  void reserve(std::size_t literals, std::size_t chars);
  // A new id for text(prefix) + text(suffix); `suffix` must be an id returned by literal().
  std::uint32_t append(std::uint32_t prefix, std::uint32_t suffix) {
    Print made;
    return append(prefix, print(prefix), suffix, made);
  }
  // The same, for a caller that holds a copy of print(prefix) (`p`): also gives the new print.
  std::uint32_t append(std::uint32_t prefix, const Print& p, std::uint32_t suffix, Print& made) {
    const Entry& s = *entries_[suffix];
    const Literal& w = literals_[s.a];
    assert(s.b == kNone && w.pow1 != 0);  // a literal's; B^len is never 0 mod P
    // A search's appends grow the table: charged to its budget (checker/budget.h) by the block.
    if (const std::size_t bytes = entries_.next_block_bytes()) ChargeScope::charge(bytes);
    // `made` is written only once the entry is stored: a push that throws leaves it as it was,
    // and the caller's copy of the print of its last state (KvModel) stays true.
    const Print print = {add(mul(p.h1, w.pow1), s.print.h1), p.len + s.print.len,
                         add(mul(p.h2, w.pow2), s.print.h2)};
    *entries_.push() = {print, prefix, suffix};
    made = print;
    return static_cast<std::uint32_t>(entries_.size() - 1);
  }
  // Takes back `id` if it is the last append()'s, so that its memory serves the next one.
  void discard(std::uint32_t id) {
    if (id + 1 == entries_.size() && entries_[id]->b != kNone) entries_.pop();
  }
  const Print& print(std::uint32_t id) const { return entries_[id]->print; }
  // Whether the texts of a and b are equal (up to a fingerprint collision).
  bool same(std::uint32_t a, std::uint32_t b) const { return a == b || print(a) == print(b); }
  std::string text(std::uint32_t id) const;
  std::size_t size() const { return entries_.size(); }

 private:
  static constexpr std::uint64_t kP = (std::uint64_t{1} << 61) - 1;
  static constexpr std::uint64_t kB1 = 0x1F3D5B79A3C4E2D1ull % kP;
  static constexpr std::uint64_t kB2 = 0x2C6FE96EE78B6955ull % kP;
  static constexpr std::uint32_t kNone = UINT32_MAX;
  static constexpr std::uint64_t kEmptySlot = UINT64_MAX;

  // b == kNone: a literal, and a indexes literals_; else a is the prefix id and b the suffix id.
  struct Entry {
    Print print;
    std::uint32_t a, b;
  };
  struct Literal {
    std::uint64_t pow1, pow2;  // B1^len, B2^len; 0 for a read
    std::uint64_t offset;      // the text is chars_[offset, offset + len)
  };
  // Of B1 (index 0) and B2 (index 1): small[k] = B^k, eights[k] = B^(8 * 2^k), and
  // digits[k][c] = (c + 1) * B^k, the term of byte c at k places from a block's end.
  struct Powers {
    std::uint64_t small[2][9];
    std::uint64_t eights[2][61];
    std::uint64_t digits[2][8][256];
  };

  static constexpr std::uint64_t mul(std::uint64_t a, std::uint64_t b) {
    const unsigned __int128 x = static_cast<unsigned __int128>(a) * b;
    const std::uint64_t r = (static_cast<std::uint64_t>(x) & kP) + static_cast<std::uint64_t>(x >> 61);
    return r >= kP ? r - kP : r;
  }
  static constexpr std::uint64_t add(std::uint64_t a, std::uint64_t b) {
    const std::uint64_t r = a + b;
    return r >= kP ? r - kP : r;
  }
  // 32 bits of a print's hash: the slot table's home index and the tag stored beside the id.
  static std::uint64_t tag(const Print& p) {
    return ((p.h1 ^ (p.h2 << 7) ^ p.len) * 0x9E3779B97F4A7C15ull) >> 32;
  }
  static const Powers& powers();

  // The print of `s`; `same` is the id of the last long string when `s` is its text, else kNone.
  Print fingerprint(std::string_view s, std::uint32_t& same);
  // The id of the literal with this print, adding it (text `s`) when there is none.
  std::uint32_t intern(const Print& print, std::string_view s);
  // A new entry for `s` with this print and these powers.
  std::uint32_t store(const Print& print, std::string_view s, std::uint64_t pow1,
                      std::uint64_t pow2);
  void grow(std::size_t slots);  // to `slots` slots, a power of two above the current size

  BlockArray<Entry, 1> entries_{16};
  std::vector<std::uint64_t> slots_;  // literals: (tag << 32 | id), kEmptySlot; load at most 1/2
  std::size_t literal_count_ = 0;
  std::vector<Literal> literals_;
  std::string chars_;  // the texts of all literals, back to back

  // The last literal or read of at least kCheckpointFrom bytes: its id, whether it is interned
  // (literal() may return it), and its (h1, h2) after every 8k bytes at checkpoints_[2k],
  // checkpoints_[2k + 1].
  static constexpr std::size_t kCheckpointFrom = 16;
  std::uint32_t last_ = kNone;
  bool last_interned_ = false;
  std::vector<std::uint64_t> checkpoints_;
};

}  // namespace faultline::checker
