// The input of every report writer: one history, the results document the checkers produced for
// it (results.json; see docs/reports.md), and the test description (test.json) when the history
// came from `faultline run`.
//
// Invariants: `history` outlives the ReportInput. `results` is null when no checker ran (the
// report then has no checker sections); otherwise an object with a "checkers" array. `test` is
// null or an object (with "seed" when the run was seeded).
// Thread-safety: read-only once built; writers take it by const reference.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "history/history.h"

namespace faultline::reports {

struct ReportInput {
  const history::History& history;
  nlohmann::json results;  // may be null
  nlohmann::json test;     // may be null
  std::string title;       // shown as the page title; defaults to the history path when empty
};

}  // namespace faultline::reports
