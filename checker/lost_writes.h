// The lost-writes checkers: instead of searching for a linearization they follow each element
// or increment and report what became of it. check() (checker/check.h) dispatches the checkers
// "set-full", "set" and "counter" here; docs/checking.md says what each one decides and
// docs/formats/results.md describes their JSON.
//
//   set-full  every add and every read of a grow-only set: each element is stable, stale,
//             lost, never-read, unexpected or duplicated, with its latencies (Jepsen's set-full).
//   set       the final read only: lost, recovered and unexpected elements (Jepsen's set).
//   counter   every read lies between the bounds the adds allow (Jepsen's counter).
//
// All three partition the history by `key` when ops carry one. A malformed op (an unknown f, a
// set read that is not an array, a counter value that is not an integer) throws
// history::InputError naming the op's file and line.
// Thread-safety: pure functions of their arguments; reentrant.
#pragma once

#include <vector>

#include "checker/check.h"

namespace faultline::checker {

CheckResult check_set_full(const history::History& history,
                           const std::vector<history::Operation>& operations,
                           const CheckOptions& options);

CheckResult check_set(const history::History& history,
                      const std::vector<history::Operation>& operations,
                      const CheckOptions& options);

CheckResult check_counter(const history::History& history,
                          const std::vector<history::Operation>& operations,
                          const CheckOptions& options);

}  // namespace faultline::checker
