// The shared view of a history that every time plot of a report draws from: client operations
// with their start, end and latency on one time axis, and the nemesis intervals shaded behind.
//
// Invariants: `operations` holds client operations only (no nemesis), in invoke order. When
// every client op carries a time, the axis is nanoseconds since the test started; otherwise
// (some EDN histories) the axis is the op index and `times_known` is false, so latencies are
// not meaningful and are left unset. An operation with no completion ends at `t_max`.
// Thread-safety: built once, then read-only.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "history/history.h"
#include "history/op.h"

namespace faultline::reports {

inline constexpr size_t kNoOp = static_cast<size_t>(-1);

struct TimedOperation {
  size_t invoke = 0;            // position in History::ops
  size_t completion = kNoOp;    // position in History::ops, or kNoOp when never completed
  history::OpType outcome = history::OpType::kInfo;  // ok, fail or info
  int64_t start = 0;            // on the report's time axis
  int64_t end = 0;
  std::optional<int64_t> latency_ns;  // only when times are known and the op completed
};

// A fault the nemesis held from `start` to `end` (start-X paired with stop-X by f name; an
// unclosed fault runs to the end of the history).
struct NemesisInterval {
  std::string name;   // "partition" for start-partition/stop-partition; "nemesis" for start/stop
  int64_t start = 0;
  int64_t end = 0;
  bool closed = true;
  std::string detail;  // the start op's value, as JSON text
};

struct TimelineData {
  std::vector<TimedOperation> operations;
  std::vector<NemesisInterval> nemesis;
  std::vector<std::string> nemesis_names;  // distinct names, in order of first appearance
  int64_t t_min = 0;
  int64_t t_max = 1;
  bool times_known = true;
  // Op::index of an invoke -> position in `operations`; for op references in results.json.
  std::unordered_map<int64_t, size_t> by_invoke_index;
  // Op::index -> position in History::ops.
  std::unordered_map<int64_t, size_t> by_op_index;
};

TimelineData build_timeline_data(const history::History& history);

// Position of the nemesis name in `nemesis_names`, used for a stable colour.
size_t nemesis_colour_slot(const TimelineData& data, const std::string& name);

}  // namespace faultline::reports
