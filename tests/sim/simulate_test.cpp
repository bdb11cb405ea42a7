// The simulator: histories pair cleanly and have the promised shape; seeds repeat; runs without
// a bug are linearizable and planted bugs are caught by the checkers.
#include <catch2/catch.hpp>

#include <set>

#include "checker/check.h"
#include "history/pairing.h"
#include "sim/simulate.h"

using namespace faultline;

namespace {

sim::SimOptions options(const std::string& workload, std::size_t keys = 1) {
  sim::SimOptions o;
  o.workload = workload;
  o.ops = 500;
  o.keys = keys;
  o.processes = 4;
  o.info_rate = 0.05;
  o.fail_rate = 0.05;
  return o;
}

checker::Verdict linearizable(const history::History& h, const std::string& model) {
  checker::CheckOptions c;
  c.model = model;
  c.threads = 1;
  return checker::check(h, history::pair_operations(h), c).verdict;
}

}  // namespace

TEST_CASE("sim: every workload pairs cleanly and has the expected shape") {
  for (const std::string workload : {"register", "cas-register", "kv", "set", "counter"}) {
    for (std::size_t keys : {std::size_t{1}, std::size_t{7}}) {
      INFO(workload << " keys " << keys);
      const sim::SimOptions o = options(workload, keys);
      const history::History h = sim::simulate(o);
      const auto operations = history::pair_operations(h);
      const std::size_t finals = workload == "set" ? keys : 0;
      CHECK(operations.size() == o.ops + finals);
      CHECK(h.ops.size() == 2 * (o.ops + finals));  // every op completes
      std::set<std::int64_t> retired;
      std::size_t info = 0, fail = 0, overlapping = 0;
      for (std::size_t i = 0; i < h.ops.size(); ++i) {
        const history::Op& op = h.ops[i];
        CHECK(op.index == static_cast<std::int64_t>(i));
        if (i > 0) CHECK(op.time > h.ops[i - 1].time);
        CHECK(op.has_key() == (keys > 1));
        if (op.has_key()) CHECK(op.key.get<std::size_t>() < keys);
        CHECK(retired.count(op.process) == 0);  // no process issues again after info
        if (op.type == history::OpType::kInfo) retired.insert(op.process), ++info;
        if (op.type == history::OpType::kFail) ++fail;
      }
      for (std::size_t i = 1; i < operations.size(); ++i) {
        if (operations[i].invoke < operations[i - 1].completion) ++overlapping;
      }
      CHECK(info > 0);
      CHECK(fail > 0);
      CHECK(overlapping > operations.size() / 4);  // processes really run concurrently
    }
  }
}

TEST_CASE("sim: the same seed gives the same history; another seed another one") {
  sim::SimOptions o = options("cas-register", 3);
  const auto a = sim::simulate(o), b = sim::simulate(o);
  o.seed = 2;
  const auto c = sim::simulate(o);
  REQUIRE(a.ops.size() == b.ops.size());
  bool same = true, differs = a.ops.size() != c.ops.size();
  for (std::size_t i = 0; i < a.ops.size(); ++i) {
    same = same && a.ops[i].time == b.ops[i].time && a.ops[i].value == b.ops[i].value &&
           a.ops[i].process == b.ops[i].process && a.ops[i].f == b.ops[i].f;
    if (i < c.ops.size()) differs = differs || a.ops[i].value != c.ops[i].value || a.ops[i].time != c.ops[i].time;
  }
  CHECK(same);
  CHECK(differs);
}

TEST_CASE("sim: without a bug the registers and kv are linearizable; with one they are not") {
  const std::pair<const char*, const char*> cases[] = {
      {"register", "register"}, {"cas-register", "cas-register"}, {"kv", "kv"}};
  for (const auto& [workload, model] : cases) {
    for (std::uint64_t seed = 1; seed <= 3; ++seed) {
      sim::SimOptions o = options(workload, 3);
      o.seed = seed;
      INFO(workload << " seed " << seed);
      CHECK(linearizable(sim::simulate(o), model) == checker::Verdict::kValid);
      for (const char* bug : {"stale-read", "lost-write", "duplicate", "phantom"}) {
        INFO("bug " << bug);
        o.bug = bug;
        o.bug_rate = 0.2;  // a single lost or duplicated register write is often masked by the next
        sim::SimReport report;
        const auto h = sim::simulate(o, &report);
        CHECK(report.bugs_shown > 0);
        CHECK(linearizable(h, model) == checker::Verdict::kInvalid);
      }
    }
  }
}

TEST_CASE("sim: bad options are rejected") {
  sim::SimOptions o;
  o.workload = "queue";
  CHECK_THROWS_AS(sim::simulate(o), std::invalid_argument);
  o = {};
  o.bug = "gremlin";
  CHECK_THROWS_AS(sim::simulate(o), std::invalid_argument);
  o = {};
  o.info_rate = 0.7;
  o.fail_rate = 0.7;
  CHECK_THROWS_AS(sim::simulate(o), std::invalid_argument);
  o = {};
  o.processes = 0;
  CHECK_THROWS_AS(sim::simulate(o), std::invalid_argument);
}
