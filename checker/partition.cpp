#include "checker/partition.h"

#include <algorithm>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>

#include <tbb/task_group.h>

#include "checker/flat_int_map.h"
#include "checker/json_int.h"
#include "checker/linear_probe.h"

namespace faultline::checker {
namespace {

using history::History;
using history::Operation;

// Maps string keys (viewed in place in the history) to ids: open addressing in one flat table,
// hashed with FNV-1a, which for the short keys of histories (porcupine's "0".."9", Jepsen's
// integers as text) costs a fraction of std::hash's call and an unordered_map's node walk.
// Invariants: load factor at most 1/2; capacity a power of two; a slot with id kFree is free.
class StringIds {
 public:
  // The id of `key`, inserting `fresh` first when there is none.
  std::uint32_t try_emplace(std::string_view key, std::uint32_t fresh) {
    if ((count_ + 1) * 2 > slots_.size()) grow();
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = hash(key) & mask;; i = (i + 1) & mask) {
      Slot& s = slots_[i];
      if (s.id == kFree) {
        s = {key, fresh};
        ++count_;
        return fresh;
      }
      if (s.key == key) return s.id;
    }
  }

 private:
  static constexpr std::uint32_t kFree = UINT32_MAX;
  struct Slot {
    std::string_view key;
    std::uint32_t id = kFree;
  };
  static std::size_t hash(std::string_view key) {
    std::uint64_t h = 0xcbf29ce484222325ull;
    for (const char c : key) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ull;
    return static_cast<std::size_t>(h ^ (h >> 32));
  }
  void grow() {
    regrow_linear_probe(
        slots_, [](const Slot& s) { return s.id != kFree; },
        [](const Slot& s) { return hash(s.key); });
  }

  std::vector<Slot> slots_;
  std::size_t count_ = 0;
};

// Maps keys to dense ids in first-seen order. Strings and integers, the usual keys, are looked
// up without hashing JSON; string keys are viewed in place in the history.
class KeyIds {
 public:
  std::uint32_t id(const nlohmann::json& key) {
    const auto fresh = static_cast<std::uint32_t>(keys_.size());
    std::uint32_t p;
    std::int64_t i;
    if (key.is_string()) {
      p = by_string_.try_emplace(key.get_ref<const std::string&>(), fresh);
    } else if (exact_int64(key, i)) {
      bool inserted = false;
      p = by_int_.try_emplace(i, fresh, inserted);
    } else {
      p = by_dump_.try_emplace(key.dump(), fresh).first->second;
    }
    if (p == fresh) keys_.push_back(&key);
    return p;
  }
  const std::vector<const nlohmann::json*>& keys() const { return keys_; }

 private:
  StringIds by_string_;
  FlatIntMap by_int_;
  std::unordered_map<std::string, std::uint32_t> by_dump_;
  std::vector<const nlohmann::json*> keys_;
};

// Partitions one kept (not fail) operation at a time, in history order: partition_operations
// with one lane. A null key (or any key, without per_key) is a key like any other, which gives one
// partition keyed null to a history without keys, as the general path makes it; null is not
// looked up (KeyIds would serialize it), its partition is remembered.
class PartitionStream {
 public:
  // Appends the partitions to `parts`, in place (a tiny history's list is inline, so a move
  // would copy it); `parts` must outlive the stream.
  PartitionStream(const History& history, bool per_key, decltype(Partitioning::parts)& parts)
      : history_(history), per_key_(per_key), parts_(parts) {}

  // The partition of `o`, which is not a fail op (the size of `parts` when its key is new: the
  // partition is appended). Call in history order.
  std::uint32_t next(const Operation& o) {
    return next_kept(per_key_ ? &history_.ops[o.invoke].key : nullptr);
  }

 private:
  std::uint32_t next_kept(const nlohmann::json* key) {  // null or nullptr: no key
    std::uint32_t p;
    if (key == nullptr || key->is_null()) {
      if (null_part_ == kNoPartition) {
        null_part_ = static_cast<std::uint32_t>(parts_.size());
        parts_.emplace_back();
      }
      p = null_part_;
    } else {
      const std::uint32_t id = ids_.id(*key);
      if (id == part_of_id_.size()) {
        part_of_id_.push_back(static_cast<std::uint32_t>(parts_.size()));
        parts_.emplace_back().key = *key;
      }
      p = part_of_id_[id];
    }
    ++parts_[p].size;
    return p;
  }

  const History& history_;
  bool per_key_;
  KeyIds ids_;
  std::vector<std::uint32_t> part_of_id_;  // ids_' id -> partition
  std::uint32_t null_part_ = kNoPartition;
  decltype(Partitioning::parts)& parts_;  // keys and sizes so far, in first-invoke order
};

struct Chunk {
  std::size_t begin = 0, end = 0;
  KeyIds ids;
  std::vector<std::uint32_t> global;  // local id -> partition
  std::vector<std::uint32_t> counts;  // partition -> how many of this chunk's ops it has
  std::vector<std::vector<std::uint32_t>> lanes;  // lane -> this chunk's ops in it
};

template <class F>
void for_chunks(std::vector<Chunk>& chunks, F f) {
  if (chunks.size() == 1) {
    f(chunks[0]);
    return;
  }
  tbb::task_group group;
  for (Chunk& c : chunks) group.run([&f, &c] { f(c); });
  group.wait();
}

Partitioning one_partition(const std::vector<Operation>& operations) {
  Partitioning out;
  out.part_of.assign(operations.size(), kNoPartition);
  Partition all;
  for (std::uint32_t i = 0; i < operations.size(); ++i) {
    if (operations[i].outcome == history::OpType::kFail) continue;
    ++all.size;
    out.part_of[i] = 0;
  }
  if (all.size > 0) out.parts.push_back(std::move(all));
  return out;
}

// One lane, whatever the chunks: a single pass.
Partitioning one_pass(const History& history, const std::vector<Operation>& operations,
                      bool per_key) {
  Partitioning out;
  PartitionStream stream(history, per_key, out.parts);
  // Sized uninitialized, then written by index through plain pointers: small_vector's push_back
  // costs more per op, and a size read through the vectors is read again after every store.
  const std::size_t n = operations.size();
  out.part_of.resize(n, boost::container::default_init);
  out.kept.resize(n, boost::container::default_init);
  const Operation* ops = operations.data();
  std::uint32_t* part_of = out.part_of.data();
  std::uint32_t* kept = out.kept.data();
  std::size_t k = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (ops[i].outcome == history::OpType::kFail) {
      part_of[i] = kNoPartition;
      continue;
    }
    part_of[i] = stream.next(ops[i]);
    kept[k++] = static_cast<std::uint32_t>(i);
  }
  out.kept.resize(k);
  return out;
}

}  // namespace

Partitioning partition_operations(const History& history, const std::vector<Operation>& operations,
                                  bool per_key, unsigned chunks, unsigned lanes) {
  // One lane: one pass, which lists the kept ops (Partitioning::kept), whatever `chunks` says.
  if (lanes <= 1) return one_pass(history, operations, per_key);
  // Only the ops kept decide: fail ops are dropped (and skipping them reads no op of the history:
  // a Knossos history may be mostly fail ops).
  bool any_key = false;
  if (per_key) {
    for (const auto& o : operations) {
      if (o.outcome != history::OpType::kFail && history.ops[o.invoke].has_key()) {
        any_key = true;
        break;
      }
    }
  }
  if (!any_key) return one_partition(operations);

  Partitioning out;
  out.part_of.assign(operations.size(), kNoPartition);
  const std::size_t n = operations.size();
  std::vector<Chunk> parts_of_input(std::max<std::size_t>(1, std::min<std::size_t>(chunks, n / 4096 + 1)));
  for (std::size_t c = 0; c < parts_of_input.size(); ++c) {
    parts_of_input[c].begin = n * c / parts_of_input.size();
    parts_of_input[c].end = n * (c + 1) / parts_of_input.size();
  }
  // 1. Local ids per chunk, written to part_of for now.
  for_chunks(parts_of_input, [&](Chunk& c) {
    constexpr std::size_t kAhead = 16;  // the invokes sit far apart in a large history
    for (std::size_t i = c.begin; i < c.end; ++i) {
      if (i + kAhead < c.end) __builtin_prefetch(&history.ops[operations[i + kAhead].invoke].key);
      if (operations[i].outcome == history::OpType::kFail) continue;
      out.part_of[i] = c.ids.id(history.ops[operations[i].invoke].key);
    }
  });
  // 2. Merge the key lists in chunk order: partitions keep the order of first invokes.
  KeyIds global;
  for (Chunk& c : parts_of_input) {
    c.global.reserve(c.ids.keys().size());
    for (const nlohmann::json* key : c.ids.keys()) c.global.push_back(global.id(*key));
  }
  const std::size_t count = global.keys().size();
  // 3. Global ids, sizes and lanes, each chunk counting into its own arrays.
  if (count < 2) lanes = 1;  // one partition: nothing to share out
  std::vector<std::uint32_t> lane_table(lanes > 1 ? count : 0);  // no division per op
  for (std::uint32_t p = 0; p < lane_table.size(); ++p) lane_table[p] = lane_of(p, lanes);
  for_chunks(parts_of_input, [&](Chunk& c) {
    c.counts.assign(count, 0);
    if (lanes > 1) {
      c.lanes.resize(lanes);
      // Each lane's share, plus 1/16 for keys of uneven sizes, so that most lists never regrow.
      for (auto& l : c.lanes) l.reserve((c.end - c.begin) / lanes + (c.end - c.begin) / 16);
    }
    std::uint32_t* part_of = out.part_of.data();
    std::uint32_t* counts = c.counts.data();
    const std::uint32_t* global_of = c.global.data();
    auto pass = [&](auto with_lanes) {
      for (std::size_t i = c.begin; i < c.end; ++i) {
        std::uint32_t& p = part_of[i];
        if (p == kNoPartition) continue;
        p = global_of[p];
        ++counts[p];
        if constexpr (decltype(with_lanes)::value) {
          c.lanes[lane_table[p]].push_back(static_cast<std::uint32_t>(i));
        }
      }
    };
    if (lanes > 1) {
      pass(std::true_type{});
    } else {
      pass(std::false_type{});
    }
  });
  out.parts.resize(count);
  for (std::size_t p = 0; p < count; ++p) {
    out.parts[p].key = *global.keys()[p];
    for (const Chunk& c : parts_of_input) out.parts[p].size += c.counts[p];
  }
  if (lanes > 1) {
    out.lane_pieces.resize(lanes);
    for (std::size_t l = 0; l < lanes; ++l) {
      for (Chunk& c : parts_of_input) out.lane_pieces[l].push_back(std::move(c.lanes[l]));
    }
  }
  return out;
}

}  // namespace faultline::checker
