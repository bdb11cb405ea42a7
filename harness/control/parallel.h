// Runs one function on every node at once, one thread and one Remote per node (a libssh session
// belongs to one thread), and reports per node whether it succeeded. Jepsen's `on-nodes`.
//
// Contract: `fn` is called exactly once per node, on its own thread, with a Remote for that node
// made by `factory` on that same thread. Exceptions from the factory or from `fn` are caught and
// recorded in that node's NodeOutcome; on_nodes itself only returns after every thread ended.
// Threads inherit the caller's network namespace (see LocalCluster::enter_lab_namespace).
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "harness/control/remote.h"
#include "harness/control/ssh_options.h"

namespace faultline::harness {

// Makes a connected Remote for a node. Tests pass a factory of in-memory doubles.
using RemoteFactory = std::function<std::unique_ptr<Remote>(const NodeSpec&)>;

// A factory that connects with connect_ssh and `options`.
RemoteFactory ssh_factory(SshOptions options);

struct NodeOutcome {
  NodeSpec node;
  bool ok = false;
  std::string error;  // what() of the exception, when !ok
};

using NodeFunction = std::function<void(Remote& remote, const NodeSpec& node)>;

// Outcomes are in the order of `nodes`.
std::vector<NodeOutcome> on_nodes(const std::vector<NodeSpec>& nodes, const RemoteFactory& factory,
                                  const NodeFunction& fn);

// Throws RemoteError naming every failed node and its error, prefixed by `what`.
void require_all_ok(const std::vector<NodeOutcome>& outcomes, const std::string& what);

}  // namespace faultline::harness
