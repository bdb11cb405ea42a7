// The generator decides what each worker does and when (Jepsen's generator, specialised to
// the shape every faultline test has):
//
//   main phase   for time_limit: each worker draws an f from the op mix and asks the workload
//                for the invocation; the nemesis runs alongside (see harness/runner).
//   heal         the nemesis heals everything (no client ops are issued).
//   quiet        quiet_period with no ops, so the cluster recovers.
//   final reads  each worker performs the workload's final reads once.
//
// Rate: `rate` ops/s across all workers (0 = as fast as clients answer). Worker i issues every
// concurrency/rate seconds, its first op offset by i/rate so workers are staggered rather than
// in lock step. Determinism: worker i's random source is seeded from (seed, i), so with the
// same seed every worker draws the same sequence of functions and values.
// Thread-safety: a Generator is shared read-only; each WorkerSchedule belongs to one worker.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>

#include "clients/client.h"
#include "harness/generator/op_mix.h"
#include "harness/workload/workload.h"

namespace faultline::harness {

using Clock = std::chrono::steady_clock;

struct GeneratorOptions {
  unsigned concurrency = 6;
  double rate = 100;  // ops/s over all workers; 0 = unlimited
  std::chrono::milliseconds time_limit{60000};
  std::chrono::milliseconds quiet_period{5000};
  std::uint64_t seed = 0;
  OpMix mix;  // empty: the workload's default mix
};

// One worker's view of the generator: its random source and its next due time.
class WorkerSchedule {
 public:
  // Due time of the next op; Clock::time_point::min() when unlimited.
  Clock::time_point due() const { return due_; }
  // The next invocation, and moves the due time one period on.
  clients::Invocation next();
  unsigned worker() const { return worker_; }

 private:
  friend class Generator;
  WorkerSchedule(Workload& workload, const OpMix& mix, unsigned worker, std::uint64_t seed,
                 Clock::time_point due, Clock::duration period);
  Workload* workload_;
  const OpMix* mix_;
  unsigned worker_;
  Rng rng_;
  Clock::time_point due_;
  Clock::duration period_;
};

class Generator {
 public:
  Generator(Workload& workload, GeneratorOptions options);

  const GeneratorOptions& options() const { return options_; }
  const OpMix& mix() const { return mix_; }
  // The schedule of worker `worker` for a main phase that starts at `start`.
  WorkerSchedule schedule(unsigned worker, Clock::time_point start) const;

 private:
  Workload& workload_;
  GeneratorOptions options_;
  OpMix mix_;
};

// Worker i's seed: a splitmix64 step of the test seed and i, so neighbouring workers draw
// unrelated sequences.
std::uint64_t worker_seed(std::uint64_t seed, unsigned worker);

}  // namespace faultline::harness
