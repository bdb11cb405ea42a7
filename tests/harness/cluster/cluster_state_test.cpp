// The local cluster's state file and pid tracking, without root.
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "harness/cluster/cluster_state.h"
#include "harness/cluster/process_table.h"

using namespace faultline::harness;
namespace fs = std::filesystem;

namespace {

ClusterState sample(const std::string& dir) {
  ClusterState s;
  s.prefix = "fl-";
  s.lab_netns = "fl-lab";
  s.bridge = "fl-br";
  s.subnet = "10.77.0";
  s.state_dir = dir;
  s.ssh.private_key = dir + "/ssh/client_key";
  s.ssh.known_hosts = dir + "/ssh/known_hosts";
  for (int i = 1; i <= 2; ++i) {
    NodeState n;
    n.spec = {"n" + std::to_string(i), "10.77.0." + std::to_string(10 + i)};
    n.netns = "fl-n" + std::to_string(i);
    n.host_veth = "fl-v" + std::to_string(i);
    n.launcher = {1000 + i, 123456789012ULL + static_cast<unsigned>(i)};
    n.sshd = {2000 + i, 42};
    s.nodes.push_back(n);
  }
  return s;
}

struct TempDir {
  std::string path;
  TempDir() {
    std::string t = "/tmp/faultline-state-XXXXXX";
    path = ::mkdtemp(t.data());
  }
  ~TempDir() { fs::remove_all(path); }
};

}  // namespace

TEST_CASE("the cluster state survives a JSON round trip") {
  ClusterState s = sample("/run/faultline/x");
  CHECK(cluster_state_from_json(to_json(s)) == s);
}

TEST_CASE("the state file is written, read back, and absent after removal") {
  TempDir dir;
  CHECK_FALSE(read_state_file(dir.path).has_value());
  ClusterState s = sample(dir.path);
  write_state_file(s);
  auto back = read_state_file(dir.path);
  REQUIRE(back.has_value());
  CHECK(*back == s);
  // Atomic replace: no temporary file stays behind.
  int files = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir.path)) ++files;
  CHECK(files == 1);
}

TEST_CASE("a damaged state file is an error that names the problem") {
  TempDir dir;
  std::ofstream(state_file_path(dir.path)) << "{\"prefix\": \"fl-\"}";
  CHECK_THROWS_WITH(read_state_file(dir.path), Catch::Contains("lab_netns"));
  std::ofstream(state_file_path(dir.path)) << "{not json";
  CHECK_THROWS_WITH(read_state_file(dir.path), Catch::Contains("cluster.json"));
  auto j = to_json(sample(dir.path));
  j["nodes"][0]["sshd"]["pid"] = "twelve";
  CHECK_THROWS_WITH(cluster_state_from_json(j), Catch::Contains("\"pid\" has the wrong type"));
}

TEST_CASE("a tracked process is alive only while it is the same process") {
  auto self = track(::getpid());
  REQUIRE(self.has_value());
  CHECK(is_alive(*self));
  // Same pid, other start time: a reused pid, never to be signalled.
  CHECK_FALSE(is_alive(TrackedProcess{self->pid, self->start_time + 1}));
  CHECK_FALSE(is_alive(TrackedProcess{0, 0}));

  pid_t child = ::fork();
  if (child == 0) {
    ::pause();
    ::_exit(0);
  }
  auto tracked = track(child);
  REQUIRE(tracked.has_value());
  CHECK(is_alive(*tracked));
  auto children = child_pids(::getpid());
  CHECK(std::find(children.begin(), children.end(), child) != children.end());
  CHECK(kill_and_wait(*tracked, std::chrono::seconds(5)));
  CHECK_FALSE(is_alive(*tracked));
  CHECK(::waitpid(child, nullptr, WNOHANG) == -1);  // already reaped by kill_and_wait
}
