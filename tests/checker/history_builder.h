// A tiny builder of in-memory histories for checker tests: each call appends one op, in history
// order, with its index; ops() pairs them the way the readers' histories are paired.
// check_built() runs the checker on what was built.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "checker/check.h"
#include "history/history.h"
#include "history/op.h"
#include "history/pairing.h"

namespace faultline::testing {

class HistoryBuilder {
 public:
  HistoryBuilder& invoke(std::int64_t p, const std::string& f, nlohmann::json v = nullptr,
                         nlohmann::json key = nullptr) {
    return add(history::OpType::kInvoke, p, f, std::move(v), std::move(key));
  }
  HistoryBuilder& ok(std::int64_t p, const std::string& f, nlohmann::json v = nullptr,
                     nlohmann::json key = nullptr) {
    return add(history::OpType::kOk, p, f, std::move(v), std::move(key));
  }
  HistoryBuilder& fail(std::int64_t p, const std::string& f, nlohmann::json v = nullptr,
                       nlohmann::json key = nullptr) {
    return add(history::OpType::kFail, p, f, std::move(v), std::move(key));
  }
  HistoryBuilder& info(std::int64_t p, const std::string& f, nlohmann::json v = nullptr,
                       nlohmann::json key = nullptr) {
    return add(history::OpType::kInfo, p, f, std::move(v), std::move(key));
  }
  // invoke immediately followed by ok: an op with no concurrency.
  HistoryBuilder& done(std::int64_t p, const std::string& f, nlohmann::json in,
                       nlohmann::json out, nlohmann::json key = nullptr) {
    invoke(p, f, std::move(in), key);
    return ok(p, f, std::move(out), std::move(key));
  }

  const history::History& history() const { return h_; }

 private:
  HistoryBuilder& add(history::OpType type, std::int64_t p, const std::string& f,
                      nlohmann::json v, nlohmann::json key) {
    history::Op op;
    op.index = static_cast<std::int64_t>(h_.ops.size());
    op.type = type;
    op.process = p;
    op.f = f;
    op.value = std::move(v);
    op.key = std::move(key);
    h_.ops.push_back(std::move(op));
    h_.path = "test.jsonl";
    return *this;
  }
  history::History h_;
};

// The options for `model` with initial value `init` (null: the model's default).
inline checker::CheckOptions model_options(std::string model, nlohmann::json init = nullptr) {
  checker::CheckOptions o;
  o.model = std::move(model);
  o.init = std::move(init);
  return o;
}

// check() on the builder's history, paired as the readers pair theirs.
inline checker::CheckResult check_built(const HistoryBuilder& b, const checker::CheckOptions& o) {
  return checker::check(b.history(), history::pair_operations(b.history()), o);
}

}  // namespace faultline::testing
