#include "reports/latency_stats.h"

#include <algorithm>
#include <cmath>

namespace faultline::reports {

double quantile_sorted(const std::vector<double>& sorted, double q) {
  if (sorted.empty()) return 0;
  const double rank = std::ceil(q * static_cast<double>(sorted.size()));
  const size_t i = rank < 1 ? 0 : static_cast<size_t>(rank) - 1;
  return sorted[std::min(i, sorted.size() - 1)];
}

Quantiles quantiles(std::vector<double> values) {
  Quantiles q;
  q.count = values.size();
  if (values.empty()) return q;
  std::sort(values.begin(), values.end());
  q.p50 = quantile_sorted(values, 0.50);
  q.p95 = quantile_sorted(values, 0.95);
  q.p99 = quantile_sorted(values, 0.99);
  q.max = values.back();
  return q;
}

HistoryStats compute_stats(const history::History& history, const TimelineData& data) {
  HistoryStats s;
  for (const auto& op : history.ops) {
    if (op.is_nemesis()) {
      ++s.nemesis_ops;
      continue;
    }
    switch (op.type) {
      case history::OpType::kInvoke: ++s.invokes; break;
      case history::OpType::kOk: ++s.oks; break;
      case history::OpType::kFail: ++s.fails; break;
      case history::OpType::kInfo: ++s.infos; break;
    }
  }
  std::map<std::string, std::vector<double>> latencies;
  std::vector<double> ok_latencies;
  for (const auto& o : data.operations) {
    const std::string& f = history.ops[o.invoke].f;
    OutcomeCounts& c = s.by_f[f];
    for (OutcomeCounts* counts : {&c, &s.total}) {
      ++counts->operations;
      if (o.completion == kNoOp) ++counts->pending;
      else if (o.outcome == history::OpType::kOk) ++counts->ok;
      else if (o.outcome == history::OpType::kFail) ++counts->fail;
      else ++counts->info;
    }
    if (o.latency_ns) {
      const double ns = static_cast<double>(*o.latency_ns);
      latencies[f + " " + std::string(history::to_string(o.outcome))].push_back(ns);
      if (o.outcome == history::OpType::kOk) ok_latencies.push_back(ns);
    }
  }
  for (auto& [k, v] : latencies) s.latency_by_f_outcome[k] = quantiles(std::move(v));
  s.latency_ok = quantiles(std::move(ok_latencies));
  if (data.times_known) s.duration_s = static_cast<double>(data.t_max - data.t_min) / 1e9;
  return s;
}

}  // namespace faultline::reports
