// A history whose search explodes gives unknown, with the reason, under a time or memory limit;
// every growing structure of the search counts against the memory limit, the models' state tables
// included.
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

namespace {

// k concurrent ops that are never known to have completed, each making a state nobody else makes
// (`make(p)`), and then an ok op (`last`) that no state allows: the search visits every subset of
// them, each a new model state, before it can say invalid. The visited set stays small (2^k
// configurations of a (k + 1)-bit set), while the model's state table holds 2^k states and
// k 2^(k-1) memoized steps: several times the visited set.
template <class Make, class Last>
HistoryBuilder state_table_growth(int k, Make make, Last last) {
  HistoryBuilder b;
  for (int p = 0; p < k; ++p) make(b, p, true);
  for (int p = 0; p < k; ++p) make(b, p, false);
  last(b, k);
  return b;
}

// The model's state table counts against the cap: unknown under a cap that the visited set alone
// fits in (12 MiB; with k = 16 it needs 5), invalid under the default (the whole search needs 36
// to 69 MiB). Before the tables were charged, these histories were decided under 12 MiB, and
// larger ones went far past the cap, were killed by the kernel or died with bad_alloc.
void check_table_counts(const HistoryBuilder& b, const std::string& model, nlohmann::json init = nullptr) {
  CheckOptions o = model_options(model, std::move(init));
  o.threads = 1;
  const auto decided = check_built(b, o);
  CHECK(decided.verdict == Verdict::kInvalid);
  o.memory_limit_bytes = 12 << 20;
  const auto r = check_built(b, o);
  CHECK(r.verdict == Verdict::kUnknown);
  CHECK(r.json()["unknown_reason"] == "memory-limit");
}

constexpr int kGrowth = 16;

}  // namespace

TEST_CASE("a set's state table counts against the memory limit", "[checker][limits]") {
  const auto b = state_table_growth(
      kGrowth,
      [](HistoryBuilder& h, int p, bool call) {
        call ? h.invoke(p, "add", p + 1) : h.info(p, "add", p + 1);
      },
      [](HistoryBuilder& h, int p) { h.done(p, "read", nullptr, nlohmann::json::array({999})); });
  check_table_counts(b, "set");
}

TEST_CASE("a queue's state table counts against the memory limit", "[checker][limits]") {
  const auto b = state_table_growth(
      kGrowth,
      [](HistoryBuilder& h, int p, bool call) {
        call ? h.invoke(p, "enqueue", p + 1) : h.info(p, "enqueue", p + 1);
      },
      [](HistoryBuilder& h, int p) { h.done(p, "dequeue", nullptr, 999); });
  check_table_counts(b, "unordered-queue");
}

TEST_CASE("a multi-register's state table counts against the memory limit", "[checker][limits]") {
  auto write = [](int p) {
    return nlohmann::json::array({nlohmann::json::array({"w", p, 1})});  // register p := 1
  };
  const auto b = state_table_growth(
      kGrowth,
      [&](HistoryBuilder& h, int p, bool call) {
        call ? h.invoke(p, "txn", write(p)) : h.info(p, "txn", write(p));
      },
      [](HistoryBuilder& h, int p) {
        h.done(p, "txn", nlohmann::json::array({nlohmann::json::array({"r", "z", nullptr})}),
               nlohmann::json::array({nlohmann::json::array({"r", "z", 5})}));
      });
  check_table_counts(b, "multi-register");
}
