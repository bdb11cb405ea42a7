#include "checker/partition.h"

#include <string>
#include <unordered_map>

namespace faultline::checker {

Partitioning partition_operations(const history::History& history,
                                  const std::vector<history::Operation>& operations,
                                  bool per_key) {
  Partitioning out;
  out.part_of.assign(operations.size(), kNoPartition);
  std::vector<Partition>& parts = out.parts;
  bool any_key = false;
  if (per_key) {
    for (const auto& o : operations) any_key = any_key || history.ops[o.invoke].has_key();
  }
  if (!any_key) {
    Partition all;
    for (std::uint32_t i = 0; i < operations.size(); ++i) {
      if (operations[i].outcome == history::OpType::kFail) continue;
      all.members.push_back(i);
      out.part_of[i] = 0;
    }
    if (!all.members.empty()) parts.push_back(std::move(all));
    return out;
  }
  // Keys are usually strings or integers: look those up without hashing JSON.
  std::unordered_map<std::string, std::uint32_t> by_string;
  std::unordered_map<std::int64_t, std::uint32_t> by_int;
  std::unordered_map<std::string, std::uint32_t> by_dump;
  for (std::uint32_t i = 0; i < operations.size(); ++i) {
    if (operations[i].outcome == history::OpType::kFail) continue;
    const nlohmann::json& key = history.ops[operations[i].invoke].key;
    const auto fresh = static_cast<std::uint32_t>(parts.size());
    std::uint32_t p;
    if (key.is_string()) {
      p = by_string.try_emplace(key.get_ref<const std::string&>(), fresh).first->second;
    } else if (key.is_number_integer()) {
      p = by_int.try_emplace(key.get<std::int64_t>(), fresh).first->second;
    } else {
      p = by_dump.try_emplace(key.dump(), fresh).first->second;
    }
    if (p == fresh) parts.push_back({key, {}});
    parts[p].members.push_back(i);
    out.part_of[i] = p;
  }
  return out;
}

}  // namespace faultline::checker
