#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

#include "checker/verdict.h"
#include "history/jsonl_writer.h"
#include "reports/store_report.h"
#include "tests/reports/fixtures.h"

using namespace faultline;
using namespace faultline::reports;
using namespace faultline::reports::testing;
namespace fs = std::filesystem;

namespace {

struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() / ("faultline-reports-" + std::to_string(::getpid()) + "-" +
                                        std::to_string(counter()++));
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
  static int& counter() {
    static int n = 0;
    return n;
  }
};

void write(const fs::path& p, const std::string& text) {
  std::ofstream(p, std::ios::binary) << text;
}

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void write_history(const fs::path& dir) {
  std::string text;
  for (const auto& op : invalid_history().ops) text += history::to_jsonl(op) + "\n";
  write(dir / "history.jsonl", text);
}

}  // namespace

TEST_CASE("report_store_dir writes report.html, JUnit and Markdown") {
  TempDir dir;
  write_history(dir.path);
  write(dir.path / "results.json", invalid_results().dump());
  write(dir.path / "test.json", hostile_test().dump());
  StoreReportOptions options;
  options.junit_path = (dir.path / "junit.xml").string();
  options.summary_md_path = (dir.path / "summary.md").string();
  std::ostringstream err;
  CHECK(report_store_dir(dir.path.string(), options, err) == checker::kExitValid);
  const std::string html = read(dir.path / "report.html");
  CHECK(html.find("<section id=\"linearizability\">") != std::string::npos);
  CHECK(read(dir.path / "junit.xml").find("seed 424242; re-run: faultline run --seed 424242")
        != std::string::npos);
  CHECK(read(dir.path / "summary.md").find("| linearizable |") != std::string::npos);
}

TEST_CASE("report_store_dir without results.json says so and still reports") {
  TempDir dir;
  write_history(dir.path);
  std::ostringstream err;
  CHECK(report_store_dir(dir.path.string(), {}, err) == checker::kExitValid);
  CHECK(err.str().find("results.json is absent") != std::string::npos);
  CHECK(read(dir.path / "report.html").find("No results.json") != std::string::npos);
}

TEST_CASE("bad or missing input is exit 254 with file:line:column") {
  TempDir dir;
  std::ostringstream err;
  CHECK(report_store_dir((dir.path / "nope").string(), {}, err) == checker::kExitBadInput);
  CHECK(err.str().find("not a store directory") != std::string::npos);

  err.str("");
  CHECK(report_store_dir(dir.path.string(), {}, err) == checker::kExitBadInput);
  CHECK(err.str().find("history.jsonl") != std::string::npos);

  write_history(dir.path);
  write(dir.path / "results.json", "{\n  \"verdict\": \"invalid\",\n  oops\n}");
  err.str("");
  CHECK(report_store_dir(dir.path.string(), {}, err) == checker::kExitBadInput);
  CHECK(err.str().find("results.json:3:3: not valid JSON") != std::string::npos);

  write(dir.path / "results.json", "{}");
  write(dir.path / "history.jsonl", "{\"index\":0,\"type\":\"bogus\"}\n");
  err.str("");
  CHECK(report_store_dir(dir.path.string(), {}, err) == checker::kExitBadInput);
  CHECK(err.str().find("history.jsonl:1:") != std::string::npos);
}
