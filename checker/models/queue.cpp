#include "checker/models/queue.h"

#include <algorithm>

namespace faultline::checker {

QueueModel::QueueModel(const nlohmann::json& init, bool fifo) : fifo_(fifo) {
  if (!init.is_null() && !init.is_array()) {
    throw ModelError("a queue init is a list of elements, got " + init.dump());
  }
  StateTable::Seq elements;
  for (const auto& v : init.is_null() ? nlohmann::json::array() : init) {
    elements.push_back(values_.intern(v));
  }
  if (!fifo_) std::sort(elements.begin(), elements.end());
  init_ = states_.intern(elements);
}

ModelOp QueueModel::encode(std::string_view f, const nlohmann::json& value, bool ok) {
  if (f == "enqueue") return {kEnqueue, values_.intern(value), 0};
  if (f == "dequeue") return {kDequeue, ok ? values_.intern(value) : kAnyValue, 0};
  throw ModelError("the " + std::string(name()) + " model has no f \"" + std::string(f) +
                   "\" (it knows enqueue, dequeue)");
}

bool QueueModel::apply(StateTable::Seq& elements, const ModelOp& op) const {
  if (op.f == kEnqueue) {
    if (fifo_) {
      elements.push_back(op.a);
    } else {
      elements.insert(std::upper_bound(elements.begin(), elements.end(), op.a), op.a);
    }
    return true;
  }
  if (op.a == ValueTable::kNull) return elements.empty();
  if (elements.empty()) return op.a == kAnyValue;  // an unfinished dequeue of nothing
  if (fifo_) {
    if (op.a != kAnyValue && elements.front() != op.a) return false;
    elements.erase(elements.begin());
    return true;
  }
  auto at = std::lower_bound(elements.begin(), elements.end(), op.a);
  if (at == elements.end() || *at != op.a) return false;
  elements.erase(at);
  return true;
}

bool QueueModel::step(std::uint32_t state, const ModelOp& op, std::uint32_t& next) {
  if (states_.cached_step(state, op, next)) return next != StateTable::kNoState;
  StateTable::Seq elements = states_.seq(state);
  next = apply(elements, op) ? states_.intern(elements) : StateTable::kNoState;
  states_.remember_step(state, op, next);
  return next != StateTable::kNoState;
}

nlohmann::json QueueModel::render_state(std::uint32_t state) const {
  nlohmann::json out = nlohmann::json::array();
  for (std::uint32_t v : states_.seq(state)) out.push_back(values_.value(v));
  return out;
}

std::string QueueModel::describe(const ModelOp& op) const {
  if (op.f == kEnqueue) return "enqueue " + values_.value(op.a).dump();
  return "dequeue " + (op.a == kAnyValue ? std::string("?") : values_.value(op.a).dump());
}

}  // namespace faultline::checker
