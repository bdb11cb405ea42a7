#include "harness/db/etcd.h"

#include <filesystem>
#include <thread>

namespace faultline::harness {
namespace {

using namespace std::chrono_literals;

// Shell snippet: defines alive PID (exists and is not a zombie) and reads the pidfile into $pid.
std::string with_pid(const std::string& pid_file) {
  return "alive() { [ -r /proc/$1/stat ] && [ \"$(cut -d' ' -f3 /proc/$1/stat)\" != Z ]; }; "
         "pid=$(cat " + shell_quote(pid_file) + " 2>/dev/null); ";
}

}  // namespace

EtcdDb::EtcdDb(EtcdOptions options) : options_(std::move(options)) {
  if (options_.nodes.empty()) throw std::invalid_argument("etcd: no nodes");
}

std::string EtcdDb::node_dir(const NodeSpec& node) const {
  return options_.base_dir + "/" + node.name;
}
std::string EtcdDb::data_dir(const NodeSpec& node) const { return node_dir(node) + "/data"; }
std::string EtcdDb::log_file(const NodeSpec& node) const { return node_dir(node) + "/etcd.log"; }
std::string EtcdDb::pid_file(const NodeSpec& node) const { return node_dir(node) + "/etcd.pid"; }

std::string EtcdDb::client_url(const NodeSpec& node) const {
  return "http://" + node.address + ":" + std::to_string(options_.client_port);
}
std::string EtcdDb::peer_url(const NodeSpec& node) const {
  return "http://" + node.address + ":" + std::to_string(options_.peer_port);
}

std::string EtcdDb::initial_cluster() const {
  std::string out;
  for (const auto& n : options_.nodes) {
    if (!out.empty()) out += ",";
    out += n.name + "=" + peer_url(n);
  }
  return out;
}

std::string EtcdDb::etcd_command(const NodeSpec& node) const {
  // Listening on all addresses works for DNS names too (etcd binds only IPs); clients and peers
  // are told the node's own address.
  const std::vector<std::pair<std::string, std::string>> flags = {
      {"--name", node.name},
      {"--data-dir", data_dir(node)},
      {"--listen-client-urls", "http://0.0.0.0:" + std::to_string(options_.client_port)},
      {"--advertise-client-urls", client_url(node)},
      {"--listen-peer-urls", "http://0.0.0.0:" + std::to_string(options_.peer_port)},
      {"--initial-advertise-peer-urls", peer_url(node)},
      {"--initial-cluster", initial_cluster()},
      {"--initial-cluster-state", "new"},
      {"--initial-cluster-token", options_.cluster_token},
      {"--logger", "zap"},
      {"--log-outputs", "stderr"},
  };
  std::string cmd = options_.command_prefix + shell_quote(options_.etcd_binary);
  for (const auto& [flag, value] : flags) cmd += " " + flag + " " + shell_quote(value);
  return cmd;
}

std::string EtcdDb::start_command(const NodeSpec& node) const {
  // A running member is left alone. Otherwise etcd starts in its own session, detached from the
  // SSH channel (stdin, stdout, stderr redirected), and the pidfile gets its pid: setsid does
  // not fork here, since a background job of a non-interactive shell is no group leader.
  return with_pid(pid_file(node)) +
         "if [ -n \"$pid\" ] && alive \"$pid\"; then exit 0; fi; "
         "mkdir -p " + shell_quote(data_dir(node)) + " && cd " + shell_quote(node_dir(node)) +
         " && { setsid " + etcd_command(node) + " >>" + shell_quote(log_file(node)) +
         " 2>&1 </dev/null & echo $! > " + shell_quote(pid_file(node)) + "; }";
}

std::string EtcdDb::etcdctl(const NodeSpec& node, const std::string& args) const {
  return "ETCDCTL_API=3 " + shell_quote(options_.etcdctl_binary) +
         " --endpoints=" + shell_quote(client_url(node)) + " " + args;
}

ExecResult EtcdDb::run(Remote& remote, const std::string& command,
                       std::chrono::milliseconds timeout, const std::string& what) {
  ExecResult r = remote.exec(command, timeout);
  if (!r.ok()) {
    throw DbError(remote.node() + ": etcd " + what +
                  (r.timed_out ? " timed out" : " failed (exit " + std::to_string(r.exit_status) +
                                                    ")") +
                  ": " + r.err + r.out);
  }
  return r;
}

void EtcdDb::setup(Remote& remote, const NodeSpec& node) {
  const std::string bin = shell_quote(options_.etcd_binary);
  // The Debian package starts a host-wide etcd on install: disable it, it is not ours.
  run(remote,
      "command -v " + bin + " >/dev/null 2>&1 || { export DEBIAN_FRONTEND=noninteractive; "
      "apt-get update -q && apt-get install -y -q --no-install-recommends etcd-server "
      "etcd-client && { ! command -v systemctl >/dev/null || systemctl disable --now etcd "
      "|| true; }; }",
      10min, "install");
  run(remote, "mkdir -p " + shell_quote(data_dir(node)), 30s, "mkdir");
  start(remote, node);
}

void EtcdDb::teardown(Remote& remote, const NodeSpec& node) {
  kill(remote, node);
  run(remote, "rm -rf " + shell_quote(node_dir(node)), 60s, "wipe");
}

void EtcdDb::wait_healthy(Remote& remote, const NodeSpec& node,
                          std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  std::string last;
  for (;;) {
    ExecResult r = remote.exec(etcdctl(node, "--command-timeout=3s endpoint health"), 10s);
    if (r.ok()) return;
    last = r.timed_out ? "etcdctl timed out" : r.err + r.out;
    if (std::chrono::steady_clock::now() >= deadline) {
      throw DbError(node.name + ": etcd not healthy after " +
                    std::to_string(timeout.count()) + " ms: " + last);
    }
    std::this_thread::sleep_for(250ms);
  }
}

void EtcdDb::kill(Remote& remote, const NodeSpec& node) {
  // SIGKILL also ends a stopped (paused) process.
  run(remote,
      with_pid(pid_file(node)) +
          "[ -n \"$pid\" ] || exit 0; kill -9 \"$pid\" 2>/dev/null; i=0; "
          "while alive \"$pid\"; do i=$((i+1)); [ $i -le 200 ] || exit 1; sleep 0.05; done",
      30s, "kill");
}

void EtcdDb::start(Remote& remote, const NodeSpec& node) {
  run(remote, start_command(node), 30s, "start");
}

void EtcdDb::pause(Remote& remote, const NodeSpec& node) {
  run(remote, with_pid(pid_file(node)) + "[ -z \"$pid\" ] || ! alive \"$pid\" || kill -STOP \"$pid\"",
      30s, "pause");
}

void EtcdDb::resume(Remote& remote, const NodeSpec& node) {
  run(remote, with_pid(pid_file(node)) + "[ -z \"$pid\" ] || ! alive \"$pid\" || kill -CONT \"$pid\"",
      30s, "resume");
}

bool EtcdDb::is_running(Remote& remote, const NodeSpec& node) {
  ExecResult r =
      remote.exec(with_pid(pid_file(node)) + "[ -n \"$pid\" ] && alive \"$pid\"", 30s);
  if (r.timed_out) throw DbError(node.name + ": etcd status check timed out");
  return r.exit_status == 0;
}

void EtcdDb::collect_logs(Remote& remote, const NodeSpec& node, const std::string& local_dir) {
  std::filesystem::create_directories(local_dir);
  remote.download(log_file(node), (std::filesystem::path(local_dir) / "etcd.log").string());
}

}  // namespace faultline::harness
