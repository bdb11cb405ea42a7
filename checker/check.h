// check() is the one entry point of the checkers: a paired history in, a verdict and its
// results JSON out. It dispatches on CheckOptions::checker: "linearizable" runs the WGL search
// (checker/linearizable.h) with a model (checker/models.h); "set-full", "set" and "counter" run
// the lost-writes checkers (checker/lost_writes.h).
//
// Contract: `operations` is pair_operations(history). The result's json() is one element of the
// "checkers" array of the results document (docs/formats/results.md), rendered on first use (see
// checker/check_result.h). Bad input (an f the model
// does not know, a malformed value, a bad init) throws history::InputError naming the file and
// line of the op (line 0 and file "--init" for a bad init). A time or memory limit gives kUnknown,
// never a hang or an out-of-memory kill.
// Thread-safety: reentrant; a call uses up to `threads` worker threads of its own task arena.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "checker/check_result.h"
#include "checker/verdict.h"
#include "history/history.h"
#include "history/pairing.h"

namespace faultline::checker {

struct CheckOptions {
  std::string checker = "linearizable";  // "linearizable" | "set-full" | "set" | "counter"
  std::string model = "cas-register";    // for linearizable; see checker/models.h
  nlohmann::json init;                   // null = the model's default initial value
  double time_limit_s = 0;               // 0 = none
  std::uint64_t memory_limit_bytes = 4ull << 30;
  unsigned threads = 0;                  // 0 = all cores; capped at the cores available
  bool all_failures = false;             // keep searching other partitions after a violation
};

CheckResult check(const history::History& history,
                  const std::vector<history::Operation>& operations, const CheckOptions& options);

}  // namespace faultline::checker
