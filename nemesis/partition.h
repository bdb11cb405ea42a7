// Network partitions, as Jepsen draws them. A grudge says, for each node, which peers it no
// longer hears from; the partition fault enforces it with `iptables -A INPUT -s PEER -j DROP`
// inside each node (its own network namespace) and heals with `iptables -F`. Cuts are
// symmetric. Only node-to-node traffic is dropped: clients and SSH still reach every node, so a
// client talking to an isolated node sees what that node believes.
//
// Modes (each chosen with the fault's random source):
//   halves          random halves: floor(n/2) nodes against the rest;
//   isolate         one random node against the rest;
//   majorities-ring every node sees a majority, no two the same (a no-op for n <= 3);
//   bridge          two halves joined by one node that sees both.
// Thread-safety: none (see Fault).
#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "nemesis/fault.h"

namespace faultline::nemesis {

enum class PartitionMode { kHalves, kIsolate, kMajoritiesRing, kBridge };

// "halves", "isolate", "majorities-ring", "bridge".
std::string to_string(PartitionMode mode);
// Throws std::invalid_argument for an unknown name.
PartitionMode parse_partition_mode(const std::string& name);

// node -> the peers whose packets it drops.
using Grudge = std::map<std::string, std::set<std::string>>;

Grudge make_grudge(PartitionMode mode, const std::vector<std::string>& nodes, Rng& rng);

struct PartitionOptions {
  // Modes to choose from, uniformly. Empty means all four.
  std::vector<PartitionMode> modes;
};

std::unique_ptr<Fault> make_partition_fault(NodeControl& nodes, PartitionOptions options = {});

// The commands the fault runs, public for tests and for the documentation.
std::string drop_from_command(const std::string& peer_address);

}  // namespace faultline::nemesis
