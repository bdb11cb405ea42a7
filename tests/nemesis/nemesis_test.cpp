// The nemesis over a fake NodeControl: grudges, commands, the schedule, determinism, healing.
#include <catch2/catch.hpp>

#include "nemesis/nemesis.h"
#include "nemesis/partition.h"
#include "tests/nemesis/fake_node_control.h"

using namespace faultline::nemesis;
using faultline::history::OpType;
using testing::FakeNodeControl;

namespace {

const std::vector<std::string> kFive = {"n1", "n2", "n3", "n4", "n5"};
const std::vector<std::string> kThree = {"n1", "n2", "n3"};

struct Recorded {
  OpType type;
  FaultEvent event;
  std::optional<std::string> error;
};

struct Log {
  std::vector<Recorded> events;
  NemesisRecorder recorder() {
    return [this](OpType t, const FaultEvent& e, const std::optional<std::string>& err) {
      events.push_back({t, e, err});
    };
  }
};

// A sleeper that lets the schedule run `steps` intervals, then stops it.
NemesisSleeper steps(int n) {
  return [n](std::chrono::milliseconds) mutable { return n-- > 0; };
}

bool symmetric(const Grudge& g) {
  for (const auto& [a, peers] : g)
    for (const auto& b : peers)
      if (!g.count(b) || !g.at(b).count(a)) return false;
  return true;
}

}  // namespace

TEST_CASE("grudges cut what each mode says", "[nemesis]") {
  Rng rng(7);
  auto halves = make_grudge(PartitionMode::kHalves, kFive, rng);
  CHECK(symmetric(halves));
  std::size_t small = 0;
  for (const auto& [n, peers] : halves) small += peers.size() == 3;
  CHECK(small == 2);  // the two nodes of the minority each drop the three others

  auto isolate = make_grudge(PartitionMode::kIsolate, kThree, rng);
  CHECK(symmetric(isolate));
  int isolated = 0;
  for (const auto& [n, peers] : isolate) isolated += peers.size() == 2;
  CHECK(isolated == 1);

  auto ring = make_grudge(PartitionMode::kMajoritiesRing, kFive, rng);
  CHECK(symmetric(ring));
  for (const auto& n : kFive) CHECK(ring[n].size() == 2);  // hears itself and 2 of 4: 3 of 5
  CHECK(make_grudge(PartitionMode::kMajoritiesRing, kThree, rng).empty());

  auto bridge = make_grudge(PartitionMode::kBridge, kFive, rng);
  CHECK(symmetric(bridge));
  CHECK(bridge.size() == 4);  // the bridge node drops nothing
  for (const auto& [n, peers] : bridge) CHECK(peers.size() == 2);
}

TEST_CASE("fault lists parse and reject unknown faults", "[nemesis]") {
  CHECK(parse_fault_list("partition,kill") == std::vector<std::string>{"partition", "kill"});
  CHECK(parse_fault_list("").empty());
  CHECK(parse_fault_list("none").empty());
  CHECK_THROWS_WITH(parse_fault_list("partition,clock"), Catch::Contains("clock"));
}

TEST_CASE("partition drops peer traffic with iptables and heals with -F", "[nemesis]") {
  FakeNodeControl nodes(kThree);
  NemesisOptions o;
  o.faults = {"partition"};
  o.partition.modes = {PartitionMode::kIsolate};
  o.seed = 3;
  Nemesis nemesis(nodes, o);
  Log log;
  nemesis.start_random(log.recorder());
  REQUIRE(log.events.size() == 2);
  CHECK(log.events[0].type == OpType::kInvoke);
  CHECK(log.events[0].event.f == "start-partition");
  CHECK(log.events[1].type == OpType::kInfo);
  CHECK(log.events[0].event.value["mode"] == "isolate");
  std::size_t total = 0;
  for (const auto& [n, r] : nodes.rules) {
    total += r.size();
    for (const auto& rule : r) CHECK(rule.rfind("iptables -w -A INPUT -s 'addr-n", 0) == 0);
  }
  CHECK(total == 4);  // isolated node drops 2 peers, each peer drops it
  nemesis.stop_active(log.recorder());
  CHECK(log.events[3].event.f == "stop-partition");
  CHECK(nodes.all_healed());
}

TEST_CASE("the schedule alternates start and stop and heals at the end", "[nemesis]") {
  FakeNodeControl nodes(kFive);
  NemesisOptions o;
  o.faults = {"partition", "kill", "pause", "loss"};
  o.seed = 42;
  Nemesis nemesis(nodes, o);
  Log log;
  nemesis.run(steps(7), log.recorder());  // start, stop, start, stop, start, stop, start, end
  std::vector<std::string> fs;
  for (const auto& r : log.events)
    if (r.type == OpType::kInfo) fs.push_back(r.event.f);
  REQUIRE(fs.size() == 9);  // 4 starts, 4 stops, 1 heal
  for (std::size_t i = 0; i < 8; ++i) {
    CHECK(fs[i].rfind(i % 2 == 0 ? "start-" : "stop-", 0) == 0);
  }
  CHECK(fs.back() == "heal");
  CHECK(nodes.all_healed());
}

TEST_CASE("the schedule is a function of the seed", "[nemesis]") {
  auto run = [](std::uint64_t seed) {
    FakeNodeControl nodes(kFive);
    NemesisOptions o;
    o.faults = {"partition", "kill", "pause", "loss"};
    o.seed = seed;
    Nemesis nemesis(nodes, o);
    Log log;
    nemesis.run(steps(12), log.recorder());
    return nodes.log;
  };
  CHECK(run(1) == run(1));
  CHECK(run(1) != run(2));
}

TEST_CASE("kill and pause stop and restart their targets", "[nemesis]") {
  FakeNodeControl nodes(kFive);
  NemesisOptions o;
  o.faults = {"kill"};
  Nemesis nemesis(nodes, o);
  Log log;
  nemesis.start_random(log.recorder());
  auto targets = log.events[0].event.value["nodes"];
  REQUIRE(!targets.empty());
  CHECK(targets.size() <= 3);
  for (const auto& t : targets) CHECK_FALSE(nodes.running[t.get<std::string>()]);
  nemesis.stop_active(log.recorder());
  CHECK(nodes.all_healed());

  FakeNodeControl paused(kThree);
  o.faults = {"pause"};
  Nemesis pauser(paused, o);
  pauser.start_random(log.recorder());
  CHECK_FALSE(paused.paused.empty());
  pauser.heal_all(log.recorder());
  CHECK(paused.all_healed());
}

TEST_CASE("a nemesis scope heals on an exception", "[nemesis]") {
  FakeNodeControl nodes(kThree);
  NemesisOptions o;
  o.faults = {"loss"};
  Nemesis nemesis(nodes, o);
  Log log;
  try {
    NemesisScope scope(nemesis);
    nemesis.start_random(log.recorder());
    CHECK_FALSE(nodes.all_healed());
    throw std::runtime_error("test body failed");
  } catch (const std::runtime_error&) {
  }
  CHECK(nodes.all_healed());
}

TEST_CASE("a failing node is recorded as the event's error, and healing goes on", "[nemesis]") {
  FakeNodeControl nodes(kThree);
  nodes.failing_node = "n2";
  NemesisOptions o;
  o.faults = {"loss"};
  o.seed = 5;
  Nemesis nemesis(nodes, o);
  Log log;
  nemesis.heal_all(log.recorder());
  REQUIRE(log.events.size() == 2);
  REQUIRE(log.events[1].error.has_value());
  CHECK_THAT(*log.events[1].error, Catch::Contains("n2"));
  nodes.failing_node.clear();
  nemesis.heal_all(log.recorder());  // not healed yet: runs again
  CHECK(log.events.size() == 4);
}
