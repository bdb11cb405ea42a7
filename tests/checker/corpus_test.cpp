// Conformance: every row of the peer corpus (verdicts.tsv) must get its expected verdict with
// the model its `model` column names. Skips, with a message, when the corpus is absent.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <catch2/catch.hpp>

#include "checker/check.h"
#include "history/read.h"

namespace {

using faultline::checker::CheckOptions;
using faultline::checker::Verdict;

struct Row {
  std::string path, format, model, expected;
};

std::vector<Row> read_rows(const std::filesystem::path& tsv) {
  std::vector<Row> rows;
  std::ifstream in(tsv);
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    std::istringstream fields(line);
    Row r;
    std::getline(fields, r.path, '\t');
    std::getline(fields, r.format, '\t');
    std::getline(fields, r.model, '\t');
    std::getline(fields, r.expected, '\t');
    rows.push_back(r);
  }
  return rows;
}

// The `model` column is prose ("cas-register (init 0)"); its first word names the model.
CheckOptions options_for(const std::string& column) {
  CheckOptions o;
  if (column.rfind("kv", 0) == 0) {
    o.model = "kv";
  } else if (column.rfind("multi-register", 0) == 0) {
    o.model = "multi-register";
    o.init = {{"x", 0}, {"y", 0}};
  } else if (column.rfind("mutex", 0) == 0) {
    o.model = "mutex";
  } else if (column.rfind("cas-register", 0) == 0) {
    o.model = "cas-register";
    o.init = 0;
  } else {
    FAIL("unknown model column: " << column);
  }
  return o;
}

}  // namespace

TEST_CASE("every corpus history gets its known verdict", "[checker][corpus]") {
  const std::filesystem::path dir = FAULTLINE_CORPUS_DIR;
  if (!std::filesystem::exists(dir / "verdicts.tsv")) {
    WARN("peer corpus not found at " << dir.string() << ": skipping");
    return;
  }
  const auto rows = read_rows(dir / "verdicts.tsv");
  REQUIRE(rows.size() > 100);
  for (const Row& row : rows) {
    INFO(row.path << " (" << row.model << ")");
    const auto history = faultline::history::read_history((dir / row.path).string());
    const auto operations = faultline::history::pair_operations(history);
    const auto result = faultline::checker::check(history, operations, options_for(row.model));
    const Verdict expected = row.expected == "linearizable" ? Verdict::kValid : Verdict::kInvalid;
    CHECK(result.verdict == expected);
    if (expected == Verdict::kInvalid) {
      REQUIRE(result.json()["failures"].size() == 1);
      CHECK(result.json()["failures"][0]["message"].get<std::string>().size() > 0);
    }
  }
}
