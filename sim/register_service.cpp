#include "sim/register_service.h"

namespace faultline::sim {

namespace {
constexpr std::int64_t kValueRange = 5;
}

RegisterService::RegisterService(std::size_t keys, bool with_cas, Bug bug)
    : keys_(keys), with_cas_(with_cas), bug_(bug) {}

Request RegisterService::choose(Rng& rng) {
  const std::uint64_t pick = rng.below(with_cas_ ? 3 : 2);
  if (pick == 0) return {"read", nullptr};
  if (pick == 1) return {"write", rng.between(0, kValueRange - 1)};
  return {"cas", nlohmann::json::array({rng.between(0, kValueRange - 1), rng.between(0, kValueRange - 1)})};
}

void RegisterService::set(Key& k, const Value& v) {
  if (v == k.current) return;
  k.previous = k.current;
  k.has_previous = true;
  k.current = v;
}

Response RegisterService::apply(Rng&, std::size_t key, const Request& request, bool plant_bug) {
  Key& k = keys_[key];
  if (k.has_replay && k.replay_armed) {  // the duplicate bug: an old write is delivered again
    set(k, k.replay);
    k.has_replay = k.replay_armed = false;
  }
  Response r;
  if (request.f == "read") {
    r.value = to_json(k.current);
    if (plant_bug && bug_ == Bug::kStaleRead && k.has_previous) {
      r.value = to_json(k.previous);
      r.bug_shown = true;
    } else if (plant_bug && bug_ == Bug::kPhantom) {
      r.value = next_phantom_++;
      r.bug_shown = true;
    }
    return r;
  }
  Value target;
  if (request.f == "write") {
    target = request.value.get<std::int64_t>();
    r.value = request.value;
  } else {  // cas
    const std::int64_t old_value = request.value[0].get<std::int64_t>();
    r.value = request.value;
    if (k.current != Value(old_value)) {
      r.type = history::OpType::kFail;
      return r;
    }
    target = request.value[1].get<std::int64_t>();
  }
  if (plant_bug && bug_ == Bug::kLostWrite && target != k.current) {
    r.bug_shown = true;
    return r;
  }
  if (k.has_replay && target != k.current) k.replay_armed = true;
  if (plant_bug && bug_ == Bug::kDuplicate && request.f == "write" && !k.has_replay) {
    k.replay = target;
    k.has_replay = true;
    r.bug_shown = true;
  }
  set(k, target);
  return r;
}

}  // namespace faultline::sim
