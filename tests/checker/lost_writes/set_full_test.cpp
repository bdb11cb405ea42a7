// set-full on hand-made histories, one per outcome, and on simulated ones with planted bugs.
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
  checker::CheckOptions options;
  options.checker = "set-full";
  return checker::check_set_full(h, history::pair_operations(h), options);
}

json element(const checker::CheckResult& r, const json& e) {
  for (const json& j : r.json()["elements"]) {
    if (j["element"] == e) return j;
  }
  FAIL("element " << e.dump() << " not reported");
  return {};
}

std::string outcome(const checker::CheckResult& r, const json& e) { return element(r, e)["outcome"]; }

}  // namespace

TEST_CASE("set-full: an element every later read sees is stable") {
  auto h = HistoryBuilder().invoke(0, "add", 1).ok(0, "add", 1).invoke(1, "read").ok(1, "read", json{1}).build();
  auto r = run(h);
  CHECK(r.verdict == checker::Verdict::kValid);
  CHECK(outcome(r, 1) == "stable");
  CHECK(element(r, 1)["add_invoke"] == 0);
  CHECK(element(r, 1)["add_time"] == 10);
  CHECK(element(r, 1)["known_time"] == 20);
  CHECK(element(r, 1)["stable_latency_ns"] == 0);
  CHECK(r.json()["counts"]["stable"] == 1);
  CHECK(r.json()["checker"] == "set-full");
}

TEST_CASE("set-full: an acknowledged element a later read misses is lost") {
  auto h = HistoryBuilder()
               .invoke(0, "add", 1).ok(0, "add", 1)
               .invoke(1, "read").ok(1, "read", json{1})
               .invoke(1, "read").ok(1, "read", json::array())
               .build();
  auto r = run(h);
  CHECK(r.verdict == checker::Verdict::kInvalid);
  CHECK(outcome(r, 1) == "lost");
  // lost time = invoke of the last read that saw it (30) + 1; known at the add's ok (20)
  CHECK(element(r, 1)["lost_latency_ns"] == 11);
  CHECK(r.json()["counts"]["lost"] == 1);
}

TEST_CASE("set-full: an acknowledged element never seen by a later read is lost") {
  auto h = HistoryBuilder().invoke(0, "add", 1).ok(0, "add", 1).invoke(1, "read").ok(1, "read", json::array()).build();
  auto r = run(h);
  CHECK(r.verdict == checker::Verdict::kInvalid);
  CHECK(outcome(r, 1) == "lost");
  CHECK(element(r, 1)["lost_latency_ns"] == 0);
}

TEST_CASE("set-full: a read concurrent with the add may miss it: never-read, unknown") {
  auto h = HistoryBuilder()
               .invoke(0, "add", 1).invoke(1, "read")
               .ok(0, "add", 1).ok(1, "read", json::array())
               .build();
  auto r = run(h);
  CHECK(outcome(r, 1) == "never-read");
  CHECK(r.verdict == checker::Verdict::kUnknown);  // nothing was ever confirmed
}

TEST_CASE("set-full: a concurrent miss followed by sightings is stable, not stale") {
  auto h = HistoryBuilder()
               .invoke(0, "add", 1).invoke(1, "read")
               .ok(0, "add", 1).ok(1, "read", json::array())
               .invoke(1, "read").ok(1, "read", json{1})
               .build();
  auto r = run(h);
  CHECK(outcome(r, 1) == "stable");
  CHECK(r.verdict == checker::Verdict::kValid);
}

TEST_CASE("set-full: missed after it was known, then seen, is stale (valid, as in Jepsen)") {
  auto h = HistoryBuilder()
               .invoke(0, "add", 1).ok(0, "add", 1)
               .invoke(1, "read").ok(1, "read", json::array())
               .invoke(1, "read").ok(1, "read", json{1})
               .build();
  auto r = run(h);
  CHECK(outcome(r, 1) == "stale");
  // stable time = invoke of the last missing read (30) + 1; known at 20
  CHECK(element(r, 1)["stable_latency_ns"] == 11);
  CHECK(r.verdict == checker::Verdict::kValid);
  CHECK(r.json()["counts"]["stale"] == 1);
}

TEST_CASE("set-full: an element nobody added is unexpected") {
  auto h = HistoryBuilder()
               .invoke(0, "add", 1).ok(0, "add", 1)
               .invoke(1, "read").ok(1, "read", json{1, 7})
               .build();
  auto r = run(h);
  CHECK(r.verdict == checker::Verdict::kInvalid);
  CHECK(outcome(r, 7) == "unexpected");
  CHECK(element(r, 7)["add_invoke"].is_null());
  CHECK(outcome(r, 1) == "stable");
}

TEST_CASE("set-full: an element whose only add failed is unexpected when read") {
  auto h = HistoryBuilder()
               .invoke(0, "add", 1).fail(0, "add", 1)
               .invoke(1, "read").ok(1, "read", json{1})
               .build();
  CHECK(outcome(run(h), 1) == "unexpected");
}

TEST_CASE("set-full: an element read twice in one read is duplicated") {
  auto h = HistoryBuilder().invoke(0, "add", 1).ok(0, "add", 1).invoke(1, "read").ok(1, "read", json{1, 1}).build();
  auto r = run(h);
  CHECK(r.verdict == checker::Verdict::kInvalid);
  CHECK(outcome(r, 1) == "duplicated");
  CHECK(element(r, 1)["max_multiplicity"] == 2);
}

TEST_CASE("set-full: an info add seen later is stable; one never seen is never-read") {
  auto h = HistoryBuilder()
               .invoke(0, "add", 1).info(0, "add", 1)
               .invoke(5, "add", 2).info(5, "add", 2)
               .invoke(1, "read").ok(1, "read", json{1})
               .build();
  auto r = run(h);
  CHECK(outcome(r, 1) == "stable");
  CHECK(outcome(r, 2) == "never-read");
  CHECK(r.verdict == checker::Verdict::kValid);
}

TEST_CASE("set-full: keys are separate sets") {
  auto h = HistoryBuilder()
               .invoke(0, "add", 1, "a").ok(0, "add", 1, "a")
               .invoke(1, "add", 1, "b").ok(1, "add", 1, "b")
               .invoke(2, "read", nullptr, "a").ok(2, "read", json{1}, "a")
               .invoke(2, "read", nullptr, "b").ok(2, "read", json::array(), "b")
               .build();
  auto r = run(h);
  CHECK(r.verdict == checker::Verdict::kInvalid);
  REQUIRE(r.json()["elements"].size() == 2);
  for (const json& e : r.json()["elements"]) CHECK(e["outcome"] == (e["key"] == "a" ? "stable" : "lost"));
}

TEST_CASE("set-full: a read that is not an array names its line") {
  auto h = HistoryBuilder().invoke(1, "read").ok(1, "read", 5).build();
  h.lines = {3, 7};
  try {
    run(h);
    FAIL("no error");
  } catch (const history::InputError& e) {
    CHECK(e.line() == 7);
    CHECK(e.file() == "test.jsonl");
  }
}

TEST_CASE("set-full: an unknown f is bad input") {
  auto h = HistoryBuilder().invoke(1, "write", 1).ok(1, "write", 1).build();
  CHECK_THROWS_AS(run(h), history::InputError);
}

TEST_CASE("set-full: check() dispatches to it") {
  auto h = HistoryBuilder().invoke(0, "add", 1).ok(0, "add", 1).invoke(1, "read").ok(1, "read", json::array()).build();
  checker::CheckOptions options;
  options.checker = "set-full";
  auto r = checker::check(h, history::pair_operations(h), options);
  CHECK(r.verdict == checker::Verdict::kInvalid);
  CHECK(r.json()["checker"] == "set-full");
}

namespace {
checker::CheckResult run_sim(const std::string& bug, std::uint64_t seed) {
  sim::SimOptions o;
  o.workload = "set";
  o.ops = 400;
  o.keys = 2;
  o.seed = seed;
  o.info_rate = 0.05;
  o.fail_rate = 0.05;
  o.bug = bug;
  sim::SimReport report;
  auto h = sim::simulate(o, &report);
  if (bug != "none") REQUIRE(report.bugs_shown > 0);
  return run(h);
}
}  // namespace

TEST_CASE("set-full: simulated sets without a bug are valid") {
  for (std::uint64_t seed = 1; seed <= 10; ++seed) {
    auto r = run_sim("none", seed);
    INFO("seed " << seed << ": " << r.json()["counts"].dump());
    CHECK(r.verdict == checker::Verdict::kValid);
    CHECK(r.json()["counts"]["stale"] == 0);
  }
}

TEST_CASE("set-full: planted bugs are caught") {
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    INFO("seed " << seed);
    auto lost = run_sim("lost-write", seed);
    CHECK(lost.verdict == checker::Verdict::kInvalid);
    CHECK(lost.json()["counts"]["lost"] > 0);
    auto dup = run_sim("duplicate", seed);
    CHECK(dup.verdict == checker::Verdict::kInvalid);
    CHECK(dup.json()["counts"]["duplicated"] > 0);
    auto phantom = run_sim("phantom", seed);
    CHECK(phantom.verdict == checker::Verdict::kInvalid);
    CHECK(phantom.json()["counts"]["unexpected"] > 0);
    auto stale = run_sim("stale-read", seed);
    CHECK(stale.json()["counts"]["stale"].get<int>() + stale.json()["counts"]["lost"].get<int>() > 0);
  }
}
