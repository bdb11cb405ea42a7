// A ValueTable interns JSON values as dense integer ids, so that model states and ops are small
// integers compared with ==. Id 0 is always null. Equal JSON values get equal ids (integers by a
// fast path, everything else by its serialized form).
//
// Integers, by far the commonest values, are looked up in a flat open-addressing table (no
// allocation per value, one free when the table goes), so interning the values of a 1M-op
// register history costs a probe per op.
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
    if (value.is_number_integer()) return intern_int(value);
    auto [it, inserted] = others_.try_emplace(value.dump(), static_cast<std::uint32_t>(values_.size()));
    if (inserted) values_.push_back(value);
    return it->second;
  }

  const nlohmann::json& value(std::uint32_t id) const { return values_[id]; }
  std::size_t size() const { return values_.size(); }

 private:
  static constexpr std::uint32_t kEmpty = UINT32_MAX;
  struct IntSlot {
    std::int64_t key;
    std::uint32_t id;
  };

  std::uint32_t intern_int(const nlohmann::json& value) {
    const auto v = value.get<std::int64_t>();
    if ((int_count_ + 1) * 2 > ints_.size()) grow_ints();
    const std::size_t mask = ints_.size() - 1;
    for (std::size_t i = slot_of(v) & mask;; i = (i + 1) & mask) {
      IntSlot& s = ints_[i];
      if (s.id == kEmpty) {
        s = {v, static_cast<std::uint32_t>(values_.size())};
        values_.push_back(value);
        ++int_count_;
        return s.id;
      }
      if (s.key == v) return s.id;
    }
  }
  static std::size_t slot_of(std::int64_t v) {
    return static_cast<std::size_t>((static_cast<std::uint64_t>(v) * 0x9E3779B97F4A7C15ull) >> 20);
  }
  void grow_ints() {
    std::vector<IntSlot> old(ints_.empty() ? 8 : ints_.size() * 2, IntSlot{0, kEmpty});
    old.swap(ints_);
    const std::size_t mask = ints_.size() - 1;
    for (const IntSlot& s : old) {
      if (s.id == kEmpty) continue;
      std::size_t i = slot_of(s.key) & mask;
      while (ints_[i].id != kEmpty) i = (i + 1) & mask;
      ints_[i] = s;
    }
  }

  std::vector<IntSlot> ints_;
  std::size_t int_count_ = 0;
  std::unordered_map<std::string, std::uint32_t> others_;
  std::vector<nlohmann::json> values_;
};

}  // namespace faultline::checker
