// Partitioning splits a history's operations into independent groups by Op::key (Jepsen's
// `independent` keys, porcupine's kv keys). With per_key false, or when no op carries a key, all
// operations form one partition. fail operations are dropped here: they never took effect.
//
// Invariants: every partition is non-empty and lists positions in `operations`, in invoke order;
// partitions are ordered by the first invoke of their key.
// Thread-safety: a pure function.
#pragma once

#include <cstdint>
#include <vector>

#include <nlohmann/json.hpp>

#include "history/history.h"
#include "history/pairing.h"

namespace faultline::checker {

struct Partition {
  nlohmann::json key;                  // null for the whole history
  std::vector<std::uint32_t> members;  // positions in the operations vector
};

std::vector<Partition> partition_operations(const history::History& history,
                                            const std::vector<history::Operation>& operations,
                                            bool per_key);

}  // namespace faultline::checker
