#include "history/pairing.h"

#include <string>
#include <unordered_map>

namespace faultline::history {
namespace {

std::string process_name(std::int64_t process) { return std::to_string(process); }

}  // namespace

std::vector<Operation> pair_operations(const History& history) {
  std::vector<Operation> operations;
  // process -> position in `operations` of its pending invoke
  std::unordered_map<std::int64_t, std::size_t> pending;
  for (std::size_t i = 0; i < history.ops.size(); ++i) {
    const Op& op = history.ops[i];
    if (op.is_nemesis()) continue;
    if (op.type == OpType::kInvoke) {
      const auto [it, fresh] = pending.try_emplace(op.process, operations.size());
      if (!fresh) {
        const Operation& open = operations[it->second];
        throw InputError(history.path, history.line_of(i), 1,
                         "process " + process_name(op.process) +
                             " invokes again while its op from line " +
                             std::to_string(history.line_of(open.invoke)) + " is pending");
      }
      operations.push_back(Operation{i, kNoCompletion, OpType::kInfo});
      continue;
    }
    const auto it = pending.find(op.process);
    if (it == pending.end()) {
      throw InputError(history.path, history.line_of(i), 1,
                       std::string(to_string(op.type)) + " completion of process " +
                           process_name(op.process) + " without an invoke");
    }
    Operation& operation = operations[it->second];
    operation.completion = i;
    operation.outcome = op.type;
    pending.erase(it);
  }
  return operations;
}

}  // namespace faultline::history
