// Bad input never crashes: each case is a text and the file:line:column and message it must
// produce. The table is the test; add the minimal input of every reader bug found here.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "history/pairing.h"
#include "history/read.h"

using namespace faultline::history;

namespace {

struct BadCase {
  const char* what;
  std::string text;
  Format format;
  std::uint64_t line;
  std::uint64_t column;
  const char* message;  // a substring of the message
};

const std::string kOk = R"({"type":"invoke","process":0,"f":"read","value":null})";

std::string nested(char open, char close, int depth) {
  return std::string(depth, open) + std::string(depth, close);
}

std::vector<BadCase> cases() {
  return {
      {"empty file", "", Format::kAuto, 1, 1, "empty history"},
      {"only blank lines", "\n  \n\n", Format::kJsonl, 1, 1, "empty history"},
      {"only comments", ";; nothing\n", Format::kAuto, 1, 1, "empty history"},
      {"empty EDN vector", "[]", Format::kAuto, 1, 1, "empty history"},
      {"truncated line in the middle", kOk + "\n{\"type\":\"ok\",\"proc\n" + kOk + "\n",
       Format::kJsonl, 2, 14, "unterminated string"},
      {"truncated last line", kOk + "\n{\"type\":\"ok\",\"process\":0,", Format::kJsonl, 2, 26,
       "no newline"},
      {"process is a string", R"({"type":"ok","process":"x","f":"read"})", Format::kJsonl, 1, 24,
       "process must be an integer or \"nemesis\""},
      {"process is negative", R"({"type":"ok","process":-2,"f":"read"})", Format::kJsonl, 1, 24,
       "must not be negative"},
      {"type is bogus", R"({"type":"bogus","process":1,"f":"read"})", Format::kJsonl, 1, 9,
       "type must be invoke, ok, fail or info"},
      {"type is a number", R"({"type":3,"process":1,"f":"read"})", Format::kJsonl, 1, 9,
       "type must be a string"},
      {"f is missing", R"({"type":"ok","process":1})", Format::kJsonl, 1, 1, "missing field \"f\""},
      {"time is a float", R"({"type":"ok","process":1,"f":"r","time":1.5})", Format::kJsonl, 1,
       41, "time must be an integer"},
      {"key is an object", R"({"type":"ok","process":1,"f":"r","key":{}})", Format::kJsonl, 1, 40,
       "key must be a string"},
      {"duplicate field", R"({"type":"ok","type":"ok","process":1,"f":"r"})", Format::kJsonl, 1,
       14, "duplicate field"},
      {"text after the object", kOk + " x", Format::kJsonl, 1, 55, "unexpected text"},
      {"not an object", "[1,2]\n", Format::kJsonl, 1, 1, "expected '{'"},
      {"invalid UTF-8 in a value", "{\"type\":\"ok\",\"process\":1,\"f\":\"r\",\"value\":\"a\xff\"}",
       Format::kJsonl, 1, 44, "invalid UTF-8"},
      {"overlong UTF-8", "{\"type\":\"ok\",\"process\":1,\"f\":\"\xC0\xAF\"}", Format::kJsonl, 1,
       31, "invalid UTF-8"},
      {"invalid UTF-8 in EDN", "{:type :ok :process 1 :f :r :value \"\xE2\x82\"}", Format::kEdn, 1,
       37, "invalid UTF-8"},
      {"control char in a string", "{\"type\":\"ok\",\"process\":1,\"f\":\"a\x01\"}", Format::kJsonl,
       1, 32, "control character"},
      {"lone surrogate escape", R"({"type":"ok","process":1,"f":"\ud800"})", Format::kJsonl, 1, 37,
       "unpaired high surrogate"},
      {"integer beyond 64 bits", R"({"type":"ok","process":1,"f":"r","value":18446744073709551616})",
       Format::kJsonl, 1, 42, "does not fit in 64 bits"},
      {"negative integer beyond 64 bits",
       R"({"type":"ok","process":1,"f":"r","value":[-9223372036854775809]})", Format::kJsonl, 1, 43,
       "does not fit in 64 bits"},
      {"process beyond int64", R"({"type":"ok","process":9223372036854775808,"f":"r"})",
       Format::kJsonl, 1, 24, "does not fit in 64 bits"},
      {"EDN integer beyond 64 bits", "[{:type :ok, :process 1, :f :r, :value 99999999999999999999}]",
       Format::kEdn, 1, 40, "does not fit in 64 bits"},
      {"EDN bigint beyond 64 bits", "{:type :ok :process 1 :f :r :value -9223372036854775809N}",
       Format::kEdn, 1, 36, "does not fit in 64 bits"},
      {"deep JSON arrays", R"({"type":"ok","process":1,"f":"r","value":)" +
                               nested('[', ']', 5000) + "}",
       Format::kJsonl, 1, 298, "nesting deeper than 256"},
      {"deep JSON objects", R"({"type":"ok","process":1,"f":"r","value":)" +
                                std::string(3000, '{').replace(0, 0, "") + "}",
       Format::kJsonl, 1, 43, "expected a string"},
      {"deep EDN vectors", "{:type :ok :process 1 :f :r :value " + nested('[', ']', 100000) + "}",
       Format::kEdn, 1, 291, "nesting deeper than 256"},
      {"deep EDN maps", "{:type :ok :process 1 :f :r :value " + std::string(100000, '{'),
       Format::kEdn, 1, 291, "nesting deeper than 256"},
      {"deep EDN discards", std::string("[") + [] {
         std::string s;
         for (int i = 0; i < 5000; ++i) s += "#_";
         return s;
       }() + "1]",
       Format::kEdn, 1, 514, "nesting deeper than 256"},
      {"deep EDN tags", std::string(5000, '#').replace(1, std::string::npos, [] {
         std::string s;
         for (int i = 0; i < 5000; ++i) s += "t ";
         return s;
       }()),
       Format::kEdn, 1, 1, "expected an op map"},
      {"EDN process is a string", "{:type :ok, :process \"x\", :f :read}", Format::kEdn, 1, 22,
       ":process must be"},
      {"EDN type is bogus", "[{:type :bogus, :process 1, :f :read}]", Format::kEdn, 1, 9,
       ":type must be"},
      {"EDN op is not a map", "[{:type :ok, :process 1, :f :read} 7]", Format::kEdn, 1, 36,
       "expected an op map"},
      {"EDN unclosed vector", "[{:type :ok, :process 1, :f :read}\n", Format::kEdn, 1, 1,
       "unclosed '['"},
      {"EDN unclosed map spanning lines", "[{:type :ok,\n :process 1,\n :f :read\n",
       Format::kEdn, 1, 2, "unclosed '{'"},
      {"EDN unterminated string", "{:type :ok :process 1 :f \"read}\n", Format::kEdn, 1, 26,
       "unterminated string"},
      {"EDN map key without value", "{:type :ok :process 1 :f}", Format::kEdn, 1, 23,
       "map key without a value"},
      {"EDN text after the vector", "[{:type :ok :process 1 :f :r}] x", Format::kEdn, 1, 32,
       "unexpected text after"},
      {"EDN missing :process", "{:type :ok :f :r}", Format::kEdn, 1, 1, "op without :process"},
  };
}

}  // namespace

TEST_CASE("bad input gives InputError with file:line:column") {
  for (const BadCase& c : cases()) {
    INFO(c.what);
    ReadOptions options;
    options.format = c.format;
    try {
      parse_history(c.text, "h.txt", options);
      FAIL("no error for: " << c.what);
    } catch (const InputError& e) {
      INFO(e.what());
      CHECK(e.file() == "h.txt");
      CHECK(e.line() == c.line);
      CHECK(e.column() == c.column);
      CHECK_THAT(e.what(), Catch::Contains(c.message));
      CHECK_THAT(e.what(), Catch::StartsWith("h.txt:" + std::to_string(c.line) + ":" +
                                             std::to_string(c.column) + ": "));
    }
  }
}

TEST_CASE("a completion without an invoke names its line") {
  for (const char* text : {
           "{\"type\":\"invoke\",\"process\":0,\"f\":\"read\"}\n"
           "{\"type\":\"ok\",\"process\":1,\"f\":\"read\"}\n",
           "[{:type :invoke :process 0 :f :read}\n{:type :ok :process 1 :f :read}]"}) {
    const History history = parse_history(text, "p.txt");
    try {
      pair_operations(history);
      FAIL("no error");
    } catch (const InputError& e) {
      CHECK(e.line() == 2);
      CHECK_THAT(e.what(), Catch::StartsWith("p.txt:2:1: ok completion of process 1 without an invoke"));
    }
  }
}

TEST_CASE("a second invoke while one is pending names both lines") {
  const History history = parse_history(
      "{\"type\":\"invoke\",\"process\":3,\"f\":\"read\"}\n\n"
      "{\"type\":\"invoke\",\"process\":3,\"f\":\"write\",\"value\":1}\n",
      "p.txt");
  try {
    pair_operations(history);
    FAIL("no error");
  } catch (const InputError& e) {
    CHECK(e.line() == 3);
    CHECK_THAT(e.what(), Catch::Contains("process 3 invokes again while its op from line 1"));
  }
}
