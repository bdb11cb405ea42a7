// The set model: a set of values, initially empty (or the init list).
//   add  value: the element added
//   read value: the whole set read (a list, any order; known on an ok completion)
// A state is the interned id of the sorted list of element ids; a read is encoded as the id of
// the set it saw, so checking it is one comparison. Adds are memoized.
// Thread-safety: one instance per search.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "checker/model_op.h"
#include "checker/state_table.h"
#include "checker/value_table.h"

namespace faultline::checker {

class SetModel {
 public:
  enum F : std::uint32_t { kAdd, kRead };
  static constexpr bool kPartitionByKey = true;

  explicit SetModel(const nlohmann::json& init);

  ModelOp encode(std::string_view f, const nlohmann::json& value, bool ok);
  bool droppable_if_indeterminate(const ModelOp& op) const { return op.f == kRead; }
  std::uint32_t init_state() const { return init_; }
  bool step(std::uint32_t state, const ModelOp& op, std::uint32_t& next);
  nlohmann::json render_state(std::uint32_t state) const;
  std::string describe(const ModelOp& op) const;
  std::string_view name() const { return "set"; }

 private:
  std::uint32_t intern_set(const nlohmann::json& list);

  ValueTable values_;
  StateTable sets_;
  std::uint32_t init_ = 0;
};

}  // namespace faultline::checker
