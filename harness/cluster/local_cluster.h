// The local cluster: N nodes on one Linux machine, each a network namespace plus PID, mount and
// UTS namespaces (own hostname and process table), joined by veth pairs to a bridge that lives
// in a separate "lab" network namespace, each running its own sshd. The harness reaches the
// nodes only over SSH, as it would real machines (see docs/cluster.md).
//
// Layout, for prefix "fl-" and subnet "10.77.0":
//   lab namespace fl-lab, bridge fl-br with 10.77.0.1/24;
//   node i (1-based) = name n<i>, namespace fl-n<i>, address 10.77.0.<10+i>, veth fl-v<i>;
//   state in <state_dir>: cluster.json, ssh keys, known_hosts, per-node sshd config and logs.
//
// Invariants: every started process is tracked by pid + start time in the state file and is
// ended only that way; down() removes every namespace with the prefix; up() first removes the
// leftovers of any earlier cluster with the same prefix and state dir, so it is idempotent.
// Processes are detached: they outlive the process that called up().
// Needs root (throws NotRootError otherwise).
// Thread-safety: none; one LocalCluster object per process, used from one thread.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "harness/cluster/cluster_state.h"
#include "harness/control/ssh_options.h"

namespace faultline::harness {

class NotRootError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct LocalClusterOptions {
  int nodes = 5;  // 1..200
  // Where state lives. /run is a tmpfs that, like the namespaces, does not survive a reboot.
  std::string state_dir = "/run/faultline/cluster";
  // Prefix of every namespace and interface name (at most 6 characters). Tests use their own
  // prefix and state dir so they never touch a user's cluster.
  std::string prefix = "fl-";
  std::string subnet = "10.77.0";  // the /24, exists only inside the namespaces
};

struct NodeStatus {
  NodeSpec spec;
  bool namespace_exists = false;
  bool sshd_alive = false;     // the tracked sshd process is running
  bool ssh_answers = false;    // a TCP connect to port 22 gets the SSH banner
  bool etcd_running = false;   // a process named etcd runs in the node's PID namespace
};

class LocalCluster {
 public:
  explicit LocalCluster(LocalClusterOptions options = {});

  // Builds the cluster (after cleaning leftovers) and waits until every sshd answers.
  // Throws std::runtime_error (after cleaning up what it built) when a step fails.
  void up();

  // Kills every tracked process, deletes the namespaces and the state file. Safe to call when
  // nothing is up; works from the state file or, without one, from the namespace prefix.
  void down();

  // Per node, from the state file. Empty when no cluster is up.
  std::vector<NodeStatus> status() const;

  bool is_up() const;  // a state file exists

  // Read from the state file; throw std::runtime_error when no cluster is up.
  std::vector<NodeSpec> nodes() const;
  SshOptions ssh_options() const;  // root, the cluster's client key and known_hosts
  ClusterState state() const;

  // Moves the calling thread into the lab namespace so sockets reach the nodes' addresses.
  // Threads created afterwards inherit it: call it before starting any worker threads.
  void enter_lab_namespace() const;

  // A per-cluster directory for databases' data, logs and pidfiles on the shared filesystem:
  // <state_dir>/db. Nodes share the host filesystem, so databases add /<node name>.
  std::string db_dir() const;

  const LocalClusterOptions& options() const { return options_; }

 private:
  LocalClusterOptions options_;
};

// Up on construction, down on destruction (also when a test fails or throws).
class LocalClusterScope {
 public:
  explicit LocalClusterScope(LocalClusterOptions options);
  ~LocalClusterScope();
  LocalClusterScope(const LocalClusterScope&) = delete;
  LocalClusterScope& operator=(const LocalClusterScope&) = delete;

  LocalCluster& cluster() { return cluster_; }

 private:
  LocalCluster cluster_;
};

}  // namespace faultline::harness
