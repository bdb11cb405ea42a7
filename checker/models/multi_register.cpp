#include "checker/models/multi_register.h"

namespace faultline::checker {

MultiRegisterModel::MultiRegisterModel(const nlohmann::json& init, bool nil_read_unknown)
    : nil_read_unknown_(nil_read_unknown) {
  if (init.is_null()) return;
  if (!init.is_object()) {
    throw ModelError("a multi-register init is a map of register to value, got " + init.dump());
  }
  for (const auto& [name, value] : init.items()) {
    init_.emplace_back(register_id(name), values_.intern(value));
  }
}

std::uint32_t MultiRegisterModel::register_id(const nlohmann::json& name) {
  const std::string key = name.is_string() ? name.get<std::string>() : name.dump();
  auto [it, inserted] = name_ids_.try_emplace(key, static_cast<std::uint32_t>(names_.size()));
  if (inserted) names_.push_back(key);
  return it->second;
}

ModelOp MultiRegisterModel::encode(std::string_view f, const nlohmann::json& value, bool reported) {
  if (f != "txn") {
    throw ModelError("the multi-register model has no f \"" + std::string(f) + "\" (it knows txn)");
  }
  if (!value.is_array()) throw ModelError("a txn value must be a list of micro-ops, got " + value.dump());
  std::vector<Micro> txn;
  StateTable::Seq flat;
  bool writes = false;
  for (const auto& m : value) {
    if (!m.is_array() || m.size() != 3 || !m[0].is_string()) {
      throw ModelError("a txn micro-op must be [f, register, value], got " + m.dump());
    }
    const auto mf = m[0].get<std::string>();
    const bool write = mf == "write" || mf == "w";
    if (!write && mf != "read" && mf != "r") {
      throw ModelError("a txn micro-op f is read or write, got " + m[0].dump());
    }
    const bool unknown = !write && (!reported || (m[2].is_null() && nil_read_unknown_));
    const std::uint32_t v = unknown ? kAnyValue : values_.intern(m[2]);
    txn.push_back({write, register_id(m[1]), v});
    flat.insert(flat.end(), {write ? 1u : 0u, txn.back().reg, v});
    writes = writes || write;
  }
  const std::uint32_t id = txn_ids_.intern(flat);
  if (id == txns_.size()) {
    txns_.push_back(std::move(txn));
    has_write_.push_back(writes);
  }
  return {kTxn, id, 0};
}

std::uint32_t MultiRegisterModel::init_state() {
  StateTable::Seq regs(names_.size(), ValueTable::kNull);
  for (const auto& [reg, value] : init_) regs[reg] = value;
  return states_.intern(regs);
}

bool MultiRegisterModel::step(std::uint32_t state, const ModelOp& op, std::uint32_t& next) {
  if (states_.cached_step(state, op, next)) return next != StateTable::kNoState;
  StateTable::Seq regs = states_.seq(state);
  bool legal = true;
  for (const Micro& m : txns_[op.a]) {
    if (m.write) {
      regs[m.reg] = m.value;
    } else if (m.value != kAnyValue && regs[m.reg] != m.value) {
      legal = false;
      break;
    }
  }
  next = legal ? states_.intern(regs) : StateTable::kNoState;
  states_.remember_step(state, op, next);
  return legal;
}

nlohmann::json MultiRegisterModel::render_state(std::uint32_t state) const {
  nlohmann::json out = nlohmann::json::object();
  const auto& regs = states_.seq(state);
  for (std::size_t i = 0; i < regs.size(); ++i) out[names_[i]] = values_.value(regs[i]);
  return out;
}

std::string MultiRegisterModel::describe(const ModelOp& op) const {
  nlohmann::json txn = nlohmann::json::array();
  for (const Micro& m : txns_[op.a]) {
    txn.push_back({m.write ? "write" : "read", names_[m.reg],
                   m.value == kAnyValue ? nlohmann::json("?") : values_.value(m.value)});
  }
  return "txn " + txn.dump();
}

}  // namespace faultline::checker
