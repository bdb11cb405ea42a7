// Conformance: every row of the peer corpus (verdicts.tsv) must get its expected verdict with
// the model its `model` column names. Skips, with a message, when the corpus is absent.
#include <filesystem>
#include <string>

#include <catch2/catch.hpp>

#include "checker/check.h"
#include "history/read.h"
#include "testing/corpus_index.h"

using faultline::checker::Verdict;
using faultline::testing::CorpusRow;

TEST_CASE("every corpus history gets its known verdict", "[checker][corpus]") {
  const std::filesystem::path dir = FAULTLINE_CORPUS_DIR;
  if (!std::filesystem::exists(dir / "verdicts.tsv")) {
    WARN("peer corpus not found at " << dir.string() << ": skipping");
    return;
  }
  const auto rows = faultline::testing::read_corpus_index(dir / "verdicts.tsv");
  REQUIRE(rows.size() > 100);
  for (const CorpusRow& row : rows) {
    INFO(row.path << " (" << row.model << ")");
    const auto options = faultline::testing::corpus_options(row.model);
    REQUIRE(options);
    const auto history = faultline::history::read_history((dir / row.path).string());
    const auto operations = faultline::history::pair_operations(history);
    const auto result = faultline::checker::check(history, operations, *options);
    const Verdict expected = row.expected == "linearizable" ? Verdict::kValid : Verdict::kInvalid;
    CHECK(result.verdict == expected);
    if (expected == Verdict::kInvalid) {
      REQUIRE(result.json()["failures"].size() == 1);
      CHECK(result.json()["failures"][0]["message"].get<std::string>().size() > 0);
    }
  }
}
