// A FlatIntMap maps 64-bit integers to 32-bit ids with open addressing in one flat array: no
// allocation per entry and one free when it goes, for the integer keys and values that nearly
// every history uses (partition keys, register values). The first kInline slots are inside the
// object: a map of up to four entries (a register model of a tiny history, whose values are its
// init and a few writes) allocates nothing.
// Invariants: load factor at most 1/2; capacity a power of two; the slots are the inline ones
// while heap_ is empty. Thread-safety: not thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

namespace faultline::checker {

class FlatIntMap {
 public:
  FlatIntMap() { inline_.fill(Slot{0, kEmpty}); }

  // The id stored for `key`, inserting `fresh` first when there is none; `inserted` says which.
  std::uint32_t try_emplace(std::int64_t key, std::uint32_t fresh, bool& inserted) {
    if ((count_ + 1) * 2 > capacity()) grow();
    Slot* slots = data();
    const std::size_t mask = capacity() - 1;
    for (std::size_t i = slot_of(key) & mask;; i = (i + 1) & mask) {
      Slot& s = slots[i];
      if (s.id == kEmpty) {
        s = {key, fresh};
        ++count_;
        inserted = true;
        return fresh;
      }
      if (s.key == key) {
        inserted = false;
        return s.id;
      }
    }
  }
  std::size_t size() const { return count_; }

 private:
  static constexpr std::uint32_t kEmpty = UINT32_MAX;
  static constexpr std::size_t kInline = 8;
  struct Slot {
    std::int64_t key;
    std::uint32_t id;
  };
  static std::size_t slot_of(std::int64_t v) {
    return static_cast<std::size_t>((static_cast<std::uint64_t>(v) * 0x9E3779B97F4A7C15ull) >> 20);
  }
  // Computed, not a pointer kept: a moved map must not point into the object it came from.
  Slot* data() { return heap_.empty() ? inline_.data() : heap_.data(); }
  std::size_t capacity() const { return heap_.empty() ? kInline : heap_.size(); }

  void grow() {
    std::vector<Slot> bigger(capacity() * 2, Slot{0, kEmpty});
    const std::size_t mask = bigger.size() - 1;
    const Slot* old = data();
    for (std::size_t k = 0; k < capacity(); ++k) {
      const Slot& s = old[k];
      if (s.id == kEmpty) continue;
      std::size_t i = slot_of(s.key) & mask;
      while (bigger[i].id != kEmpty) i = (i + 1) & mask;
      bigger[i] = s;
    }
    heap_.swap(bigger);
  }

  std::array<Slot, kInline> inline_;
  std::vector<Slot> heap_;
  std::size_t count_ = 0;
};

}  // namespace faultline::checker
