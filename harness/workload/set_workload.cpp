#include "harness/workload/set_workload.h"

#include <stdexcept>

namespace faultline::harness {

SetWorkload::SetWorkload(WorkloadOptions options)
    : options_(options), next_(options.concurrency, 0) {}

clients::Invocation SetWorkload::invocation(unsigned worker, const std::string& f, Rng&) {
  if (f == "read") return {"read", nullptr, nullptr};
  if (f != "add") throw std::invalid_argument("set workload: unknown f '" + f + "' (add, read)");
  std::uint64_t v = worker + options_.concurrency * next_.at(worker)++;
  return {"add", nullptr, v};
}

std::vector<clients::Invocation> SetWorkload::final_reads(unsigned) {
  return {clients::Invocation{"read", nullptr, nullptr}};
}

nlohmann::json SetWorkload::checker() const {
  return {{"checker", "set-full"}, {"model", nullptr}, {"init", nullptr}};
}

nlohmann::json SetWorkload::describe() const { return {{"name", "set"}}; }

}  // namespace faultline::harness
