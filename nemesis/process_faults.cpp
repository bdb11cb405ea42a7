#include "nemesis/process_faults.h"

#include <functional>
#include <stdexcept>

namespace faultline::nemesis {
namespace {

// kill and pause differ only in the operations they call and their names.
class ProcessFault final : public Fault {
 public:
  using NodeOp = void (NodeControl::*)(const std::string&);

  ProcessFault(NodeControl& nodes, std::string name, NodeOp inject, NodeOp undo)
      : nodes_(nodes), name_(std::move(name)), inject_(inject), undo_(undo) {}

  std::string name() const override { return name_; }

  FaultEvent plan(Rng& rng) override {
    targets_ = random_subset(nodes_.nodes(), rng);
    return {"start-" + name_, {{"nodes", targets_}}};
  }

  void start() override {
    active_ = true;
    for (const auto& node : targets_) (nodes_.*inject_)(node);
  }

  FaultEvent stop() override {
    FaultEvent e{"stop-" + name_, {{"nodes", targets_}}};
    for (const auto& node : targets_) (nodes_.*undo_)(node);
    active_ = false;
    targets_.clear();
    return e;
  }

  void heal() override {
    std::string errors;
    for (const auto& node : nodes_.nodes()) {
      try {
        (nodes_.*undo_)(node);
      } catch (const std::exception& e) {
        errors += node + ": " + e.what() + "; ";
      }
    }
    active_ = false;
    targets_.clear();
    if (!errors.empty()) throw std::runtime_error("heal " + name_ + ": " + errors);
  }

  bool active() const override { return active_; }

 private:
  NodeControl& nodes_;
  std::string name_;
  NodeOp inject_;
  NodeOp undo_;
  std::vector<std::string> targets_;
  bool active_ = false;
};

}  // namespace

std::unique_ptr<Fault> make_kill_fault(NodeControl& nodes) {
  return std::make_unique<ProcessFault>(nodes, "kill", &NodeControl::kill_db,
                                        &NodeControl::start_db);
}

std::unique_ptr<Fault> make_pause_fault(NodeControl& nodes) {
  return std::make_unique<ProcessFault>(nodes, "pause", &NodeControl::pause_db,
                                        &NodeControl::resume_db);
}

}  // namespace faultline::nemesis
