// The register workload: one linearizable compare-and-set register per key (Jepsen's
// "independent" cas-register test). Workers are grouped, workers_per_key to a group, and a
// group shares one key; after the group has issued ops_per_key ops on a key, all its workers
// move to a fresh key, so each key's history stays short enough to check and a stale read on
// a fresh key (a null after a write completed) is plain to see. Worker i talks to node
// i mod n (see clients), so with a group of 3 on 3 nodes every key is used from every node.
//
// Ops: read (value null, completed with the value read), write v, cas [old, new]; values in
// [0, values). Keys are strings "<group>.<generation>". Checked per key with linearizable /
// cas-register, initial value null. Final reads: each worker reads its group's current key.
// Thread-safety: see Workload; the per-group op counters are atomics.
#pragma once

#include <atomic>
#include <memory>
#include <vector>

#include "harness/workload/workload.h"

namespace faultline::harness {

class RegisterWorkload final : public Workload {
 public:
  explicit RegisterWorkload(WorkloadOptions options);

  std::string name() const override { return "register"; }
  OpMix default_mix() const override;
  clients::Invocation invocation(unsigned worker, const std::string& f, Rng& rng) override;
  std::vector<clients::Invocation> final_reads(unsigned worker) override;
  nlohmann::json checker() const override;
  nlohmann::json describe() const override;

 private:
  unsigned group_of(unsigned worker) const { return worker / options_.workers_per_key; }
  std::string key(unsigned group, std::uint64_t generation) const;

  WorkloadOptions options_;
  std::unique_ptr<std::atomic<std::uint64_t>[]> group_ops_;
};

}  // namespace faultline::harness
