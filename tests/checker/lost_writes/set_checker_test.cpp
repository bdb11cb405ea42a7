// set (final read only) on hand-made histories, one per outcome, and on planted bugs.
#include <cstdint>
#include <limits>

#include <catch2/catch.hpp>

#include "checker/check.h"
#include "checker/lost_writes.h"
#include "history/input_error.h"
#include "history/pairing.h"
#include "sim/simulate.h"
#include "tests/checker/lost_writes/history_builder.h"

using namespace faultline;
using testing::HistoryBuilder;
using nlohmann::json;

namespace {
checker::CheckResult run(const history::History& h) {
  return checker::check_set(h, history::pair_operations(h), checker::CheckOptions{});
}
}  // namespace

TEST_CASE("set: every acknowledged element in the final read is valid") {
  auto h = HistoryBuilder()
               .invoke(0, "add", 1).ok(0, "add", 1)
               .invoke(0, "add", 2).ok(0, "add", 2)
               .invoke(1, "read").ok(1, "read", json{2, 1})
               .build();
  auto r = run(h);
  CHECK(r.verdict == checker::Verdict::kValid);
  CHECK(r.json()["counts"]["ok"] == 2);
  CHECK(r.json()["counts"]["acknowledged"] == 2);
  CHECK(r.json()["lost"].empty());
}

// Elements are interned by checker::ValueTable, which took 2^64 - 1 for -1 (checker/json_int.h).
TEST_CASE("set: 2^64 - 1 and -1 are different elements") {
  const json big = std::numeric_limits<std::uint64_t>::max();
  auto h = HistoryBuilder()
               .invoke(0, "add", big).ok(0, "add", big)
               .invoke(1, "read").ok(1, "read", json{-1})
               .build();
  auto r = run(h);
  CHECK(r.verdict == checker::Verdict::kInvalid);
  CHECK(r.json()["counts"]["lost"] == 1);
  CHECK(r.json()["counts"]["unexpected"] == 1);
}

TEST_CASE("set: only the final read counts; an acknowledged element missing from it is lost") {
  auto h = HistoryBuilder()
               .invoke(0, "add", 1).ok(0, "add", 1)
               .invoke(1, "read").ok(1, "read", json{1})
               .invoke(1, "read").ok(1, "read", json::array())
               .build();
  auto r = run(h);
  CHECK(r.verdict == checker::Verdict::kInvalid);
  REQUIRE(r.json()["lost"].size() == 1);
  CHECK(r.json()["lost"][0]["element"] == 1);
}

TEST_CASE("set: an info add found in the final read is recovered") {
  auto h = HistoryBuilder()
               .invoke(0, "add", 1).info(0, "add", 1)
               .invoke(1, "read").ok(1, "read", json{1})
               .build();
  auto r = run(h);
  CHECK(r.verdict == checker::Verdict::kValid);
  REQUIRE(r.json()["recovered"].size() == 1);
  CHECK(r.json()["counts"]["recovered"] == 1);
}

TEST_CASE("set: an element never attempted is unexpected") {
  auto h = HistoryBuilder().invoke(1, "read").ok(1, "read", json{9}).build();
  auto r = run(h);
  CHECK(r.verdict == checker::Verdict::kInvalid);
  REQUIRE(r.json()["unexpected"].size() == 1);
  CHECK(r.json()["unexpected"][0]["element"] == 9);
}

TEST_CASE("set: no final read is unknown") {
  auto h = HistoryBuilder().invoke(0, "add", 1).ok(0, "add", 1).invoke(1, "read").fail(1, "read").build();
  CHECK(run(h).verdict == checker::Verdict::kUnknown);
}

TEST_CASE("set: a final read that is not an array is bad input") {
  auto h = HistoryBuilder().invoke(1, "read").ok(1, "read", "x").build();
  CHECK_THROWS_AS(run(h), history::InputError);
}

TEST_CASE("set: simulated sets are valid without a bug and invalid with lost writes") {
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    sim::SimOptions o;
    o.workload = "set";
    o.ops = 300;
    o.keys = 3;
    o.seed = seed;
    o.info_rate = 0.05;
    INFO("seed " << seed);
    auto h = sim::simulate(o);
    CHECK(run(h).verdict == checker::Verdict::kValid);
    o.bug = "lost-write";
    auto bad = sim::simulate(o);
    auto r = run(bad);
    CHECK(r.verdict == checker::Verdict::kInvalid);
    CHECK(r.json()["counts"]["lost"] > 0);
  }
}
