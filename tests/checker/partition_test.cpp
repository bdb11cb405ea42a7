// partition_operations: the parallel group-by (chunks > 1) gives exactly the serial result, with
// partitions in first-invoke order and fail ops in none.
#include <catch2/catch.hpp>

#include <tbb/task_arena.h>

#include "checker/check.h"
#include "checker/partition.h"
#include "history/input_error.h"
#include "tests/checker/history_builder.h"

using faultline::checker::kNoPartition;
using faultline::checker::partition_operations;
using faultline::testing::HistoryBuilder;

namespace {

// 30,000 completed ops over string, integer and list keys, every 7th a fail; key k first appears
// in the chunk a serial pass would meet it in.
HistoryBuilder mixed_keys() {
  HistoryBuilder b;
  for (int i = 0; i < 30000; ++i) {
    const int k = (i * 7919) % (i < 15000 ? 50 : 120);  // keys 50..119 first appear late
    nlohmann::json key = k % 3 == 0 ? nlohmann::json(k) : k % 3 == 1 ? nlohmann::json("k" + std::to_string(k))
                                                                       : nlohmann::json::array({k});
    b.invoke(i % 5, "write", i, key);
    if (i % 7 == 0) {
      b.fail(i % 5, "write", i, key);
    } else {
      b.ok(i % 5, "write", i, key);
    }
  }
  return b;
}

}  // namespace

TEST_CASE("partition: the chunked group-by equals the serial one", "[checker]") {
  const HistoryBuilder b = mixed_keys();
  const auto operations = faultline::history::pair_operations(b.history());
  const auto serial = partition_operations(b.history(), operations, true, 1);
  faultline::checker::Partitioning chunked;
  tbb::task_arena arena(2);
  arena.execute([&] { chunked = partition_operations(b.history(), operations, true, 4); });

  REQUIRE(serial.parts.size() == 120);
  REQUIRE(chunked.parts.size() == serial.parts.size());
  CHECK(chunked.part_of == serial.part_of);
  for (std::size_t p = 0; p < serial.parts.size(); ++p) {
    CHECK(chunked.parts[p].key == serial.parts[p].key);
    CHECK(chunked.parts[p].size == serial.parts[p].size);
  }
  // First-invoke order, fail ops dropped, sizes that count part_of.
  CHECK(serial.parts[0].key == nlohmann::json("k19"));  // op 0 is a fail; op 1 has key 7919 % 50
  std::vector<std::uint32_t> sizes(serial.parts.size(), 0);
  std::uint32_t next_new = 0;  // partitions first appear in order 0, 1, 2, ...
  for (std::size_t i = 0; i < operations.size(); ++i) {
    const std::uint32_t p = serial.part_of[i];
    CHECK((p == kNoPartition) == (i % 7 == 0));
    if (p == kNoPartition) continue;
    REQUIRE(p <= next_new);
    if (p == next_new) ++next_new;
    ++sizes[p];
    CHECK(b.history().ops[operations[i].invoke].key == serial.parts[p].key);
  }
  CHECK(next_new == serial.parts.size());
  for (std::size_t p = 0; p < serial.parts.size(); ++p) CHECK(sizes[p] == serial.parts[p].size);
}

// Partitions are encoded on parallel lanes; the bad op reported (key 0 at op 1700,
// not key 1 at op 2601, each its lane's first) must still be the
// first in the file, whichever task meets its own first.
TEST_CASE("check: with parallel partitions the first bad op in the file is reported", "[checker]") {
  HistoryBuilder b;
  for (int i = 0; i < 3000; ++i) {
    const int key = i < 1000 ? i % 2 : i % 10;  // keys 0 and 1 are the largest partitions
    const std::string f = (i == 2601 || i == 1700) ? "frob" : "write";
    b.invoke(i % 5, f, i, key).ok(i % 5, f, i, key);
  }
  const auto operations = faultline::history::pair_operations(b.history());
  faultline::checker::CheckOptions options;
  options.threads = 2;
  for (int round = 0; round < 20; ++round) {
    try {
      faultline::checker::check(b.history(), operations, options);
      FAIL("no error");
    } catch (const faultline::history::InputError& e) {
      CHECK(e.line() == 2 * 1700 + 1);  // op 1700's invoke, 1-based
    }
  }
}
