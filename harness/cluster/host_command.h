// Running programs on the host (not on a node): `ip`, `ssh-keygen`, the node launchers. The
// only place the cluster code starts local processes, through Boost.Process.
//
// Each command runs in its own process group (bp::group), so a timeout ends the command and
// every grandchild it started, and stdout and stderr go to temporary files so a chatty command
// cannot stall on a full pipe. Commands get argv, never a shell line.
// Thread-safety: safe from any thread.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "harness/control/remote.h"

namespace faultline::harness {

// Runs argv[0] (looked up in PATH) with the rest as arguments and waits for it, at most
// `timeout`; then its group is killed and timed_out is set. Processes it left running after a
// normal exit (daemons it started) are left alone.
ExecResult run_host(const std::vector<std::string>& argv,
                    std::chrono::milliseconds timeout = std::chrono::seconds(30));

// Like run_host, but throws std::runtime_error with the command and its stderr unless it exits 0.
std::string run_host_checked(const std::vector<std::string>& argv,
                             std::chrono::milliseconds timeout = std::chrono::seconds(30));

// Starts a process that outlives the caller: its own process group, stdin from /dev/null,
// stdout and stderr appended to `log_path`, not killed when the caller exits. Returns its pid.
int spawn_detached(const std::vector<std::string>& argv, const std::string& log_path);

// Marks the calling process a child subreaper (PR_SET_CHILD_SUBREAPER), so orphans of the
// processes it starts are re-parented to it and can be reaped: PID 1 here does not reap them.
void become_subreaper();

}  // namespace faultline::harness
