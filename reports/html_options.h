// Options of the HTML report: the caps that keep the page of a 1M-op history small and fast.
// Anything above a cap is windowed or sampled, and the page says so where it happens.
// Thread-safety: a plain value type.
#pragma once

#include <cstddef>

namespace faultline::reports {

struct HtmlOptions {
  // Operations drawn in the per-process timeline (a window around the first failing op, or
  // the start of the history).
  size_t max_timeline_operations = 3000;
  // Points in the latency scatter (an even sample of the operations).
  size_t max_scatter_points = 12000;
  // Ops of a linearizable prefix listed in the linearizability view (the last ones before the
  // failing op).
  size_t max_prefix_rows = 60;
  // Failing keys given a linearizability view.
  size_t max_failures = 20;
  // Elements listed in the lost-writes view.
  size_t max_elements = 1000;
  // Time buckets of the throughput plot and of the latency quantile lines.
  size_t time_buckets = 100;
};

}  // namespace faultline::reports
