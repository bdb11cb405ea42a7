// set: Jepsen's simple set analysis, which looks only at the final read of each key (the last
// ok `read` in history order) and at the adds:
//
//   attempted     elements of adds that were invoked
//   acknowledged  elements of ok adds
//   lost          acknowledged but missing from the final read
//   recovered     in the final read although their add did not complete ok (info or pending)
//   unexpected    in the final read but never attempted
//
// Verdict: invalid when anything is lost or unexpected; unknown when a key with adds has no
// final read; valid otherwise. Reads before the final one are not looked at (set-full does).
// Thread-safety: pure functions; reentrant.
#pragma once

#include <array>
#include <vector>

#include <nlohmann/json.hpp>

#include "checker/verdict.h"
#include "history/history.h"
#include "history/pairing.h"

namespace faultline::checker {

struct SetElementRef {
  nlohmann::json key;  // null when the history has no keys
  nlohmann::json element;
};

struct SetAnalysis {
  std::size_t attempted = 0;
  std::size_t acknowledged = 0;
  std::size_t final_reads = 0;
  std::size_t unread_keys = 0;  // keys with adds but no ok read
  std::vector<SetElementRef> ok, lost, recovered, unexpected;
  Verdict verdict = Verdict::kUnknown;
};

SetAnalysis analyze_set(const history::History& history,
                        const std::vector<history::Operation>& operations);

}  // namespace faultline::checker
