// The store layout: store/<test>/<timestamp>/ with node folders, and store/latest.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "harness/run_store/store.h"

using namespace faultline::harness;
namespace fs = std::filesystem;

namespace {

struct TempDir {
  fs::path path;
  TempDir() {
    char tmpl[] = "/tmp/faultline-store-XXXXXX";
    path = ::mkdtemp(tmpl);
  }
  ~TempDir() { fs::remove_all(path); }
};

}  // namespace

TEST_CASE("timestamps are UTC with milliseconds", "[store]") {
  auto t = std::chrono::system_clock::from_time_t(1767322800) + std::chrono::milliseconds(42);
  CHECK(store_timestamp(t) == "20260102T030000.042Z");
}

TEST_CASE("a run gets its own directory and latest follows it", "[store]") {
  TempDir tmp;
  StoreOptions o{tmp.path.string(), "etcd-register"};
  auto t = std::chrono::system_clock::from_time_t(1767322800);
  auto a = RunStore::create(o, {"n1", "n2"}, t);
  CHECK(a.dir() == (tmp.path / "etcd-register" / "20260102T030000.000Z").string());
  CHECK(fs::is_directory(a.node_dir("n1")));
  CHECK(fs::is_directory(a.node_dir("n2")));
  CHECK(a.history_path() == a.dir() + "/history.jsonl");
  CHECK(a.test_path() == a.dir() + "/test.json");
  CHECK(a.results_path() == a.dir() + "/results.json");
  CHECK(a.report_path() == a.dir() + "/report.html");
  CHECK(a.log_path() == a.dir() + "/faultline.log");
  CHECK(fs::read_symlink(tmp.path / "latest") == fs::path("etcd-register/20260102T030000.000Z"));

  auto b = RunStore::create(o, {"n1"}, t);  // same millisecond: suffixed, latest moves
  CHECK(b.dir() == a.dir() + "-1");
  CHECK(fs::equivalent(tmp.path / "latest", b.dir()));

  write_file_atomically(b.test_path(), "{}\n");
  std::ifstream in(b.test_path());
  std::string text((std::istreambuf_iterator<char>(in)), {});
  CHECK(text == "{}\n");
  CHECK_FALSE(fs::exists(b.test_path() + ".tmp"));
}

TEST_CASE("bad test names are refused", "[store]") {
  TempDir tmp;
  CHECK_THROWS(RunStore::create({tmp.path.string(), "a/b"}, {}));
  CHECK_THROWS(RunStore::create({tmp.path.string(), "latest"}, {}));
  CHECK_THROWS(RunStore::create({tmp.path.string(), ""}, {}));
}
