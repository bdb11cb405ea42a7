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

Run run(const std::string& args, const fs::path& dir) {
  const fs::path err = dir / "stderr.txt";
  const std::string cmd =
      std::string(FAULTLINE_BINARY) + " check " + args + " >/dev/null 2>" + err.string();
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
