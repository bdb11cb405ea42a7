// Shared by the history fuzz targets: seed inputs written into an empty corpus folder at start
// (so no seed files live in the repository), and the invariants every parsed history must hold.
// A broken invariant aborts, which libFuzzer reports as a crash.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "history/jsonl_writer.h"
#include "history/read.h"

namespace faultline::fuzz {

#define FAULTLINE_FUZZ_CHECK(cond)                                                  \
  do {                                                                              \
    if (!(cond)) {                                                                  \
      std::fprintf(stderr, "%s:%d: invariant broken: %s\n", __FILE__, __LINE__, #cond); \
      std::abort();                                                                 \
    }                                                                               \
  } while (0)

inline const std::vector<std::string>& seeds() {
  static const std::vector<std::string> kSeeds = {
      "{\"index\":0,\"time\":10,\"type\":\"invoke\",\"process\":3,\"f\":\"cas\",\"key\":\"k1\","
      "\"value\":[1,2]}\n{\"index\":1,\"time\":20,\"type\":\"ok\",\"process\":3,\"f\":\"cas\","
      "\"key\":\"k1\",\"value\":[1,2]}\n",
      "{\"type\":\"info\",\"process\":\"nemesis\",\"f\":\"start-partition\",\"value\":{\"n1\":[\"n2\"]}}\n"
      "{\"type\":\"invoke\",\"process\":0,\"f\":\"txn\",\"value\":[[\"r\",\"x\",null],[\"w\",\"y\",2.5e3]]}\n"
      "{\"type\":\"fail\",\"process\":0,\"f\":\"txn\",\"value\":\"\\u00e9\\ud83d\\ude00\",\"error\":\"x\"}",
      "; knossos\n[{:process 4, :type :invoke, :f :write, :value 2}\n {:process 4, :type :ok, :f "
      ":write, :value 2}\n {:process 6, :type :invoke, :f :cas, :value [1 2]}]\n",
      "{:index 0, :time 10, :type :invoke, :process 0, :f :read, :value [1 nil]}\n"
      "#jepsen.history.Op{:index 1, :type :ok, :process 0, :f :read, :value [1 3]}\n"
      "{:type :info, :process :nemesis, :f :start, :value #{\"n1\"} :error [:timeout \"x\\n\"]}\n",
      "{:process 0, :type :invoke, :f :get, :key \"7\", :value nil}\n"
      "{:process 0, :type :ok, :f :get, :key \"7\", :value \"x 0 1 y\"}\n",
      "[{:type :invoke, :f :txn, :value [[:read :x nil] [:write :y 2N]], :process 3, :time "
      "7686455705 :x #inst \"2024-01-01\" :y #_ 1 \\a :z 1.5M :w 1/2 :v ##Inf}]",
  };
  return kSeeds;
}

// libFuzzer's init hook: fills the first corpus folder named on the command line with the seeds
// when it is empty.
inline void write_seeds(int argc, char** argv) {
  namespace fs = std::filesystem;
  for (int i = 1; i < argc; ++i) {
    if (argv[i][0] == '-') continue;
    std::error_code ec;
    if (!fs::is_directory(argv[i], ec) || !fs::is_empty(argv[i], ec)) return;
    for (std::size_t s = 0; s < seeds().size(); ++s) {
      std::ofstream(fs::path(argv[i]) / ("seed-" + std::to_string(s)), std::ios::binary)
          << seeds()[s];
    }
    return;
  }
}

// What every successfully read history promises, and that it survives the JSONL round trip.
inline void check_history(const history::History& h) {
  FAULTLINE_FUZZ_CHECK(!h.ops.empty());
  FAULTLINE_FUZZ_CHECK(h.lines.size() == h.ops.size());
  std::string text;
  for (std::size_t i = 0; i < h.ops.size(); ++i) {
    FAULTLINE_FUZZ_CHECK(h.ops[i].index == static_cast<std::int64_t>(i));
    FAULTLINE_FUZZ_CHECK(i == 0 || h.lines[i] >= h.lines[i - 1]);
    FAULTLINE_FUZZ_CHECK(h.ops[i].process >= 0 || h.ops[i].is_nemesis());
    text += history::to_jsonl(h.ops[i]);
    text += '\n';
  }
  history::ReadOptions options;
  options.format = history::Format::kJsonl;
  const history::History again = history::parse_history(text, "roundtrip", options);
  FAULTLINE_FUZZ_CHECK(again.ops.size() == h.ops.size());
  for (std::size_t i = 0; i < h.ops.size(); ++i) {
    const history::Op& a = h.ops[i];
    const history::Op& b = again.ops[i];
    FAULTLINE_FUZZ_CHECK(a.type == b.type && a.process == b.process && a.f == b.f);
    FAULTLINE_FUZZ_CHECK(a.time == b.time && a.error == b.error);
    // Values compare by their text: NaN-free, but -0.0 and 0.0 or 1e400 would differ as values.
    FAULTLINE_FUZZ_CHECK(to_jsonl(a) == to_jsonl(b));
  }
}

}  // namespace faultline::fuzz
