// A history is the sequence of ops of one test run, in the order they happened (file order).
//
// Invariants after reading: ops[i].index == i; lines, when not empty, is parallel to ops and
// holds each op's 1-based source line (the line where the op starts: strictly increasing
// for JSONL, non-decreasing for EDN, where several ops may share a line). In-memory histories may leave lines
// empty. Thread-safety: a plain value; concurrent reads are safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "history/op.h"

namespace faultline::history {

struct History {
  std::string path;                  // where it was read from ("" when built in memory)
  std::vector<Op> ops;               // file order is history order; ops[i].index == i
  std::vector<std::uint64_t> lines;  // 1-based source line of each op; may be empty
  // Jepsen's and Knossos's convention, set by the EDN reader: a read whose reported value is nil
  // observed nothing and constrains nothing. In faultline's JSONL, and in memory, null is a value
  // like any other: a read of null after an acknowledged write of 1 is a lost or stale read.
  bool nil_read_unknown = false;

  // The source line of ops[i], or i + 1 when the history carries no line numbers.
  std::uint64_t line_of(std::size_t i) const { return i < lines.size() ? lines[i] : i + 1; }
};

}  // namespace faultline::history
