#include "checker/models/register.h"

namespace faultline::checker {

RegisterModel::RegisterModel(const nlohmann::json& init, bool allow_cas, bool nil_read_unknown)
    : allow_cas_(allow_cas), nil_read_unknown_(nil_read_unknown) {
  init_ = values_.intern(init);
}

ModelOp RegisterModel::encode(std::string_view f, const nlohmann::json& value, bool reported) {
  if (f == "read" || f == "r") {
    const bool known = reported && !(value.is_null() && nil_read_unknown_);
    return {kRead, known ? values_.intern(value) : kAnyValue, 0};
  }
  if (f == "write" || f == "w") return {kWrite, values_.intern(value), 0};
  if (f == "cas" && allow_cas_) {
    if (!value.is_array() || value.size() != 2) {
      throw ModelError("a cas value must be [old, new], got " + value.dump());
    }
    return {kCas, values_.intern(value[0]), values_.intern(value[1])};
  }
  throw ModelError("the " + std::string(name()) + " model has no f \"" + std::string(f) +
                   "\" (it knows read, write" + (allow_cas_ ? ", cas)" : ")"));
}

std::string RegisterModel::describe(const ModelOp& op) const {
  switch (op.f) {
    case kRead:
      return "read " + (op.a == kAnyValue ? std::string("?") : values_.value(op.a).dump());
    case kWrite:
      return "write " + values_.value(op.a).dump();
    default:
      return "cas " + values_.value(op.a).dump() + "->" + values_.value(op.b).dump();
  }
}

}  // namespace faultline::checker
