#include "checker/models/kv.h"

namespace faultline::checker {
namespace {

std::string_view as_string(const nlohmann::json& value, std::string_view f) {
  if (value.is_string()) return value.get_ref<const std::string&>();
  if (value.is_null()) return "";
  throw ModelError("a kv " + std::string(f) + " value must be a string, got " + value.dump());
}

}  // namespace

KvModel::KvModel(const nlohmann::json& init) { init_ = strings_.literal(as_string(init, "init")); }

ModelOp KvModel::encode(std::string_view f, const nlohmann::json& value, bool) {
  if (f == "get" || f == "read") {
    const std::string_view s = as_string(value, f);
    return {kGet, strings_.literal(s), static_cast<std::uint32_t>(s.size())};
  }
  if (f == "put" || f == "write") return {kPut, strings_.literal(as_string(value, f)), 0};
  if (f == "append") return {kAppend, strings_.literal(as_string(value, f)), 0};
  throw ModelError("the kv model has no f \"" + std::string(f) + "\" (it knows get, put, append)");
}

std::string KvModel::describe(const ModelOp& op) const {
  const std::string v = op.a == kAnyValue ? "?" : nlohmann::json(strings_.text(op.a)).dump();
  switch (op.f) {
    case kGet: return "get " + v;
    case kPut: return "put " + v;
    default: return "append " + v;
  }
}

}  // namespace faultline::checker
