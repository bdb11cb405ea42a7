// Pairing turns a history's events into operations: each client invoke is paired with the next
// completion of the same process (Jepsen's and Knossos's rule).
//
// Semantics: an `ok` operation happened; a `fail` operation certainly did not take effect; an
// `info` operation, or an invoke never completed, may take effect at any time after its invoke,
// or never. Nemesis ops (process kNemesisProcess) stay in the history but are never paired, so
// their `info` start and end events are not errors.
// Invariants of the result: in invoke order; invoke < completion when completed; outcome is kOk,
// kFail or kInfo; a process reused after an `info` completion starts a fresh operation.
// Thread-safety: a pure function.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "history/history.h"
#include "history/input_error.h"

namespace faultline::history {

inline constexpr std::size_t kNoCompletion = SIZE_MAX;

struct Operation {
  std::size_t invoke;      // position in History::ops
  std::size_t completion;  // position in History::ops, or kNoCompletion
  OpType outcome;          // kOk, kFail or kInfo (kInfo when never completed)

  bool completed() const { return completion != kNoCompletion; }
};

// Client operations only, in invoke order. Throws InputError naming the file and line of a
// completion without an invoke, or of a second invoke while the process has one pending.
std::vector<Operation> pair_operations(const History& history);

}  // namespace faultline::history
