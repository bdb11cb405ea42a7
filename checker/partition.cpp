#include "checker/partition.h"

#include <algorithm>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>

#include <tbb/task_group.h>

#include "checker/flat_int_map.h"
#include "checker/json_int.h"

namespace faultline::checker {
namespace {

using history::History;
using history::Operation;

// Maps keys to dense ids in first-seen order. Strings and integers, the usual keys, are looked
// up without hashing JSON; string keys are viewed in place in the history.
class KeyIds {
 public:
  std::uint32_t id(const nlohmann::json& key) {
    const auto fresh = static_cast<std::uint32_t>(keys_.size());
    std::uint32_t p;
    std::int64_t i;
    if (key.is_string()) {
      p = by_string_.try_emplace(key.get_ref<const std::string&>(), fresh).first->second;
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
  std::unordered_map<std::string_view, std::uint32_t> by_string_;
  FlatIntMap by_int_;
  std::unordered_map<std::string, std::uint32_t> by_dump_;
  std::vector<const nlohmann::json*> keys_;
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

}  // namespace

Partitioning partition_operations(const History& history, const std::vector<Operation>& operations,
                                  bool per_key, unsigned chunks, unsigned lanes) {
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
