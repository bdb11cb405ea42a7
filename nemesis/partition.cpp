#include "nemesis/partition.h"

#include <algorithm>
#include <stdexcept>

#include "nemesis/iptables.h"

namespace faultline::nemesis {
namespace {

void cut(Grudge& g, const std::string& a, const std::string& b) {
  g[a].insert(b);
  g[b].insert(a);
}

// Every node of `a` cut from every node of `b`.
void cut_sides(Grudge& g, const std::vector<std::string>& a, const std::vector<std::string>& b) {
  for (const auto& x : a)
    for (const auto& y : b) cut(g, x, y);
}

class PartitionFault final : public Fault {
 public:
  PartitionFault(NodeControl& nodes, PartitionOptions options)
      : nodes_(nodes), options_(std::move(options)) {
    if (options_.modes.empty()) {
      options_.modes = {PartitionMode::kHalves, PartitionMode::kIsolate,
                        PartitionMode::kMajoritiesRing, PartitionMode::kBridge};
    }
  }

  std::string name() const override { return "partition"; }

  FaultEvent plan(Rng& rng) override {
    auto i = std::uniform_int_distribution<std::size_t>(0, options_.modes.size() - 1)(rng);
    PartitionMode mode = options_.modes[i];
    grudge_ = make_grudge(mode, nodes_.nodes(), rng);
    nlohmann::json grudge = nlohmann::json::object();
    for (const auto& [node, peers] : grudge_) grudge[node] = peers;
    return {"start-partition", {{"mode", to_string(mode)}, {"grudge", grudge}}};
  }

  void start() override {
    active_ = true;
    for (const auto& [node, peers] : grudge_) {
      std::string cmd;
      for (const auto& peer : peers) {
        if (!cmd.empty()) cmd += " && ";
        cmd += drop_from_command(nodes_.address(peer));
      }
      auto r = nodes_.exec(node, cmd);
      if (!r.ok()) throw std::runtime_error("partition on " + node + ": " + r.output);
    }
  }

  FaultEvent stop() override {
    heal();
    return {"stop-partition", "network healed"};
  }

  void heal() override {
    active_ = false;
    grudge_.clear();
    flush_input_rules(nodes_, "partition");
  }

  bool active() const override { return active_; }

 private:
  NodeControl& nodes_;
  PartitionOptions options_;
  Grudge grudge_;
  bool active_ = false;
};

}  // namespace

std::string to_string(PartitionMode mode) {
  switch (mode) {
    case PartitionMode::kHalves: return "halves";
    case PartitionMode::kIsolate: return "isolate";
    case PartitionMode::kMajoritiesRing: return "majorities-ring";
    case PartitionMode::kBridge: return "bridge";
  }
  return "halves";
}

PartitionMode parse_partition_mode(const std::string& name) {
  for (auto m : {PartitionMode::kHalves, PartitionMode::kIsolate, PartitionMode::kMajoritiesRing,
                 PartitionMode::kBridge}) {
    if (to_string(m) == name) return m;
  }
  throw std::invalid_argument("unknown partition mode '" + name +
                              "' (halves, isolate, majorities-ring, bridge)");
}

Grudge make_grudge(PartitionMode mode, const std::vector<std::string>& nodes, Rng& rng) {
  std::vector<std::string> shuffled = nodes;
  std::shuffle(shuffled.begin(), shuffled.end(), rng);
  std::size_t n = shuffled.size();
  Grudge g;
  if (n < 2) return g;
  switch (mode) {
    case PartitionMode::kHalves: {
      std::vector<std::string> a(shuffled.begin(), shuffled.begin() + n / 2);
      std::vector<std::string> b(shuffled.begin() + n / 2, shuffled.end());
      cut_sides(g, a, b);
      break;
    }
    case PartitionMode::kIsolate: {
      std::vector<std::string> rest(shuffled.begin() + 1, shuffled.end());
      cut_sides(g, {shuffled[0]}, rest);
      break;
    }
    case PartitionMode::kMajoritiesRing: {
      // In the shuffled ring, node i hears the `reach` nearest nodes on each side, the fewest
      // that with itself make a majority (n/2 + 1 nodes); it drops the others.
      std::size_t reach = (n / 2) / 2 + (n / 2) % 2;  // neighbours on each side, rounded up
      for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t j = 0; j < n; ++j) {
          std::size_t d = (i > j) ? i - j : j - i;
          d = std::min(d, n - d);
          if (i != j && d > reach) g[shuffled[i]].insert(shuffled[j]);
        }
      }
      break;
    }
    case PartitionMode::kBridge: {
      // shuffled[0..h) | bridge shuffled[h] | shuffled(h..n): the sides cannot talk.
      std::size_t h = (n - 1) / 2;
      std::vector<std::string> a(shuffled.begin(), shuffled.begin() + h);
      std::vector<std::string> b(shuffled.begin() + h + 1, shuffled.end());
      cut_sides(g, a, b);
      break;
    }
  }
  return g;
}

std::unique_ptr<Fault> make_partition_fault(NodeControl& nodes, PartitionOptions options) {
  return std::make_unique<PartitionFault>(nodes, std::move(options));
}

std::string drop_from_command(const std::string& peer_address) {
  // Addresses come from the cluster configuration; quoted all the same.
  std::string quoted = "'";
  for (char c : peer_address) {
    if (c == '\'') quoted += "'\\''"; else quoted += c;
  }
  quoted += "'";
  return "iptables -w -A INPUT -s " + quoted + " -j DROP";
}

}  // namespace faultline::nemesis
