// The JSONL reader and writer: round trip, every read path agreeing (in memory, whole file on
// one or two threads, streaming), the partial-file rule and the line-length limit.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <charconv>
#include <filesystem>
#include <fstream>
#include <random>

#include "history/jsonl_op.h"
#include "history/jsonl_writer.h"
#include "history/syntax_error.h"
#include "history/pairing.h"
#include "history/read.h"

namespace fs = std::filesystem;
using namespace faultline::history;
using nlohmann::json;

namespace {

// A fresh path under the system temp folder, removed at the end of the scope.
struct TempFile {
  fs::path path;
  explicit TempFile(const std::string& name)
      : path(fs::temp_directory_path() /
             ("faultline-" + std::to_string(::getpid()) + "-" + name)) {
    fs::remove(path);
  }
  ~TempFile() { fs::remove(path); }
  void write(const std::string& text) const { std::ofstream(path, std::ios::binary) << text; }
};

Op make_op(std::int64_t index, OpType type, std::int64_t process, std::string f, json value) {
  Op op;
  op.index = index;
  op.time = 1000 * index;
  op.type = type;
  op.process = process;
  op.f = std::move(f);
  op.value = std::move(value);
  return op;
}

// A random history of register, cas and txn ops with keys, errors, nemesis ops and awkward
// strings (escapes, non-ASCII).
std::vector<Op> random_ops(std::size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  std::vector<Op> ops;
  const char* fs_[] = {"read", "write", "cas", "txn"};
  for (std::size_t i = 0; i < n; ++i) {
    const auto r = rng();
    Op op = make_op(static_cast<std::int64_t>(i), static_cast<OpType>(r % 4), r % 7, fs_[(r >> 3) % 4],
                    json());
    switch ((r >> 5) % 6) {
      case 0: op.value = nullptr; break;
      case 1: op.value = static_cast<std::int64_t>(rng()) - (1ll << 31); break;
      case 2: op.value = json::array({rng() % 5, rng() % 5}); break;
      case 3: op.value = json::parse(R"([["r","x",null],["w","y",2.5]])"); break;
      case 4: op.value = "tab\t \"quoted\" \\ caf\xC3\xA9 \xF0\x9F\x98\x80"; break;
      case 5: op.value = json{{"a", 1}, {"b", json::array()}}; break;
    }
    if ((r >> 9) % 3 == 0) op.key = std::string("k").append(std::to_string(rng() % 10));
    if ((r >> 9) % 3 == 1) op.key = rng() % 10;
    if ((r >> 12) % 5 == 0) op.error = "timeout\nline two";
    if ((r >> 15) % 11 == 0) {
      op.process = kNemesisProcess;
      op.type = OpType::kInfo;
      op.f = "start-partition";
    }
    if ((r >> 20) % 13 == 0) op.time = kNoTime;
    ops.push_back(std::move(op));
  }
  return ops;
}

void require_same(const std::vector<Op>& a, const std::vector<Op>& b) {
  REQUIRE(a.size() == b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    INFO("op " << i);
    REQUIRE(a[i].index == static_cast<std::int64_t>(i));
    REQUIRE(b[i].index == static_cast<std::int64_t>(i));
    REQUIRE(a[i].time == b[i].time);
    REQUIRE(a[i].type == b[i].type);
    REQUIRE(a[i].process == b[i].process);
    REQUIRE(a[i].f == b[i].f);
    REQUIRE(a[i].key == b[i].key);
    REQUIRE(a[i].value == b[i].value);
    REQUIRE(a[i].error == b[i].error);
  }
}

// One op's fields as text, index aside (the readers assign it).
std::string fields(const Op& op) {
  return std::to_string(op.time) + " " + std::string(to_string(op.type)) + " " +
         std::to_string(op.process) + " " + op.f + " " + op.key.dump() + " " + op.value.dump() + " " +
         (op.error ? "error " + *op.error : "no error");
}

// What `parse` makes of a line in `op`: its fields, or its error with the offset.
template <typename Parse>
std::string outcome(Parse parse, const std::string& line, Op& op) {
  try {
    parse(line, op);
    return fields(op);
  } catch (const detail::SyntaxError& e) {
    return "error at " + std::to_string(e.offset) + ": " + e.message;
  }
}

// The general parser alone, on a fresh op.
std::string parse_any(const std::string& line) {
  Op op;
  return outcome(detail::parse_any_jsonl_op, line, op);
}

// The whole parse on an op holding an earlier line's fields, as the stream reader does.
std::string parse_over_stale(const std::string& line) {
  Op op = make_op(9, OpType::kFail, 4, "stale", json::array({1}));
  op.key = "stale";
  op.error = "stale";
  return outcome(detail::parse_jsonl_op, line, op);
}

}  // namespace

TEST_CASE("the canonical fast path reads as the general parser does, and declines the rest") {
  std::mt19937 rng(11);
  std::size_t mutants = 0, taken = 0;
  const char bytes[] = {' ', '-', '"', '\\', '0', '9', '}', ',', ':', 'x', '\xFF', '{', '\r'};
  for (const Op& written : random_ops(3000, 5)) {
    const std::string line = to_jsonl(written);
    INFO(line);
    Op fast;
    REQUIRE(detail::parse_canonical_jsonl_op(line, fast));  // every line the writer makes
    REQUIRE(fields(fast) == parse_any(line));
    for (int m = 0; m < 12; ++m) {
      std::string mutant = line;
      const std::size_t at = rng() % mutant.size();
      switch (m % 4) {
        case 0: mutant.erase(at, 1); break;
        case 1: mutant.insert(at, 1, bytes[rng() % sizeof bytes]); break;
        case 2: mutant[at] = bytes[rng() % sizeof bytes]; break;
        case 3: mutant.insert(mutant.size() - 1, R"(,"f":"again")"); break;
      }
      INFO(mutant);
      ++mutants;
      const std::string expected = parse_any(mutant);
      if (detail::parse_canonical_jsonl_op(mutant, fast)) {
        ++taken;
        REQUIRE(fields(fast) == expected);
      }
      REQUIRE(parse_over_stale(mutant) == expected);
    }
  }
  // Both ways out of the fast path were taken.
  CHECK(taken > mutants / 10);
  CHECK(taken < mutants / 2);
  // Lines in the writer's order that the fast path must still leave to the general parser.
  const std::string head = R"({"index":1,"time":5,"type":"ok","process":2,"f":"r",)";
  const std::string lines[] = {
      R"({"index":1,"time":-5,"type":"ok","process":2,"f":"r","value":1})",
      R"({"index":1,"time":5.5,"type":"ok","process":2,"f":"r","value":1})",
      R"({"index":1,"time":5e3,"type":"ok","process":2,"f":"r","value":1})",
      R"({"index":1,"time":05,"type":"ok","process":2,"f":"r","value":1})",
      R"({"index":1,"time":9223372036854775807,"type":"ok","process":2,"f":"r","value":1})",
      R"({"index":1,"time":9999999999999999999,"type":"ok","process":2,"f":"r","value":1})",
      R"({"index":-1,"time":5,"type":"ok","process":2,"f":"r","value":1})",
      R"({"index":1,"time":5,"type":"ok","process":2E1,"f":"r","value":1})",
      R"({"index":1,"time":5,"type":"ok","process":-2,"f":"r","value":1})",
      R"({"index":1,"time":5,"type":"ok","process":"n1","f":"r","value":1})",
      R"({"index":1,"time":5,"type":"okay","process":2,"f":"r","value":1})",
      R"({"index":1,"time":5,"type":"ok","process":2,"f":7,"value":1})",
      head + R"("key":[1],"value":1})",
      head + R"("key":{"a":1},"value":1})",
      head + R"("value":1,"error":null})",
      head + R"("value":1,"error":{"a":1}})",
      head + R"("value":1} x)",
      head + R"("value":1}})",
      head + R"("value":1 })",
      head + R"("value":1}  )" "\r",
      head + R"("value":1,"error":"e"})",
      head + R"("key":null,"value":1})",
      head + R"("value":[1,)",
      R"({"index":1,"time":5,"type":"ok","process":2,"f":"r"})",
      R"({"index":1,"type":"ok","process":"nemesis","f":"r","value":1})",
  };
  for (const std::string& line : lines) {
    INFO(line);
    CHECK(parse_over_stale(line) == parse_any(line));
  }
}

TEST_CASE("to_jsonl writes the documented line") {
  Op op = make_op(7, OpType::kInvoke, 3, "cas", json::array({1, 2}));
  op.time = 1234567;
  op.key = "k1";
  CHECK(to_jsonl(op) ==
        R"({"index":7,"time":1234567,"type":"invoke","process":3,"f":"cas","key":"k1","value":[1,2]})");
  Op nemesis = make_op(8, OpType::kInfo, kNemesisProcess, "start-partition", "n1 n2");
  nemesis.time = kNoTime;
  nemesis.error = "bad\xFF";
  CHECK(to_jsonl(nemesis) ==
        "{\"index\":8,\"type\":\"info\",\"process\":\"nemesis\",\"f\":\"start-partition\","
        "\"value\":\"n1 n2\",\"error\":\"bad\xEF\xBF\xBD\"}");
}

TEST_CASE("JSONL round trip through the writer, on every read path") {
  const std::vector<Op> ops = random_ops(20000, 42);
  TempFile file("roundtrip.jsonl");
  {
    JsonlWriter writer(file.path.string());
    for (const Op& op : ops) writer.append(op);
  }
  for (unsigned threads : {1u, 2u, 3u}) {
    ReadOptions options;
    options.threads = threads;
    const History history = read_history(file.path.string(), options);
    CHECK(history.path == file.path.string());
    require_same(history.ops, ops);
    REQUIRE(history.lines.size() == ops.size());
    CHECK(history.lines.back() == ops.size());
  }
  std::ifstream in(file.path, std::ios::binary);
  const std::string text((std::istreambuf_iterator<char>(in)), {});
  require_same(parse_history(text, "mem").ops, ops);
  auto reader = OpReader::open(file.path.string());
  std::vector<Op> streamed;
  Op op;
  while (reader->next(op)) {
    streamed.push_back(op);
    REQUIRE(reader->line() == streamed.size());
  }
  require_same(streamed, ops);
}

TEST_CASE("a history of several 16 MiB blocks reads the same on 1, 2 and 3 threads") {
  // The pieces after a block's first reuse their buffers from block to block.
  std::vector<Op> ops = random_ops(150000, 9);
  for (Op& op : ops) op.error = std::string(20, 'e');  // about 130 bytes a line: 19.8 MB
  TempFile file("blocks.jsonl");
  {
    std::string text;
    for (const Op& op : ops) text += to_jsonl(op) + "\n";
    REQUIRE(text.size() > (17u << 20));  // two blocks
    file.write(text);
  }
  for (unsigned threads : {1u, 2u, 3u}) {
    ReadOptions options;
    options.threads = threads;
    const History history = read_history(file.path.string(), options);
    require_same(history.ops, ops);
    REQUIRE(history.lines.size() == ops.size());
    CHECK(history.lines[123456] == 123457);
  }
}

TEST_CASE("the writer appends to an existing file") {
  TempFile file("append.jsonl");
  {
    JsonlWriter writer(file.path.string());
    writer.append(make_op(0, OpType::kInvoke, 0, "read", nullptr));
  }
  {
    JsonlWriter writer(file.path.string());
    writer.append(make_op(1, OpType::kOk, 0, "read", 5));
    writer.sync();
  }
  const History history = read_history(file.path.string());
  REQUIRE(history.ops.size() == 2);
  CHECK(history.ops[1].value == 5);
  CHECK_THROWS_AS(JsonlWriter("/nonexistent-dir/x.jsonl"), std::system_error);
}

TEST_CASE("a crashed run's partial last line: an error unless allow_truncated_tail") {
  std::string text;
  for (const Op& op : random_ops(50, 7)) text += to_jsonl(op) + "\n";
  const std::string line = to_jsonl(make_op(50, OpType::kInvoke, 1, "write", 3));
  for (std::size_t cut = 1; cut < line.size(); ++cut) {
    const std::string partial = text + line.substr(0, cut);
    INFO("cut at " << cut);
    CHECK_THROWS_AS(parse_history(partial, "crash.jsonl"), InputError);
    ReadOptions options;
    options.allow_truncated_tail = true;
    const History history = parse_history(partial, "crash.jsonl", options);
    CHECK(history.ops.size() == 50);
  }
  // A complete last line without its newline is simply the last op.
  CHECK(parse_history(text + line, "crash.jsonl").ops.size() == 51);
  // A partial line that is not the last one is always an error.
  ReadOptions options;
  options.allow_truncated_tail = true;
  CHECK_THROWS_AS(parse_history(text + line.substr(0, 10) + "\n" + line, "crash.jsonl", options),
                  InputError);
  // The streaming reader follows the same rule.
  TempFile file("crash.jsonl");
  file.write(text + line.substr(0, 20));
  auto reader = OpReader::open(file.path.string(), options);
  Op op;
  std::size_t n = 0;
  while (reader->next(op)) ++n;
  CHECK(n == 50);
  auto strict = OpReader::open(file.path.string());
  CHECK_THROWS_AS([&] { while (strict->next(op)) {} }(), InputError);
}

TEST_CASE("a line longer than max_line_bytes is refused without reading it whole") {
  TempFile file("long.jsonl");
  const std::string first = to_jsonl(make_op(0, OpType::kInvoke, 0, "write", 1)) + "\n";
  // 40 MB of one line: over a 1 MiB limit, and over two 16 MiB read blocks.
  const std::string huge = "{\"type\":\"ok\",\"process\":0,\"f\":\"write\",\"value\":\"" +
                           std::string(40u << 20, 'x') + "\"}\n";
  file.write(first + huge);
  ReadOptions options;
  options.max_line_bytes = 1 << 20;
  for (unsigned threads : {1u, 2u}) {
    options.threads = threads;
    try {
      read_history(file.path.string(), options);
      FAIL("no error");
    } catch (const InputError& e) {
      CHECK(e.line() == 2);
      CHECK_THAT(e.what(), Catch::Contains("line longer than max_line_bytes (1048576 bytes)"));
    }
  }
  auto reader = OpReader::open(file.path.string(), options);
  Op op;
  CHECK(reader->next(op));
  CHECK_THROWS_WITH(reader->next(op), Catch::Contains(":2:1: line longer than max_line_bytes"));
  // Under the default limit the same file reads.
  const History history = read_history(file.path.string());
  CHECK(history.ops.size() == 2);
  CHECK(history.ops[1].value.get_ref<const std::string&>().size() == (40u << 20));
}

TEST_CASE("unknown fields are skipped; index is reassigned; CRLF and blank lines are fine") {
  const History history = parse_history(
      "{\"index\":99,\"extra\":{\"a\":[1,{\"b\":null}]},\"type\":\"invoke\",\"process\":0,\"f\":\"r\"}\r\n"
      "\n"
      "  {\"type\":\"ok\" , \"process\" : 0 , \"f\" : \"r\" , \"value\" : -0.5e1 , \"error\" : {\"x\":1}}\r\n",
      "crlf.jsonl");
  REQUIRE(history.ops.size() == 2);
  CHECK(history.ops[0].index == 0);
  CHECK(history.lines == std::vector<std::uint64_t>{1, 3});
  CHECK(history.ops[1].value == -5.0);
  CHECK(history.ops[1].error == std::optional<std::string>(R"({"x":1})"));
  CHECK(history.ops[0].time == kNoTime);
}

TEST_CASE("field names are matched as whole names, however they are spelled") {
  // Escaped names, and names that only start like a known one.
  const History history = parse_history(
      R"({"\u0074ype":"invoke","process":0,"\u0066":"read","fx":1,"keys":[2],"values":3,)"
      R"("indexes":4,"times":5,"types":6,"processes":7,"errors":8,"key":9,"value":10,"time":11})",
      "names.jsonl");
  REQUIRE(history.ops.size() == 1);
  CHECK(history.ops[0].type == OpType::kInvoke);
  CHECK(history.ops[0].f == "read");
  CHECK(history.ops[0].key == 9);
  CHECK(history.ops[0].value == 10);
  CHECK(history.ops[0].time == 11);
  CHECK_FALSE(history.ops[0].error.has_value());
  // An escaped spelling of a field already given is still a duplicate.
  CHECK_THROWS_WITH(
      parse_history(R"({"type":"invoke","process":0,"f":"r","\u0066":"w"})", "dup.jsonl"),
      Catch::Contains("dup.jsonl:1:38: duplicate field"));
}

TEST_CASE("integers of every length read as std::from_chars reads them") {
  // Around the reader's 18-digit fast path and the 64-bit limits; each number is placed both
  // mid-line and as the last field.
  std::mt19937_64 rng(7);
  for (int length = 1; length <= 20; ++length) {
    for (int trial = 0; trial < 200; ++trial) {
      std::string digits(1, static_cast<char>('1' + rng() % 9));
      while (static_cast<int>(digits.size()) < length) digits += static_cast<char>('0' + rng() % 10);
      if (trial == 0) digits = std::string(static_cast<std::size_t>(length), '9');
      const bool negative = trial % 3 == 1;
      const std::string number = (negative ? "-" : "") + digits;
      const std::string after[] = {"}", " }", ",\"x\":1}", "  ,\"x\":12345678}"};
      std::int64_t expected = 0;
      const auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), expected);
      const bool fits = ec == std::errc() && end == number.data() + number.size();
      std::uint64_t unsigned_expected = 0;  // an unsigned 64-bit JSON number when it fits
      const auto u = std::from_chars(digits.data(), digits.data() + digits.size(), unsigned_expected);
      const bool fits_unsigned = u.ec == std::errc();
      for (const std::string& tail : after) {
        const std::string head = R"({"type":"invoke","process":0,"f":"r",)";
        const std::string as_value = head + "\"value\":" + number + tail;
        const std::string as_time = head + "\"time\":" + number + tail;
        // The same in the writer's layout, which the fast path reads.
        const std::string writer_time =
            R"({"index":3,"time":)" + number + R"(,"type":"ok","process":0,"f":"r","value":1})";
        const std::string writer_process =
            R"({"index":3,"time":5,"type":"ok","process":)" + number + R"(,"f":"r","value":1})";
        INFO(as_value);
        if (fits) {
          CHECK(parse_history(as_value, "n.jsonl").ops[0].value == expected);
        } else if (!negative && fits_unsigned) {
          CHECK(parse_history(as_value, "n.jsonl").ops[0].value == unsigned_expected);
        } else {
          CHECK_THROWS_WITH(parse_history(as_value, "n.jsonl"),
                            Catch::Contains("does not fit in 64 bits"));
        }
        if (fits && !negative) {
          CHECK(parse_history(as_time, "n.jsonl").ops[0].time == expected);
          CHECK(parse_history(writer_time, "n.jsonl").ops[0].time == expected);
          CHECK(parse_history(writer_process, "n.jsonl").ops[0].process == expected);
        } else if (fits) {
          CHECK_THROWS_WITH(parse_history(as_time, "n.jsonl"), Catch::Contains("time must not"));
          CHECK_THROWS_WITH(parse_history(writer_time, "n.jsonl"), Catch::Contains("time must not"));
          CHECK_THROWS_WITH(parse_history(writer_process, "n.jsonl"),
                            Catch::Contains("process must not"));
        } else {
          CHECK_THROWS(parse_history(as_time, "n.jsonl"));
          CHECK_THROWS(parse_history(writer_time, "n.jsonl"));
          CHECK_THROWS(parse_history(writer_process, "n.jsonl"));
        }
      }
    }
  }
  CHECK_THROWS_WITH(parse_history(R"({"type":"invoke","process":0,"f":"r","time":0123456789})",
                                  "n.jsonl"),
                    Catch::Contains("leading zero"));
}

TEST_CASE("escapes and surrogate pairs decode to UTF-8") {
  const History history = parse_history(
      R"({"type":"invoke","process":0,"f":"w\u00e9","value":"\ud83d\ude00\n\"\/"})", "esc.jsonl");
  CHECK(history.ops[0].f == "w\xC3\xA9");
  CHECK(history.ops[0].value == "\xF0\x9F\x98\x80\n\"/");
}
