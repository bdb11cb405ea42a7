#include "nemesis/nemesis.h"

#include <stdexcept>

#include "nemesis/process_faults.h"

namespace faultline::nemesis {
namespace {

using history::OpType;

const std::vector<std::string> kFaultNames = {"partition", "kill", "pause", "loss"};

}  // namespace

std::vector<std::string> parse_fault_list(const std::string& list) {
  std::vector<std::string> out;
  if (list.empty() || list == "none") return out;
  std::size_t start = 0;
  while (start <= list.size()) {
    std::size_t end = list.find(',', start);
    if (end == std::string::npos) end = list.size();
    std::string name = list.substr(start, end - start);
    bool known = false;
    for (const auto& k : kFaultNames) known = known || k == name;
    if (!known) {
      throw std::invalid_argument("unknown nemesis '" + name +
                                  "' (partition, kill, pause, loss, none)");
    }
    bool dup = false;
    for (const auto& o : out) dup = dup || o == name;
    if (!dup) out.push_back(name);
    start = end + 1;
  }
  return out;
}

Nemesis::Nemesis(NodeControl& nodes, NemesisOptions options)
    : nodes_(nodes), options_(std::move(options)), rng_(options_.seed) {
  for (const auto& name : options_.faults) {
    if (name == "partition") faults_.push_back(make_partition_fault(nodes_, options_.partition));
    else if (name == "kill") faults_.push_back(make_kill_fault(nodes_));
    else if (name == "pause") faults_.push_back(make_pause_fault(nodes_));
    else if (name == "loss") faults_.push_back(make_loss_fault(nodes_, options_.loss));
    else throw std::invalid_argument("unknown nemesis '" + name + "'");
  }
}

Nemesis::~Nemesis() = default;

std::string Nemesis::start_random(const NemesisRecorder& record) {
  if (faults_.empty() || active_ != nullptr) return "";
  auto i = std::uniform_int_distribution<std::size_t>(0, faults_.size() - 1)(rng_);
  Fault& fault = *faults_[i];
  FaultEvent event = fault.plan(rng_);
  record(OpType::kInvoke, event, std::nullopt);
  active_ = &fault;
  healed_ = false;
  try {
    fault.start();
    record(OpType::kInfo, event, std::nullopt);
  } catch (const std::exception& e) {
    record(OpType::kInfo, event, std::string(e.what()));
  }
  return fault.name();
}

void Nemesis::stop_active(const NemesisRecorder& record) {
  if (active_ == nullptr) return;
  Fault& fault = *active_;
  active_ = nullptr;
  FaultEvent planned{"stop-" + fault.name(), nullptr};
  record(OpType::kInvoke, planned, std::nullopt);
  try {
    record(OpType::kInfo, fault.stop(), std::nullopt);
  } catch (const std::exception& e) {
    record(OpType::kInfo, planned, std::string(e.what()));
  }
}

void Nemesis::heal_all(const NemesisRecorder& record) {
  stop_active(record);
  if (faults_.empty() || healed_) return;
  nlohmann::json kinds = nlohmann::json::array();
  for (const auto& f : faults_) kinds.push_back(f->name());
  FaultEvent event{"heal", kinds};
  record(OpType::kInvoke, event, std::nullopt);
  std::string errors;
  for (auto& f : faults_) {
    try {
      f->heal();
    } catch (const std::exception& e) {
      errors += std::string(e.what()) + "; ";
    }
  }
  healed_ = errors.empty();
  record(OpType::kInfo, event, errors.empty() ? std::nullopt : std::optional(errors));
}

void Nemesis::run(const NemesisSleeper& sleep, const NemesisRecorder& record) {
  while (!faults_.empty() && sleep(options_.interval)) {
    start_random(record);
    if (!sleep(options_.interval)) break;
    stop_active(record);
  }
  heal_all(record);
}

NemesisScope::~NemesisScope() {
  nemesis_.heal_all([](OpType, const FaultEvent&, const std::optional<std::string>&) {});
}

}  // namespace faultline::nemesis
