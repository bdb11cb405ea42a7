// NodeControl is what the nemesis may do to the nodes of the cluster under test: run a root
// shell command in a node (its network namespace, for iptables) and kill, start, pause or
// resume the database there. It is the nemesis's only seam to the world: the harness
// implements it with Remote + Db (harness/runner/remote_node_control.h), unit tests with an
// in-memory double that records commands.
//
// Contract: nodes() is fixed for the object's lifetime; address(node) is the address peers and
// clients use to reach `node` (what an iptables -s match needs). The db operations are
// idempotent (kill of a dead node, start of a running node, resume of a running node do
// nothing). Failures throw std::runtime_error (or a subclass).
// Thread-safety: none; the nemesis uses one NodeControl from one thread at a time.
#pragma once

#include <string>
#include <vector>

namespace faultline::nemesis {

struct CommandResult {
  int exit_status = -1;
  std::string output;  // stdout and stderr
  bool ok() const { return exit_status == 0; }
};

class NodeControl {
 public:
  virtual ~NodeControl() = default;

  virtual const std::vector<std::string>& nodes() const = 0;
  virtual std::string address(const std::string& node) const = 0;
  // `command` is a shell command line; arguments are already quoted by the caller.
  virtual CommandResult exec(const std::string& node, const std::string& command) = 0;

  virtual void kill_db(const std::string& node) = 0;
  virtual void start_db(const std::string& node) = 0;
  virtual void pause_db(const std::string& node) = 0;
  virtual void resume_db(const std::string& node) = 0;
};

}  // namespace faultline::nemesis
