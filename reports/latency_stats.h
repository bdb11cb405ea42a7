// Latency quantiles and op counts of a history, for the summary and the latency plot.
// Quantiles use the nearest-rank method on the exact values (no sampling), so p99 of 100 values
// is the 99th smallest.
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "history/history.h"
#include "reports/timeline_data.h"

namespace faultline::reports {

struct Quantiles {
  size_t count = 0;
  double p50 = 0, p95 = 0, p99 = 0, max = 0;
};

// `values` is taken by value and sorted.
Quantiles quantiles(std::vector<double> values);
// The nearest-rank quantile q in [0,1] of sorted values (0 when empty).
double quantile_sorted(const std::vector<double>& sorted, double q);

struct OutcomeCounts {
  size_t operations = 0;
  size_t ok = 0, fail = 0, info = 0, pending = 0;  // pending: never completed (counted as info)
};

// Operations by f, and latencies of completed operations by "f outcome".
struct HistoryStats {
  std::map<std::string, OutcomeCounts> by_f;
  OutcomeCounts total;
  std::map<std::string, Quantiles> latency_by_f_outcome;  // key "f ok", "f fail", "f info"
  Quantiles latency_ok;                                   // every ok operation
  size_t invokes = 0, oks = 0, fails = 0, infos = 0, nemesis_ops = 0;  // ops by type
  double duration_s = 0;  // first to last op, when times are known
};

HistoryStats compute_stats(const history::History& history, const TimelineData& data);

}  // namespace faultline::reports
