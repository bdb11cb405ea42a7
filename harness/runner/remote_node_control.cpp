#include "harness/runner/remote_node_control.h"

#include <stdexcept>

namespace faultline::harness {

RemoteNodeControl::RemoteNodeControl(std::vector<NodeSpec> nodes, RemoteFactory factory, Db& db,
                                     std::chrono::milliseconds command_timeout)
    : specs_(std::move(nodes)), factory_(std::move(factory)), db_(db), timeout_(command_timeout) {
  for (const auto& s : specs_) names_.push_back(s.name);
}

const NodeSpec& RemoteNodeControl::spec(const std::string& node) const {
  for (const auto& s : specs_)
    if (s.name == node) return s;
  throw std::invalid_argument("unknown node " + node);
}

Remote& RemoteNodeControl::remote(const std::string& node) {
  auto& r = remotes_[node];
  if (!r) r = factory_(spec(node));
  return *r;
}

std::string RemoteNodeControl::address(const std::string& node) const {
  return spec(node).address;
}

nemesis::CommandResult RemoteNodeControl::exec(const std::string& node,
                                               const std::string& command) {
  ExecResult r;
  try {
    r = remote(node).exec(command, timeout_);
  } catch (const RemoteError&) {
    remotes_.erase(node);  // reconnect next time
    throw;
  }
  return {r.ok() ? 0 : (r.exit_status == 0 ? -1 : r.exit_status), r.out + r.err};
}

void RemoteNodeControl::kill_db(const std::string& node) { db_.kill(remote(node), spec(node)); }
void RemoteNodeControl::start_db(const std::string& node) { db_.start(remote(node), spec(node)); }
void RemoteNodeControl::pause_db(const std::string& node) { db_.pause(remote(node), spec(node)); }
void RemoteNodeControl::resume_db(const std::string& node) {
  db_.resume(remote(node), spec(node));
}

}  // namespace faultline::harness
