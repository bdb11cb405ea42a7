#include "harness/runner/runner.h"

#include <algorithm>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <thread>

#include "harness/runner/stop_signal.h"

namespace faultline::harness {
namespace {

using history::Op;
using history::OpType;

// Phase changes, shared by the runner thread, the workers and the nemesis.
class PhaseGate {
 public:
  void end_main() {
    std::lock_guard lock(mutex_);
    main_over_ = true;
    cv_.notify_all();
  }
  bool main_over() const {
    std::lock_guard lock(mutex_);
    return main_over_;
  }
  // Waits until `deadline`, the end of the main phase or a stop request; false unless the
  // deadline passed while the main phase goes on.
  bool wait_until(Clock::time_point deadline) {
    std::unique_lock lock(mutex_);
    while (!main_over_ && !stop_requested()) {
      auto step = std::min(deadline, Clock::now() + std::chrono::milliseconds(50));
      cv_.wait_until(lock, step);
      if (Clock::now() >= deadline) return !main_over_ && !stop_requested();
    }
    return false;
  }

 private:
  mutable std::mutex mutex_;
  std::condition_variable cv_;
  bool main_over_ = false;
};

struct Worker {
  unsigned index = 0;
  std::int64_t process = 0;
  std::unique_ptr<clients::Client> client;
  std::vector<std::int64_t> latencies_ns;
};

void perform(Worker& w, const clients::Invocation& inv, Recorder& recorder, unsigned concurrency) {
  Op op;
  op.type = OpType::kInvoke;
  op.process = w.process;
  op.f = inv.f;
  op.key = inv.key;
  op.value = inv.value;
  std::int64_t t0 = recorder.record(op);
  clients::Completion c;
  try {
    c = w.client->invoke(inv);
  } catch (const std::exception& e) {
    c.type = OpType::kInfo;
    c.value = inv.value;
    c.error = std::string("client: ") + e.what();
  }
  op.type = c.type;
  // ok carries the client's value (what a read saw); fail and info keep the invocation's.
  op.value = c.type == OpType::kOk ? c.value : inv.value;
  op.error = c.error;
  std::int64_t t1 = recorder.record(std::move(op));
  w.latencies_ns.push_back(t1 - t0);
  if (c.type == OpType::kInfo) w.process += concurrency;
}

void main_phase(Worker& w, const Generator& gen, Recorder& recorder, PhaseGate& gate,
                Clock::time_point start) {
  WorkerSchedule sched = gen.schedule(w.index, start);
  while (true) {
    if (sched.due() > Clock::now()) gate.wait_until(sched.due());
    if (gate.main_over() || stop_requested()) break;
    perform(w, sched.next(), recorder, gen.options().concurrency);
  }
}

std::string describe_fault(const nemesis::FaultEvent& e) {
  std::string name = e.f.substr(e.f.find('-') + 1);
  if (e.value.is_object() && e.value.contains("mode")) {
    name += " " + e.value["mode"].get<std::string>();
  }
  if (e.value.is_object() && e.value.contains("nodes")) {
    for (const auto& n : e.value["nodes"]) name += " " + n.get<std::string>();
  }
  return name;
}

void nemesis_thread(const RunnerOptions& options, Recorder& recorder, PhaseGate& gate,
                    Clock::time_point main_end, std::uint64_t& events) {
  auto record = [&](OpType type, const nemesis::FaultEvent& e,
                    const std::optional<std::string>& error) {
    Op op;
    op.type = type;
    op.process = history::kNemesisProcess;
    op.f = e.f;
    op.value = e.value;
    op.error = error;
    recorder.record(std::move(op));
    ++events;
    if (type == OpType::kInfo) {
      bool starting = e.f.rfind("start-", 0) == 0;
      recorder.set_faults(starting ? describe_fault(e) : "");
    }
  };
  std::unique_ptr<nemesis::NodeControl> control;
  try {
    control = options.node_control();
  } catch (const std::exception& e) {
    record(OpType::kInfo, {"start-nemesis", nullptr}, std::string(e.what()));
    return;
  }
  nemesis::Nemesis nem(*control, options.nemesis);
  nemesis::NemesisScope scope(nem);
  auto sleep = [&](std::chrono::milliseconds d) {
    return gate.wait_until(std::min(Clock::now() + d, main_end));
  };
  nem.run(sleep, record);
}

double percentile(std::vector<std::int64_t>& v, double p) {
  if (v.empty()) return 0;
  std::size_t i = std::min(v.size() - 1, static_cast<std::size_t>(p * (v.size() - 1) + 0.5));
  std::nth_element(v.begin(), v.begin() + i, v.end());
  return v[i] / 1e6;
}

// Prints the progress line every interval until `done`.
class ProgressThread {
 public:
  ProgressThread(const RunnerOptions& o, Recorder& r) {
    if (o.progress == nullptr) return;
    thread_ = std::thread([this, &o, &r] {
      std::unique_lock lock(mutex_);
      while (!cv_.wait_for(lock, o.progress_interval, [this] { return done_; })) {
        double elapsed = r.now() / 1e9;
        *o.progress << progress_line(elapsed, r.counts(), r.faults()) << std::endl;
      }
    });
  }
  ~ProgressThread() {
    {
      std::lock_guard lock(mutex_);
      done_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
  }

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  bool done_ = false;
  std::thread thread_;
};

}  // namespace

std::string progress_line(double elapsed_s, const OpCounts& c, const std::string& faults) {
  char buf[160];
  std::snprintf(buf, sizeof buf, "[%5.0fs] ops %llu (ok %llu, fail %llu, info %llu) faults: ",
                elapsed_s, static_cast<unsigned long long>(c.ok + c.fail + c.info),
                static_cast<unsigned long long>(c.ok), static_cast<unsigned long long>(c.fail),
                static_cast<unsigned long long>(c.info));
  return buf + (faults.empty() ? std::string("none") : faults);
}

RunStats run(Workload& workload, clients::ClientFactory& clients, Recorder& recorder,
             const RunnerOptions& options) {
  Generator gen(workload, options.generator);
  const unsigned n = options.generator.concurrency;
  std::vector<Worker> workers(n);
  for (unsigned i = 0; i < n; ++i) {
    workers[i].index = i;
    workers[i].process = i;
    workers[i].client = clients.make(i);
    workers[i].client->open();
  }

  PhaseGate gate;
  ProgressThread progress(options, recorder);
  Clock::time_point start = Clock::now();
  Clock::time_point main_end = start + options.generator.time_limit;
  std::uint64_t nemesis_events = 0;
  std::thread nemesis;
  if (!options.nemesis.faults.empty()) {
    nemesis = std::thread(nemesis_thread, std::cref(options), std::ref(recorder), std::ref(gate),
                          main_end, std::ref(nemesis_events));
  }
  {
    std::vector<std::jthread> threads;
    for (auto& w : workers) {
      threads.emplace_back([&, start] { main_phase(w, gen, recorder, gate, start); });
    }
    gate.wait_until(main_end);
    gate.end_main();
  }
  Clock::time_point main_done = Clock::now();
  if (nemesis.joinable()) nemesis.join();  // healed when it returns

  bool interrupted = stop_requested();
  if (!interrupted && options.final_reads) {
    PhaseGate quiet;
    quiet.wait_until(Clock::now() + options.generator.quiet_period);
    if (!stop_requested()) {
      std::vector<std::jthread> threads;
      for (auto& w : workers) {
        threads.emplace_back([&] {
          for (const auto& inv : workload.final_reads(w.index)) perform(w, inv, recorder, n);
        });
      }
    }
  }
  for (auto& w : workers) w.client->close();

  RunStats stats;
  stats.counts = recorder.counts();
  stats.nemesis_events = nemesis_events;
  stats.main_seconds = std::chrono::duration<double>(main_done - start).count();
  std::vector<std::int64_t> all;
  for (auto& w : workers) all.insert(all.end(), w.latencies_ns.begin(), w.latencies_ns.end());
  stats.throughput = stats.main_seconds > 0 ? all.size() / stats.main_seconds : 0;
  stats.p50_ms = percentile(all, 0.50);
  stats.p99_ms = percentile(all, 0.99);
  stats.interrupted = interrupted || stop_requested();
  return stats;
}

}  // namespace faultline::harness
