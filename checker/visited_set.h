// A VisitedSet remembers the configurations the WGL search has explored: pairs of (set of
// linearized ops, model state). The set is a bitset of `words` 64-bit words that the caller keeps
// together with its Zobrist hash (XOR of per-op random keys), so an insert hashes nothing.
//
// Invariants: open addressing with linear probing, load factor at most 1/2; bitsets live in one
// arena, entry e at words [e*words, (e+1)*words). Every byte it holds is reserved in the Budget
// first: when a reservation fails, insert() reports kFull and the set is unchanged.
// Thread-safety: one instance per search; not thread-safe.
#pragma once

#include <cstdint>
#include <cstring>
#include <vector>

#include "checker/budget.h"

namespace faultline::checker {

class VisitedSet {
 public:
  enum class Insert { kNew, kSeen, kFull };

  VisitedSet(std::size_t words, Budget& budget) : words_(words), budget_(budget) {}
  ~VisitedSet() { budget_.release(reserved_); }
  VisitedSet(const VisitedSet&) = delete;
  VisitedSet& operator=(const VisitedSet&) = delete;

  Insert insert(std::uint64_t set_hash, std::uint32_t state, const std::uint64_t* bits) {
    if ((count_ + 1) * 2 > slots_.size() && !grow_slots()) return Insert::kFull;
    const std::uint64_t h = mix(set_hash ^ (std::uint64_t{state} * 0x9E3779B97F4A7C15ull));
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = h & mask;; i = (i + 1) & mask) {
      Slot& s = slots_[i];
      if (s.entry == kEmpty) {
        if (arena_.size() + words_ > arena_.capacity() && !grow_arena()) return Insert::kFull;
        s = {h, state, static_cast<std::uint32_t>(count_)};
        arena_.insert(arena_.end(), bits, bits + words_);
        ++count_;
        return Insert::kNew;
      }
      if (s.hash == h && s.state == state &&
          std::memcmp(&arena_[std::size_t{s.entry} * words_], bits, words_ * 8) == 0) {
        return Insert::kSeen;
      }
    }
  }

  std::size_t size() const { return count_; }

 private:
  static constexpr std::uint32_t kEmpty = UINT32_MAX;
  struct Slot {
    std::uint64_t hash = 0;
    std::uint32_t state = 0;
    std::uint32_t entry = kEmpty;
  };

  static std::uint64_t mix(std::uint64_t x) {
    x ^= x >> 31;
    x *= 0xBF58476D1CE4E5B9ull;
    x ^= x >> 29;
    return x;
  }

  bool grow_slots() {
    const std::size_t n = slots_.empty() ? 64 : slots_.size() * 2;
    if (n > kEmpty || !take(n * sizeof(Slot))) return false;
    std::vector<Slot> old(n);
    old.swap(slots_);
    const std::size_t mask = n - 1;
    for (const Slot& s : old) {
      if (s.entry == kEmpty) continue;
      std::size_t i = s.hash & mask;
      while (slots_[i].entry != kEmpty) i = (i + 1) & mask;
      slots_[i] = s;
    }
    give(old.size() * sizeof(Slot));
    return true;
  }

  bool grow_arena() {
    const std::size_t cap = std::max<std::size_t>(arena_.capacity() * 2, words_ * 64);
    if (!take((cap - arena_.capacity()) * 8)) return false;
    arena_.reserve(cap);
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
  Budget& budget_;
  std::uint64_t reserved_ = 0;
  std::size_t count_ = 0;
  std::vector<Slot> slots_;
  std::vector<std::uint64_t> arena_;
};

}  // namespace faultline::checker
