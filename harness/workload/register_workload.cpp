#include "harness/workload/register_workload.h"

#include <stdexcept>

namespace faultline::harness {

RegisterWorkload::RegisterWorkload(WorkloadOptions options) : options_(options) {
  if (options_.workers_per_key == 0 || options_.ops_per_key == 0 || options_.values <= 0) {
    throw std::invalid_argument("register workload: workers per key, ops per key and values "
                                "must be positive");
  }
  unsigned groups = options_.concurrency / options_.workers_per_key + 1;
  group_ops_ = std::make_unique<std::atomic<std::uint64_t>[]>(groups);
  for (unsigned g = 0; g < groups; ++g) group_ops_[g] = 0;
}

OpMix RegisterWorkload::default_mix() const {
  return OpMix({{"read", 2}, {"write", 1}, {"cas", 1}});
}

std::string RegisterWorkload::key(unsigned group, std::uint64_t generation) const {
  return std::to_string(group) + "." + std::to_string(generation);
}

clients::Invocation RegisterWorkload::invocation(unsigned worker, const std::string& f,
                                                 Rng& rng) {
  unsigned group = group_of(worker);
  std::uint64_t n = group_ops_[group].fetch_add(1, std::memory_order_relaxed);
  clients::Invocation inv;
  inv.f = f;
  inv.key = key(group, n / options_.ops_per_key);
  std::uniform_int_distribution<int> value(0, options_.values - 1);
  if (f == "read") {
    inv.value = nullptr;
  } else if (f == "write") {
    inv.value = value(rng);
  } else if (f == "cas") {
    int old_value = value(rng);
    inv.value = nlohmann::json::array({old_value, value(rng)});
  } else {
    throw std::invalid_argument("register workload: unknown f '" + f + "' (read, write, cas)");
  }
  return inv;
}

std::vector<clients::Invocation> RegisterWorkload::final_reads(unsigned worker) {
  unsigned group = group_of(worker);
  std::uint64_t n = group_ops_[group].load(std::memory_order_relaxed);
  std::uint64_t generation = n == 0 ? 0 : (n - 1) / options_.ops_per_key;
  return {clients::Invocation{"read", key(group, generation), nullptr}};
}

nlohmann::json RegisterWorkload::checker() const {
  return {{"checker", "linearizable"}, {"model", "cas-register"}, {"init", nullptr}};
}

nlohmann::json RegisterWorkload::describe() const {
  return {{"name", "register"},
          {"workers_per_key", options_.workers_per_key},
          {"ops_per_key", options_.ops_per_key},
          {"values", options_.values}};
}

}  // namespace faultline::harness
