// A VisitedSet remembers the configurations the WGL search has explored: pairs of (set of
// linearized ops, model state). The set is a bitset of `words` 64-bit words that the caller keeps
// together with its Zobrist hash (XOR of per-op random keys), so an insert hashes little. The
// state is a key of kKeyWords 64-bit words: the state id itself for a model whose ids are
// canonical, a fingerprint for one whose ids are not (the kv model's strings).
//
// Invariants: open addressing with linear probing, load factor at most 1/2. A slot is 8 bytes,
// (32 hash bits << 32 | record index), and its home index is the low bits of those hash bits, so
// a probe reads a record only when the hash bits match and growing reads no record. Record e
// (the key, then the bitset) lives in a BlockArray that never moves it. Every byte it holds
// is reserved in the Budget first: when a reservation fails, insert() reports kFull and the set
// is unchanged.
// Thread-safety: one instance per search; not thread-safe.
#pragma once

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>
#include <vector>

#include "checker/block_array.h"
#include "checker/budget.h"

namespace faultline::checker {

enum class VisitedInsert { kNew, kSeen, kFull };

template <std::size_t kKeyWords>
class VisitedSet {
 public:
  using Insert = VisitedInsert;

  // `expected`: about how many configurations the search will hold at least (it sizes the first
  // allocations, so that a small search does not regrow several times).
  VisitedSet(std::size_t words, std::size_t expected, Budget& budget)
      : words_(words),
        first_slots_(std::bit_ceil(std::clamp<std::size_t>(2 * expected, 32, 4096))),
        records_(kKeyWords + words, std::bit_ceil(std::clamp<std::size_t>(expected, 16, 1024))),
        budget_(budget) {}
  ~VisitedSet() { budget_.release(reserved_); }
  VisitedSet(const VisitedSet&) = delete;
  VisitedSet& operator=(const VisitedSet&) = delete;

  Insert insert(std::uint64_t set_hash, const std::uint64_t* key, const std::uint64_t* bits) {
    if ((count_ + 1) * 2 > slots_.size() && !grow_slots()) return Insert::kFull;
    std::uint64_t h = set_hash;
    for (std::size_t j = 0; j < kKeyWords; ++j) h = (h ^ key[j]) * 0x9E3779B97F4A7C15ull;
    const std::uint64_t tag = mix(h) >> 32;
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = tag & mask;; i = (i + 1) & mask) {
      const std::uint64_t slot = slots_[i];
      if (slot == kEmpty) {
        if (const std::size_t block = records_.next_block_bytes(); block != 0 && !take(block)) {
          return Insert::kFull;
        }
        std::uint64_t* r = records_.push();
        std::copy(key, key + kKeyWords, r);
        std::copy(bits, bits + words_, r + kKeyWords);
        slots_[i] = tag << 32 | count_++;
        return Insert::kNew;
      }
      if ((slot >> 32) == tag) {
        const std::uint64_t* r = records_[static_cast<std::uint32_t>(slot)];
        if (std::equal(key, key + kKeyWords, r) && std::equal(bits, bits + words_, r + kKeyWords)) {
          return Insert::kSeen;
        }
      }
    }
  }

  std::size_t size() const { return count_; }

 private:
  static constexpr std::uint64_t kEmpty = UINT64_MAX;

  static std::uint64_t mix(std::uint64_t x) {
    x ^= x >> 31;
    x *= 0xBF58476D1CE4E5B9ull;
    x ^= x >> 29;
    return x;
  }

  bool grow_slots() {
    const std::size_t n = slots_.empty() ? first_slots_ : slots_.size() * 2;
    // The home index comes from 32 hash bits, so the table stops at 2^32 slots.
    if (n > (std::size_t{1} << 32) || !take(n * sizeof(std::uint64_t))) return false;
    std::vector<std::uint64_t> old(n, kEmpty);
    old.swap(slots_);
    const std::size_t mask = n - 1;
    for (const std::uint64_t slot : old) {
      if (slot == kEmpty) continue;
      std::size_t i = (slot >> 32) & mask;
      while (slots_[i] != kEmpty) i = (i + 1) & mask;
      slots_[i] = slot;
    }
    give(old.size() * sizeof(std::uint64_t));
    return true;
  }

  bool take(std::uint64_t bytes) {
    if (!budget_.reserve(bytes)) return false;
    reserved_ += bytes;
    return true;
  }
  void give(std::uint64_t bytes) {
    budget_.release(bytes);
    reserved_ -= bytes;
  }

  std::size_t words_;
  std::size_t first_slots_;
  BlockArray<std::uint64_t> records_;  // per record: the key, then the bitset
  Budget& budget_;
  std::uint64_t reserved_ = 0;
  std::uint64_t count_ = 0;
  std::vector<std::uint64_t> slots_;
};

}  // namespace faultline::checker
