// libFuzzer target: format detection, either reader, then pairing. Pairing must either name a
// line with InputError or return operations that keep its contract.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "history/pairing.h"
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv) {
  faultline::fuzz::write_seeds(*argc, *argv);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace faultline::history;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  History history;
  try {
    history = parse_history(text, "fuzz.history");
  } catch (const InputError&) {
    return 0;
  }
  try {
    const std::vector<Operation> operations = pair_operations(history);
    std::vector<bool> used(history.ops.size(), false);
    std::size_t last_invoke = 0;
    for (std::size_t i = 0; i < operations.size(); ++i) {
      const Operation& op = operations[i];
      FAULTLINE_FUZZ_CHECK(op.invoke < history.ops.size());
      FAULTLINE_FUZZ_CHECK(i == 0 || op.invoke > last_invoke);
      last_invoke = op.invoke;
      const Op& invoke = history.ops[op.invoke];
      FAULTLINE_FUZZ_CHECK(invoke.type == OpType::kInvoke && !invoke.is_nemesis());
      FAULTLINE_FUZZ_CHECK(!used[op.invoke]);
      used[op.invoke] = true;
      if (op.completed()) {
        FAULTLINE_FUZZ_CHECK(op.completion > op.invoke && op.completion < history.ops.size());
        FAULTLINE_FUZZ_CHECK(!used[op.completion]);
        used[op.completion] = true;
        const Op& completion = history.ops[op.completion];
        FAULTLINE_FUZZ_CHECK(completion.process == invoke.process);
        FAULTLINE_FUZZ_CHECK(completion.type == op.outcome && op.outcome != OpType::kInvoke);
      } else {
        FAULTLINE_FUZZ_CHECK(op.outcome == OpType::kInfo);
      }
    }
    // Every client op is part of exactly one operation.
    for (std::size_t i = 0; i < history.ops.size(); ++i) {
      FAULTLINE_FUZZ_CHECK(used[i] != history.ops[i].is_nemesis());
    }
  } catch (const InputError& e) {
    FAULTLINE_FUZZ_CHECK(e.line() >= 1 && e.line() <= history.lines.back());
  }
  return 0;
}
