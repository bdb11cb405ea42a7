// The runner drives one test's phases (see harness/generator/generator.h): main phase with
// workers and the nemesis, heal, quiet, final reads. Each worker owns one client and records
// every invoke and completion through the Recorder; after an info completion it continues
// under a fresh process id (process + concurrency), as DESIGN.md requires. A client that
// throws yields an info completion carrying the exception's text.
//
// The nemesis runs on its own thread, which creates the NodeControl (one SSH session per node
// belongs to that thread) and always heals before the thread ends (NemesisScope), also when
// the run is stopped early by stop_requested() (SIGINT/SIGTERM) or an exception.
// A progress line goes to `progress` about every second: elapsed, ops, ok/fail/info, faults.
// Thread-safety: run() is called from one thread and starts and joins all others.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <ostream>
#include <vector>

#include "clients/client.h"
#include "harness/generator/generator.h"
#include "harness/runner/recorder.h"
#include "harness/workload/workload.h"
#include "nemesis/nemesis.h"

namespace faultline::harness {

struct RunnerOptions {
  GeneratorOptions generator;
  // Empty faults: no nemesis thread.
  nemesis::NemesisOptions nemesis;
  // Called on the nemesis thread; required when nemesis.faults is not empty.
  std::function<std::unique_ptr<nemesis::NodeControl>()> node_control;
  bool final_reads = true;
  std::ostream* progress = nullptr;  // null: no progress line
  std::chrono::milliseconds progress_interval{1000};
};

struct RunStats {
  OpCounts counts;                 // client ops, all phases
  std::uint64_t nemesis_events = 0;
  double main_seconds = 0;         // wall time of the main phase
  double throughput = 0;           // completions per second of the main phase
  double p50_ms = 0, p99_ms = 0;   // completion latency over all client ops
  bool interrupted = false;        // stop_requested() ended the run early
};

RunStats run(Workload& workload, clients::ClientFactory& clients, Recorder& recorder,
             const RunnerOptions& options);

// "[  12s] ops 1234 (ok 1000, fail 30, info 4) faults: partition isolate n2"
std::string progress_line(double elapsed_s, const OpCounts& counts, const std::string& faults);

}  // namespace faultline::harness
