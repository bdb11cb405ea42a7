// The runner with in-memory clients and a fake NodeControl: the history it writes, process
// renaming after info, the nemesis events and healing, stopping early.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <sstream>
#include <thread>

#include "clients/noop_client.h"
#include "harness/runner/runner.h"
#include "harness/runner/stop_signal.h"
#include "history/pairing.h"
#include "history/read.h"
#include "tests/nemesis/fake_node_control.h"

using namespace faultline;
using namespace faultline::harness;
using history::OpType;

namespace {

struct TempFile {
  std::string path;
  TempFile() {
    char tmpl[] = "/tmp/faultline-runner-XXXXXX";
    int fd = ::mkstemp(tmpl);
    ::close(fd);
    path = tmpl;
  }
  ~TempFile() { std::filesystem::remove(path); }
};

// Every third op of worker 0 ends in info.
class FlakyClient final : public clients::Client {
 public:
  void open() override {}
  void close() override {}
  clients::Completion invoke(const clients::Invocation& inv) override {
    clients::Completion c;
    c.type = (++n_ % 3 == 0) ? OpType::kInfo : OpType::kOk;
    if (c.type == OpType::kInfo) c.error = "timeout";
    c.value = inv.f == "read" ? nlohmann::json(nullptr) : inv.value;
    return c;
  }

 private:
  int n_ = 0;
};

class FlakyFactory final : public clients::ClientFactory {
 public:
  std::unique_ptr<clients::Client> make(unsigned worker) override {
    if (worker == 0) return std::make_unique<FlakyClient>();
    return std::make_unique<clients::NoopClient>();
  }
};

RunnerOptions options(std::chrono::milliseconds limit, nemesis::testing::FakeNodeControl* fake) {
  RunnerOptions o;
  o.generator.concurrency = 3;
  o.generator.rate = 300;
  o.generator.time_limit = limit;
  o.generator.quiet_period = std::chrono::milliseconds(10);
  o.generator.seed = 4;
  if (fake != nullptr) {
    o.nemesis.faults = {"partition", "kill", "pause", "loss"};
    o.nemesis.interval = std::chrono::milliseconds(100);
    o.node_control = [fake] {
      // The runner owns what the factory returns; hand it a forwarding wrapper.
      struct Forward final : nemesis::NodeControl {
        nemesis::testing::FakeNodeControl* f;
        explicit Forward(nemesis::testing::FakeNodeControl* x) : f(x) {}
        const std::vector<std::string>& nodes() const override { return f->nodes(); }
        std::string address(const std::string& n) const override { return f->address(n); }
        nemesis::CommandResult exec(const std::string& n, const std::string& c) override {
          return f->exec(n, c);
        }
        void kill_db(const std::string& n) override { f->kill_db(n); }
        void start_db(const std::string& n) override { f->start_db(n); }
        void pause_db(const std::string& n) override { f->pause_db(n); }
        void resume_db(const std::string& n) override { f->resume_db(n); }
      };
      return std::unique_ptr<nemesis::NodeControl>(new Forward(fake));
    };
  }
  return o;
}

}  // namespace

TEST_CASE("a run writes a well-formed, checkable history", "[runner]") {
  clear_stop();
  TempFile file;
  nemesis::testing::FakeNodeControl fake({"n1", "n2", "n3"});
  auto workload = make_workload("register", {.concurrency = 3});
  FlakyFactory factory;
  RunStats stats;
  {
    Recorder recorder(file.path);
    stats = run(*workload, factory, recorder, options(std::chrono::milliseconds(700), &fake));
  }
  auto h = history::read_history(file.path);
  auto ops = history::pair_operations(h);
  CHECK(stats.counts.ok > 50);
  CHECK(stats.counts.info > 5);
  CHECK(stats.counts.invoke == stats.counts.ok + stats.counts.fail + stats.counts.info);
  CHECK(stats.nemesis_events >= 4);
  CHECK_FALSE(stats.interrupted);
  CHECK(fake.all_healed());

  std::int64_t last_time = -1;
  std::set<std::int64_t> after_info;
  int nemesis_ops = 0, final_reads = 0;
  bool saw_heal = false;
  for (std::size_t i = 0; i < h.ops.size(); ++i) {
    const auto& op = h.ops[i];
    CHECK(op.index == static_cast<std::int64_t>(i));
    CHECK(op.time >= last_time);
    last_time = op.time;
    if (op.is_nemesis()) {
      ++nemesis_ops;
      saw_heal = saw_heal || op.f == "heal";
      continue;
    }
    CHECK(op.has_key());
    if (op.type == OpType::kInvoke) CHECK(after_info.count(op.process) == 0);
    if (op.type == OpType::kInfo) after_info.insert(op.process);
  }
  CHECK(nemesis_ops >= 4);
  CHECK(saw_heal);
  for (const auto& o : ops) final_reads += h.ops[o.invoke].process >= 3 ? 1 : 0;
  CHECK(final_reads > 0);  // worker 0 continued under processes 3, 6, ...
}

TEST_CASE("a stop request ends the run early, healed", "[runner]") {
  clear_stop();
  TempFile file;
  nemesis::testing::FakeNodeControl fake({"n1", "n2", "n3", "n4", "n5"});
  auto workload = make_workload("set", {.concurrency = 3});
  clients::NoopClientFactory factory;
  std::thread stopper([] {
    std::this_thread::sleep_for(std::chrono::milliseconds(350));
    request_stop();
  });
  RunStats stats;
  auto begin = Clock::now();
  {
    Recorder recorder(file.path);
    stats = run(*workload, factory, recorder, options(std::chrono::seconds(60), &fake));
  }
  stopper.join();
  clear_stop();
  CHECK(stats.interrupted);
  CHECK(Clock::now() - begin < std::chrono::seconds(30));
  CHECK(fake.all_healed());
  auto h = history::read_history(file.path);
  CHECK_NOTHROW(history::pair_operations(h));
  CHECK(h.ops.back().is_nemesis());  // healing is the last thing recorded
  CHECK(h.ops.back().f == "heal");
}

TEST_CASE("the progress line names counts and faults", "[runner]") {
  OpCounts c{10, 7, 2, 1};
  CHECK(progress_line(3.2, c, "") == "[    3s] ops 10 (ok 7, fail 2, info 1) faults: none");
  CHECK_THAT(progress_line(3.2, c, "partition isolate"), Catch::EndsWith("faults: partition isolate"));
}
