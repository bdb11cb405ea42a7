// A BlockArray is a growing array of records, each `stride` values of a trivial type T, that
// never moves what it holds: it grows by adding a block twice the size of the last one. A search
// structure that only appends (the visited set's bitsets, the kv model's strings) so touches each
// byte of memory once; a std::vector touches about twice as much (it copies on regrowth) and its
// old buffers come back as page faults in the next allocation.
//
// Invariants: block k holds first << k records, so record i is in block
// bit_width(i / first + 1) - 1; blocks are allocated uninitialized, and a record is the
// caller's to fill after push(). Thread-safety: not thread-safe; a plain value owned by one search.
#pragma once

#include <array>
#include <cassert>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <type_traits>

namespace faultline::checker {

// kStride: the stride when it is fixed at compile time (0: given to the constructor).
template <class T, std::size_t kStride = 0>
class BlockArray {
  static_assert(std::is_trivially_copyable_v<T> && std::is_trivially_destructible_v<T>);

 public:
  // `first` records in the first block; a power of two.
  BlockArray(std::size_t stride, std::size_t first)
      : stride_(kStride != 0 ? kStride : stride), shift_(std::bit_width(first) - 1) {}
  explicit BlockArray(std::size_t first) : BlockArray(kStride, first) {}

  // Sets the first block's size (a power of two) of an array that has allocated none yet: for an
  // owner that learns how many records to expect after it was built.
  void set_first(std::size_t first) {
    assert(capacity_ == 0);
    shift_ = std::bit_width(first) - 1;
  }

  std::size_t size() const { return size_; }
  std::size_t stride() const { return kStride != 0 ? kStride : stride_; }
  // Bytes that the next push() allocates, or 0 when it allocates nothing.
  std::size_t next_block_bytes() const {
    if (size_ < capacity_) return 0;
    return (std::size_t{1} << (shift_ + blocks_used_)) * stride() * sizeof(T);
  }

  T* operator[](std::size_t i) {
    // bit_width(x) - 1 for x >= 1, as one bsr: std::bit_width also handles x == 0, which costs
    // a test and a select on every lookup (the kv model's search looks up a string per step).
    const int k = 63 - __builtin_clzll((i >> shift_) + 1);
    return reinterpret_cast<T*>(base_[k] + i * stride() * sizeof(T));
  }
  const T* operator[](std::size_t i) const { return const_cast<BlockArray&>(*this)[i]; }

  // A new record at index size(), uninitialized.
  T* push() {
    if (size_ == capacity_) {
      assert(blocks_used_ < kMaxBlocks);
      const std::size_t records = std::size_t{1} << (shift_ + blocks_used_);
      blocks_[blocks_used_].reset(new T[records * stride()]);
      // Where record 0 would be if this block started the array: record i of the block is
      // record capacity_ + i of the array.
      base_[blocks_used_] = reinterpret_cast<std::uintptr_t>(blocks_[blocks_used_].get()) -
                            capacity_ * stride() * sizeof(T);
      ++blocks_used_;
      capacity_ += records;
    }
    return (*this)[size_++];
  }
  // Forgets the last record; its memory stays for the next push().
  void pop() { --size_; }

 private:
  static constexpr int kMaxBlocks = 32;  // first * (2^32 - 1) records, past any 32-bit index

  std::size_t stride_;
  int shift_;
  std::size_t size_ = 0, capacity_ = 0;
  int blocks_used_ = 0;
  std::array<std::unique_ptr<T[]>, kMaxBlocks> blocks_;
  std::array<std::uintptr_t, kMaxBlocks> base_;  // block k's address less its first record's offset
};

}  // namespace faultline::checker
