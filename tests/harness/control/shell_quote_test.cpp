// shell_quote through a real `sh -c`: hostile arguments must come back byte for byte.
#include <catch2/catch.hpp>

#include <filesystem>

#include "harness/cluster/host_command.h"
#include "harness/control/remote.h"

using faultline::harness::run_host;
using faultline::harness::shell_quote;

namespace {

// What sh makes of the quoted argument, printed back unchanged.
std::string through_sh(const std::string& arg) {
  auto r = run_host({"sh", "-c", "printf '%s' " + shell_quote(arg)});
  REQUIRE(r.ok());
  return r.out;
}

}  // namespace

TEST_CASE("shell_quote passes hostile arguments through sh byte for byte") {
  const std::vector<std::string> hostile = {
      "plain",
      "",
      "with space",
      "  leading and trailing  ",
      "it's",
      "''",
      "'",
      "\"double\"",
      "$(touch /tmp/faultline-pwned)",
      "`touch /tmp/faultline-pwned`",
      "${HOME} $HOME $0 $@",
      "line one\nline two\n",
      "\n",
      "tab\there",
      "* ? [a-z] ~ ~root",
      "a;b|c&d>e<f",
      "back\\slash\\",
      "-n",
      "--flag=value",
      "naïve ünïcödé ✓ 日本語",
      std::string("\x01\x02\x7f\xff\xfe", 5),
      "!event #comment",
  };
  for (const auto& arg : hostile) {
    INFO("argument: " << arg);
    CHECK(through_sh(arg) == arg);
  }
  CHECK_FALSE(std::filesystem::exists("/tmp/faultline-pwned"));
}

TEST_CASE("shell_quote keeps a quoted argument one word") {
  auto r = run_host({"sh", "-c", "set -- " + shell_quote("a b  c") + "; echo $#"});
  REQUIRE(r.ok());
  CHECK(r.out == "1\n");
}

TEST_CASE("shell_quote refuses a NUL byte, which no command line can carry") {
  CHECK_THROWS_AS(shell_quote(std::string("a\0b", 3)), std::invalid_argument);
}
