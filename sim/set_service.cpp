#include "sim/set_service.h"

namespace faultline::sim {

SetService::SetService(std::size_t keys, Bug bug) : sets_(keys), bug_(bug) {}

Request SetService::choose(Rng& rng) {
  // Reads return the whole set, so keep them rarer than adds.
  if (rng.below(4) == 0) return {"read", nullptr};
  return {"add", next_element_++};
}

Response SetService::apply(Rng& rng, std::size_t key, const Request& request, bool plant_bug) {
  std::vector<std::int64_t>& set = sets_[key];
  Response r;
  if (request.f == "read") {
    std::size_t visible = set.size();
    if (plant_bug && bug_ == Bug::kStaleRead && !set.empty()) {
      visible = rng.below(set.size());
      r.bug_shown = true;
    }
    r.value = nlohmann::json::array();
    for (std::size_t i = 0; i < visible; ++i) r.value.push_back(set[i]);
    if (plant_bug && bug_ == Bug::kPhantom) {
      r.value.push_back(next_phantom_--);
      r.bug_shown = true;
    }
    return r;
  }
  r.value = request.value;
  if (plant_bug && bug_ == Bug::kLostWrite) {
    r.bug_shown = true;
    return r;
  }
  const std::int64_t element = request.value.get<std::int64_t>();
  set.push_back(element);
  if (plant_bug && bug_ == Bug::kDuplicate) {
    set.push_back(element);
    r.bug_shown = true;
  }
  return r;
}

}  // namespace faultline::sim
