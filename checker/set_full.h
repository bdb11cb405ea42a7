// set-full: Jepsen's rigorous analysis of a grow-only set. An add is an `add` op whose value is
// one element; a read is a `read` op whose ok value is the whole set (a JSON array). Each
// element of each key gets one outcome:
//
//   unexpected  a read saw it although no add of it had been invoked, or only failed adds
//   duplicated  some read listed it more than once
//   lost        it was known (add ok, or seen by a read) and the last read that missed it was
//               invoked after it was known and after every read that saw it
//   stale       stable, but a read invoked after it was known missed it first
//   stable      the last read that saw it was invoked after every read that missed it
//   never-read  none of the above: no read began after it was known
//
// "Known" is the earlier of the add's ok completion and the completion of the first read that
// saw the element. Reads concurrent with the add may miss it without consequence, which is why
// lost compares the missing read's invoke with the known completion. Latencies (ns): stable =
// time of the last missing read's invoke + 1 - known time; lost = time of the last seeing read's
// invoke + 1 - known time; both at least 0, null when the history has no times.
// Verdict: invalid when any element is lost, unexpected or duplicated; unknown when no element
// is stable or stale (nothing was ever confirmed); valid otherwise.
// Thread-safety: pure functions; reentrant.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "checker/verdict.h"
#include "history/history.h"
#include "history/pairing.h"

namespace faultline::checker {

enum class SetOutcome : std::uint8_t { kStable, kLost, kNeverRead, kStale, kUnexpected, kDuplicated };
inline constexpr std::size_t kSetOutcomes = 6;

// "stable", "lost", "never-read", "stale", "unexpected", "duplicated".
std::string_view to_string(SetOutcome outcome);

struct SetFullElement {
  nlohmann::json key;      // null when the history has no keys
  nlohmann::json element;
  SetOutcome outcome = SetOutcome::kNeverRead;
  std::optional<std::int64_t> add_invoke;  // Op::index of the first add's invoke
  nlohmann::json add_time;                 // ns or null
  nlohmann::json known_time;               // ns or null
  std::optional<std::int64_t> stable_latency_ns;
  std::optional<std::int64_t> lost_latency_ns;
  std::size_t max_multiplicity = 0;        // most copies of it in one read
};

struct SetFullAnalysis {
  std::vector<SetFullElement> elements;  // per key, in order of first add or first sighting
  std::array<std::size_t, kSetOutcomes> counts{};
  std::size_t reads = 0;                 // ok reads
  Verdict verdict = Verdict::kUnknown;
};

SetFullAnalysis analyze_set_full(const history::History& history,
                                 const std::vector<history::Operation>& operations);

}  // namespace faultline::checker
