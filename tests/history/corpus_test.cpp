// Every history of the peer corpus (knossos/ and porcupine/) reads and pairs, and the number of
// operations that did not fail matches the `ops` column of verdicts.tsv: the corpus counts an
// operation as "completed" unless it failed, so ok, info and never-completed invokes all count
// (immediate-failure.edn has two invokes, one failed, and ops = 1; bad-analysis.edn has nine
// invokes, two never completed, and ops = 9).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "history/pairing.h"
#include "history/read.h"

namespace fs = std::filesystem;
using namespace faultline::history;

namespace {

const fs::path kCorpus = FAULTLINE_CORPUS_DIR;

// path -> ops column of verdicts.tsv
std::map<std::string, std::size_t> expected_counts() {
  std::map<std::string, std::size_t> counts;
  std::ifstream in(kCorpus / "verdicts.tsv");
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::string path, format, model, verdict, ops;
    std::getline(fields, path, '\t');
    std::getline(fields, format, '\t');
    std::getline(fields, model, '\t');
    std::getline(fields, verdict, '\t');
    std::getline(fields, ops, '\t');
    counts[path] = std::stoull(ops);
  }
  return counts;
}

std::size_t not_failed(const std::vector<Operation>& operations) {
  std::size_t n = 0;
  for (const Operation& op : operations) n += op.outcome != OpType::kFail;
  return n;
}

}  // namespace

TEST_CASE("every corpus history reads, pairs and has the expected operation count") {
  if (!fs::exists(kCorpus / "verdicts.tsv")) {
    WARN("corpus not found at " << kCorpus << "; skipping");
    return;
  }
  const auto counts = expected_counts();
  REQUIRE(counts.size() > 100);
  std::size_t files = 0;
  for (const char* folder : {"knossos", "porcupine"}) {
    for (const auto& entry : fs::recursive_directory_iterator(kCorpus / folder)) {
      const std::string ext = entry.path().extension();
      if (!entry.is_regular_file() || (ext != ".edn" && ext != ".txt")) continue;
      const std::string rel = fs::relative(entry.path(), kCorpus).generic_string();
      INFO(rel);
      const History history = read_history(entry.path().string());
      REQUIRE(!history.ops.empty());
      REQUIRE(history.lines.size() == history.ops.size());
      for (std::size_t i = 0; i < history.ops.size(); ++i) {
        REQUIRE(history.ops[i].index == static_cast<std::int64_t>(i));
        if (i > 0) REQUIRE(history.lines[i] >= history.lines[i - 1]);
      }
      const auto operations = pair_operations(history);
      const auto it = counts.find(rel);
      REQUIRE(it != counts.end());
      CHECK(not_failed(operations) == it->second);
      ++files;
    }
  }
  CHECK(files == counts.size());
}

TEST_CASE("porcupine kv lines carry their key; knossos txn micro-ops become arrays") {
  if (!fs::exists(kCorpus / "verdicts.tsv")) {
    WARN("corpus not found; skipping");
    return;
  }
  const History kv = read_history((kCorpus / "porcupine/kv/c01-ok.txt").string());
  REQUIRE(kv.ops[0].key.is_string());
  CHECK(kv.ops[0].f == "append");
  CHECK(kv.ops[0].value.is_string());
  const History txn = read_history((kCorpus / "knossos/multi-register/good").string() + "/" +
                                   fs::directory_iterator(kCorpus / "knossos/multi-register/good")
                                       ->path()
                                       .filename()
                                       .string());
  CHECK(txn.ops[0].f == "txn");
  CHECK(txn.ops[0].value == nlohmann::json::parse(R"([["read","x",null]])"));
  CHECK_FALSE(txn.ops[0].has_key());
}
