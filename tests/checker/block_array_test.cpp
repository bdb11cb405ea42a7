// BlockArray: records keep their index and address while the array grows; a runtime stride and
// a fixed one index alike; pop() frees a slot for the next push().
#include <catch2/catch.hpp>

#include <cstdint>
#include <vector>

#include "checker/block_array.h"

using faultline::checker::BlockArray;

TEST_CASE("block array: records stay put as blocks are added", "[checker]") {
  BlockArray<std::uint64_t> a(3, 4);  // 3 words a record, blocks of 4, 8, 16, ... records
  std::vector<const std::uint64_t*> where;
  for (std::uint64_t i = 0; i < 1000; ++i) {
    // Full at 0, 4, 12, 28, ... records: then the next block holds as many as all before, + 4.
    const std::size_t q = a.size() / 4 + 1;
    const bool full = a.size() % 4 == 0 && (q & (q - 1)) == 0;
    REQUIRE(a.next_block_bytes() == (full ? 4 * q * 3 * sizeof(std::uint64_t) : 0));
    std::uint64_t* r = a.push();
    r[0] = i;
    r[1] = i * 7;
    r[2] = ~i;
    where.push_back(r);
  }
  REQUIRE(a.size() == 1000);
  for (std::uint64_t i = 0; i < 1000; ++i) {
    REQUIRE(a[i] == where[i]);
    REQUIRE(a[i][0] == i);
    REQUIRE(a[i][1] == i * 7);
    REQUIRE(a[i][2] == ~i);
  }
}

TEST_CASE("block array: the next block's size is announced before push allocates it", "[checker]") {
  BlockArray<std::uint32_t, 2> a(2);
  CHECK(a.stride() == 2);
  CHECK(a.next_block_bytes() == 2 * 2 * sizeof(std::uint32_t));
  a.push();
  CHECK(a.next_block_bytes() == 0);
  a.push();
  CHECK(a.next_block_bytes() == 4 * 2 * sizeof(std::uint32_t));  // blocks double
  a.push();
  CHECK(a.next_block_bytes() == 0);
}

TEST_CASE("block array: pop gives the last record back", "[checker]") {
  BlockArray<std::uint32_t, 1> a(1);
  for (std::uint32_t i = 0; i < 5; ++i) *a.push() = i;
  std::uint32_t* last = a[4];
  a.pop();
  CHECK(a.size() == 4);
  CHECK(a.push() == last);
  CHECK(*a[3] == 3);
}

TEST_CASE("block array: set_first sizes the first block of an empty array", "[checker]") {
  BlockArray<std::uint64_t> a(2, 4);
  a.set_first(64);
  CHECK(a.next_block_bytes() == 64 * 2 * sizeof(std::uint64_t));
  for (std::uint64_t i = 0; i < 200; ++i) a.push()[0] = i;
  CHECK(a.next_block_bytes() == 0);  // blocks of 64, 128, 256
  for (std::uint64_t i = 0; i < 200; ++i) REQUIRE(a[i][0] == i);
}
