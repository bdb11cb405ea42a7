// etcd 3.4 as a Db: one member per node, formed as a static cluster of all nodes (the
// --initial-cluster flags), each started as a daemon with its own directory
// <base_dir>/<node name>/ holding data/, etcd.log and etcd.pid (nodes of the local cluster share
// the host filesystem, so the node name keeps them apart). The package etcd-server is installed
// with apt-get when `etcd` is absent.
//
// Thread-safety: immutable after construction; see Db.
#pragma once

#include <string>
#include <vector>

#include "harness/db/db.h"

namespace faultline::harness {

struct EtcdOptions {
  std::vector<NodeSpec> nodes;  // every member of the cluster
  std::string base_dir = "/var/lib/faultline/etcd";
  int client_port = 2379;
  int peer_port = 2380;
  std::string cluster_token = "faultline";
  std::string etcd_binary = "etcd";
  std::string etcdctl_binary = "etcdctl";
  // Prepended to the etcd command line, e.g. "faketime -f +0 " for a clock nemesis.
  std::string command_prefix;
};

class EtcdDb : public Db {
 public:
  explicit EtcdDb(EtcdOptions options);

  void setup(Remote& remote, const NodeSpec& node) override;
  void teardown(Remote& remote, const NodeSpec& node) override;
  void wait_healthy(Remote& remote, const NodeSpec& node,
                    std::chrono::milliseconds timeout) override;
  void kill(Remote& remote, const NodeSpec& node) override;
  void start(Remote& remote, const NodeSpec& node) override;
  void pause(Remote& remote, const NodeSpec& node) override;
  void resume(Remote& remote, const NodeSpec& node) override;
  bool is_running(Remote& remote, const NodeSpec& node) override;
  void collect_logs(Remote& remote, const NodeSpec& node, const std::string& local_dir) override;
  std::string client_url(const NodeSpec& node) const override;

  // Paths and the command lines it runs; public so tests can check their construction.
  std::string node_dir(const NodeSpec& node) const;
  std::string data_dir(const NodeSpec& node) const;
  std::string log_file(const NodeSpec& node) const;
  std::string pid_file(const NodeSpec& node) const;
  std::string peer_url(const NodeSpec& node) const;
  std::string initial_cluster() const;  // n1=http://a1:2380,n2=...
  std::string etcd_command(const NodeSpec& node) const;     // the etcd argv, quoted
  std::string start_command(const NodeSpec& node) const;    // daemonizes, writes the pidfile
  std::string etcdctl(const NodeSpec& node, const std::string& args) const;  // against node

  const EtcdOptions& options() const { return options_; }

 private:
  ExecResult run(Remote& remote, const std::string& command, std::chrono::milliseconds timeout,
                 const std::string& what);
  EtcdOptions options_;
};

}  // namespace faultline::harness
