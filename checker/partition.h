// Partitioning splits a history's operations into independent groups by Op::key (Jepsen's
// `independent` keys, porcupine's kv keys). With per_key false, or when no op carries a key, all
// operations form one partition. fail operations are dropped here: they never took effect.
//
// With one lane, one pass in history order does it all; it reads nothing of the history for a
// fail op (a Knossos history may be mostly fail ops). With lanes > 1 the group-by runs on
// min(chunks, n / 4096 + 1) TBB tasks of equal ranges (in the caller's task arena): each task
// maps the keys of one contiguous range of operations to local ids, a short serial
// pass merges the local key lists in range order (so partitions keep first-invoke order), and the
// tasks then rewrite part_of with global ids, count sizes and fill the lanes' lists. The result
// does not depend on chunks, except for where lane_pieces are cut.
//
// Invariants: every partition is non-empty; partitions are ordered by the first invoke of their
// key.
// Thread-safety: a pure function.
#pragma once

#include <cstdint>
#include <vector>

#include <boost/container/small_vector.hpp>
#include <nlohmann/json.hpp>

#include "history/history.h"
#include "history/pairing.h"

namespace faultline::checker {

inline constexpr std::uint32_t kNoPartition = UINT32_MAX;

struct Partition {
  nlohmann::json key;     // null for the whole history
  std::uint32_t size = 0;  // how many operations part_of assigns to it
};

// The members of partition p are the operations i with part_of[i] == p, in history order: the
// encoding pass reads them that way, sequentially, so no per-partition member lists are built
// here (a checker that wants them sorts `kept`). The lists keep a tiny history inline: a check
// of a few ops makes no allocation for them.
struct Partitioning {
  boost::container::small_vector<Partition, 1> parts;
  // Per operation: its partition, or kNoPartition (fail).
  boost::container::small_vector<std::uint32_t, 16> part_of;
  // With one lane (the single pass): the positions of the operations that part_of assigns to a
  // partition, in order, so that encoding skips the fail ops without reading them again (a
  // Knossos history may be mostly fail ops). Empty with lanes > 1.
  boost::container::small_vector<std::uint32_t, 16> kept;
  // With lanes > 1 and at least two partitions: lane l holds the partitions p with
  // lane_of(p, lanes) == l, and the positions of their operations in history order are the
  // concatenation of lane_pieces[l] (one piece per chunk used; a piece may be empty). Empty
  // otherwise.
  std::vector<std::vector<std::vector<std::uint32_t>>> lane_pieces;
};

// The lane of partition p when there are `lanes` of them (Partitioning::lane_pieces).
inline std::uint32_t lane_of(std::uint32_t p, unsigned lanes) { return p % lanes; }

Partitioning partition_operations(const history::History& history,
                                  const std::vector<history::Operation>& operations, bool per_key,
                                  unsigned chunks = 1, unsigned lanes = 1);

}  // namespace faultline::checker
