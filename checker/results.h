// The results document: what `faultline check --json` writes and the reports draw from
// (docs/formats/results.md). One document per history: its path, op count, combined verdict and
// one element per checker run. `summarize` is the short human form the CLI prints under a failed
// history: one line per failure message.
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "checker/check.h"
#include "history/history.h"

namespace faultline::checker {

inline constexpr const char* kFaultlineVersion = "0.1.0";

nlohmann::json results_document(const history::History& history,
                                const std::vector<CheckResult>& results);

// Lines such as "  key \"k1\": read 3 at op 9, but ...", each ending in '\n'; "" when no failure.
std::string summarize(const CheckResult& result);

}  // namespace faultline::checker
