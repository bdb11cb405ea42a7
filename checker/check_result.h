// A CheckResult is what one checker run answers: its verdict, and its element of the results
// document's "checkers" array (docs/formats/results.md).
//
// The JSON is built on first use, from a ResultDetail the checker leaves behind: a small history
// checks in well under a microsecond, and building and freeing its result JSON (a dozen or more
// allocations, more for a counterexample) would cost several times the check itself. A caller
// that only wants the verdict never pays for it. A checker whose JSON is cheap may pass it whole.
//
// Invariants: json() always returns the same document for a given result; copies share the
// detail (immutable) and each builds its own JSON.
// Thread-safety: a result may be read from one thread at a time (json() fills a cache); distinct
// results, even copies of one another, are independent.
#pragma once

#include <memory>
#include <optional>
#include <utility>

#include <nlohmann/json.hpp>

#include "checker/verdict.h"

namespace faultline::checker {

// What a checker keeps to render its result later: immutable once made, and owning everything it
// renders from (a result may outlive the history and options it was checked with).
class ResultDetail {
 public:
  virtual ~ResultDetail() = default;
  virtual nlohmann::json render() const = 0;
};

class CheckResult {
 public:
  CheckResult() = default;
  CheckResult(Verdict verdict, nlohmann::json json) : verdict(verdict), json_(std::move(json)) {}
  CheckResult(Verdict verdict, std::shared_ptr<const ResultDetail> detail)
      : verdict(verdict), detail_(std::move(detail)) {}

  Verdict verdict = Verdict::kValid;

  // The element of "checkers", built from the detail on the first call.
  const nlohmann::json& json() const {
    if (!json_) json_ = detail_ ? detail_->render() : nlohmann::json::object();
    return *json_;
  }
  nlohmann::json& json() {
    static_cast<const CheckResult&>(*this).json();
    return *json_;
  }

 private:
  std::shared_ptr<const ResultDetail> detail_;
  mutable std::optional<nlohmann::json> json_;
};

}  // namespace faultline::checker
