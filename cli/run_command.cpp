// `faultline run`: runs one test against a database under faults (harness/runner/test_run.h).
// This file only maps options; the lifecycle lives in the harness library.
#include <iostream>
#include <stdexcept>

#include "checker/verdict.h"
#include "cli/commands.h"
#include "harness/control/control_options.h"
#include "harness/runner/test_run.h"

namespace faultline::cli {

void add_run_command(CLI::App& app, int& exit_code) {
  auto* sub = app.add_subcommand(
      "run",
      "Run a test: clients and a nemesis against a database, then check the history.\n"
      "Without --nodes/--nodes-file it uses the local cluster (brought up with 3 nodes when "
      "absent). Files go to STORE/<test-name>/<timestamp>/; see docs/running.md.");
  auto o = std::make_shared<harness::TestOptions>();
  auto seed = std::make_shared<std::uint64_t>(0);
  sub->add_option("--db", o->db, "database under test")->capture_default_str()->check(CLI::IsMember({"etcd"}));
  sub->add_option("--workload", o->workload, "register | set")->capture_default_str()->check(CLI::IsMember({"register", "set"}));
  sub->add_option("--nemesis", o->nemesis, "faults, comma separated: partition,kill,pause,loss (default none)");
  sub->add_option("--nemesis-interval", o->nemesis_interval_s, "seconds between fault starts and stops")->capture_default_str();
  sub->add_option("--partition-modes", o->partition_modes, "halves,isolate,majorities-ring,bridge (default all)")->delimiter(',');
  sub->add_option("--loss-probability", o->loss_probability, "drop probability of the loss fault")->capture_default_str();
  sub->add_option("--time-limit", o->time_limit_s, "seconds of the main phase")->capture_default_str();
  sub->add_option("--concurrency", o->concurrency, "workers (default 2 per node)");
  sub->add_option("--rate", o->rate, "ops/s over all workers, 0 = unlimited")->capture_default_str();
  auto* seed_opt = sub->add_option("--seed", *seed, "seed of the generator and nemesis (default random, recorded in test.json)");
  sub->add_option("--read-consistency", o->read_consistency, "linearizable | serializable (unsafe)")->capture_default_str()->check(CLI::IsMember({"linearizable", "serializable"}));
  sub->add_option("--op-mix", o->op_mix, "f=weight,... (default the workload's)");
  sub->add_option("--ops-per-key", o->ops_per_key, "register: ops on a key before moving on")->capture_default_str();
  sub->add_option("--request-timeout", o->request_timeout_s, "seconds per client request")->capture_default_str();
  sub->add_option("--quiet", o->quiet_s, "seconds with no ops between healing and the final reads")->capture_default_str();
  sub->add_option("--check-time-limit", o->check_time_limit_s, "seconds the checker may take before saying unknown")->capture_default_str();
  sub->add_option("--nodes", o->real.nodes, "real cluster: n1,n2,... (name or name=address)");
  sub->add_option("--nodes-file", o->real.nodes_file, "real cluster: file with one node per line");
  sub->add_option("--username", o->real.username, "SSH user")->capture_default_str();
  sub->add_option("--ssh-key", o->real.ssh_key, "SSH private key");
  sub->add_option("--ssh-port", o->real.ssh_port, "SSH port")->capture_default_str();
  sub->add_option("--local-nodes", o->local_nodes, "nodes of the local cluster when it must be brought up")->capture_default_str();
  sub->add_option("--cluster-state-dir", o->local_state_dir, "local cluster: its state dir (as cluster --state-dir)");
  sub->add_option("--cluster-prefix", o->local_prefix, "local cluster: its name prefix (as cluster --prefix)");
  sub->add_option("--store", o->store_dir, "store directory")->capture_default_str();
  sub->add_option("--test-name", o->test_name, "test name (default <db>-<workload>)");
  sub->add_flag("!--no-progress", o->progress, "no progress line on stderr");
  sub->callback([o, seed, seed_opt, &exit_code] {
    if (seed_opt->count() > 0) o->seed = *seed;
    try {
      exit_code = harness::run_test(*o, std::cout, std::cerr);
    } catch (const std::invalid_argument& e) {
      std::cerr << "faultline run: " << e.what() << "\n";
      exit_code = checker::kExitBadInput;
    } catch (const std::exception& e) {
      std::cerr << "faultline run: " << e.what() << "\n";
      exit_code = checker::kExitInternal;
    }
  });
}

}  // namespace faultline::cli
