// The multi-register model: named registers, each initially null or its value in the init map
// ({"x": 0, "y": 0}). One f:
//   txn value: a list of micro-ops [f, register, value] applied atomically in order, f being
//       "read"/"r" (the value read, known only when an ok completion reported the txn; null is
//       a value, except in Jepsen/Knossos histories, where a read of nil is not known) or
//       "write"/"w" (the value written).
// A state is the interned id of the tuple of all registers' value ids; txns are interned too, so
// equal txns are equal ModelOps. Transitions are memoized. Thread-safety: one instance per search.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "checker/model_op.h"
#include "checker/state_table.h"
#include "checker/value_table.h"

namespace faultline::checker {

class MultiRegisterModel {
 public:
  enum F : std::uint32_t { kTxn };
  static constexpr bool kPartitionByKey = true;

  MultiRegisterModel(const nlohmann::json& init, bool nil_read_unknown);

  ModelOp encode(std::string_view f, const nlohmann::json& value, bool reported);
  bool droppable_if_indeterminate(const ModelOp& op) const { return !has_write_[op.a]; }
  std::uint32_t init_state();
  bool step(std::uint32_t state, const ModelOp& op, std::uint32_t& next);
  nlohmann::json render_state(std::uint32_t state) const;
  std::string describe(const ModelOp& op) const;
  std::string_view name() const { return "multi-register"; }

 private:
  struct Micro {
    bool write;
    std::uint32_t reg;
    std::uint32_t value;  // kAnyValue for a read not known
  };
  std::uint32_t register_id(const nlohmann::json& name);

  ValueTable values_;
  std::vector<std::string> names_;
  std::unordered_map<std::string, std::uint32_t> name_ids_;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> init_;  // (register, value)
  StateTable txn_ids_;                                         // txn -> id, as flattened micro-ops
  std::vector<std::vector<Micro>> txns_;
  std::vector<bool> has_write_;
  StateTable states_;
  bool nil_read_unknown_;
};

}  // namespace faultline::checker
