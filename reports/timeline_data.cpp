#include "reports/timeline_data.h"

#include <algorithm>
#include <map>

#include "history/pairing.h"
#include "reports/escape.h"

namespace faultline::reports {

namespace {

using history::Op;
using history::OpType;

// "start-partition" -> ("partition", true); "stop" -> ("nemesis", false); others -> nullopt.
std::optional<std::pair<std::string, bool>> fault_edge(const std::string& f) {
  if (f == "start") return std::pair<std::string, bool>{"nemesis", true};
  if (f == "stop") return std::pair<std::string, bool>{"nemesis", false};
  if (f.rfind("start-", 0) == 0) return std::pair<std::string, bool>{f.substr(6), true};
  if (f.rfind("stop-", 0) == 0) return std::pair<std::string, bool>{f.substr(5), false};
  return std::nullopt;
}

void note_name(TimelineData& data, const std::string& name) {
  if (std::find(data.nemesis_names.begin(), data.nemesis_names.end(), name) ==
      data.nemesis_names.end()) {
    data.nemesis_names.push_back(name);
  }
}

// Pairs start-X with stop-X. Jepsen records each nemesis op as an invoke and a completion: a
// fault holds from the first start-X op until the last op of the stop-X that closes it.
void build_nemesis(const history::History& history, const std::vector<int64_t>& axis,
                   TimelineData& data) {
  struct Open {
    int64_t start = 0;
    std::optional<int64_t> stop;
    std::string detail;
  };
  std::map<std::string, Open> open;
  auto close = [&](const std::string& name, const Open& o, bool closed, int64_t end) {
    data.nemesis.push_back({name, o.start, std::max(o.start, end), closed, o.detail});
  };
  for (size_t i = 0; i < history.ops.size(); ++i) {
    const Op& op = history.ops[i];
    if (!op.is_nemesis()) continue;
    const int64_t t = axis[i];
    const auto edge = fault_edge(op.f);
    if (!edge) {
      if (op.type == OpType::kInvoke || op.type == OpType::kInfo) {
        // An instantaneous fault event (for example "kill"): a zero-width mark. Jepsen writes
        // both an invoke and an info; keep only the invoke when it exists.
        if (op.type == OpType::kInfo && i > 0 && history.ops[i - 1].is_nemesis() &&
            history.ops[i - 1].f == op.f) {
          continue;
        }
        note_name(data, op.f);
        data.nemesis.push_back({op.f, t, t, true, dump_json(op.value)});
      }
      continue;
    }
    const auto& [name, is_start] = *edge;
    note_name(data, name);
    auto it = open.find(name);
    if (is_start) {
      if (it != open.end() && it->second.stop) {
        close(name, it->second, true, *it->second.stop);
        open.erase(it);
        it = open.end();
      }
      if (it == open.end()) open[name] = Open{t, std::nullopt, dump_json(op.value)};
    } else if (it != open.end()) {
      it->second.stop = t;
    }
  }
  for (const auto& [name, o] : open) {
    if (o.stop) close(name, o, true, *o.stop);
    else close(name, o, false, data.t_max);
  }
  std::sort(data.nemesis.begin(), data.nemesis.end(),
            [](const NemesisInterval& a, const NemesisInterval& b) { return a.start < b.start; });
}

}  // namespace

TimelineData build_timeline_data(const history::History& history) {
  TimelineData data;
  const auto& ops = history.ops;
  for (const Op& op : ops) {
    if (!op.is_nemesis() && op.time < 0) data.times_known = false;
  }
  std::vector<int64_t> axis(ops.size());
  for (size_t i = 0; i < ops.size(); ++i) {
    axis[i] = data.times_known ? std::max<int64_t>(ops[i].time, 0) : static_cast<int64_t>(i);
    data.by_op_index[ops[i].index] = i;
  }
  if (!ops.empty()) {
    data.t_min = *std::min_element(axis.begin(), axis.end());
    data.t_max = *std::max_element(axis.begin(), axis.end());
  }
  if (data.t_max <= data.t_min) data.t_max = data.t_min + 1;

  for (const auto& pair : history::pair_operations(history)) {
    if (pair.invoke >= ops.size() || ops[pair.invoke].is_nemesis()) continue;
    TimedOperation t;
    t.invoke = pair.invoke;
    t.start = axis[pair.invoke];
    if (pair.completion != history::kNoCompletion && pair.completion < ops.size()) {
      t.completion = pair.completion;
      t.outcome = ops[pair.completion].type;
      t.end = std::max(t.start, axis[pair.completion]);
      if (data.times_known) t.latency_ns = t.end - t.start;
    } else {
      t.outcome = OpType::kInfo;
      t.end = data.t_max;
    }
    data.operations.push_back(t);
  }
  std::sort(data.operations.begin(), data.operations.end(),
            [](const TimedOperation& a, const TimedOperation& b) { return a.invoke < b.invoke; });
  for (size_t i = 0; i < data.operations.size(); ++i) {
    data.by_invoke_index[ops[data.operations[i].invoke].index] = i;
  }
  build_nemesis(history, axis, data);
  return data;
}

size_t nemesis_colour_slot(const TimelineData& data, const std::string& name) {
  const auto it = std::find(data.nemesis_names.begin(), data.nemesis_names.end(), name);
  return static_cast<size_t>(it - data.nemesis_names.begin());
}

}  // namespace faultline::reports
