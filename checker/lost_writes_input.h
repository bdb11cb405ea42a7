// The input walk shared by the lost-writes checkers (set-full, set, counter): operations split
// into partitions by key, and each partition's invokes and completions in history order.
//
// Invariants: partitions appear in the order of their first operation; a partition's
// operations are in invoke order; events are sorted by position in History::ops.
// Thread-safety: pure functions; reentrant.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "history/history.h"
#include "history/pairing.h"

namespace faultline::checker::lost_writes {

struct Partition {
  nlohmann::json key;                      // null when the history has no keys
  std::vector<std::uint32_t> operations;   // indexes into the operations vector
};

// One invoke or completion of an operation of a partition.
struct Event {
  std::size_t position;    // in History::ops
  std::uint32_t operation;  // index into the operations vector
  bool is_invoke;
};

// Splits `operations` by key. Throws history::InputError at the invoke of an op whose f is
// not in `fs` (`checker` names the checker in the message).
std::vector<Partition> partition_by_key(const history::History& history,
                                        const std::vector<history::Operation>& operations,
                                        const std::vector<std::string_view>& fs,
                                        std::string_view checker);

// The partition's invokes and its ops' completions, in history order.
std::vector<Event> events_of(const std::vector<history::Operation>& operations,
                             const Partition& partition);

// Throws history::InputError naming the file and line of History::ops[position].
[[noreturn]] void throw_at(const history::History& history, std::size_t position,
                           const std::string& message);

// Time of ops[position] as JSON: the ns value, or null when the source did not record it.
nlohmann::json time_json(const history::History& history, std::size_t position);

}  // namespace faultline::checker::lost_writes
