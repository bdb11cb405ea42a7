#include "checker/models/set.h"

#include <algorithm>

namespace faultline::checker {

SetModel::SetModel(const nlohmann::json& init) {
  if (!init.is_null() && !init.is_array()) {
    throw ModelError("a set init is a list of elements, got " + init.dump());
  }
  init_ = intern_set(init.is_null() ? nlohmann::json::array() : init);
}

std::uint32_t SetModel::intern_set(const nlohmann::json& list) {
  StateTable::Seq elements;
  for (const auto& v : list) elements.push_back(values_.intern(v));
  std::sort(elements.begin(), elements.end());
  elements.erase(std::unique(elements.begin(), elements.end()), elements.end());
  return sets_.intern(elements);
}

ModelOp SetModel::encode(std::string_view f, const nlohmann::json& value, bool ok) {
  if (f == "add") return {kAdd, values_.intern(value), 0};
  if (f == "read") {
    if (!ok) return {kRead, kAnyValue, 0};
    if (!value.is_array()) throw ModelError("a set read value must be a list, got " + value.dump());
    return {kRead, intern_set(value), 0};
  }
  throw ModelError("the set model has no f \"" + std::string(f) + "\" (it knows add, read)");
}

bool SetModel::step(std::uint32_t state, const ModelOp& op, std::uint32_t& next) {
  next = state;
  if (op.f == kRead) return op.a == state || op.a == kAnyValue;
  if (sets_.cached_step(state, op, next)) return true;
  StateTable::Seq elements = sets_.seq(state);
  auto at = std::lower_bound(elements.begin(), elements.end(), op.a);
  if (at == elements.end() || *at != op.a) elements.insert(at, op.a);
  next = sets_.intern(elements);
  sets_.remember_step(state, op, next);
  return true;
}

nlohmann::json SetModel::render_state(std::uint32_t state) const {
  nlohmann::json out = nlohmann::json::array();
  for (std::uint32_t v : sets_.seq(state)) out.push_back(values_.value(v));
  return out;
}

std::string SetModel::describe(const ModelOp& op) const {
  if (op.f == kAdd) return "add " + values_.value(op.a).dump();
  return "read " + (op.a == kAnyValue ? std::string("?") : render_state(op.a).dump());
}

}  // namespace faultline::checker
