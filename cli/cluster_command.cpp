#include <iostream>
#include <memory>

#include "checker/verdict.h"
#include "cli/commands.h"
#include "harness/cluster/local_cluster.h"

namespace faultline::cli {
namespace {

struct ClusterArgs {
  harness::LocalClusterOptions options;
};

void print_status(const harness::LocalCluster& cluster) {
  auto nodes = cluster.status();
  if (nodes.empty()) {
    std::cout << "no local cluster is up (state dir " << cluster.options().state_dir << ")\n";
    return;
  }
  std::cout << "node  address        namespace  sshd     ssh       etcd\n";
  for (const auto& n : nodes) {
    std::cout << n.spec.name << std::string(n.spec.name.size() < 6 ? 6 - n.spec.name.size() : 1, ' ')
              << n.spec.address
              << std::string(n.spec.address.size() < 15 ? 15 - n.spec.address.size() : 1, ' ')
              << (n.namespace_exists ? "present    " : "missing    ")
              << (n.sshd_alive ? "running  " : "dead     ")
              << (n.ssh_answers ? "answers   " : "silent    ")
              << (n.etcd_running ? "running" : "stopped") << "\n";
  }
  auto ssh = cluster.ssh_options();
  std::cout << "ssh: user " << ssh.username << ", key " << ssh.private_key << ", known_hosts "
            << ssh.known_hosts << "\n";
}

// Runs one action, translating the library's errors into exit codes.
template <class F>
int guarded(const char* what, F action) {
  try {
    action();
    return checker::kExitValid;
  } catch (const harness::NotRootError& e) {
    std::cerr << "faultline cluster " << what << ": " << e.what() << "\n";
    return checker::kExitBadInput;
  } catch (const std::invalid_argument& e) {
    std::cerr << "faultline cluster " << what << ": " << e.what() << "\n";
    return checker::kExitBadInput;
  } catch (const std::exception& e) {
    std::cerr << "faultline cluster " << what << ": " << e.what() << "\n";
    return checker::kExitInternal;
  }
}

}  // namespace

void add_cluster_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<ClusterArgs>();
  auto* sub = app.add_subcommand(
      "cluster",
      "Manage the local cluster: N nodes on this machine, each its own network, PID, mount and "
      "UTS namespace running sshd, joined by a bridge (needs root; see docs/cluster.md).");
  sub->require_subcommand(1);
  sub->add_option("--state-dir", args->options.state_dir, "Where the cluster's state lives")
      ->capture_default_str();
  sub->add_option("--prefix", args->options.prefix,
                  "Prefix of the cluster's namespace and interface names (1-6 of [a-z0-9-])")
      ->capture_default_str();

  auto* up = sub->add_subcommand("up", "Build the cluster (cleaning any earlier one first)");
  up->add_option("--nodes", args->options.nodes, "Number of nodes")
      ->check(CLI::Range(1, 200))
      ->capture_default_str();
  up->callback([args, &exit_code] {
    exit_code = guarded("up", [&] {
      harness::LocalCluster cluster(args->options);
      cluster.up();
      print_status(cluster);
    });
  });

  auto* down = sub->add_subcommand("down", "Stop every node process and delete the namespaces");
  down->callback([args, &exit_code] {
    exit_code = guarded("down", [&] {
      harness::LocalCluster cluster(args->options);
      cluster.down();
      std::cout << "local cluster down\n";
    });
  });

  auto* status = sub->add_subcommand("status", "Show each node, its sshd and its etcd");
  status->callback([args, &exit_code] {
    exit_code = guarded("status", [&] { print_status(harness::LocalCluster(args->options)); });
  });
}

}  // namespace faultline::cli
