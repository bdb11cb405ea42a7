// A CheckResult is what one checker run answers: its verdict, and its element of the results
// document's "checkers" array (docs/formats/results.md).
//
// The JSON is rendered on first use, from a ResultDetail the checker leaves behind: a small
// history checks in well under a microsecond, and building and freeing its result JSON (a dozen
// or more allocations, more for a counterexample) would cost several times the check itself. A
// caller that only wants the verdict never pays for it. A checker whose JSON is cheap next to its
// analysis hands over the JSON ready-made (RenderedJson).
//
// Invariants: a detail renders at most once; json() always returns that same document. Copies of
// a result share its detail, so they share the rendered document too.
// Thread-safety: json() may be called from several threads at once, on one result or on copies.
#pragma once

#include <memory>
#include <mutex>
#include <utility>

#include <nlohmann/json.hpp>

#include "checker/verdict.h"

namespace faultline::checker {

// What a checker keeps to render its result later: immutable once made, and owning everything it
// renders from (a result may outlive the history and options it was checked with).
class ResultDetail {
 public:
  virtual ~ResultDetail() = default;

  // The rendered document: render() runs on the first call, from whichever thread makes it.
  const nlohmann::json& json() const {
    std::call_once(once_, [this] { json_ = render(); });
    return json_;
  }

 protected:
  virtual nlohmann::json render() const = 0;

 private:
  mutable std::once_flag once_;
  mutable nlohmann::json json_;
};

// A detail whose JSON was built up front.
class RenderedJson final : public ResultDetail {
 public:
  explicit RenderedJson(nlohmann::json json) : json_(std::move(json)) {}

 protected:
  // Runs once (ResultDetail::json), so the document can be moved out rather than copied.
  nlohmann::json render() const override { return std::move(json_); }

 private:
  mutable nlohmann::json json_;
};

class CheckResult {
 public:
  CheckResult() = default;
  CheckResult(Verdict verdict, std::shared_ptr<const ResultDetail> detail)
      : verdict(verdict), detail_(std::move(detail)) {}
  CheckResult(Verdict verdict, nlohmann::json json)
      : CheckResult(verdict, std::make_shared<RenderedJson>(std::move(json))) {}

  Verdict verdict = Verdict::kValid;

  // The element of "checkers"; an empty object for a default-constructed result.
  const nlohmann::json& json() const {
    static const nlohmann::json empty = nlohmann::json::object();
    return detail_ ? detail_->json() : empty;
  }

 private:
  std::shared_ptr<const ResultDetail> detail_;
};

}  // namespace faultline::checker
