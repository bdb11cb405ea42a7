// A ValueTable interns JSON values as dense integer ids, so that model states and ops are small
// integers compared with ==. Id 0 is always null. Equal JSON values get equal ids (integers by a
// fast path, everything else by its serialized form).
// Thread-safety: not thread-safe; each search owns its own table.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

namespace faultline::checker {

class ValueTable {
 public:
  static constexpr std::uint32_t kNull = 0;

  ValueTable() { values_.emplace_back(nullptr); }

  std::uint32_t intern(const nlohmann::json& value) {
    if (value.is_null()) return kNull;
    if (value.is_number_integer()) {
      const auto v = value.get<std::int64_t>();
      auto [it, inserted] = ints_.try_emplace(v, static_cast<std::uint32_t>(values_.size()));
      if (inserted) values_.push_back(value);
      return it->second;
    }
    auto [it, inserted] = others_.try_emplace(value.dump(), static_cast<std::uint32_t>(values_.size()));
    if (inserted) values_.push_back(value);
    return it->second;
  }

  const nlohmann::json& value(std::uint32_t id) const { return values_[id]; }
  std::size_t size() const { return values_.size(); }

 private:
  std::unordered_map<std::int64_t, std::uint32_t> ints_;
  std::unordered_map<std::string, std::uint32_t> others_;
  std::vector<nlohmann::json> values_;
};

}  // namespace faultline::checker
