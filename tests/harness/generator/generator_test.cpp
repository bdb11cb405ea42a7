// The generator and workloads: same seed, same ops; the mix is honoured; keys rotate.
#include <catch2/catch.hpp>

#include <map>
#include <set>

#include "harness/generator/generator.h"
#include "harness/workload/register_workload.h"
#include "harness/workload/set_workload.h"

using namespace faultline::harness;

namespace {

std::vector<std::string> draw(std::uint64_t seed, unsigned worker, int n) {
  WorkloadOptions wo;
  auto workload = make_workload("register", wo);
  GeneratorOptions go;
  go.seed = seed;
  Generator gen(*workload, go);
  auto sched = gen.schedule(worker, Clock::now());
  std::vector<std::string> out;
  for (int i = 0; i < n; ++i) {
    auto inv = sched.next();
    out.push_back(inv.f + " " + inv.key.dump() + " " + inv.value.dump());
  }
  return out;
}

}  // namespace

TEST_CASE("the same seed draws the same ops", "[generator]") {
  CHECK(draw(9, 0, 200) == draw(9, 0, 200));
  CHECK(draw(9, 0, 200) != draw(10, 0, 200));
  CHECK(draw(9, 0, 200) != draw(9, 1, 200));
  CHECK(worker_seed(1, 0) != worker_seed(1, 1));
}

TEST_CASE("op mixes parse and are honoured", "[generator]") {
  auto mix = OpMix::parse("read=3,write=1");
  CHECK(mix.to_string() == "read=3,write=1");
  Rng rng(1);
  std::map<std::string, int> seen;
  for (int i = 0; i < 4000; ++i) ++seen[mix.pick(rng)];
  CHECK(seen.size() == 2);
  CHECK(seen["read"] > 2 * seen["write"]);
  CHECK_THROWS(OpMix::parse("read=x"));
  CHECK_THROWS(OpMix::parse("read=-1"));
  CHECK(OpMix::parse("add").to_string() == "add=1");
}

TEST_CASE("the rate staggers workers and spaces their ops", "[generator]") {
  auto workload = make_workload("register", {});
  GeneratorOptions go;
  go.concurrency = 4;
  go.rate = 100;  // each worker every 40 ms, worker i starts i * 10 ms late
  Generator gen(*workload, go);
  auto start = Clock::now();
  auto s0 = gen.schedule(0, start);
  auto s3 = gen.schedule(3, start);
  CHECK(s3.due() - s0.due() == std::chrono::milliseconds(30));
  auto before = s0.due();
  s0.next();
  CHECK(s0.due() - before == std::chrono::milliseconds(40));
  go.rate = 0;
  Generator unlimited(*workload, go);
  CHECK(unlimited.schedule(1, start).due() == Clock::time_point::min());
}

TEST_CASE("register workers share a key per group and move on together", "[workload]") {
  WorkloadOptions wo;
  wo.concurrency = 6;
  wo.workers_per_key = 3;
  wo.ops_per_key = 4;
  RegisterWorkload w(wo);
  Rng rng(1);
  CHECK(w.invocation(0, "read", rng).key == w.invocation(2, "write", rng).key);
  CHECK(w.invocation(0, "read", rng).key != w.invocation(3, "read", rng).key);
  std::set<std::string> keys;
  for (int i = 0; i < 12; ++i) keys.insert(w.invocation(i % 3, "cas", rng).key.get<std::string>());
  CHECK(keys.size() == 4);  // 2 + 12 ops on group 0, 4 per key
  auto cas = w.invocation(1, "cas", rng);
  REQUIRE(cas.value.is_array());
  CHECK(cas.value.size() == 2);
  CHECK(w.final_reads(1).at(0).f == "read");
  CHECK(w.checker()["model"] == "cas-register");
  CHECK_THROWS(w.invocation(0, "add", rng));
}

TEST_CASE("set adds are unique across workers", "[workload]") {
  WorkloadOptions wo;
  wo.concurrency = 3;
  SetWorkload w(wo);
  Rng rng(1);
  std::set<std::uint64_t> values;
  for (int i = 0; i < 30; ++i) values.insert(w.invocation(i % 3, "add", rng).value.get<std::uint64_t>());
  CHECK(values.size() == 30);
  CHECK(w.checker()["checker"] == "set-full");
  CHECK(w.final_reads(0).at(0).value.is_null());
}
