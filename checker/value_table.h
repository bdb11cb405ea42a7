// A ValueTable interns JSON values as dense integer ids, so that model states and ops are small
// integers compared with ==. Id 0 is always null. Equal JSON values get equal ids (integers by a
// fast path, everything else by its serialized form).
//
// Integers, by far the commonest values, are looked up in a FlatIntMap, so interning the values
// of a 1M-op register history costs a probe per op and no allocation per value.
// Thread-safety: not thread-safe; each search owns its own table.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "checker/flat_int_map.h"

namespace faultline::checker {

class ValueTable {
 public:
  static constexpr std::uint32_t kNull = 0;

  ValueTable() { values_.emplace_back(nullptr); }

  std::uint32_t intern(const nlohmann::json& value) {
    if (value.is_null()) return kNull;
    if (value.is_number_integer()) return intern_int(value);
    auto [it, inserted] = others_.try_emplace(value.dump(), static_cast<std::uint32_t>(values_.size()));
    if (inserted) values_.push_back(value);
    return it->second;
  }

  const nlohmann::json& value(std::uint32_t id) const { return values_[id]; }
  std::size_t size() const { return values_.size(); }

 private:
  std::uint32_t intern_int(const nlohmann::json& value) {
    bool inserted = false;
    const std::uint32_t id = ints_.try_emplace(value.get<std::int64_t>(),
                                               static_cast<std::uint32_t>(values_.size()), inserted);
    if (inserted) values_.push_back(value);
    return id;
  }

  FlatIntMap ints_;
  std::unordered_map<std::string, std::uint32_t> others_;
  std::vector<nlohmann::json> values_;
};

}  // namespace faultline::checker
