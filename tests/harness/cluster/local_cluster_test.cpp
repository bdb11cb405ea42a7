// The real local cluster (needs root): up with 3 nodes, libssh into each with strict host key
// checking, distinct hostnames, an exec timeout that fires, an SFTP round trip, a host key
// mismatch refused, idempotent up, and down leaving no namespaces and no processes.
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>

#include "harness/cluster/host_command.h"
#include "harness/cluster/local_cluster.h"
#include "harness/cluster/netns.h"
#include "harness/cluster/process_table.h"
#include "harness/control/parallel.h"
#include "harness/control/ssh_remote.h"

using namespace faultline::harness;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

LocalClusterOptions test_options() {
  LocalClusterOptions o;
  o.nodes = 3;
  o.prefix = "flt-";  // never the user's "fl-" cluster
  o.state_dir = "/run/faultline/test-local-cluster";
  return o;
}

std::vector<TrackedProcess> tracked_processes(const ClusterState& s) {
  std::vector<TrackedProcess> out;
  for (const auto& n : s.nodes) {
    out.push_back(n.launcher);
    out.push_back(n.sshd);
  }
  return out;
}

std::vector<std::string> namespaces_with_prefix(const std::string& prefix) {
  std::vector<std::string> out;
  std::istringstream list(run_host_checked({"ip", "netns", "list"}));
  std::string line;
  while (std::getline(list, line)) {
    if (line.rfind(prefix, 0) == 0) out.push_back(line.substr(0, line.find(' ')));
  }
  return out;
}

}  // namespace

TEST_CASE("the local cluster: up, ssh to every node, down leaves nothing") {
  REQUIRE(::geteuid() == 0);
  ClusterState state;
  {
    LocalClusterScope scope(test_options());  // downs the cluster even when a check throws
    LocalCluster& cluster = scope.cluster();
    state = cluster.state();
    REQUIRE(state.nodes.size() == 3);
    CHECK(namespaces_with_prefix("flt-").size() == 4);
    for (const auto& p : tracked_processes(state)) CHECK(is_alive(p));

    auto status = cluster.status();
    REQUIRE(status.size() == 3);
    for (const auto& s : status) {
      CHECK(s.namespace_exists);
      CHECK(s.sshd_alive);
      CHECK(s.ssh_answers);
      CHECK_FALSE(s.etcd_running);
    }

    NetnsScope in_lab(state.lab_netns);
    SshOptions ssh = cluster.ssh_options();
    REQUIRE_FALSE(ssh.accept_new_host_keys);  // strict host key checking

    SECTION("every node answers over libssh, with its own hostname and process table") {
      std::mutex mu;
      std::set<std::string> hostnames;
      auto outcomes = on_nodes(cluster.nodes(), ssh_factory(ssh), [&](Remote& r, const NodeSpec& n) {
        ExecResult h = r.exec("hostname", 10s);
        REQUIRE(h.ok());
        ExecResult ps = r.exec("cat /proc/1/comm; echo to-stderr >&2; exit 3", 10s);
        std::lock_guard lock(mu);
        CHECK(h.out == n.name + "\n");
        hostnames.insert(h.out);
        CHECK(ps.out == "sshd\n");  // PID 1 of the node is its sshd
        CHECK(ps.err == "to-stderr\n");
        CHECK(ps.exit_status == 3);
      });
      for (const auto& o : outcomes) CHECK(o.error == "");
      CHECK(hostnames.size() == 3);
    }

    SECTION("a command past its timeout is cut off and reported") {
      auto remote = connect_ssh(cluster.nodes()[0], ssh);
      auto start = std::chrono::steady_clock::now();
      ExecResult r = remote->exec("echo started; sleep 30", 1s);
      auto took = std::chrono::steady_clock::now() - start;
      CHECK(r.timed_out);
      CHECK(r.exit_status == -1);
      CHECK_FALSE(r.ok());
      CHECK(r.out == "started\n");
      CHECK(took < 5s);
      // The session is still usable afterwards.
      CHECK(remote->exec("true", 10s).ok());
    }

    SECTION("a large output on both streams does not stall") {
      auto remote = connect_ssh(cluster.nodes()[1], ssh);
      ExecResult r = remote->exec(
          "head -c 3000000 /dev/zero | tr '\\0' o; head -c 3000000 /dev/zero | tr '\\0' e >&2",
          30s);
      CHECK(r.ok());
      CHECK(r.out.size() == 3000000);
      CHECK(r.err.size() == 3000000);
    }

    SECTION("SFTP upload and download round trip") {
      auto remote = connect_ssh(cluster.nodes()[2], ssh);
      std::string local = state.state_dir + "/sftp-local";
      std::string back = state.state_dir + "/sftp-back";
      std::string payload;
      for (int i = 0; i < 200000; ++i) payload.push_back(static_cast<char>(i * 7 % 256));
      std::ofstream(local, std::ios::binary) << payload;
      remote->upload(local, "/tmp/faultline-sftp-test");
      ExecResult sum = remote->exec("wc -c < /tmp/faultline-sftp-test", 10s);
      CHECK(sum.out == "200000\n");
      remote->download("/tmp/faultline-sftp-test", back);
      remote->exec("rm -f /tmp/faultline-sftp-test", 10s);
      std::ifstream in(back, std::ios::binary);
      std::string got((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      CHECK(got == payload);
      fs::remove(local);
      fs::remove(back);
      CHECK_THROWS_AS(remote->download("/nonexistent/file", back), RemoteError);
    }

    SECTION("a host key that does not match known_hosts is refused") {
      std::string dir = state.state_dir + "/other";
      fs::create_directories(dir);
      run_host_checked({"ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir + "/key"});
      std::ifstream pub(dir + "/key.pub");
      std::string type, key;
      pub >> type >> key;
      const NodeSpec n1 = cluster.nodes()[0];
      std::ofstream(dir + "/known_hosts") << n1.address << " " << type << " " << key << "\n";
      SshOptions wrong = ssh;
      wrong.known_hosts = dir + "/known_hosts";
      wrong.connect_retries = 1;
      CHECK_THROWS_WITH(connect_ssh(n1, wrong), Catch::Contains("does not match known_hosts"));
      // Even accept_new_host_keys never accepts a changed key.
      wrong.accept_new_host_keys = true;
      CHECK_THROWS_WITH(connect_ssh(n1, wrong), Catch::Contains("does not match known_hosts"));

      SshOptions unknown = ssh;
      unknown.known_hosts = dir + "/empty_known_hosts";
      std::ofstream(unknown.known_hosts).flush();
      CHECK_THROWS_WITH(connect_ssh(n1, unknown), Catch::Contains("not in known_hosts"));
      unknown.accept_new_host_keys = true;  // explicit: admit and record it
      CHECK(connect_ssh(n1, unknown)->exec("true", 10s).ok());
      unknown.accept_new_host_keys = false;
      CHECK(connect_ssh(n1, unknown)->exec("true", 10s).ok());
      fs::remove_all(dir);
    }

    SECTION("a node that is unreachable fails after bounded retries") {
      SshOptions quick = ssh;
      quick.connect_timeout = 500ms;
      quick.connect_retries = 2;
      auto start = std::chrono::steady_clock::now();
      CHECK_THROWS_AS(connect_ssh({"ghost", "10.77.0.99"}, quick), RemoteError);
      CHECK(std::chrono::steady_clock::now() - start < 10s);
    }

    SECTION("up again is idempotent: the old processes are gone, the new cluster answers") {
      cluster.up();
      ClusterState again = cluster.state();
      for (const auto& p : tracked_processes(state)) CHECK_FALSE(is_alive(p));
      for (const auto& p : tracked_processes(again)) CHECK(is_alive(p));
      CHECK(namespaces_with_prefix("flt-").size() == 4);
      NetnsScope in_new_lab(again.lab_netns);  // up made a new lab namespace
      SshOptions fresh = cluster.ssh_options();  // new keys, new known_hosts
      CHECK(connect_ssh(cluster.nodes()[0], fresh)->exec("hostname", 10s).out == "n1\n");
      state = again;
    }
  }
  // The scope is gone: down ran.
  CHECK(namespaces_with_prefix("flt-").empty());
  for (const auto& p : tracked_processes(state)) CHECK_FALSE(is_alive(p));
  CHECK_FALSE(fs::exists(state_file_path(state.state_dir)));
}

TEST_CASE("the local cluster refuses to start without root") {
  REQUIRE(::geteuid() == 0);
  pid_t child = ::fork();
  if (child == 0) {
    if (::setgid(65534) != 0 || ::setuid(65534) != 0) ::_exit(3);
    try {
      LocalCluster(test_options()).up();
    } catch (const NotRootError&) {
      ::_exit(0);
    } catch (...) {
      ::_exit(2);
    }
    ::_exit(1);
  }
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
}

TEST_CASE("down cleans the leftovers of a crashed up without a state file") {
  REQUIRE(::geteuid() == 0);
  LocalClusterOptions o = test_options();
  LocalCluster cluster(o);
  cluster.down();
  // A half-built cluster: namespaces and a process inside one, but no state file.
  run_host_checked({"ip", "netns", "add", "flt-lab"});
  run_host_checked({"ip", "netns", "add", "flt-n1"});
  int pid = spawn_detached({"ip", "netns", "exec", "flt-n1", "sleep", "600"}, "/dev/null");
  auto sleeper = track(pid);
  REQUIRE(sleeper.has_value());
  std::this_thread::sleep_for(100ms);  // let ip enter the namespace and exec sleep
  cluster.down();
  CHECK(namespaces_with_prefix("flt-").empty());
  CHECK_FALSE(is_alive(*sleeper));
}
