// One whole `faultline run`: Jepsen's test lifecycle around the runner.
//   1. nodes: the user's (--nodes / --nodes-file, over SSH) or the local cluster, brought up
//      with `local_nodes` nodes when absent; the process joins its lab namespace;
//   2. store: store/<test-name>/<timestamp>/, test.json with the full configuration and seed;
//   3. db: teardown + setup on every node, wait until healthy (torn down again at the end);
//   4. run: generator, workers, nemesis (harness/runner/runner.h), history.jsonl;
//   5. node logs into <run>/<node>/; check in-process; results.json; report.html;
//   6. a summary on `out`; the return value is the verdict's exit code (checker/verdict.h).
// SIGINT/SIGTERM wind the run down (healed, everything written, still checked).
// Errors: bad options throw std::invalid_argument (exit 254 at the CLI); anything that fails
// before the history exists propagates; after it, failures are logged and the run still
// writes what it can.
// Thread-safety: call from the main thread, before any other thread exists (joining the lab
// namespace must happen before threads are started).
#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "harness/control/control_options.h"

namespace faultline::harness {

struct TestOptions {
  std::string db = "etcd";
  std::string workload = "register";
  std::string nemesis;                // "partition,kill,pause,loss"; empty: none
  double nemesis_interval_s = 5;
  std::vector<std::string> partition_modes;  // empty: all
  double loss_probability = 0.2;
  double time_limit_s = 60;
  unsigned concurrency = 0;           // 0: 2 per node
  double rate = 100;                  // ops/s over all workers; 0 unlimited
  std::optional<std::uint64_t> seed;  // none: drawn from std::random_device, then recorded
  std::string read_consistency = "linearizable";  // or "serializable"
  std::string op_mix;                 // empty: the workload's
  unsigned ops_per_key = 100;
  unsigned workers_per_key = 3;
  double request_timeout_s = 1;
  double quiet_s = 5;
  double check_time_limit_s = 300;
  RealClusterOptions real;            // nodes and nodes_file empty: the local cluster
  int local_nodes = 3;
  std::string local_state_dir;        // empty: LocalClusterOptions' default
  std::string local_prefix;           // empty: LocalClusterOptions' default
  std::string store_dir = "store";
  std::string test_name;              // empty: "<db>-<workload>"
  bool progress = true;
};

// Returns the exit code: 0 valid, 1 invalid, 2 unknown.
int run_test(const TestOptions& options, std::ostream& out, std::ostream& err);

}  // namespace faultline::harness
