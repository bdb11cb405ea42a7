#include <catch2/catch.hpp>

#include "reports/latency_stats.h"
#include "reports/timeline_data.h"
#include "tests/reports/fixtures.h"

using namespace faultline;
using namespace faultline::reports;
using namespace faultline::reports::testing;
using history::OpType;

TEST_CASE("quantiles use the nearest rank") {
  std::vector<double> v;
  for (int i = 100; i >= 1; --i) v.push_back(i);
  const auto q = quantiles(v);
  CHECK(q.count == 100);
  CHECK(q.p50 == 50);
  CHECK(q.p95 == 95);
  CHECK(q.p99 == 99);
  CHECK(q.max == 100);
  CHECK(quantiles({}).count == 0);
}

TEST_CASE("operations, latencies and nemesis intervals of a history") {
  const auto h = invalid_history();
  const auto data = build_timeline_data(h);
  REQUIRE(data.operations.size() == 4);
  CHECK(data.times_known);
  CHECK(data.operations[0].latency_ns == 1000000);
  CHECK(data.operations[2].outcome == OpType::kInfo);  // the cas
  CHECK(data.by_invoke_index.at(10) == 3);
  REQUIRE(data.nemesis.size() == 1);
  CHECK(data.nemesis[0].name == "partition");
  CHECK(data.nemesis[0].start == 10);
  CHECK(data.nemesis[0].end == 3000100);  // the stop's completion
  CHECK(data.nemesis[0].closed);
  const auto stats = compute_stats(h, data);
  CHECK(stats.by_f.at("read").ok == 2);
  CHECK(stats.total.info == 1);
  CHECK(stats.nemesis_ops == 4);
}

TEST_CASE("Jepsen's start/stop pair, and an unclosed fault runs to the end") {
  history::History h;
  auto add = [&](int64_t t, OpType type, int64_t p, std::string f) {
    h.ops.push_back(make_op(static_cast<int64_t>(h.ops.size()), t, type, p, std::move(f)));
  };
  add(0, OpType::kInvoke, 0, "read");
  add(5, OpType::kInfo, history::kNemesisProcess, "start");
  add(9, OpType::kInfo, history::kNemesisProcess, "stop");
  add(10, OpType::kOk, 0, "read");
  add(20, OpType::kInfo, history::kNemesisProcess, "start-kill");
  add(30, OpType::kInvoke, 1, "read");
  add(100, OpType::kOk, 1, "read");
  const auto data = build_timeline_data(h);
  REQUIRE(data.nemesis.size() == 2);
  CHECK(data.nemesis[0].name == "nemesis");
  CHECK(data.nemesis[0].end == 9);
  CHECK(data.nemesis[1].name == "kill");
  CHECK_FALSE(data.nemesis[1].closed);
  CHECK(data.nemesis[1].end == 100);
  CHECK(data.nemesis_names == std::vector<std::string>{"nemesis", "kill"});
}
