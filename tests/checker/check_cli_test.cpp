// `faultline check` end to end: exit codes 0, 1 and 254 (naming the bad line), --json output.
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

namespace fs = std::filesystem;

namespace {

struct Run {
  int exit_code;
  std::string err;
};

// Runs `faultline check ARGS`, after PREFIX (e.g. a taskset command) when given.
Run run(const std::string& args, const fs::path& dir, const std::string& prefix = "") {
  const fs::path err = dir / "stderr.txt";
  const std::string cmd =
      prefix + std::string(FAULTLINE_BINARY) + " check " + args + " >/dev/null 2>" + err.string();
  const int status = std::system(cmd.c_str());
  std::ifstream in(err);
  std::stringstream text;
  text << in.rdbuf();
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, text.str()};
}

void write(const fs::path& p, const std::string& text) { std::ofstream(p) << text; }

const char* kValid =
    R"({"index":0,"type":"invoke","process":0,"f":"write","value":1}
{"index":1,"type":"ok","process":0,"f":"write","value":1}
{"index":2,"type":"invoke","process":1,"f":"read","value":null}
{"index":3,"type":"ok","process":1,"f":"read","value":1}
)";

}  // namespace

TEST_CASE("faultline check exit codes", "[checker][cli]") {
  const fs::path dir = fs::temp_directory_path() / ("faultline-check-cli-" + std::to_string(getpid()));
  fs::create_directories(dir);
  write(dir / "valid.jsonl", kValid);
  std::string invalid = kValid;
  invalid.replace(invalid.rfind("\"value\":1"), 9, "\"value\":2");
  write(dir / "invalid.jsonl", invalid);
  std::string malformed = kValid;
  malformed.replace(malformed.find("\"f\":\"read\""), 10, "\"f\":\"frob\"");
  write(dir / "malformed.jsonl", malformed);

  const Run valid = run("--model register " + (dir / "valid.jsonl").string() + " --json " +
                            (dir / "out.json").string(),
                        dir);
  CHECK(valid.exit_code == 0);
  std::ifstream out(dir / "out.json");
  const auto doc = nlohmann::json::parse(out);
  CHECK(doc["verdict"] == "valid");
  CHECK(doc["checkers"][0]["model"] == "register");

  CHECK(run("--model register " + (dir / "invalid.jsonl").string(), dir).exit_code == 1);
  CHECK(run("--model register " + (dir / "valid.jsonl").string() + " " +
                (dir / "invalid.jsonl").string(),
            dir)
            .exit_code == 1);

  const Run bad = run("--model register " + (dir / "malformed.jsonl").string(), dir);
  CHECK(bad.exit_code == 254);
  CHECK(bad.err.find("malformed.jsonl:3:") != std::string::npos);

  CHECK(run("--model no-such-model " + (dir / "valid.jsonl").string(), dir).exit_code == 254);
  fs::remove_all(dir);
}

// More --threads than the process may use cores: the check runs on the cores it has, with nothing
// on stderr (TBB used to warn that it would not start the extra workers).
TEST_CASE("faultline check --threads above the cores prints no warning", "[checker][cli]") {
  const fs::path dir = fs::temp_directory_path() / ("faultline-check-threads-" + std::to_string(getpid()));
  fs::create_directories(dir);
  std::ofstream history(dir / "keys.jsonl");
  for (int i = 0; i < 5000; ++i) {  // 10,000 ops on 10 keys: large enough for the parallel path
    const std::string op = R"("process":0,"f":"write","key":)" + std::to_string(i % 10) +
                           R"(,"value":)" + std::to_string(i) + "}";
    history << R"({"index":)" << 2 * i << R"(,"type":"invoke",)" << op << "\n";
    history << R"({"index":)" << 2 * i + 1 << R"(,"type":"ok",)" << op << "\n";
  }
  history.close();
  const Run one_core =
      run("--threads 4 --model register " + (dir / "keys.jsonl").string(), dir, "taskset -c 0 ");
  INFO(one_core.err);
  CHECK(one_core.exit_code == 0);
  CHECK(one_core.err.empty());
  fs::remove_all(dir);
}
