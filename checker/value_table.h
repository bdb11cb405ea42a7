// A ValueTable interns JSON values as dense integer ids, so that model states and ops are small
// integers compared with ==. Id 0 is always null. Equal JSON values get equal ids (integers by a
// fast path, everything else by its serialized form).
//
// Integers, by far the commonest values, are looked up in a FlatIntMap, so interning the values
// of a 1M-op register history costs a probe per op and no allocation per value. Null is not
// stored, the first few values are kept inline, and the map of other values exists only once one
// is interned: a model of a few integer values (a Knossos register) allocates nothing, and moves
// cheaply.
// Thread-safety: not thread-safe; each search owns its own table.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include <boost/container/small_vector.hpp>
#include <nlohmann/json.hpp>

#include "checker/flat_int_map.h"
#include "checker/json_int.h"

namespace faultline::checker {

class ValueTable {
 public:
  static constexpr std::uint32_t kNull = 0;

  std::uint32_t intern(const nlohmann::json& value) {
    if (value.is_null()) return kNull;
    std::int64_t i;
    if (exact_int64(value, i)) return intern_int(i, value);
    if (!others_) others_ = std::make_unique<std::unordered_map<std::string, std::uint32_t>>();
    auto [it, inserted] = others_->try_emplace(value.dump(), next_id());
    if (inserted) store(value);
    return it->second;
  }

  const nlohmann::json& value(std::uint32_t id) const {
    static const nlohmann::json null;
    return id == kNull ? null : values_[id - 1];
  }
  std::size_t size() const { return values_.size() + 1; }

 private:
  std::uint32_t next_id() const { return static_cast<std::uint32_t>(values_.size() + 1); }
  void store(const nlohmann::json& value) { values_.push_back(value); }
  std::uint32_t intern_int(std::int64_t i, const nlohmann::json& value) {
    bool inserted = false;
    const std::uint32_t id = ints_.try_emplace(i, next_id(), inserted);
    if (inserted) store(value);
    return id;
  }

  FlatIntMap ints_;
  std::unique_ptr<std::unordered_map<std::string, std::uint32_t>> others_;  // or none yet
  boost::container::small_vector<nlohmann::json, 4> values_;  // id i is values_[i - 1]
};

}  // namespace faultline::checker
