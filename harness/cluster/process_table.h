// Host process inspection and signalling by tracked pid, the only way the cluster code ends
// processes (never by name). A TrackedProcess is alive when its pid exists, is not a zombie,
// and still has the recorded start time.
// Thread-safety: stateless functions over /proc; safe from any thread.
#pragma once

#include <chrono>
#include <optional>
#include <vector>

#include "harness/cluster/cluster_state.h"

namespace faultline::harness {

// The start time of `pid` (field 22 of /proc/PID/stat), nullopt if there is no such process.
std::optional<std::uint64_t> process_start_time(int pid);

// Identifies a running pid now, for tracking.
std::optional<TrackedProcess> track(int pid);

// Alive: exists, not a zombie, same start time.
bool is_alive(const TrackedProcess& p);

// Direct children of `pid` (from /proc/PID/task/*/children).
std::vector<int> child_pids(int pid);

// SIGKILLs the process if it is still the tracked one, reaps it if it is our child, and waits up
// to `timeout` until it is no longer alive. Returns true when it is gone.
bool kill_and_wait(const TrackedProcess& p, std::chrono::milliseconds timeout);

}  // namespace faultline::harness
