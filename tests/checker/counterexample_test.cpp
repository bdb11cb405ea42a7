// The counterexample of an invalid partition names the right ops and states.
#include <catch2/catch.hpp>

#include "checker/check.h"
#include "checker/results.h"
#include "tests/checker/history_builder.h"

using faultline::checker::CheckOptions;
using faultline::checker::Verdict;
using faultline::testing::check_built;
using faultline::testing::HistoryBuilder;
using faultline::testing::model_options;
using nlohmann::json;

TEST_CASE("a stale read: prefix, failed op, states, message", "[checker][counterexample]") {
  HistoryBuilder b;
  b.done(0, "write", 1, 1);              // ops 0, 1
  b.done(0, "write", 2, 2);              // ops 2, 3
  b.invoke(1, "read").invoke(2, "write", 5).ok(1, "read", 3).ok(2, "write", 5);  // ops 4-7
  const auto r = check_built(b, model_options("register"));
  REQUIRE(r.verdict == Verdict::kInvalid);
  REQUIRE(r.json()["failures"].size() == 1);
  const json& f = r.json()["failures"][0];
  CHECK(f["key"].is_null());
  CHECK(f["failed_op"] == 4);
  CHECK(f["concurrent"] == json{4, 5});
  // The writes 0 and 2 always linearize; the concurrent write 5 may too.
  CHECK(f["longest_prefix"][0] == 0);
  CHECK(f["longest_prefix"][1] == 2);
  CHECK(f["states"].size() >= 1);
  CHECK(f["states"].get<std::vector<int>>() != std::vector<int>{3});
  const std::string message = f["message"];
  CHECK(message.find("read 3 at op 4") == 0);
  CHECK(faultline::checker::summarize(r).find("read 3 at op 4") != std::string::npos);
  const json doc = faultline::checker::results_document(b.history(), {r});
  CHECK(doc["verdict"] == "invalid");
  CHECK(doc["ops"] == 8);
  CHECK(doc["checkers"][0]["partitions"]["invalid"] == 1);
}

TEST_CASE("failures carry their partition key; all_failures reports each", "[checker][counterexample]") {
  HistoryBuilder b;
  for (int k = 0; k < 3; ++k) {
    b.done(0, "write", 1, 1, k).done(0, "read", nullptr, k == 1 ? 1 : 9, k);
  }
  CheckOptions o = model_options("register");
  o.all_failures = true;
  const auto r = check_built(b, o);
  CHECK(r.verdict == Verdict::kInvalid);
  CHECK(r.json()["partitions"]["total"] == 3);
  CHECK(r.json()["partitions"]["valid"] == 1);
  REQUIRE(r.json()["failures"].size() == 2);
  CHECK(r.json()["failures"][0]["key"] == 0);
  CHECK(r.json()["failures"][1]["key"] == 2);
  CHECK(r.json()["failures"][1]["states"] == json{1});
}

// Shrunk from a simulated stale-read history: two prefixes of the longest length exist,
// (write 4, write 0, read 0, cas 0->3) ending in 3 and blocked by "read 4" at op 6, and
// (write 0, write 4, read 4, read 4) ending in 4 and blocked by "read 0" at op 4. The report
// named op 6 but listed both prefixes' states, "can only be 3 or 4", contradicting itself.
TEST_CASE("states are those of the prefixes the failed op blocked", "[checker][counterexample]") {
  HistoryBuilder b;
  b.invoke(4, "write", 4).invoke(7, "write", 0).ok(4, "write", 4);         // ops 0-2
  b.invoke(2, "cas", json{0, 3}).invoke(4, "read").ok(7, "write", 0);      // ops 3-5
  b.invoke(7, "read").invoke(5, "read").ok(4, "read", 0);                  // ops 6-8
  b.ok(7, "read", 4).ok(5, "read", 4).ok(2, "cas", json{0, 3});            // ops 9-11
  const auto r = check_built(b, model_options("cas-register", 0));
  REQUIRE(r.verdict == Verdict::kInvalid);
  const json& f = r.json()["failures"][0];
  const json failed_read = f["failed_op"] == 6 ? json(4) : json(0);
  INFO(f.dump());
  for (const json& s : f["states"]) CHECK(s != failed_read);
}

// The result's JSON is rendered on first use (checker/check_result.h): it must not need the
// history, the operations or the options, which a caller may have freed by then. ASan in the
// debug build catches a renderer that still points into them.
TEST_CASE("a result renders after its history and options are gone", "[checker][counterexample]") {
  faultline::checker::CheckResult r;
  {
    HistoryBuilder b;
    b.done(0, "write", "a", "a", "k").done(1, "read", nullptr, "b", "k");
    r = check_built(b, model_options("register"));
  }
  REQUIRE(r.verdict == Verdict::kInvalid);
  const auto copy = r;
  const json& f = r.json()["failures"][0];
  CHECK(f["key"] == "k");
  CHECK(f["states"] == json{"a"});
  CHECK(f["message"].get<std::string>().find("read \"b\" at op 2") == 0);
  CHECK(r.json()["model"] == "register");
  CHECK(copy.json() == r.json());
}
