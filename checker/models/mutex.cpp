#include "checker/models/mutex.h"

namespace faultline::checker {

MutexModel::MutexModel(const nlohmann::json& init) {
  if (init.is_null() || init == false || init == "free") {
    init_ = 0;
  } else if (init == true || init == "held") {
    init_ = 1;
  } else {
    throw ModelError("a mutex init is \"free\" or \"held\", got " + init.dump());
  }
}

ModelOp MutexModel::encode(std::string_view f, const nlohmann::json&, bool) {
  if (f == "acquire") return {kAcquire, 0, 0};
  if (f == "release") return {kRelease, 0, 0};
  throw ModelError("the mutex model has no f \"" + std::string(f) + "\" (it knows acquire, release)");
}

}  // namespace faultline::checker
