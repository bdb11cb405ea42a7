// A history whose search explodes gives unknown, with the reason, under a time or memory limit.
#include <catch2/catch.hpp>

#include "checker/check.h"
#include "tests/checker/history_builder.h"

using faultline::checker::CheckOptions;
using faultline::checker::Verdict;
using faultline::testing::check_built;
using faultline::testing::HistoryBuilder;
using faultline::testing::model_options;

namespace {

// 40 concurrent writes of distinct values, and a read of a value nobody wrote that completes
// only after all of them: every order of every subset is a distinct configuration.
HistoryBuilder adversarial() {
  HistoryBuilder b;
  const int n = 40;
  for (int p = 0; p < n; ++p) b.invoke(p, "write", p + 1);
  b.invoke(n, "read");
  for (int p = 0; p < n; ++p) b.ok(p, "write", p + 1);
  for (int p = 0; p < n; ++p) b.done(p, "read", nullptr, p + 1);
  b.ok(n, "read", 1000);
  return b;
}

}  // namespace

TEST_CASE("a time limit gives unknown", "[checker][limits]") {
  const auto b = adversarial();
  CheckOptions o = model_options("register");
  o.time_limit_s = 0.2;
  const auto r = check_built(b, o);
  CHECK(r.verdict == Verdict::kUnknown);
  CHECK(r.json()["unknown_reason"] == "time-limit");
  CHECK(r.json()["partitions"]["unknown"] == 1);
}

TEST_CASE("a memory limit gives unknown", "[checker][limits]") {
  const auto b = adversarial();
  CheckOptions o = model_options("register");
  o.memory_limit_bytes = 1 << 20;
  const auto r = check_built(b, o);
  CHECK(r.verdict == Verdict::kUnknown);
  CHECK(r.json()["unknown_reason"] == "memory-limit");
}
