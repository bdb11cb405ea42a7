// simulate() runs a simulated service with concurrent processes and records the history.
//
// Each process loops: think, invoke, then the operation takes effect at a random point strictly
// inside its invoke-completion window (its linearization point), then completes. The service
// applies operations in linearization-point order, so without a bug the history is
// linearizable. An op completes as fail (it did not take effect) or info (it took effect or
// not, at random) at the rates in SimOptions; after info the process continues under a fresh
// process id (the old id plus `processes`), as Jepsen does. `time` is strictly increasing
// nanoseconds; `index` is the position; `key` is set when keys > 1.
//
// Deterministic: the same options give the same ops. Thread-safety: reentrant; no shared state.
#pragma once

#include <functional>

#include "history/history.h"
#include "history/op.h"
#include "sim/sim_options.h"

namespace faultline::sim {

// What the simulation knows about the bugs it planted, for tests.
struct SimReport {
  std::size_t ops = 0;         // ops emitted (invokes and completions)
  std::size_t bugs_shown = 0;  // operations on which the service showed its bug
};

using OpSink = std::function<void(const history::Op&)>;

// Streams the ops to `sink` in history order (nothing is kept: fit for millions of ops).
// Throws std::invalid_argument for bad options.
SimReport simulate(const SimOptions& options, const OpSink& sink);

// The whole history in memory; path is "sim:<workload>:<seed>", lines is empty.
history::History simulate(const SimOptions& options, SimReport* report = nullptr);

}  // namespace faultline::sim
