// A SmallVisitedSet is the VisitedSet (checker/visited_set.h) of a search whose linearized set
// fits in kWords 64-bit words, known at compile time: most partitions have at most 128 ops. Each
// configuration (the bitset, then the state key) is stored in the table itself, so an insert is a
// hash of a few words, a probe, and a comparison of a few words inlined, with no record to fetch
// and no call to memcmp or memcpy; that made the visited set four times cheaper per insert on the
// Knossos cas-register histories. It hashes the words themselves, so it needs no Zobrist hash
// of the set (set_hash is ignored) and growing needs nothing but the table.
//
// Invariants: open addressing with linear probing, load factor at most 1/2, a power-of-two
// capacity. An entry whose first key word is kEmpty is free, so the first word of a state key is
// never kEmpty (a model's state id, or the kv model's hash modulo 2^61 - 1). A search that expects
// few configurations starts with kInlineEntries entries inside the object itself: a search of a
// few ops allocates nothing here.
// Every byte of a heap table is reserved in the Budget first: when a reservation fails, insert()
// reports kFull and the set is unchanged.
// Thread-safety: one instance per search; not thread-safe.
#pragma once

#include <algorithm>
#include <array>
#include <bit>
#include <cassert>
#include <cstdint>
#include <memory>

#include "checker/budget.h"
#include "checker/visited_set.h"

namespace faultline::checker {

template <std::size_t kKeyWords, std::size_t kWords>
class SmallVisitedSet {
 public:
  using Insert = VisitedInsert;
  static constexpr std::uint64_t kEmpty = UINT64_MAX;
  // The search keeps no Zobrist hash of the set for this one.
  static constexpr bool kUsesSetHash = false;

  // `words` must be kWords; `expected` sizes the first table: a search of up to
  // kInlineEntries / 2 configurations expected starts with the inline entries, a larger one with
  // a heap table of 8 * expected entries (at most 4096) on its first insert. (A search of n ops
  // that succeeds holds n configurations at least, and the Knossos and porcupine histories' hold
  // 2n to 5n: at load 1/2, a table of 2n or 4n entries cost most of them a regrowth, which clears
  // a table twice the size and rehashes; 16n clears more than it saves.)
  SmallVisitedSet(std::size_t words, std::size_t expected, Budget& budget)
      : budget_(budget) {
    assert(words == kWords);
    (void)words;
    if (2 * expected <= kInlineEntries) {
      clear(inline_.data(), kInlineEntries);
      table_ = inline_.data();
      capacity_ = kInlineEntries;
    } else {
      first_capacity_ = std::bit_ceil(std::min<std::size_t>(8 * expected, 4096));
    }
  }
  ~SmallVisitedSet() { budget_.release(reserved_); }
  SmallVisitedSet(const SmallVisitedSet&) = delete;
  SmallVisitedSet& operator=(const SmallVisitedSet&) = delete;

  Insert insert(std::uint64_t /*set_hash*/, const std::uint64_t* key, const std::uint64_t* bits) {
    assert(key[0] != kEmpty);
    if ((count_ + 1) * 2 > capacity_ && !grow()) return Insert::kFull;
    const std::size_t mask = capacity_ - 1;
    for (std::size_t i = hash(bits, key) & mask;; i = (i + 1) & mask) {
      std::uint64_t* e = table_ + i * kStride;
      if (e[kWords] == kEmpty) {
        std::copy(bits, bits + kWords, e);
        std::copy(key, key + kKeyWords, e + kWords);
        ++count_;
        return Insert::kNew;
      }
      if (std::equal(bits, bits + kWords, e) && std::equal(key, key + kKeyWords, e + kWords)) {
        return Insert::kSeen;
      }
    }
  }

  std::size_t size() const { return count_; }

 private:
  static constexpr std::size_t kStride = kWords + kKeyWords;
  static constexpr std::size_t kInlineEntries = 32;

  // An entry is the bitset, then the key.
  static std::uint64_t hash(const std::uint64_t* bits, const std::uint64_t* key) {
    std::uint64_t h = 0;
    for (std::size_t j = 0; j < kWords; ++j) h = (h ^ bits[j]) * 0x9E3779B97F4A7C15ull;
    for (std::size_t j = 0; j < kKeyWords; ++j) h = (h ^ key[j]) * 0xBF58476D1CE4E5B9ull;
    // The index is the low bits, which a product takes from the low bits of its inputs only.
    h ^= h >> 32;
    h *= 0xD6E8FEB86659FD93ull;
    return h ^ (h >> 32);
  }
  // Unrolled by eight: a kv/c10-ok partition's first table is 256 entries, 2% of its check's
  // instructions to clear. (A zero mark cleared by memset stores every word instead, and measured
  // worse: callgrind counts rep stosb by the byte.)
  static void clear(std::uint64_t* table, std::size_t entries) {
#pragma GCC unroll 8
    for (std::size_t i = 0; i < entries; ++i) table[i * kStride + kWords] = kEmpty;
  }

  // Off the path of insert(), so that insert() stays small enough to inline into the search.
  [[gnu::noinline]] bool grow() {
    const std::size_t n = capacity_ == 0 ? first_capacity_ : capacity_ * 2;
    const std::uint64_t bytes = n * kStride * sizeof(std::uint64_t);
    if (!budget_.reserve(bytes)) return false;
    std::unique_ptr<std::uint64_t[]> fresh(new (std::nothrow) std::uint64_t[n * kStride]);
    if (!fresh) {
      budget_.release(bytes);
      return false;
    }
    clear(fresh.get(), n);
    const std::size_t mask = n - 1;
    for (std::size_t k = 0; k < capacity_; ++k) {
      const std::uint64_t* e = table_ + k * kStride;
      if (e[kWords] == kEmpty) continue;
      std::size_t i = hash(e, e + kWords) & mask;
      while (fresh[i * kStride + kWords] != kEmpty) i = (i + 1) & mask;
      std::copy(e, e + kStride, fresh.get() + i * kStride);
    }
    if (heap_) {
      budget_.release(capacity_ * kStride * sizeof(std::uint64_t));
      reserved_ -= capacity_ * kStride * sizeof(std::uint64_t);
    }
    reserved_ += bytes;
    heap_ = std::move(fresh);
    table_ = heap_.get();
    capacity_ = n;
    return true;
  }

  Budget& budget_;
  std::size_t first_capacity_ = 0;  // of the first heap table, when the inline one is not used
  std::uint64_t reserved_ = 0;
  std::size_t count_ = 0;
  std::size_t capacity_ = 0;  // 0: no table yet
  std::uint64_t* table_ = nullptr;
  std::unique_ptr<std::uint64_t[]> heap_;
  std::array<std::uint64_t, kInlineEntries * kStride> inline_;
};

}  // namespace faultline::checker
