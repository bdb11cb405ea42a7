// The nemesis: Jepsen's combined nemesis over the faults the user asked for
// (`--nemesis partition,kill,pause,loss`), and its schedule. Every `interval` it starts one
// fault chosen at random, and one `interval` later stops it; at the end of the main phase (or
// when asked to stop early) it stops what is active and heals every fault kind it holds.
// Every start and stop is reported to a recorder as an invoke then an info completion
// (process "nemesis", f "start-partition" / "stop-partition" ..., value = targets).
//
// Determinism: fault choice and targets come from one std::mt19937_64 seeded with
// options.seed, so a seed repeats the same schedule on the same nodes.
// Invariants: at most one fault is active at a time; after run() returns, or a NemesisScope
// ends, heal() has been called on every fault.
// Thread-safety: none; one thread (the runner's nemesis thread) owns a Nemesis.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "history/op.h"
#include "nemesis/fault.h"
#include "nemesis/loss.h"
#include "nemesis/partition.h"

namespace faultline::nemesis {

// "partition,kill" -> {"partition", "kill"}; "" or "none" -> {}. Throws std::invalid_argument
// naming an unknown fault.
std::vector<std::string> parse_fault_list(const std::string& list);

struct NemesisOptions {
  std::vector<std::string> faults;  // of "partition", "kill", "pause", "loss"
  std::chrono::milliseconds interval{5000};
  std::uint64_t seed = 0;
  PartitionOptions partition;
  LossOptions loss;
};

// type is kInvoke or kInfo; error is set when injecting or undoing failed.
using NemesisRecorder = std::function<void(history::OpType type, const FaultEvent& event,
                                           const std::optional<std::string>& error)>;
// Waits up to `duration`; returns false when the schedule must stop (main phase over, signal).
using NemesisSleeper = std::function<bool(std::chrono::milliseconds duration)>;

class Nemesis {
 public:
  Nemesis(NodeControl& nodes, NemesisOptions options);
  ~Nemesis();

  bool empty() const { return faults_.empty(); }
  const NemesisOptions& options() const { return options_; }

  // The schedule; returns after stop_all() and heal_all() once `sleep` returns false.
  void run(const NemesisSleeper& sleep, const NemesisRecorder& record);

  // Starts one random fault (none may be active). Returns its name.
  std::string start_random(const NemesisRecorder& record);
  // Stops the active fault, if any.
  void stop_active(const NemesisRecorder& record);
  // Stops the active fault, then heals every fault kind, recording a "heal" event pair.
  // Never throws: failures are recorded as the event's error.
  void heal_all(const NemesisRecorder& record);

 private:
  NodeControl& nodes_;
  NemesisOptions options_;
  Rng rng_;
  std::vector<std::unique_ptr<Fault>> faults_;
  Fault* active_ = nullptr;
  bool healed_ = false;  // nothing injected since the last successful heal_all
};

// Heals every fault when it ends, whatever the reason (exception, early return). The normal
// path calls Nemesis::run, which heals and records; this is the safety net.
class NemesisScope {
 public:
  explicit NemesisScope(Nemesis& nemesis) : nemesis_(nemesis) {}
  ~NemesisScope();
  NemesisScope(const NemesisScope&) = delete;
  NemesisScope& operator=(const NemesisScope&) = delete;

 private:
  Nemesis& nemesis_;
};

}  // namespace faultline::nemesis
