#include "sim/kv_service.h"

namespace faultline::sim {

KvService::KvService(std::size_t keys, Bug bug) : keys_(keys), bug_(bug) {}

Request KvService::choose(Rng& rng) {
  const std::uint64_t pick = rng.below(10);
  if (pick < 5) return {"get", nullptr};
  std::string s(1, 'x');
  s += std::to_string(rng.below(10));
  if (pick < 8) return {"put", std::move(s)};
  return {"append", std::move(s)};
}

Response KvService::apply(Rng&, std::size_t key, const Request& request, bool plant_bug) {
  Key& k = keys_[key];
  Response r;
  if (request.f == "get") {
    r.value = k.current;
    if (plant_bug && bug_ == Bug::kStaleRead && k.has_previous) {
      r.value = k.previous;
      r.bug_shown = true;
    } else if (plant_bug && bug_ == Bug::kPhantom) {
      r.value = k.current + "!";  // no put or append ever writes '!'
      r.bug_shown = true;
    }
    return r;
  }
  r.value = request.value;
  const std::string& s = request.value.get_ref<const std::string&>();
  std::string next = request.f == "put" ? s : k.current + s;
  if (plant_bug && bug_ == Bug::kDuplicate && request.f == "append") {
    next += s;
    r.bug_shown = true;
  }
  if (next == k.current) return r;
  if (plant_bug && bug_ == Bug::kLostWrite) {
    r.bug_shown = true;
    return r;
  }
  k.previous = std::move(k.current);
  k.has_previous = true;
  k.current = std::move(next);
  return r;
}

}  // namespace faultline::sim
