// The kv service: porcupine's key-value store, one string per key, initially "". f is "get"
// (invoke value null, ok value the string), "put" (value s: replace) and "append" (value s:
// concatenate). Puts are common enough that strings stay short.
//
// Bugs: stale-read returns the key's previous, different string; lost-write acknowledges a put
// or append without applying it; duplicate applies an append twice; phantom gets a string no
// sequence of puts and appends produced.
// Thread-safety: none.
#pragma once

#include <string>
#include <vector>

#include "sim/service.h"

namespace faultline::sim {

class KvService : public Service {
 public:
  KvService(std::size_t keys, Bug bug);
  Request choose(Rng& rng) override;
  Response apply(Rng& rng, std::size_t key, const Request& request, bool plant_bug) override;

 private:
  struct Key {
    std::string current;
    std::string previous;
    bool has_previous = false;
  };
  std::vector<Key> keys_;
  Bug bug_;
};

}  // namespace faultline::sim
