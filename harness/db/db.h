// A Db is the database under test as the harness sees it (Jepsen's DB protocol plus its Process,
// Pause and LogFiles protocols): how to install and start it on a node, tear it down, and the
// process-level faults the nemesis injects (kill, start, pause, resume).
//
// Every per-node method is given the Remote to use: the caller owns the session, so a nemesis or
// a setup thread keeps its own (one Remote per thread). Methods are idempotent where Jepsen's
// are: kill, pause or resume of a dead node and start of a running node are no-ops.
// Failure: a command that fails throws DbError (or RemoteError when the node is unreachable).
// Thread-safety: implementations hold only immutable configuration, so one Db may be used from
// many threads at once, each with its own Remote, on different nodes.
#pragma once

#include <chrono>
#include <stdexcept>
#include <string>
#include <vector>

#include "harness/control/parallel.h"
#include "harness/control/remote.h"
#include "harness/control/ssh_options.h"

namespace faultline::harness {

class DbError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Db {
 public:
  virtual ~Db() = default;

  // Installs if needed, writes configuration, starts the node's daemon. Called on all nodes in
  // parallel; does not wait for the cluster to form (see wait_healthy).
  virtual void setup(Remote& remote, const NodeSpec& node) = 0;
  // Stops the daemon and wipes its data, logs and pidfile.
  virtual void teardown(Remote& remote, const NodeSpec& node) = 0;
  // Blocks until the node serves requests as a member of a healthy cluster; throws DbError
  // after `timeout`.
  virtual void wait_healthy(Remote& remote, const NodeSpec& node,
                            std::chrono::milliseconds timeout) = 0;

  // Process faults, by pid from the daemon's pidfile.
  virtual void kill(Remote& remote, const NodeSpec& node) = 0;    // SIGKILL, waits until gone
  virtual void start(Remote& remote, const NodeSpec& node) = 0;   // restart with existing data
  virtual void pause(Remote& remote, const NodeSpec& node) = 0;   // SIGSTOP
  virtual void resume(Remote& remote, const NodeSpec& node) = 0;  // SIGCONT
  virtual bool is_running(Remote& remote, const NodeSpec& node) = 0;

  // Copies the node's log files into local_dir (created if needed).
  virtual void collect_logs(Remote& remote, const NodeSpec& node, const std::string& local_dir) = 0;

  // Where clients connect, e.g. http://10.77.0.11:2379.
  virtual std::string client_url(const NodeSpec& node) const = 0;
};

// Jepsen's db cycle: teardown then setup on every node in parallel, then wait until each node
// is healthy. Throws naming the failed nodes.
void setup_cluster(Db& db, const std::vector<NodeSpec>& nodes, const RemoteFactory& factory,
                   std::chrono::milliseconds healthy_timeout = std::chrono::seconds(60));
// Teardown on every node in parallel; throws naming the failed nodes.
void teardown_cluster(Db& db, const std::vector<NodeSpec>& nodes, const RemoteFactory& factory);
// Collects each node's logs into <local_dir>/<node name>; failures are returned, not thrown, so
// that a run still stores what it could.
std::vector<NodeOutcome> collect_cluster_logs(Db& db, const std::vector<NodeSpec>& nodes,
                                              const RemoteFactory& factory,
                                              const std::string& local_dir);

// setup_cluster on construction, teardown_cluster on destruction (errors then are swallowed:
// a destructor must not throw; call teardown() explicitly to see them).
class DbScope {
 public:
  DbScope(Db& db, std::vector<NodeSpec> nodes, RemoteFactory factory,
          std::chrono::milliseconds healthy_timeout = std::chrono::seconds(60));
  ~DbScope();
  DbScope(const DbScope&) = delete;
  DbScope& operator=(const DbScope&) = delete;

  void teardown();  // explicit, throwing; the destructor then does nothing

 private:
  Db& db_;
  std::vector<NodeSpec> nodes_;
  RemoteFactory factory_;
  bool torn_down_ = false;
};

}  // namespace faultline::harness
