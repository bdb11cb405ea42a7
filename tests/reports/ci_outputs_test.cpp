#include <catch2/catch.hpp>

#include "reports/ci_outputs.h"
#include "reports/escape.h"
#include "tests/reports/fixtures.h"

using namespace faultline;
using namespace faultline::reports;
using namespace faultline::reports::testing;

TEST_CASE("JUnit: invalid is a failure naming the seed and the re-run command") {
  const auto h = invalid_history();
  auto results = invalid_results();
  results["checkers"][0]["failures"][0]["key"] = "k1";
  results["checkers"][0]["failures"].push_back(results["checkers"][0]["failures"][0]);
  results["checkers"][0]["failures"][1]["key"] = "k2";
  const std::string xml = junit_xml({h, results, {{"seed", 77}}, "t"}, "faultline run --seed 77");
  CHECK(xml.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", 0) == 0);
  // One testcase per failing key, one for the set checker.
  CHECK(xml.find("name=\"linearizable key k1\"") != std::string::npos);
  CHECK(xml.find("name=\"linearizable key k2\"") != std::string::npos);
  CHECK(xml.find("name=\"set-full\"") != std::string::npos);
  CHECK(xml.find("tests=\"3\" failures=\"2\" errors=\"0\"") != std::string::npos);
  CHECK(xml.find("seed 77; re-run: faultline run --seed 77") != std::string::npos);
}

TEST_CASE("JUnit: unknown is an error, valid passes") {
  const auto h = invalid_history();
  auto results = invalid_results();
  results["checkers"][0]["verdict"] = "unknown";
  results["checkers"][0]["unknown_reason"] = "deadline of 10 s reached";
  const std::string xml = junit_xml({h, results, nullptr, ""}, "rerun");
  CHECK(xml.find("<error message=\"linearizable could not decide: deadline of 10 s reached")
        != std::string::npos);
  CHECK(xml.find("<failure") == std::string::npos);
  CHECK(xml.find("errors=\"1\"") != std::string::npos);
  CHECK(xml.find("seed none (offline check)") != std::string::npos);
}

TEST_CASE("JUnit escapes hostile strings and stays valid UTF-8") {
  const auto h = invalid_history();
  auto results = hostile_results();
  results["checkers"][0]["failures"][0]["message"] = kHostile + kBadUtf8;
  const std::string xml = junit_xml({h, results, hostile_test(), kHostile}, kHostile);
  CHECK(xml.find(kScript) == std::string::npos);
  CHECK(xml.find("]]>") == std::string::npos);
  CHECK(sanitize_utf8(xml) == xml);
}

TEST_CASE("Markdown summary: one table row per checker, hostile cells inert") {
  const auto h = invalid_history();
  const std::string md = summary_markdown({h, hostile_results(), hostile_test(), "t"}, "rerun");
  CHECK(md.find("| checker | model | verdict | elapsed | details |") != std::string::npos);
  CHECK(md.find("| linearizable | ") != std::string::npos);
  CHECK(md.find("| set-full | ") != std::string::npos);
  CHECK(md.find("❌ invalid") != std::string::npos);
  CHECK(md.find(kScript) == std::string::npos);
  CHECK(md.find("|pipe|") == std::string::npos);
  CHECK(md.find("seed 424242") != std::string::npos);
}
