// The counter service: one integer counter per key, initially 0. f is "add" (value: a positive
// increment) and "read" (invoke value null, ok value the counter).
//
// Bugs: stale-read returns the value before the last add; lost-write acknowledges an add
// without applying it; duplicate applies an add twice; phantom reads a negative value, which no
// sum of positive increments gives.
// Thread-safety: none.
#pragma once

#include <cstdint>
#include <vector>

#include "sim/service.h"

namespace faultline::sim {

class CounterService : public Service {
 public:
  CounterService(std::size_t keys, Bug bug);
  Request choose(Rng& rng) override;
  Response apply(Rng& rng, std::size_t key, const Request& request, bool plant_bug) override;

 private:
  struct Key {
    std::int64_t current = 0;
    std::int64_t previous = 0;
    bool has_previous = false;
  };
  std::vector<Key> keys_;
  Bug bug_;
};

}  // namespace faultline::sim
