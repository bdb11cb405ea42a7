#include "checker/models/kv.h"

namespace faultline::checker {
namespace {

// The errors, out of line: building their messages would otherwise make every call save and
// restore the registers that they need (a third of a parse).
[[noreturn, gnu::cold, gnu::noinline]] void not_a_string(const nlohmann::json& value,
                                                         std::string_view f) {
  throw ModelError("a kv " + std::string(f) + " value must be a string, got " + value.dump());
}

[[noreturn, gnu::cold, gnu::noinline]] void unknown_f(std::string_view f) {
  throw ModelError("the kv model has no f \"" + std::string(f) + "\" (it knows get, put, append)");
}

std::string_view as_string(const nlohmann::json& value, std::string_view f) {
  if (value.is_string()) return value.get_ref<const std::string&>();
  if (!value.is_null()) not_a_string(value, f);
  return "";
}

}  // namespace

KvModel::KvModel(const nlohmann::json& init) : init_text_(as_string(init, "init")) {}

std::uint32_t KvModel::init_state() {
  // Interned here, after reserve(): a literal stored before it would make the string tables
  // allocate twice (a tenth of a kv/c10-ok check's allocations).
  if (init_ == kNoState) init_ = strings_.literal(init_text_);
  return init_;
}

std::pair<KvModel::F, std::string_view> KvModel::parse(std::string_view f,
                                                      const nlohmann::json& value) {
  if (f == "get" || f == "read") return {kGet, as_string(value, f)};
  if (f == "put" || f == "write") return {kPut, as_string(value, f)};
  if (f == "append") return {kAppend, as_string(value, f)};
  unknown_f(f);
}

ModelOp KvModel::encode(std::string_view f, const nlohmann::json& value, bool) {
  const auto [kind, s] = parse(f, value);
  // A get is not interned: an ok get is only compared with states, and a pending one is dropped.
  if (kind == kGet) return {kGet, strings_.read(s), static_cast<std::uint32_t>(s.size())};
  return {kind, strings_.literal(s), 0};
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
