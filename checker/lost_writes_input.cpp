#include "checker/lost_writes_input.h"

#include <algorithm>
#include <unordered_map>

#include "history/input_error.h"

namespace faultline::checker::lost_writes {

std::vector<Partition> partition_by_key(const history::History& history,
                                        const std::vector<history::Operation>& operations,
                                        const std::vector<std::string_view>& fs,
                                        std::string_view checker) {
  std::vector<Partition> partitions;
  std::unordered_map<std::string, std::size_t> by_key;
  for (std::uint32_t i = 0; i < operations.size(); ++i) {
    const history::Op& op = history.ops[operations[i].invoke];
    if (std::find(fs.begin(), fs.end(), op.f) == fs.end()) {
      throw_at(history, operations[i].invoke,
               "the " + std::string(checker) + " checker does not know f \"" + op.f + "\"");
    }
    auto [it, inserted] = by_key.try_emplace(op.has_key() ? op.key.dump() : std::string(), partitions.size());
    if (inserted) partitions.push_back({op.key, {}});
    partitions[it->second].operations.push_back(i);
  }
  return partitions;
}

std::vector<Event> events_of(const std::vector<history::Operation>& operations,
                             const Partition& partition) {
  std::vector<Event> events;
  events.reserve(partition.operations.size() * 2);
  for (std::uint32_t i : partition.operations) {
    events.push_back({operations[i].invoke, i, true});
    if (operations[i].completed()) events.push_back({operations[i].completion, i, false});
  }
  std::sort(events.begin(), events.end(),
            [](const Event& a, const Event& b) { return a.position < b.position; });
  return events;
}

void throw_at(const history::History& history, std::size_t position, const std::string& message) {
  throw history::InputError(history.path, history.line_of(position), 1, message);
}

nlohmann::json time_json(const history::History& history, std::size_t position) {
  const std::int64_t t = history.ops[position].time;
  return t == history::kNoTime ? nlohmann::json() : nlohmann::json(t);
}

}  // namespace faultline::checker::lost_writes
