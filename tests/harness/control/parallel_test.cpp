// on_nodes with in-memory Remotes: one thread per node, errors kept per node.
#include <catch2/catch.hpp>

#include <condition_variable>
#include <mutex>
#include <set>
#include <thread>

#include "harness/control/parallel.h"
#include "tests/harness/control/fake_remote.h"

using namespace faultline::harness;
using faultline::harness::testing::FakeRemote;

namespace {
std::vector<NodeSpec> three_nodes() { return {{"n1", "a1"}, {"n2", "a2"}, {"n3", "a3"}}; }
}  // namespace

TEST_CASE("on_nodes runs the function once per node, each on its own thread") {
  std::mutex mu;
  std::condition_variable all_in;
  int inside = 0;
  int saw_all = 0;
  std::set<std::thread::id> threads;
  std::set<std::string> seen;
  RemoteFactory factory = [](const NodeSpec& n) { return std::make_unique<FakeRemote>(n.name); };
  auto outcomes = on_nodes(three_nodes(), factory, [&](Remote& r, const NodeSpec& n) {
    std::unique_lock lock(mu);
    CHECK(r.node() == n.name);
    threads.insert(std::this_thread::get_id());
    seen.insert(n.name);
    // Each waits until all three are inside at once: true only if they run concurrently.
    ++inside;
    all_in.notify_all();
    if (all_in.wait_for(lock, std::chrono::seconds(5), [&] { return inside == 3; })) ++saw_all;
  });
  REQUIRE(outcomes.size() == 3);
  for (const auto& o : outcomes) CHECK(o.ok);
  CHECK(threads.size() == 3);
  CHECK(saw_all == 3);
  CHECK(seen == std::set<std::string>{"n1", "n2", "n3"});
  CHECK_NOTHROW(require_all_ok(outcomes, "noop"));
}

TEST_CASE("on_nodes keeps each node's error, from the factory or the function") {
  RemoteFactory factory = [](const NodeSpec& n) -> std::unique_ptr<Remote> {
    if (n.name == "n2") throw RemoteError("unreachable");
    return std::make_unique<FakeRemote>(n.name);
  };
  auto outcomes = on_nodes(three_nodes(), factory, [](Remote&, const NodeSpec& n) {
    if (n.name == "n3") throw std::runtime_error("boom");
  });
  CHECK(outcomes[0].ok);
  CHECK_FALSE(outcomes[1].ok);
  CHECK(outcomes[1].error == "unreachable");
  CHECK_FALSE(outcomes[2].ok);
  CHECK(outcomes[2].error == "boom");
  CHECK_THROWS_WITH(require_all_ok(outcomes, "setup"),
                    Catch::Contains("n2: unreachable") && Catch::Contains("n3: boom") &&
                        !Catch::Contains("n1"));
}
