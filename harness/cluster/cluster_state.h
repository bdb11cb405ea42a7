// The state file of a local cluster: what `faultline cluster up` built, so that `down`, `status`
// and later `faultline run` processes can find it. JSON at <state_dir>/cluster.json.
//
// Invariants: every process the cluster started is listed with its host pid and its start time
// (field 22 of /proc/PID/stat), so that a pid reused by an unrelated process is never signalled.
// The file is written atomically (temporary file + rename): readers see the old or the new state.
// Thread-safety: plain values; the file functions are not synchronised between processes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "harness/control/ssh_options.h"

namespace faultline::harness {

// A process the cluster started, identified so that it is never confused with a reused pid.
struct TrackedProcess {
  int pid = 0;
  std::uint64_t start_time = 0;  // clock ticks since boot, /proc/PID/stat field 22

  bool operator==(const TrackedProcess&) const = default;
};

struct NodeState {
  NodeSpec spec;
  std::string netns;       // network namespace of the node, e.g. "fl-n1"
  std::string host_veth;   // its veth end on the lab bridge, e.g. "fl-v1"
  TrackedProcess launcher;  // `unshare` (PID, mount, UTS namespaces) started by ip netns exec
  TrackedProcess sshd;      // the node's sshd, PID 1 of the node's PID namespace

  bool operator==(const NodeState&) const = default;
};

struct ClusterState {
  std::string prefix;      // namespace and interface prefix, e.g. "fl-"
  std::string lab_netns;   // e.g. "fl-lab"
  std::string bridge;      // bridge inside the lab namespace, e.g. "fl-br"
  std::string subnet;      // e.g. "10.77.0" (a /24)
  std::string state_dir;
  SshOptions ssh;          // client key, known_hosts written by up
  std::vector<NodeState> nodes;

  bool operator==(const ClusterState&) const = default;
};

nlohmann::json to_json(const ClusterState& state);
// Throws std::runtime_error naming the missing or mistyped field.
ClusterState cluster_state_from_json(const nlohmann::json& j);

std::string state_file_path(const std::string& state_dir);
void write_state_file(const ClusterState& state);  // to state_file_path(state.state_dir)
// nullopt when there is no state file; throws std::runtime_error when it is unreadable.
std::optional<ClusterState> read_state_file(const std::string& state_dir);

}  // namespace faultline::harness
