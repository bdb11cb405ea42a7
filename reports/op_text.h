// Human-readable text for ops and operations in a report: the full op as shown in an SVG
// <title> tooltip, and short forms for tables. The output is plain text: escape it for the
// target context (reports/escape.h).
// Thread-safety: pure functions.
#pragma once

#include <string>

#include "history/history.h"
#include "history/op.h"
#include "reports/timeline_data.h"

namespace faultline::reports {

// "process 3 cas [1,2] -> ok [1,2]", then the key, error, indexes, times and latency, one per
// line.
std::string operation_details(const history::History& history, const TimelineData& data,
                              const TimedOperation& operation);

// The op in Jepsen's vocabulary, one line: "3 :ok :cas [1,2] key=k1 error=timeout".
std::string op_line(const history::Op& op);

// "ok", "fail", "info" (and "info" for an operation that never completed).
std::string outcome_name(history::OpType outcome);

// Label of a process: its number, or "nemesis".
std::string process_name(int64_t process);

}  // namespace faultline::reports
