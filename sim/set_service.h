// The set service: one grow-only set per key. f is "add" (value: a fresh integer element,
// unique across the run) and "read" (invoke value null, ok value every element of the key's set,
// in the order they were added). After the run each key gets one final read, as in Jepsen's set
// workloads, so that every add is followed by a read.
//
// Bugs: stale-read returns an earlier, smaller version of the set; lost-write acknowledges an
// add without applying it; duplicate applies an add twice (the element is read twice);
// phantom reads an element no process added.
// Thread-safety: none.
#pragma once

#include <cstdint>
#include <vector>

#include "sim/service.h"

namespace faultline::sim {

class SetService : public Service {
 public:
  SetService(std::size_t keys, Bug bug);
  Request choose(Rng& rng) override;
  Response apply(Rng& rng, std::size_t key, const Request& request, bool plant_bug) override;
  Request final_request() const override { return {"read", nullptr}; }

 private:
  std::vector<std::vector<std::int64_t>> sets_;  // elements in the order they were applied
  Bug bug_;
  std::int64_t next_element_ = 0;
  std::int64_t next_phantom_ = -1;
};

}  // namespace faultline::sim
