// EtcdDb's command construction, against a recording Remote, and its daemon handling (pidfile,
// kill, pause, resume, teardown) run by a real local shell with a stand-in etcd binary.
#include <catch2/catch.hpp>

#include <signal.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "harness/db/etcd.h"
#include "tests/harness/control/fake_remote.h"

using namespace faultline::harness;
using faultline::harness::testing::FakeRemote;
using faultline::harness::testing::LocalShellRemote;
namespace fs = std::filesystem;

namespace {

EtcdOptions three_node_options() {
  EtcdOptions o;
  o.nodes = {{"n1", "10.77.0.11"}, {"n2", "10.77.0.12"}, {"n3", "10.77.0.13"}};
  o.base_dir = "/var/lib/faultline/etcd";
  return o;
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace

TEST_CASE("etcd flags form a static cluster of all nodes") {
  EtcdDb db(three_node_options());
  NodeSpec n2{"n2", "10.77.0.12"};
  CHECK(db.client_url(n2) == "http://10.77.0.12:2379");
  CHECK(db.initial_cluster() ==
        "n1=http://10.77.0.11:2380,n2=http://10.77.0.12:2380,n3=http://10.77.0.13:2380");
  CHECK(db.node_dir(n2) == "/var/lib/faultline/etcd/n2");
  std::string cmd = db.etcd_command(n2);
  CHECK(contains(cmd, "--name 'n2'"));
  CHECK(contains(cmd, "--data-dir '/var/lib/faultline/etcd/n2/data'"));
  CHECK(contains(cmd, "--advertise-client-urls 'http://10.77.0.12:2379'"));
  CHECK(contains(cmd, "--initial-advertise-peer-urls 'http://10.77.0.12:2380'"));
  CHECK(contains(cmd, "--initial-cluster 'n1=http://10.77.0.11:2380,n2="));
  CHECK(contains(cmd, "--initial-cluster-state 'new'"));
  CHECK(contains(cmd, "--initial-cluster-token 'faultline'"));
  CHECK(contains(db.etcdctl(n2, "endpoint health"),
                 "ETCDCTL_API=3 'etcdctl' --endpoints='http://10.77.0.12:2379' endpoint health"));
}

TEST_CASE("setup installs when etcd is absent, makes the node's directory and starts it") {
  EtcdDb db(three_node_options());
  FakeRemote remote("n1");
  db.setup(remote, {"n1", "10.77.0.11"});
  REQUIRE(remote.commands.size() == 3);
  CHECK(contains(remote.commands[0], "command -v 'etcd'"));
  CHECK(contains(remote.commands[0], "apt-get install -y -q --no-install-recommends etcd-server"));
  CHECK(remote.commands[1] == "mkdir -p '/var/lib/faultline/etcd/n1/data'");
  CHECK(contains(remote.commands[2], "setsid 'etcd' --name 'n1'"));
  CHECK(contains(remote.commands[2], "> '/var/lib/faultline/etcd/n1/etcd.pid'"));
}

TEST_CASE("a failing node command becomes a DbError naming node and step") {
  EtcdDb db(three_node_options());
  FakeRemote remote("n3", [](const std::string&) {
    ExecResult r;
    r.exit_status = 100;
    r.err = "E: Unable to locate package etcd-server";
    return r;
  });
  CHECK_THROWS_WITH(db.setup(remote, {"n3", "10.77.0.13"}),
                    Catch::Contains("n3: etcd install failed (exit 100)") &&
                        Catch::Contains("Unable to locate package"));
}

TEST_CASE("the daemon lifecycle works in a real shell with a stand-in etcd") {
  std::string tmp_template = "/tmp/faultline-etcd-XXXXXX";
  const std::string dir = ::mkdtemp(tmp_template.data());
  struct Cleanup {
    std::string dir;
    ~Cleanup() { fs::remove_all(dir); }
  } cleanup{dir};
  // Logs a line, then sleeps like a server: only the pid handling is under test here.
  const std::string fake = dir + "/fake-etcd";
  std::ofstream(fake) << "#!/bin/sh\necho \"fake etcd $*\"\nexec sleep 600\n";
  fs::permissions(fake, fs::perms::owner_all);

  EtcdOptions o = three_node_options();
  o.base_dir = dir + "/nodes";
  o.etcd_binary = fake;
  EtcdDb db(o);
  NodeSpec n1{"n1", "10.77.0.11"};
  LocalShellRemote remote("n1");

  db.setup(remote, n1);
  REQUIRE(db.is_running(remote, n1));
  int pid = 0;
  std::ifstream(db.pid_file(n1)) >> pid;
  REQUIRE(pid > 0);
  auto state = [&] {
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string line;
    std::getline(stat, line);
    return line.substr(line.rfind(')') + 2, 1);
  };

  db.start(remote, n1);  // already running: no second daemon
  int again = 0;
  std::ifstream(db.pid_file(n1)) >> again;
  CHECK(again == pid);

  // Signals are delivered when the target next runs: on a loaded machine the state changes a
  // moment after kill returns, so wait (bounded) for it.
  auto wait_for = [&](auto done) {
    for (int i = 0; i < 500 && !done(state()); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return state();
  };
  db.pause(remote, n1);
  CHECK(wait_for([](const std::string& s) { return s == "T"; }) == "T");
  db.resume(remote, n1);
  CHECK(wait_for([](const std::string& s) { return s != "T"; }) != "T");

  db.kill(remote, n1);
  CHECK_FALSE(db.is_running(remote, n1));
  CHECK_NOTHROW(db.kill(remote, n1));    // idempotent
  CHECK_NOTHROW(db.pause(remote, n1));   // dead: nothing to pause
  CHECK_NOTHROW(db.resume(remote, n1));

  db.start(remote, n1);
  CHECK(db.is_running(remote, n1));
  const std::string logs = dir + "/collected";
  db.collect_logs(remote, n1, logs);
  std::ifstream log(logs + "/etcd.log");
  std::string first;
  std::getline(log, first);
  CHECK(contains(first, "fake etcd --name n1"));

  db.pause(remote, n1);
  db.teardown(remote, n1);  // kills even a paused daemon, wipes its directory
  CHECK_FALSE(db.is_running(remote, n1));
  CHECK_FALSE(fs::exists(db.node_dir(n1)));
}
