// An in-memory NodeControl for the nemesis's unit tests: records every command and db
// operation, keeps per-node iptables rules and db state the way the real nodes would, and can
// be told to fail commands on one node.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "nemesis/node_control.h"

namespace faultline::nemesis::testing {

class FakeNodeControl final : public NodeControl {
 public:
  explicit FakeNodeControl(std::vector<std::string> nodes) : nodes_(std::move(nodes)) {
    for (const auto& n : nodes_) running[n] = true;
  }

  const std::vector<std::string>& nodes() const override { return nodes_; }
  std::string address(const std::string& node) const override { return "addr-" + node; }

  CommandResult exec(const std::string& node, const std::string& command) override {
    log.push_back(node + ": " + command);
    if (node == failing_node) return {1, "boom"};
    if (command.find("-F") != std::string::npos) rules[node].clear();
    else {
      // split "a && b" into rules
      std::size_t start = 0;
      while (true) {
        auto end = command.find(" && ", start);
        rules[node].push_back(command.substr(start, end - start));
        if (end == std::string::npos) break;
        start = end + 4;
      }
    }
    return {0, ""};
  }

  void kill_db(const std::string& node) override { log.push_back(node + ": kill"); running[node] = false; }
  void start_db(const std::string& node) override { log.push_back(node + ": start"); running[node] = true; }
  void pause_db(const std::string& node) override { log.push_back(node + ": pause"); paused.insert(node); }
  void resume_db(const std::string& node) override { log.push_back(node + ": resume"); paused.erase(node); }

  bool all_healed() const {
    for (const auto& [n, r] : rules) if (!r.empty()) return false;
    for (const auto& [n, up] : running) if (!up) return false;
    return paused.empty();
  }

  std::vector<std::string> log;
  std::map<std::string, std::vector<std::string>> rules;
  std::map<std::string, bool> running;
  std::set<std::string> paused;
  std::string failing_node;

 private:
  std::vector<std::string> nodes_;
};

}  // namespace faultline::nemesis::testing
