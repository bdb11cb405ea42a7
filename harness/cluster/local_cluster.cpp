#include "harness/cluster/local_cluster.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "harness/cluster/host_command.h"
#include "harness/cluster/netns.h"
#include "harness/cluster/process_table.h"

namespace faultline::harness {
namespace fs = std::filesystem;
namespace {

using namespace std::chrono_literals;

constexpr int kMaxNodes = 200;

void require_root() {
  if (::geteuid() != 0) {
    throw NotRootError(
        "the local cluster needs root (network namespaces, veth pairs, sshd); run as root");
  }
}

std::string lab_name(const LocalClusterOptions& o) { return o.prefix + "lab"; }
std::string node_netns(const LocalClusterOptions& o, int i) {
  return o.prefix + "n" + std::to_string(i);
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::stringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

void write_file(const std::string& path, const std::string& text, fs::perms perms) {
  {
    std::ofstream out(path, std::ios::trunc | std::ios::binary);
    out << text;
    if (!out) throw std::runtime_error("cannot write " + path);
  }
  fs::permissions(path, perms);
}

// "ssh-ed25519 AAAA... comment" -> "ssh-ed25519 AAAA..."
std::string public_key_without_comment(const std::string& pub) {
  std::istringstream in(pub);
  std::string type, key;
  in >> type >> key;
  return type + " " + key;
}

std::string sshd_config(const ClusterState& s, const NodeState& n) {
  std::ostringstream c;
  c << "# faultline local cluster node " << n.spec.name << "\n"
    << "ListenAddress " << n.spec.address << "\n"
    << "Port 22\n"
    << "HostKey " << s.state_dir << "/ssh/host_key\n"
    << "AuthorizedKeysFile " << s.state_dir << "/ssh/authorized_keys\n"
    << "PidFile none\n"
    << "PermitRootLogin prohibit-password\n"
    << "PasswordAuthentication no\n"
    << "KbdInteractiveAuthentication no\n"
    << "UsePAM no\n"
    << "StrictModes no\n"
    << "UseDNS no\n"
    << "MaxSessions 100\n"
    << "MaxStartups 100\n"
    << "Subsystem sftp internal-sftp\n";
  return c.str();
}

// True when a TCP connection to address:22, made from the lab namespace, gets an SSH banner.
bool ssh_banner(const std::string& lab, const std::string& address, std::chrono::milliseconds t) {
  NetnsScope in_lab(lab);
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (fd < 0) return false;
  sockaddr_in sa{};
  sa.sin_family = AF_INET;
  sa.sin_port = htons(22);
  ::inet_pton(AF_INET, address.c_str(), &sa.sin_addr);
  bool ok = false;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&sa), sizeof sa) == 0 || errno == EINPROGRESS) {
    auto deadline = std::chrono::steady_clock::now() + t;
    std::string got;
    while (std::chrono::steady_clock::now() < deadline && got.size() < 4) {
      pollfd p{fd, POLLIN, 0};
      if (::poll(&p, 1, 50) <= 0) continue;
      char buf[64];
      ssize_t n = ::read(fd, buf, sizeof buf);
      if (n <= 0) break;
      got.append(buf, static_cast<size_t>(n));
    }
    ok = got.rfind("SSH-", 0) == 0;
  }
  ::close(fd);
  return ok;
}

// Processes whose network namespace is /run/netns/<name>: all of them were started by the
// cluster, since the namespace is the cluster's own.
std::vector<int> pids_in_netns(const std::string& name) {
  std::vector<int> pids;
  struct stat target {};
  if (::stat(("/run/netns/" + name).c_str(), &target) != 0) return pids;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator("/proc", ec)) {
    const std::string pid = e.path().filename();
    if (pid.find_first_not_of("0123456789") != std::string::npos) continue;
    struct stat st {};
    if (::stat(("/proc/" + pid + "/ns/net").c_str(), &st) != 0) continue;
    if (st.st_ino == target.st_ino && st.st_dev == target.st_dev) pids.push_back(std::stoi(pid));
  }
  return pids;
}

// The cluster's namespaces that exist now: the lab and <prefix>n<digits>.
std::vector<std::string> cluster_namespaces(const LocalClusterOptions& o) {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator("/run/netns", ec)) {
    std::string name = e.path().filename();
    if (name == lab_name(o)) {
      out.push_back(name);
      continue;
    }
    std::string node_prefix = o.prefix + "n";
    if (name.rfind(node_prefix, 0) != 0 || name.size() == node_prefix.size()) continue;
    if (name.find_first_not_of("0123456789", node_prefix.size()) == std::string::npos) {
      out.push_back(name);
    }
  }
  return out;
}

std::string comm_of(int pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/comm");
  std::string comm;
  std::getline(in, comm);
  return comm;
}

// The launcher is `ip netns exec` exec'ing unshare, which forks sh, which execs sshd.
std::optional<TrackedProcess> find_sshd(int launcher_pid, std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    for (int child : child_pids(launcher_pid)) {
      if (comm_of(child) == "sshd") return track(child);
    }
    std::this_thread::sleep_for(5ms);
  }
  return std::nullopt;
}

void validate(const LocalClusterOptions& o) {
  if (o.nodes < 1 || o.nodes > kMaxNodes) {
    throw std::invalid_argument("--nodes must be in 1.." + std::to_string(kMaxNodes));
  }
  if (o.prefix.empty() || o.prefix.size() > 6 ||
      o.prefix.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") != std::string::npos) {
    throw std::invalid_argument("cluster prefix must be 1-6 of [a-z0-9-]: " + o.prefix);
  }
  if (o.state_dir.empty() || o.state_dir == "/") {
    throw std::invalid_argument("bad cluster state dir: '" + o.state_dir + "'");
  }
}

}  // namespace

LocalCluster::LocalCluster(LocalClusterOptions options) : options_(std::move(options)) {
  validate(options_);
}

void LocalCluster::up() {
  require_root();
  become_subreaper();
  down();

  const auto& o = options_;
  ClusterState s;
  s.prefix = o.prefix;
  s.lab_netns = lab_name(o);
  s.bridge = o.prefix + "br";
  s.subnet = o.subnet;
  s.state_dir = fs::absolute(o.state_dir).lexically_normal().string();
  const std::string ssh_dir = s.state_dir + "/ssh";
  s.ssh.username = "root";
  s.ssh.private_key = ssh_dir + "/client_key";
  s.ssh.known_hosts = ssh_dir + "/known_hosts";
  s.ssh.port = 22;

  try {
    fs::create_directories(ssh_dir);
    fs::permissions(s.state_dir, fs::perms::owner_all);
    fs::permissions(ssh_dir, fs::perms::owner_all);
    for (const char* key : {"host_key", "client_key"}) {
      run_host_checked({"ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C",
                        "faultline-" + std::string(key), "-f", ssh_dir + "/" + key});
    }
    write_file(ssh_dir + "/authorized_keys", read_file(ssh_dir + "/client_key.pub"),
               fs::perms::owner_read | fs::perms::owner_write);
    const std::string host_pub = public_key_without_comment(read_file(ssh_dir + "/host_key.pub"));

    // The lab: a bridge every node's veth joins; the harness joins this namespace.
    run_host_checked({"ip", "netns", "add", s.lab_netns});
    write_state_file(s);  // from now on, a crash leaves something down() can find
    run_host_checked({"ip", "-n", s.lab_netns, "link", "set", "lo", "up"});
    run_host_checked({"ip", "-n", s.lab_netns, "link", "add", s.bridge, "type", "bridge"});
    run_host_checked({"ip", "-n", s.lab_netns, "addr", "add", o.subnet + ".1/24", "dev", s.bridge});
    run_host_checked({"ip", "-n", s.lab_netns, "link", "set", s.bridge, "up"});

    std::string known_hosts;
    for (int i = 1; i <= o.nodes; ++i) {
      NodeState n;
      n.spec = {"n" + std::to_string(i), o.subnet + "." + std::to_string(10 + i)};
      n.netns = node_netns(o, i);
      n.host_veth = o.prefix + "v" + std::to_string(i);
      known_hosts += n.spec.address + " " + host_pub + "\n";
      known_hosts += n.spec.name + " " + host_pub + "\n";
      run_host_checked({"ip", "netns", "add", n.netns});
      s.nodes.push_back(n);
      write_state_file(s);
      run_host_checked({"ip", "-n", s.lab_netns, "link", "add", n.host_veth, "type", "veth",
                        "peer", "name", "eth0", "netns", n.netns});
      run_host_checked({"ip", "-n", s.lab_netns, "link", "set", n.host_veth, "master", s.bridge});
      run_host_checked({"ip", "-n", s.lab_netns, "link", "set", n.host_veth, "up"});
      run_host_checked({"ip", "-n", n.netns, "link", "set", "lo", "up"});
      run_host_checked({"ip", "-n", n.netns, "addr", "add", n.spec.address + "/24", "dev", "eth0"});
      run_host_checked({"ip", "-n", n.netns, "link", "set", "eth0", "up"});
    }
    write_file(s.ssh.known_hosts, known_hosts, fs::perms::owner_read | fs::perms::owner_write);

    fs::create_directories("/run/sshd");  // sshd's privilege separation directory
    for (auto& n : s.nodes) {
      const std::string node_dir = s.state_dir + "/nodes/" + n.spec.name;
      fs::create_directories(node_dir);
      const std::string conf = node_dir + "/sshd_config";
      write_file(conf, sshd_config(s, n), fs::perms::owner_read | fs::perms::owner_write);
      // ip netns exec execs unshare; --kill-child ends the node's PID namespace with it.
      int launcher = spawn_detached(
          {"ip", "netns", "exec", n.netns, "unshare", "--pid", "--mount", "--uts", "--fork",
           "--kill-child", "--mount-proc", "sh", "-c",
           "hostname " + shell_quote(n.spec.name) + " && exec /usr/sbin/sshd -D -e -f " +
               shell_quote(conf)},
          node_dir + "/sshd.log");
      auto tracked = track(launcher);
      if (!tracked) throw std::runtime_error(n.spec.name + ": launcher exited at once");
      n.launcher = *tracked;
      write_state_file(s);
      auto sshd = find_sshd(launcher, 10s);
      if (!sshd) {
        throw std::runtime_error(n.spec.name + ": sshd did not start; see " + node_dir +
                                 "/sshd.log");
      }
      n.sshd = *sshd;
      write_state_file(s);
    }
    for (const auto& n : s.nodes) {
      auto deadline = std::chrono::steady_clock::now() + 15s;
      while (!ssh_banner(s.lab_netns, n.spec.address, 500ms)) {
        if (std::chrono::steady_clock::now() >= deadline) {
          throw std::runtime_error(n.spec.name + ": sshd does not answer on " + n.spec.address +
                                   ":22");
        }
        std::this_thread::sleep_for(20ms);
      }
    }
  } catch (...) {
    try {
      down();
    } catch (...) {
    }
    throw;
  }
}

void LocalCluster::down() {
  require_root();
  const auto& o = options_;
  if (auto s = read_state_file(o.state_dir)) {
    for (const auto& n : s->nodes) {
      // sshd is PID 1 of the node: killing it ends every process in the node.
      kill_and_wait(n.sshd, 5s);
      kill_and_wait(n.launcher, 5s);
    }
  }
  // Leftovers of a crashed up (no or partial state file): whatever still lives in the cluster's
  // own namespaces was started by it.
  // Only node namespaces: the lab holds harness processes (perhaps this one) that joined it.
  for (const auto& ns : cluster_namespaces(o)) {
    for (int pid : ns == lab_name(o) ? std::vector<int>{} : pids_in_netns(ns)) {
      if (pid == ::getpid()) continue;
      if (auto p = track(pid)) kill_and_wait(*p, 5s);
    }
    run_host_checked({"ip", "netns", "delete", ns});
  }
  std::error_code ec;
  for (const char* entry : {"cluster.json", "ssh", "nodes", "db"}) {
    fs::remove_all(fs::path(o.state_dir) / entry, ec);
  }
  fs::remove(o.state_dir, ec);  // only if empty
}

std::vector<NodeStatus> LocalCluster::status() const {
  std::vector<NodeStatus> out;
  auto s = read_state_file(options_.state_dir);
  if (!s) return out;
  for (const auto& n : s->nodes) {
    NodeStatus st;
    st.spec = n.spec;
    st.namespace_exists = netns_exists(n.netns);
    st.sshd_alive = is_alive(n.sshd);
    if (st.namespace_exists && netns_exists(s->lab_netns)) {
      st.ssh_answers = ssh_banner(s->lab_netns, n.spec.address, 1s);
    }
    if (st.sshd_alive) {
      // etcd runs in the node when a process named etcd shares sshd's PID namespace.
      std::error_code ec;
      auto node_pidns = fs::read_symlink("/proc/" + std::to_string(n.sshd.pid) + "/ns/pid", ec);
      for (const auto& e : fs::directory_iterator("/proc", ec)) {
        const std::string pid = e.path().filename();
        if (pid.find_first_not_of("0123456789") != std::string::npos) continue;
        if (comm_of(std::stoi(pid)) != "etcd") continue;
        std::error_code ec2;
        if (fs::read_symlink(e.path() / "ns/pid", ec2) == node_pidns && !ec2) {
          st.etcd_running = true;
          break;
        }
      }
    }
    out.push_back(st);
  }
  return out;
}

bool LocalCluster::is_up() const { return fs::exists(state_file_path(options_.state_dir)); }

ClusterState LocalCluster::state() const {
  auto s = read_state_file(options_.state_dir);
  if (!s) {
    throw std::runtime_error("no local cluster is up (no " + state_file_path(options_.state_dir) +
                             "); run `faultline cluster up`");
  }
  return *s;
}

std::vector<NodeSpec> LocalCluster::nodes() const {
  std::vector<NodeSpec> out;
  for (const auto& n : state().nodes) out.push_back(n.spec);
  return out;
}

SshOptions LocalCluster::ssh_options() const { return state().ssh; }

void LocalCluster::enter_lab_namespace() const { enter_netns(state().lab_netns); }

std::string LocalCluster::db_dir() const {
  return fs::absolute(options_.state_dir).lexically_normal().string() + "/db";
}

LocalClusterScope::LocalClusterScope(LocalClusterOptions options) : cluster_(std::move(options)) {
  cluster_.up();
}

LocalClusterScope::~LocalClusterScope() {
  try {
    cluster_.down();
  } catch (...) {
  }
}

}  // namespace faultline::harness
