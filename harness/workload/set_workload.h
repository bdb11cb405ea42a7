// The set workload: workers add unique integers to one set (worker i adds i, i + c, i + 2c,
// ... for concurrency c), and once the cluster is healed and quiet every worker reads the
// whole set. Checked with set-full: an add that completed ok but is missing from the final
// reads is a lost write. With the etcd client each element is its own key under a prefix (see
// clients/etcd_client.h), so adds never conflict.
// Ops: add v; read (value null, completed with the sorted elements).
// Thread-safety: see Workload; the per-worker counters are only touched by their worker.
#pragma once

#include <memory>
#include <vector>

#include "harness/workload/workload.h"

namespace faultline::harness {

class SetWorkload final : public Workload {
 public:
  explicit SetWorkload(WorkloadOptions options);

  std::string name() const override { return "set"; }
  OpMix default_mix() const override { return OpMix({{"add", 1}}); }
  clients::Invocation invocation(unsigned worker, const std::string& f, Rng& rng) override;
  std::vector<clients::Invocation> final_reads(unsigned worker) override;
  nlohmann::json checker() const override;
  nlohmann::json describe() const override;

 private:
  WorkloadOptions options_;
  std::vector<std::uint64_t> next_;  // next_[w]: how many adds worker w has issued
};

}  // namespace faultline::harness
