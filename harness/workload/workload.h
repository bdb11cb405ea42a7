// A workload is what the clients do and how its history is checked (Jepsen's workload: a
// generator of ops plus a checker). The generator picks each op's f from an op mix; the
// workload turns (worker, f) into a full invocation (key and value), names the final reads, and
// says which checker, model and initial value faultline check uses (written to test.json).
//
// Workloads: "register" (harness/workload/register_workload.h) and "set"
// (harness/workload/set_workload.h).
// Thread-safety: invocation() and final_reads() are called concurrently by the workers, each
// with its own worker index and random source; implementations synchronise what they share.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "clients/client.h"
#include "harness/generator/op_mix.h"

namespace faultline::harness {

class Workload {
 public:
  virtual ~Workload() = default;
  virtual std::string name() const = 0;
  virtual OpMix default_mix() const = 0;
  // Throws std::invalid_argument for an f the workload does not know.
  virtual clients::Invocation invocation(unsigned worker, const std::string& f, Rng& rng) = 0;
  // The reads worker `worker` performs once the cluster is healed and quiet.
  virtual std::vector<clients::Invocation> final_reads(unsigned worker) = 0;
  // {"checker": ..., "model": ..., "init": ...}: the keys faultline check reads from test.json.
  virtual nlohmann::json checker() const = 0;
  // The workload's own options, for test.json.
  virtual nlohmann::json describe() const = 0;
};

struct WorkloadOptions {
  unsigned concurrency = 6;
  // register: workers sharing one key, and ops on a key before its workers move to a fresh one.
  unsigned workers_per_key = 3;
  unsigned ops_per_key = 100;
  // register: values written are drawn from [0, values).
  int values = 5;
};

// "register" or "set"; throws std::invalid_argument otherwise.
std::unique_ptr<Workload> make_workload(const std::string& name, const WorkloadOptions& options);

}  // namespace faultline::harness
