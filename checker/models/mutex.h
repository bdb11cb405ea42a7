// The mutex model: a lock, initially free (init null, false or "free"; true or "held": held).
//   acquire: legal only when free; makes it held
//   release: legal only when held; makes it free
// States: 0 free, 1 held. Values are ignored. Thread-safety: one instance per search.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "checker/model_op.h"

namespace faultline::checker {

class MutexModel {
 public:
  enum F : std::uint32_t { kAcquire, kRelease };
  static constexpr bool kPartitionByKey = true;

  explicit MutexModel(const nlohmann::json& init);

  ModelOp encode(std::string_view f, const nlohmann::json& value, bool ok);
  bool droppable_if_indeterminate(const ModelOp&) const { return false; }
  std::uint32_t init_state() const { return init_; }
  bool step(std::uint32_t state, const ModelOp& op, std::uint32_t& next) const {
    next = op.f == kAcquire ? 1 : 0;
    return state != next;
  }
  nlohmann::json render_state(std::uint32_t state) const { return state ? "held" : "free"; }
  std::string describe(const ModelOp& op) const { return op.f == kAcquire ? "acquire" : "release"; }
  std::string_view name() const { return "mutex"; }

 private:
  std::uint32_t init_ = 0;
};

}  // namespace faultline::checker
