#include "sim/simulate.h"

#include <algorithm>
#include <queue>
#include <vector>

#include "sim/rng.h"
#include "sim/service.h"

namespace faultline::sim {

namespace {

using history::Op;
using history::OpType;

// Timing, in nanoseconds: the gap between a process's ops and an op's invoke-completion window.
constexpr std::int64_t kMaxThinkNs = 2'000;
constexpr std::int64_t kMinLatencyNs = 2;
constexpr std::int64_t kMaxLatencyNs = 20'000;

enum class Fate : std::uint8_t { kOk, kFail, kInfo };
enum class Event : std::uint8_t { kInvoke, kApply, kComplete };

struct Worker {
  std::int64_t process = 0;
  std::size_t key = 0;
  Request request;
  Fate fate = Fate::kOk;
  bool info_applies = false;
  Response response;
};

struct Scheduled {
  std::int64_t time;
  std::uint64_t seq;  // ties broken by scheduling order
  std::uint32_t worker;
  Event event;
  bool operator>(const Scheduled& o) const { return time != o.time ? time > o.time : seq > o.seq; }
};

class Simulation {
 public:
  Simulation(const SimOptions& options, const OpSink& sink)
      : o_(options), sink_(sink), rng_(options.seed), service_(make_service(options)),
        workers_(options.processes) {
    for (std::size_t w = 0; w < workers_.size(); ++w) {
      workers_[w].process = static_cast<std::int64_t>(w);
      if (issued_ < o_.ops) schedule_invoke(static_cast<std::uint32_t>(w), 0);
    }
  }

  SimReport run() {
    while (!queue_.empty()) {
      const Scheduled s = queue_.top();
      queue_.pop();
      switch (s.event) {
        case Event::kInvoke: invoke(s.worker, s.time); break;
        case Event::kApply: apply(s.worker); break;
        case Event::kComplete: complete(s.worker, s.time); break;
      }
    }
    final_requests();
    return report_;
  }

 private:
  void schedule(std::int64_t time, std::uint32_t worker, Event event) {
    queue_.push({time, seq_++, worker, event});
  }
  void schedule_invoke(std::uint32_t w, std::int64_t now) {
    ++issued_;
    schedule(now + rng_.between(0, kMaxThinkNs), w, Event::kInvoke);
  }

  void invoke(std::uint32_t w, std::int64_t now) {
    Worker& worker = workers_[w];
    worker.key = o_.keys > 1 ? rng_.below(o_.keys) : 0;
    worker.request = service_->choose(rng_);
    worker.fate = rng_.chance(o_.fail_rate)   ? Fate::kFail
                  : rng_.chance(info_share()) ? Fate::kInfo
                                              : Fate::kOk;
    worker.info_applies = rng_.chance(0.5);
    emit(now, OpType::kInvoke, worker, worker.request.value);
    const std::int64_t latency = rng_.between(kMinLatencyNs, kMaxLatencyNs);
    schedule(now + rng_.between(1, latency - 1), w, Event::kApply);
    schedule(now + latency, w, Event::kComplete);
  }

  // info_rate is a share of all ops; the info draw happens only for ops that did not fail.
  double info_share() const { return o_.fail_rate >= 1 ? 0 : o_.info_rate / (1 - o_.fail_rate); }

  void apply(std::uint32_t w) {
    Worker& worker = workers_[w];
    if (worker.fate == Fate::kFail) return;
    if (worker.fate == Fate::kInfo && !worker.info_applies) return;
    const bool plant = worker.fate == Fate::kOk && plant_bug();
    worker.response = service_->apply(rng_, worker.key, worker.request, plant);
    if (worker.response.bug_shown) ++report_.bugs_shown;
  }

  bool plant_bug() {
    if (o_.bug == "none") return false;
    if (rng_.chance(o_.bug_rate)) return true;
    return report_.bugs_shown == 0 && issued_ >= o_.ops / 2;
  }

  void complete(std::uint32_t w, std::int64_t now) {
    Worker& worker = workers_[w];
    switch (worker.fate) {
      case Fate::kOk:
        emit(now, worker.response.type, worker, worker.response.value);
        break;
      case Fate::kFail:
        emit(now, OpType::kFail, worker, worker.request.value, "simulated failure");
        break;
      case Fate::kInfo:
        emit(now, OpType::kInfo, worker, worker.request.value, "simulated timeout");
        worker.process += static_cast<std::int64_t>(o_.processes);
        break;
    }
    if (issued_ < o_.ops) schedule_invoke(w, now);
  }

  void final_requests() {
    const Request request = service_->final_request();
    if (request.f.empty()) return;
    Worker& worker = workers_[0];
    for (std::size_t key = 0; key < o_.keys; ++key) {
      worker.key = key;
      worker.request = request;
      emit(last_time_ + 1, OpType::kInvoke, worker, request.value);
      const Response response = service_->apply(rng_, key, request, false);
      emit(last_time_ + 1, response.type, worker, response.value);
    }
  }

  void emit(std::int64_t time, OpType type, const Worker& worker, const nlohmann::json& value,
            const char* error = nullptr) {
    last_time_ = std::max(time, last_time_ + 1);
    op_.index = static_cast<std::int64_t>(report_.ops++);
    op_.time = last_time_;
    op_.type = type;
    op_.process = worker.process;
    op_.f = worker.request.f;
    op_.key = o_.keys > 1 ? nlohmann::json(worker.key) : nlohmann::json();
    op_.value = value;
    if (error) op_.error = error; else op_.error.reset();
    sink_(op_);
  }

  const SimOptions& o_;
  const OpSink& sink_;
  Rng rng_;
  std::unique_ptr<Service> service_;
  std::vector<Worker> workers_;
  std::priority_queue<Scheduled, std::vector<Scheduled>, std::greater<>> queue_;
  std::uint64_t seq_ = 0;
  std::size_t issued_ = 0;
  std::int64_t last_time_ = -1;
  Op op_;
  SimReport report_;
};

}  // namespace

SimReport simulate(const SimOptions& options, const OpSink& sink) {
  validate(options);
  return Simulation(options, sink).run();
}

history::History simulate(const SimOptions& options, SimReport* report) {
  history::History h;
  h.path = "sim:" + options.workload + ":" + std::to_string(options.seed);
  const SimReport r = simulate(options, [&h](const history::Op& op) { h.ops.push_back(op); });
  if (report) *report = r;
  return h;
}

}  // namespace faultline::sim
