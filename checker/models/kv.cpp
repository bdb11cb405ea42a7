#include "checker/models/kv.h"

namespace faultline::checker {
namespace {

std::string as_string(const nlohmann::json& value, std::string_view f) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_null()) return "";
  throw ModelError("a kv " + std::string(f) + " value must be a string, got " + value.dump());
}

}  // namespace

KvModel::KvModel(const nlohmann::json& init) { init_ = intern(as_string(init, "init")); }

std::uint32_t KvModel::intern(const std::string& s) {
  auto [it, inserted] = ids_.try_emplace(s, static_cast<std::uint32_t>(strings_.size()));
  if (inserted) strings_.push_back(s);
  return it->second;
}

std::uint32_t KvModel::append(std::uint32_t state, std::uint32_t suffix) {
  const std::uint64_t key = (std::uint64_t{state} << 32) | suffix;
  auto it = appends_.find(key);
  if (it != appends_.end()) return it->second;
  const std::uint32_t id = intern(strings_[state] + strings_[suffix]);
  appends_.emplace(key, id);
  return id;
}

ModelOp KvModel::encode(std::string_view f, const nlohmann::json& value, bool) {
  if (f == "get" || f == "read") return {kGet, intern(as_string(value, f)), 0};
  if (f == "put" || f == "write") return {kPut, intern(as_string(value, f)), 0};
  if (f == "append") return {kAppend, intern(as_string(value, f)), 0};
  throw ModelError("the kv model has no f \"" + std::string(f) + "\" (it knows get, put, append)");
}

std::string KvModel::describe(const ModelOp& op) const {
  const std::string v = op.a == kAnyValue ? "?" : nlohmann::json(strings_[op.a]).dump();
  switch (op.f) {
    case kGet: return "get " + v;
    case kPut: return "put " + v;
    default: return "append " + v;
  }
}

}  // namespace faultline::checker
