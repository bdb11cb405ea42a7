// etcd on the real local cluster (needs root): setup, healthy, put/get through etcdctl on a node,
// kill -9 one node and restart it, pause and resume, logs collected, teardown wipes the data.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>

#include "harness/cluster/local_cluster.h"
#include "harness/cluster/netns.h"
#include "harness/control/ssh_remote.h"
#include "harness/db/etcd.h"

using namespace faultline::harness;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

TEST_CASE("etcd on the local cluster: setup, put/get, kill and restart, pause and resume") {
  REQUIRE(::geteuid() == 0);
  LocalClusterOptions o;
  o.nodes = 3;
  o.prefix = "fle-";
  o.state_dir = "/run/faultline/test-etcd-cluster";
  LocalClusterScope scope(o);
  LocalCluster& cluster = scope.cluster();
  NetnsScope in_lab(cluster.state().lab_netns);

  const auto nodes = cluster.nodes();
  const SshOptions ssh = cluster.ssh_options();
  EtcdOptions eo;
  eo.nodes = nodes;
  eo.base_dir = cluster.db_dir();
  EtcdDb db(eo);
  {
    DbScope etcd(db, nodes, ssh_factory(ssh), 60s);
    for (const auto& s : cluster.status()) CHECK(s.etcd_running);

    auto n1 = connect_ssh(nodes[0], ssh);
    auto n2 = connect_ssh(nodes[1], ssh);
    auto n3 = connect_ssh(nodes[2], ssh);
    ExecResult members = n1->exec(db.etcdctl(nodes[0], "member list"), 10s);
    REQUIRE(members.ok());
    for (const auto& n : nodes) CHECK(members.out.find(n.name) != std::string::npos);

    REQUIRE(n1->exec(db.etcdctl(nodes[0], "put k1 v1"), 10s).ok());
    CHECK(n3->exec(db.etcdctl(nodes[2], "get --print-value-only k1"), 10s).out == "v1\n");

    // kill -9 one node: the other two still hold a quorum.
    db.kill(*n2, nodes[1]);
    CHECK_FALSE(db.is_running(*n2, nodes[1]));
    CHECK_FALSE(cluster.status()[1].etcd_running);
    // If n2 led, the others elect a new leader first (election timeout 1 s): retry briefly.
    ExecResult put2;
    for (int attempt = 0; attempt < 10 && !put2.ok(); ++attempt) {
      put2 = n1->exec(db.etcdctl(nodes[0], "--command-timeout=2s put k2 v2"), 10s);
    }
    INFO(put2.err);
    REQUIRE(put2.ok());
    db.start(*n2, nodes[1]);
    db.wait_healthy(*n2, nodes[1], 30s);
    CHECK(n2->exec(db.etcdctl(nodes[1], "get --print-value-only k2"), 10s).out == "v2\n");

    // pause: the process stays, but does not answer; resume brings it back.
    db.pause(*n3, nodes[2]);
    CHECK(db.is_running(*n3, nodes[2]));
    ExecResult paused =
        n3->exec(db.etcdctl(nodes[2], "--command-timeout=1s endpoint health"), 10s);
    CHECK_FALSE(paused.ok());
    db.resume(*n3, nodes[2]);
    db.wait_healthy(*n3, nodes[2], 30s);
    CHECK(n3->exec(db.etcdctl(nodes[2], "get --print-value-only k2"), 10s).out == "v2\n");

    const std::string logs = o.state_dir + "/collected-logs";
    auto outcomes = collect_cluster_logs(db, nodes, ssh_factory(ssh), logs);
    for (const auto& oc : outcomes) CHECK(oc.error == "");
    for (const auto& n : nodes) CHECK(fs::file_size(logs + "/" + n.name + "/etcd.log") > 0);
    fs::remove_all(logs);

    etcd.teardown();
  }
  for (const auto& s : cluster.status()) CHECK_FALSE(s.etcd_running);
  for (const auto& n : nodes) CHECK_FALSE(fs::exists(db.node_dir(n)));
}
