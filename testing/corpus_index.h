// The peer corpus index, `verdicts.tsv` in ../shared/corpus: one row per history file with its
// format, the model it is checked with, the expected verdict, its op count and porcupine's check
// time in ms. The conformance test (tests/checker/corpus_test.cpp) and check_bench read it; the
// corpus itself never enters the repository.
// Thread-safety: pure functions.
#pragma once

#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "checker/check.h"

namespace faultline::testing {

struct CorpusRow {
  std::string path;      // relative to the corpus folder
  std::string format;    // e.g. "knossos-edn", "porcupine-kv-edn-lines"
  std::string model;     // prose: "cas-register (init 0)", "kv get/put/append, ..."
  std::string expected;  // "linearizable" or "not-linearizable"
  std::string ops;
  std::string porcupine_ms;
};

// The rows of `tsv` after its header line; empty when the file cannot be read.
inline std::vector<CorpusRow> read_corpus_index(const std::filesystem::path& tsv) {
  std::vector<CorpusRow> rows;
  std::ifstream in(tsv);
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    std::istringstream fields(line);
    CorpusRow r;
    for (std::string* field : {&r.path, &r.format, &r.model, &r.expected, &r.ops, &r.porcupine_ms}) {
      std::getline(fields, *field, '\t');
    }
    rows.push_back(std::move(r));
  }
  return rows;
}

// The check options a row's `model` column names by its first word; nullopt for one it does not
// know.
inline std::optional<checker::CheckOptions> corpus_options(const std::string& model_column) {
  checker::CheckOptions o;
  auto starts = [&](const char* word) { return model_column.rfind(word, 0) == 0; };
  if (starts("kv")) {
    o.model = "kv";
  } else if (starts("multi-register")) {
    o.model = "multi-register";
    o.init = {{"x", 0}, {"y", 0}};
  } else if (starts("mutex")) {
    o.model = "mutex";
  } else if (starts("cas-register")) {
    o.model = "cas-register";
    o.init = 0;
  } else {
    return std::nullopt;
  }
  return o;
}

}  // namespace faultline::testing
