#include "sim/counter_service.h"

namespace faultline::sim {

CounterService::CounterService(std::size_t keys, Bug bug) : keys_(keys), bug_(bug) {}

Request CounterService::choose(Rng& rng) {
  if (rng.below(2) == 0) return {"read", nullptr};
  return {"add", rng.between(1, 5)};
}

Response CounterService::apply(Rng& rng, std::size_t key, const Request& request, bool plant_bug) {
  Key& k = keys_[key];
  Response r;
  if (request.f == "read") {
    r.value = k.current;
    if (plant_bug && bug_ == Bug::kStaleRead && k.has_previous) {
      r.value = k.previous;
      r.bug_shown = true;
    } else if (plant_bug && bug_ == Bug::kPhantom) {
      r.value = -1 - static_cast<std::int64_t>(rng.below(100));
      r.bug_shown = true;
    }
    return r;
  }
  r.value = request.value;
  if (plant_bug && bug_ == Bug::kLostWrite) {
    r.bug_shown = true;
    return r;
  }
  std::int64_t delta = request.value.get<std::int64_t>();
  if (plant_bug && bug_ == Bug::kDuplicate) {
    delta *= 2;
    r.bug_shown = true;
  }
  k.previous = k.current;
  k.has_previous = true;
  k.current += delta;
  return r;
}

}  // namespace faultline::sim
