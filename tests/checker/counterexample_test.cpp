// The counterexample of an invalid partition names the right ops and states.
#include <catch2/catch.hpp>

#include "checker/check.h"
#include "checker/results.h"
#include "tests/checker/history_builder.h"

using faultline::checker::CheckOptions;
using faultline::checker::Verdict;
using faultline::testing::HistoryBuilder;
using nlohmann::json;

TEST_CASE("a stale read: prefix, failed op, states, message", "[checker][counterexample]") {
  HistoryBuilder b;
  b.done(0, "write", 1, 1);              // ops 0, 1
  b.done(0, "write", 2, 2);              // ops 2, 3
  b.invoke(1, "read").invoke(2, "write", 5).ok(1, "read", 3).ok(2, "write", 5);  // ops 4-7
  const auto& h = b.history();
  CheckOptions o;
  o.model = "register";
  const auto r = faultline::checker::check(h, faultline::history::pair_operations(h), o);
  REQUIRE(r.verdict == Verdict::kInvalid);
  REQUIRE(r.json["failures"].size() == 1);
  const json& f = r.json["failures"][0];
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
  const json doc = faultline::checker::results_document(h, {r});
  CHECK(doc["verdict"] == "invalid");
  CHECK(doc["ops"] == 8);
  CHECK(doc["checkers"][0]["partitions"]["invalid"] == 1);
}

TEST_CASE("failures carry their partition key; all_failures reports each", "[checker][counterexample]") {
  HistoryBuilder b;
  for (int k = 0; k < 3; ++k) {
    b.done(0, "write", 1, 1, k).done(0, "read", nullptr, k == 1 ? 1 : 9, k);
  }
  const auto& h = b.history();
  CheckOptions o;
  o.model = "register";
  o.all_failures = true;
  const auto r = faultline::checker::check(h, faultline::history::pair_operations(h), o);
  CHECK(r.verdict == Verdict::kInvalid);
  CHECK(r.json["partitions"]["total"] == 3);
  CHECK(r.json["partitions"]["valid"] == 1);
  REQUIRE(r.json["failures"].size() == 2);
  CHECK(r.json["failures"][0]["key"] == 0);
  CHECK(r.json["failures"][1]["key"] == 2);
  CHECK(r.json["failures"][1]["states"] == json{1});
}
