#include "harness/cluster/cluster_state.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace faultline::harness {
namespace {

using nlohmann::json;

template <class T>
T field(const json& j, const char* name) {
  if (!j.is_object() || !j.contains(name)) {
    throw std::runtime_error(std::string("cluster state: missing field \"") + name + "\"");
  }
  try {
    return j.at(name).get<T>();
  } catch (const json::exception&) {
    throw std::runtime_error(std::string("cluster state: field \"") + name +
                             "\" has the wrong type");
  }
}

json process_json(const TrackedProcess& p) {
  return {{"pid", p.pid}, {"start_time", p.start_time}};
}

TrackedProcess process_from(const json& j) {
  return {field<int>(j, "pid"), field<std::uint64_t>(j, "start_time")};
}

}  // namespace

json to_json(const ClusterState& s) {
  json nodes = json::array();
  for (const auto& n : s.nodes) {
    nodes.push_back({{"name", n.spec.name},
                     {"address", n.spec.address},
                     {"netns", n.netns},
                     {"host_veth", n.host_veth},
                     {"launcher", process_json(n.launcher)},
                     {"sshd", process_json(n.sshd)}});
  }
  return {{"prefix", s.prefix},
          {"lab_netns", s.lab_netns},
          {"bridge", s.bridge},
          {"subnet", s.subnet},
          {"state_dir", s.state_dir},
          {"ssh",
           {{"username", s.ssh.username},
            {"private_key", s.ssh.private_key},
            {"known_hosts", s.ssh.known_hosts},
            {"port", s.ssh.port}}},
          {"nodes", nodes}};
}

ClusterState cluster_state_from_json(const json& j) {
  ClusterState s;
  s.prefix = field<std::string>(j, "prefix");
  s.lab_netns = field<std::string>(j, "lab_netns");
  s.bridge = field<std::string>(j, "bridge");
  s.subnet = field<std::string>(j, "subnet");
  s.state_dir = field<std::string>(j, "state_dir");
  json ssh = field<json>(j, "ssh");
  s.ssh.username = field<std::string>(ssh, "username");
  s.ssh.private_key = field<std::string>(ssh, "private_key");
  s.ssh.known_hosts = field<std::string>(ssh, "known_hosts");
  s.ssh.port = field<int>(ssh, "port");
  json nodes = field<json>(j, "nodes");
  if (!nodes.is_array()) throw std::runtime_error("cluster state: \"nodes\" is not an array");
  for (const auto& n : nodes) {
    NodeState node;
    node.spec.name = field<std::string>(n, "name");
    node.spec.address = field<std::string>(n, "address");
    node.netns = field<std::string>(n, "netns");
    node.host_veth = field<std::string>(n, "host_veth");
    node.launcher = process_from(field<json>(n, "launcher"));
    node.sshd = process_from(field<json>(n, "sshd"));
    s.nodes.push_back(std::move(node));
  }
  return s;
}

std::string state_file_path(const std::string& state_dir) { return state_dir + "/cluster.json"; }

void write_state_file(const ClusterState& state) {
  std::filesystem::create_directories(state.state_dir);
  std::string path = state_file_path(state.state_dir);
  std::string tmp = path + ".tmp." + std::to_string(::getpid());
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << to_json(state).dump(2) << "\n";
    out.flush();
    if (!out) throw std::runtime_error("cannot write " + tmp);
  }
  std::filesystem::rename(tmp, path);
}

std::optional<ClusterState> read_state_file(const std::string& state_dir) {
  std::string path = state_file_path(state_dir);
  std::ifstream in(path);
  if (!in) {
    if (!std::filesystem::exists(path)) return std::nullopt;
    throw std::runtime_error("cannot read " + path);
  }
  json j;
  try {
    j = json::parse(in);
  } catch (const json::parse_error& e) {
    throw std::runtime_error(path + ": " + e.what());
  }
  return cluster_state_from_json(j);
}

}  // namespace faultline::harness
