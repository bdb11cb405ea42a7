// counter on hand-made histories (in bounds, below, above, info and failed adds, negative
// increments, init) and on planted bugs.
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
checker::CheckResult run(const history::History& h, json init = nullptr) {
  checker::CheckOptions options;
  options.checker = "counter";
  options.init = std::move(init);
  return checker::check_counter(h, history::pair_operations(h), options);
}
}  // namespace

TEST_CASE("counter: reads between the bounds are valid") {
  auto h = HistoryBuilder()
               .invoke(0, "add", 2).ok(0, "add", 2)
               .invoke(0, "add", 3).invoke(1, "read").ok(1, "read", 5).ok(0, "add", 3)
               .invoke(1, "read").ok(1, "read", 5)
               .build();
  auto r = run(h);
  CHECK(r.verdict == checker::Verdict::kValid);
  CHECK(r.json()["read_count"] == 2);
}

TEST_CASE("counter: a read below the acknowledged adds is invalid") {
  auto h = HistoryBuilder().invoke(0, "add", 2).ok(0, "add", 2).invoke(1, "read").ok(1, "read", 1).build();
  auto r = run(h);
  CHECK(r.verdict == checker::Verdict::kInvalid);
  REQUIRE(r.json()["errors"].size() == 1);
  CHECK(r.json()["errors"][0] == json{{"read_invoke", 2}, {"value", 1}, {"lower", 2}, {"upper", 2}});
}

TEST_CASE("counter: a read above every attempted add is invalid") {
  auto h = HistoryBuilder().invoke(0, "add", 2).invoke(1, "read").ok(1, "read", 3).ok(0, "add", 2).build();
  auto r = run(h);
  CHECK(r.verdict == checker::Verdict::kInvalid);
  CHECK(r.json()["errors"][0]["lower"] == 0);
  CHECK(r.json()["errors"][0]["upper"] == 2);
}

TEST_CASE("counter: info adds may or may not count; failed adds never do") {
  auto info = HistoryBuilder().invoke(0, "add", 4).info(0, "add", 4);
  auto h1 = HistoryBuilder(info).invoke(1, "read").ok(1, "read", 4).build();
  auto h0 = HistoryBuilder(info).invoke(1, "read").ok(1, "read", 0).build();
  CHECK(run(h1).verdict == checker::Verdict::kValid);
  CHECK(run(h0).verdict == checker::Verdict::kValid);
  auto failed = HistoryBuilder().invoke(0, "add", 4).fail(0, "add", 4).invoke(1, "read").ok(1, "read", 4).build();
  CHECK(run(failed).verdict == checker::Verdict::kInvalid);
}

TEST_CASE("counter: negative increments widen the lower bound") {
  auto h = HistoryBuilder()
               .invoke(0, "add", 5).ok(0, "add", 5)
               .invoke(0, "add", -3).invoke(1, "read").ok(1, "read", 2).ok(0, "add", -3)
               .build();
  CHECK(run(h).verdict == checker::Verdict::kValid);
  auto low = HistoryBuilder()
                 .invoke(0, "add", 5).ok(0, "add", 5)
                 .invoke(0, "add", -3).invoke(1, "read").ok(1, "read", 1).ok(0, "add", -3)
                 .build();
  CHECK(run(low).verdict == checker::Verdict::kInvalid);
}

TEST_CASE("counter: the init value shifts both bounds") {
  auto h = HistoryBuilder().invoke(1, "read").ok(1, "read", 10).build();
  CHECK(run(h, 10).verdict == checker::Verdict::kValid);
  CHECK(run(h).verdict == checker::Verdict::kInvalid);
  CHECK_THROWS_AS(run(h, "ten"), history::InputError);
}

TEST_CASE("counter: keys are separate counters") {
  auto h = HistoryBuilder()
               .invoke(0, "add", 1, 0).ok(0, "add", 1, 0)
               .invoke(1, "read", nullptr, 1).ok(1, "read", 0, 1)
               .invoke(1, "read", nullptr, 0).ok(1, "read", 1, 0)
               .build();
  CHECK(run(h).verdict == checker::Verdict::kValid);
}

TEST_CASE("counter: a read that is not an integer names its line") {
  auto h = HistoryBuilder().invoke(1, "read").ok(1, "read", "5").build();
  h.lines = {1, 4};
  try {
    run(h);
    FAIL("no error");
  } catch (const history::InputError& e) {
    CHECK(e.line() == 4);
  }
}

// 2^64 - 1 arrives as an unsigned JSON integer; it was cast to -1 and counted as a decrement.
TEST_CASE("counter: an add above INT64_MAX is bad input, not a wrapped value") {
  const json big = std::numeric_limits<std::uint64_t>::max();
  auto h = HistoryBuilder().invoke(1, "add", big).ok(1, "add", big).build();
  try {
    run(h);
    FAIL("no error");
  } catch (const history::InputError& e) {
    CHECK(std::string(e.what()).find("64-bit integer") != std::string::npos);
  }
  CHECK_THROWS_AS(run(HistoryBuilder().invoke(1, "read").ok(1, "read", 0).build(), big),
                  history::InputError);
}

TEST_CASE("counter: simulated counters are valid without a bug; planted bugs are caught") {
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    sim::SimOptions o;
    o.workload = "counter";
    o.ops = 1000;
    o.keys = 2;
    o.seed = seed;
    o.info_rate = 0.05;
    o.fail_rate = 0.05;
    INFO("seed " << seed);
    CHECK(run(sim::simulate(o)).verdict == checker::Verdict::kValid);
    for (const char* bug : {"lost-write", "phantom", "duplicate"}) {
      INFO("bug " << bug);
      o.bug = bug;
      o.bug_rate = 0.05;
      CHECK(run(sim::simulate(o)).verdict == checker::Verdict::kInvalid);
    }
  }
}
