// Process faults on the database: kill (kill -9 a random subset, restart it on stop) and pause
// (SIGSTOP a random subset, SIGCONT on stop), through NodeControl's db operations.
// heal() restarts / resumes every node (those operations are idempotent).
// Thread-safety: none (see Fault).
#pragma once

#include <memory>

#include "nemesis/fault.h"

namespace faultline::nemesis {

std::unique_ptr<Fault> make_kill_fault(NodeControl& nodes);
std::unique_ptr<Fault> make_pause_fault(NodeControl& nodes);

}  // namespace faultline::nemesis
