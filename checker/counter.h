// counter: Jepsen's counter analysis. `add` ops carry an integer increment (any sign); `read`
// ops return the counter, which starts at the init value (0 by default). For every ok read,
// the read value must lie within the bounds the adds allow:
//
//   certain   ok adds that completed before the read was invoked: applied for sure
//   possible  adds invoked before the read completed, except failed ones: maybe applied
//   lower = init + sum(certain) + sum(min(0, v) of possible adds not certain)
//   upper = init + sum(certain) + sum(max(0, v) of possible adds not certain)
//
// With only positive increments this is Jepsen's rule: at least the acknowledged adds finished
// before the read began, at most every add attempted before it ended.
// Verdict: invalid when any read is out of bounds; valid otherwise (also with no reads).
// Thread-safety: pure functions; reentrant.
#pragma once

#include <cstdint>
#include <vector>

#include <nlohmann/json.hpp>

#include "checker/verdict.h"
#include "history/history.h"
#include "history/pairing.h"

namespace faultline::checker {

struct CounterRead {
  nlohmann::json key;          // null when the history has no keys
  std::int64_t invoke_index;   // Op::index of the read's invoke
  std::int64_t value;
  std::int64_t lower;
  std::int64_t upper;
};

struct CounterAnalysis {
  std::size_t reads = 0;             // ok reads checked
  std::vector<CounterRead> errors;   // reads out of bounds, in history order
  Verdict verdict = Verdict::kValid;
};

// init: null or an integer; anything else throws history::InputError for file "--init".
CounterAnalysis analyze_counter(const history::History& history,
                                const std::vector<history::Operation>& operations,
                                const nlohmann::json& init);

}  // namespace faultline::checker
