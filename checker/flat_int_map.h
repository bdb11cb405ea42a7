// A FlatIntMap maps 64-bit integers to 32-bit ids with open addressing in one flat array: no
// allocation per entry and one free when it goes, for the integer keys and values that nearly
// every history uses (partition keys, register values).
// Invariants: load factor at most 1/2; capacity a power of two. Thread-safety: not thread-safe.
#pragma once

#include <cstdint>
#include <vector>

namespace faultline::checker {

class FlatIntMap {
 public:
  // The id stored for `key`, inserting `fresh` first when there is none; `inserted` says which.
  std::uint32_t try_emplace(std::int64_t key, std::uint32_t fresh, bool& inserted) {
    if ((count_ + 1) * 2 > slots_.size()) grow();
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = slot_of(key) & mask;; i = (i + 1) & mask) {
      Slot& s = slots_[i];
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
  struct Slot {
    std::int64_t key;
    std::uint32_t id;
  };
  static std::size_t slot_of(std::int64_t v) {
    return static_cast<std::size_t>((static_cast<std::uint64_t>(v) * 0x9E3779B97F4A7C15ull) >> 20);
  }
  void grow() {
    std::vector<Slot> old(slots_.empty() ? 8 : slots_.size() * 2, Slot{0, kEmpty});
    old.swap(slots_);
    const std::size_t mask = slots_.size() - 1;
    for (const Slot& s : old) {
      if (s.id == kEmpty) continue;
      std::size_t i = slot_of(s.key) & mask;
      while (slots_[i].id != kEmpty) i = (i + 1) & mask;
      slots_[i] = s;
    }
  }

  std::vector<Slot> slots_;
  std::size_t count_ = 0;
};

}  // namespace faultline::checker
