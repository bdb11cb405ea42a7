#include "nemesis/loss.h"

#include <sstream>
#include <stdexcept>

#include "nemesis/iptables.h"

namespace faultline::nemesis {
namespace {

class LossFault final : public Fault {
 public:
  LossFault(NodeControl& nodes, LossOptions options) : nodes_(nodes), options_(options) {
    if (!(options_.probability > 0 && options_.probability <= 1)) {
      throw std::invalid_argument("loss probability must be in (0, 1]");
    }
  }

  std::string name() const override { return "loss"; }

  FaultEvent plan(Rng& rng) override {
    targets_ = random_subset(nodes_.nodes(), rng);
    return {"start-loss", {{"nodes", targets_}, {"probability", options_.probability}}};
  }

  void start() override {
    active_ = true;
    for (const auto& node : targets_) {
      auto r = nodes_.exec(node, loss_command(options_.probability));
      if (!r.ok()) throw std::runtime_error("loss on " + node + ": " + r.output);
    }
  }

  FaultEvent stop() override {
    FaultEvent e{"stop-loss", {{"nodes", targets_}}};
    heal();
    return e;
  }

  void heal() override {
    active_ = false;
    targets_.clear();
    flush_input_rules(nodes_, "loss");
  }

  bool active() const override { return active_; }

 private:
  NodeControl& nodes_;
  LossOptions options_;
  std::vector<std::string> targets_;
  bool active_ = false;
};

}  // namespace

std::string loss_command(double probability) {
  std::ostringstream s;
  s << "iptables -w -A INPUT -m statistic --mode random --probability " << probability
    << " -j DROP";
  return s.str();
}

std::unique_ptr<Fault> make_loss_fault(NodeControl& nodes, LossOptions options) {
  return std::make_unique<LossFault>(nodes, options);
}

}  // namespace faultline::nemesis
