// partition_operations: the parallel group-by (chunks > 1) gives exactly the serial result, with
// partitions in first-invoke order, fail ops in none, and each lane's ops in history order.
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

// Lane l's op positions, its pieces joined.
std::vector<std::uint32_t> joined(const faultline::checker::Partitioning& p, std::size_t lane) {
  std::vector<std::uint32_t> out;
  for (const auto& piece : p.lane_pieces[lane]) out.insert(out.end(), piece.begin(), piece.end());
  return out;
}

// 40 keys, `rounds` rounds of a write then a read per key; in round rounds - 5 the reads of keys
// 7, 19 and 33 are stale.
HistoryBuilder stale_keys(int rounds) {
  HistoryBuilder b;
  for (int round = 0; round < rounds; ++round) {
    for (int key = 0; key < 40; ++key) {
      const bool stale = round == rounds - 5 && (key == 7 || key == 19 || key == 33);
      b.done(key % 5, "write", round, round, key);
      b.done(key % 5, "read", nullptr, stale ? round - 1 : round, key);
    }
  }
  return b;
}

}  // namespace

TEST_CASE("partition: the chunked group-by equals the serial one", "[checker]") {
  const HistoryBuilder b = mixed_keys();
  const auto operations = faultline::history::pair_operations(b.history());
  constexpr unsigned kLanes = 3;
  const auto serial = partition_operations(b.history(), operations, true, 1, kLanes);
  faultline::checker::Partitioning chunked;
  tbb::task_arena arena(2);
  arena.execute([&] { chunked = partition_operations(b.history(), operations, true, 4, kLanes); });

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
  // Lane l: the ops of the partitions p with p % 3 == l, in history order.
  REQUIRE(serial.lane_pieces.size() == kLanes);
  REQUIRE(chunked.lane_pieces.size() == kLanes);
  CHECK(chunked.lane_pieces[0].size() == 4);  // one piece per chunk
  for (std::size_t lane = 0; lane < kLanes; ++lane) {
    std::vector<std::uint32_t> expected;
    for (std::uint32_t i = 0; i < operations.size(); ++i) {
      if (serial.part_of[i] != kNoPartition && serial.part_of[i] % kLanes == lane) expected.push_back(i);
    }
    CHECK(!expected.empty());
    CHECK(joined(serial, lane) == expected);
    CHECK(joined(chunked, lane) == expected);
  }
  // One lane takes a single pass of its own, however many chunks are asked for: the same
  // partitions, and the list of kept ops that encoding walks.
  const auto one = partition_operations(b.history(), operations, true, 1, 1);
  CHECK(one.lane_pieces.empty());
  CHECK(one.part_of == serial.part_of);
  const auto one_lane = partition_operations(b.history(), operations, true, 4, 1);
  CHECK(one_lane.part_of == serial.part_of);
  std::vector<std::uint32_t> kept;
  for (std::uint32_t i = 0; i < operations.size(); ++i) {
    if (i % 7 != 0) kept.push_back(i);
  }
  CHECK(std::vector<std::uint32_t>(one_lane.kept.begin(), one_lane.kept.end()) == kept);
  REQUIRE(one.parts.size() == serial.parts.size());
  for (std::size_t p = 0; p < serial.parts.size(); ++p) {
    CHECK(one.parts[p].key == serial.parts[p].key);
    CHECK(one.parts[p].size == serial.parts[p].size);
  }
}

// Without keys, with keys ignored (per_key false) and with some ops keyed null: the single pass
// (one lane) and the general group-by (two lanes) agree; fail ops belong to no partition.
TEST_CASE("partition: null keys in the single pass and in the group-by", "[checker]") {
  for (int variant = 0; variant < 3; ++variant) {
    HistoryBuilder b;
    for (int i = 0; i < 50; ++i) {
      nlohmann::json key;  // variant 0: no keys at all; 1: null or 0 or 1; 2: "a" or "b"
      if (variant == 1 && i % 3 != 0) key = i % 2;
      if (variant == 2) key = i % 2 == 0 ? "a" : "b";
      b.invoke(i % 4, "write", i, key);
      if (i % 5 == 0) {
        b.fail(i % 4, "write", i, key);
      } else {
        b.ok(i % 4, "write", i, key);
      }
    }
    const auto operations = faultline::history::pair_operations(b.history());
    for (const bool per_key : {true, false}) {
      INFO("variant " << variant << ", per_key " << per_key);
      const auto one = partition_operations(b.history(), operations, per_key, 1, 1);
      const auto general = partition_operations(b.history(), operations, per_key, 1, 2);
      CHECK(one.part_of == general.part_of);
      REQUIRE(one.parts.size() == general.parts.size());
      CHECK(one.parts.size() == (!per_key || variant == 0 ? 1u : variant == 1 ? 3u : 2u));
      for (std::size_t p = 0; p < one.parts.size(); ++p) {
        CHECK(one.parts[p].key == general.parts[p].key);
        CHECK(one.parts[p].size == general.parts[p].size);
      }
      for (std::size_t i = 0; i < operations.size(); ++i) {
        CHECK((one.part_of[i] == kNoPartition) == (i % 5 == 0));
      }
      // The single pass lists the kept ops, for encoding to skip the fails; the group-by does not.
      std::vector<std::uint32_t> kept;
      for (std::uint32_t i = 0; i < operations.size(); ++i) {
        if (i % 5 != 0) kept.push_back(i);
      }
      CHECK(std::vector<std::uint32_t>(one.kept.begin(), one.kept.end()) == kept);
      CHECK(general.kept.empty());
    }
  }
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

// The 2-thread path (lanes that encode, then search, then help each other) must find what one
// thread finds (stale_keys). 20 rounds (1,600 ops) partition in one chunk; 150 rounds (12,000
// ops) take the chunked group-by, so each lane joins several pieces before it searches.
TEST_CASE("check: 2 threads find the invalid keys that 1 thread finds", "[checker]") {
  for (const int rounds : {20, 150}) {
    const HistoryBuilder b = stale_keys(rounds);
    const auto operations = faultline::history::pair_operations(b.history());
    REQUIRE(operations.size() == static_cast<std::size_t>(80 * rounds));
    auto options = faultline::testing::model_options("register");
    options.all_failures = true;
    for (unsigned threads : {1u, 2u}) {
      options.threads = threads;
      for (int repeat = 0; repeat < 10; ++repeat) {
        INFO("rounds " << rounds << ", threads " << threads);
        const auto r = faultline::checker::check(b.history(), operations, options);
        REQUIRE(r.verdict == faultline::checker::Verdict::kInvalid);
        const nlohmann::json& doc = r.json();
        CHECK(doc["partitions"]["total"] == 40);
        CHECK(doc["partitions"]["invalid"] == 3);
        CHECK(doc["partitions"]["valid"] == 37);
        REQUIRE(doc["failures"].size() == 3);
        CHECK(doc["failures"][0]["key"] == 7);
        CHECK(doc["failures"][1]["key"] == 19);
        CHECK(doc["failures"][2]["key"] == 33);
      }
    }
  }
}

// Without --all-failures the first violation cancels the rest.
TEST_CASE("check: on 2 threads the first violation cancels the other keys", "[checker]") {
  const HistoryBuilder b = stale_keys(20);
  const auto operations = faultline::history::pair_operations(b.history());
  auto options = faultline::testing::model_options("register");
  options.all_failures = false;  // the first violation cancels the rest
  options.threads = 2;
  const auto r = faultline::checker::check(b.history(), operations, options);
  CHECK(r.verdict == faultline::checker::Verdict::kInvalid);
  REQUIRE(r.json()["failures"].size() == 1);
  const nlohmann::json key = r.json()["failures"][0]["key"];
  CHECK((key == 7 || key == 19 || key == 33));
  CHECK(r.json()["partitions"]["invalid"] >= 1);
  CHECK(r.json()["partitions"]["unknown"] == 0);
}
