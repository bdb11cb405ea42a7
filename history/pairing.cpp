#include "history/pairing.h"

#include <algorithm>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace faultline::history {
namespace {

std::string process_name(std::int64_t process) { return std::to_string(process); }

// Each process's pending invoke, as a position in the operations. Processes below kDense (all
// of faultline's and Jepsen's in practice) index a vector; any others go to a hash map.
class PendingTable {
 public:
  static constexpr std::size_t kNone = SIZE_MAX;

  // The slot of `process`, kNone when it has no pending invoke.
  std::size_t& slot(std::int64_t process) {
    if (static_cast<std::uint64_t>(process) < kDense) {
      const auto p = static_cast<std::size_t>(process);
      if (p >= dense_.size()) dense_.resize(std::max<std::size_t>(p + 1, 2 * dense_.size()), kNone);
      return dense_[p];
    }
    return sparse_.try_emplace(process, kNone).first->second;
  }

 private:
  static constexpr std::uint64_t kDense = 1u << 16;
  std::vector<std::size_t> dense_;
  std::unordered_map<std::int64_t, std::size_t> sparse_;
};

}  // namespace

std::vector<Operation> pair_operations(const History& history) {
  std::vector<Operation> operations;
  operations.reserve(history.ops.size() / 2 + 1);
  PendingTable pending;
  for (std::size_t i = 0; i < history.ops.size(); ++i) {
    const Op& op = history.ops[i];
    if (op.is_nemesis()) continue;
    std::size_t& open = pending.slot(op.process);
    if (op.type == OpType::kInvoke) {
      if (open != PendingTable::kNone) {
        throw InputError(history.path, history.line_of(i), 1,
                         "process " + process_name(op.process) +
                             " invokes again while its op from line " +
                             std::to_string(history.line_of(operations[open].invoke)) +
                             " is pending");
      }
      open = operations.size();
      operations.push_back(Operation{i, kNoCompletion, OpType::kInfo});
      continue;
    }
    if (open == PendingTable::kNone) {
      throw InputError(history.path, history.line_of(i), 1,
                       std::string(to_string(op.type)) + " completion of process " +
                           process_name(op.process) + " without an invoke");
    }
    Operation& operation = operations[open];
    operation.completion = i;
    operation.outcome = op.type;
    open = PendingTable::kNone;
  }
  return operations;
}

}  // namespace faultline::history
