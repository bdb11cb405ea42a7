// The register and cas-register services: one integer register per key, initially null (the
// checker's default initial value). f is "read" (invoke value null, ok value the register),
// "write" (value v) and, for cas-register, "cas" (value [old, new]; fail when the register does
// not hold old). Written values come from a small range so that cas often succeeds.
//
// Bugs: stale-read returns the key's previous, different value; lost-write acknowledges a write
// or matching cas without applying it; duplicate applies a write again at the key's next
// operation after another write overwrote it; phantom reads a value no process ever wrote.
// Thread-safety: none.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "sim/service.h"

namespace faultline::sim {

class RegisterService : public Service {
 public:
  RegisterService(std::size_t keys, bool with_cas, Bug bug);
  Request choose(Rng& rng) override;
  Response apply(Rng& rng, std::size_t key, const Request& request, bool plant_bug) override;

 private:
  using Value = std::optional<std::int64_t>;
  struct Key {
    Value current;
    Value previous;  // the value before the last change; differs from current once set
    bool has_previous = false;
    Value replay;  // duplicate bug: a write delivered once more...
    bool has_replay = false;
    bool replay_armed = false;  // ...once another write has overwritten it
  };
  static nlohmann::json to_json(const Value& v) { return v ? nlohmann::json(*v) : nlohmann::json(); }
  void set(Key& k, const Value& v);

  std::vector<Key> keys_;
  bool with_cas_;
  Bug bug_;
  std::int64_t next_phantom_ = 1000000;
};

}  // namespace faultline::sim
