// Pairing semantics, table-driven: each case is a history in JSONL-like shorthand and the
// operations it must pair into.
#include <catch2/catch.hpp>

#include <sstream>

#include "history/pairing.h"
#include "history/read.h"

using namespace faultline::history;

namespace {

// "i0 o0" means: invoke by process 0, ok by process 0. Letters: i invoke, o ok, f fail, n info;
// a process "N" is the nemesis.
History shorthand(const std::string& events) {
  History h;
  std::istringstream in(events);
  std::string event;
  while (in >> event) {
    Op op;
    op.index = static_cast<std::int64_t>(h.ops.size());
    op.type = event[0] == 'i' ? OpType::kInvoke
              : event[0] == 'o' ? OpType::kOk
              : event[0] == 'f' ? OpType::kFail
                                : OpType::kInfo;
    op.process = event.substr(1) == "N" ? kNemesisProcess : std::stoll(event.substr(1));
    op.f = "read";
    h.ops.push_back(op);
  }
  return h;
}

std::string describe(const std::vector<Operation>& operations) {
  std::string out;
  for (const Operation& op : operations) {
    if (!out.empty()) out += ' ';
    out += std::to_string(op.invoke) + "-" +
           (op.completed() ? std::to_string(op.completion) : std::string("_")) + ":" +
           std::string(to_string(op.outcome));
  }
  return out;
}

}  // namespace

TEST_CASE("pairing: an invoke pairs with the next completion of its process") {
  struct Case {
    const char* history;
    const char* operations;  // invoke-completion:outcome, in invoke order
  };
  const Case cases[] = {
      {"i0 o0", "0-1:ok"},
      {"i0 i1 o1 o0", "0-3:ok 1-2:ok"},
      {"i0 f0 i0 o0", "0-1:fail 2-3:ok"},
      {"i0 n0", "0-1:info"},
      {"i0 n0 i0 o0", "0-1:info 2-3:ok"},   // a reused process after info starts afresh
      {"i0 i1 o0", "0-2:ok 1-_:info"},      // never completed: info
      {"nN i0 nN o0 nN", "1-3:ok"},         // nemesis start/end are info and never paired
      {"iN oN i2 f2", "2-3:fail"},          // any nemesis event is skipped
      {"i5 i3 n5 o3 i7", "0-2:info 1-3:ok 4-_:info"},
      // processes past the dense table (2^16) pair the same way
      {"i70000 i3 o70000 i70000 o3 n70000", "0-2:ok 1-4:ok 3-5:info"},
      {"i9000000000 i65536 o65536 o9000000000", "0-3:ok 1-2:ok"},
  };
  for (const Case& c : cases) {
    INFO(c.history);
    CHECK(describe(pair_operations(shorthand(c.history))) == c.operations);
  }
}

TEST_CASE("pairing errors name the op's line, or its position in an in-memory history") {
  const char* bad[] = {"o0", "i0 o0 o0", "i0 i0", "i1 nN f0", "i70000 o70000 o70000",
                       "i0 i70000 i70000"};
  const std::uint64_t lines[] = {1, 3, 2, 3, 3, 3};
  for (std::size_t i = 0; i < 6; ++i) {
    INFO(bad[i]);
    try {
      pair_operations(shorthand(bad[i]));
      FAIL("no error");
    } catch (const InputError& e) {
      CHECK(e.line() == lines[i]);
      CHECK(e.column() == 1);
    }
  }
}
