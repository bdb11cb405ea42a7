// Each model on small hand-made histories: legal and illegal steps, info and fail semantics,
// partitioning by key, and bad input.
#include <chrono>
#include <cstdint>
#include <future>
#include <limits>
#include <thread>

#include <catch2/catch.hpp>

#include "checker/check.h"
#include "checker/models/kv.h"
#include "history/input_error.h"
#include "tests/checker/history_builder.h"

using faultline::checker::CheckOptions;
using faultline::checker::Verdict;
using faultline::testing::HistoryBuilder;
using nlohmann::json;

namespace {

Verdict verdict(const HistoryBuilder& b, const std::string& model, json init = nullptr) {
  return faultline::testing::check_built(b, faultline::testing::model_options(model, std::move(init)))
      .verdict;
}

}  // namespace

TEST_CASE("register: a read sees the last write", "[checker][models]") {
  HistoryBuilder b;
  b.done(0, "write", 1, 1).done(1, "read", nullptr, 1);
  CHECK(verdict(b, "register") == Verdict::kValid);
  HistoryBuilder bad;
  bad.done(0, "write", 1, 1).done(1, "read", nullptr, 2);
  CHECK(verdict(bad, "register") == Verdict::kInvalid);
}

// 2^64 - 1 is read as an unsigned JSON integer; cast to int64 it is -1. The two were interned as
// one value (and one key), so this history passed as linearizable.
TEST_CASE("register: 2^64 - 1 and -1 are different values and different keys", "[checker][models]") {
  const json big = std::numeric_limits<std::uint64_t>::max();
  HistoryBuilder b;
  b.done(0, "write", big, big).done(1, "read", nullptr, -1);
  CHECK(verdict(b, "register") == Verdict::kInvalid);
  HistoryBuilder keys;
  keys.done(0, "write", 1, 1, big).done(1, "read", nullptr, 1, -1);
  CHECK(verdict(keys, "register") == Verdict::kInvalid);
}

TEST_CASE("register: a read concurrent with a write may see either value", "[checker][models]") {
  for (int seen : {0, 1}) {
    HistoryBuilder b;
    b.invoke(0, "write", 1).invoke(1, "read").ok(1, "read", seen).ok(0, "write", 1);
    CHECK(verdict(b, "register", 0) == Verdict::kValid);
  }
  HistoryBuilder b;
  b.invoke(0, "write", 1).invoke(1, "read").ok(1, "read", 7).ok(0, "write", 1);
  CHECK(verdict(b, "register", 0) == Verdict::kInvalid);
}

TEST_CASE("info may or may not take effect; fail never does", "[checker][models]") {
  for (int seen : {0, 1}) {
    HistoryBuilder b;
    b.invoke(0, "write", 1).info(0, "write", 1).done(1, "read", nullptr, seen);
    CHECK(verdict(b, "register", 0) == Verdict::kValid);
  }
  HistoryBuilder never_completed;
  never_completed.invoke(0, "write", 1).done(1, "read", nullptr, 1);
  CHECK(verdict(never_completed, "register", 0) == Verdict::kValid);
  HistoryBuilder failed;
  failed.invoke(0, "write", 1).fail(0, "write", 1).done(1, "read", nullptr, 1);
  CHECK(verdict(failed, "register", 0) == Verdict::kInvalid);
  // An info write takes effect after its invoke, never before.
  HistoryBuilder early;
  early.done(1, "read", nullptr, 1).invoke(0, "write", 1).info(0, "write", 1);
  CHECK(verdict(early, "register", 0) == Verdict::kInvalid);
}

TEST_CASE("cas-register: cas takes effect only from its old value", "[checker][models]") {
  HistoryBuilder b;
  b.done(0, "cas", json{0, 1}, json{0, 1}).done(0, "read", nullptr, 1);
  CHECK(verdict(b, "cas-register", 0) == Verdict::kValid);
  CHECK(verdict(b, "cas-register", 5) == Verdict::kInvalid);
  CHECK(verdict(b, "cas-register") == Verdict::kInvalid);  // initially null
}

TEST_CASE("bad ops throw InputError naming the line", "[checker][models]") {
  HistoryBuilder b;
  b.done(0, "write", 1, 1).done(0, "cas", json{1}, json{1});
  try {
    faultline::testing::check_built(b, CheckOptions{});
    FAIL("no InputError");
  } catch (const faultline::history::InputError& e) {
    CHECK(e.line() == 3);
    CHECK(std::string(e.what()).find("test.jsonl:3:") == 0);
  }
  HistoryBuilder unknown_f;
  unknown_f.done(0, "frobnicate", 1, 1);
  CHECK_THROWS_AS(verdict(unknown_f, "register"), faultline::history::InputError);
  CHECK_THROWS_AS(verdict(b, "no-such-model"), faultline::history::InputError);
  CHECK_THROWS_AS(verdict(b, "kv", 3), faultline::history::InputError);  // bad init
}

// The first partition's model is made before partitioning (checker/linearizable.cpp): a bad
// --init is what a check reports, before any bad op, and also when nothing is left to check.
TEST_CASE("a bad --init is reported first, with or without ops", "[checker][models]") {
  auto init_error = [](const HistoryBuilder& h) -> std::string {
    try {
      faultline::testing::check_built(h, faultline::testing::model_options("kv", 3));
    } catch (const faultline::history::InputError& e) {
      return e.file();
    }
    return "no InputError";
  };
  HistoryBuilder bad_op;
  bad_op.done(0, "frobnicate", "x", "x", "k");
  CHECK(init_error(bad_op) == "--init");
  CHECK(init_error(HistoryBuilder{}) == "--init");
  HistoryBuilder only_fails;
  only_fails.invoke(0, "put", "x", "k").fail(0, "put", "x", "k");
  CHECK(init_error(only_fails) == "--init");
  // Several partitions, each with its own model made from the same --init.
  HistoryBuilder keys;
  for (int k = 0; k < 5; ++k) {
    keys.done(k, "append", "a", nullptr, k).done(k, "get", nullptr, "za", k);
  }
  CHECK(verdict(keys, "kv", "z") == Verdict::kValid);
  keys.done(9, "get", nullptr, "a", 2);
  CHECK(verdict(keys, "kv", "z") == Verdict::kInvalid);
}

TEST_CASE("mutex: two holders at once are not linearizable", "[checker][models]") {
  HistoryBuilder b;
  b.done(0, "acquire", nullptr, nullptr).done(0, "release", nullptr, nullptr);
  b.done(1, "acquire", nullptr, nullptr);
  CHECK(verdict(b, "mutex") == Verdict::kValid);
  b.done(2, "acquire", nullptr, nullptr);
  CHECK(verdict(b, "mutex") == Verdict::kInvalid);
}

TEST_CASE("kv: per-key string registers with append", "[checker][models]") {
  HistoryBuilder b;
  b.done(0, "put", "a", nullptr, "k1").done(1, "append", "b", nullptr, "k1");
  b.done(2, "get", nullptr, "ab", "k1").done(2, "get", nullptr, "", "k2");
  CHECK(verdict(b, "kv") == Verdict::kValid);
  b.done(3, "get", nullptr, "ab", "k2");  // k2 was never written
  CHECK(verdict(b, "kv") == Verdict::kInvalid);
}

// kv encodes a partition only when it searches it (checker/linearizable.cpp): a violation in the
// first key cancels the rest unencoded. Their ops must still be validated, and of several bad
// ops the first in the file is reported, whichever partition holds it, before any search.
TEST_CASE("kv: partitions encoded when searched still report every bad op", "[checker][models]") {
  auto line_of_error = [](const HistoryBuilder& h) -> std::size_t {
    try {
      faultline::testing::check_built(h, faultline::testing::model_options("kv"));
    } catch (const faultline::history::InputError& e) {
      return e.line();
    }
    return 0;
  };
  HistoryBuilder b;
  b.done(0, "put", "a", nullptr, "k0").done(0, "get", nullptr, "b", "k0");  // k0 is invalid
  for (int k = 1; k < 4; ++k) b.done(k, "append", "x", nullptr, k).done(k, "get", nullptr, "x", k);
  const auto r = faultline::testing::check_built(b, faultline::testing::model_options("kv"));
  REQUIRE(r.verdict == Verdict::kInvalid);
  CHECK(r.json()["partitions"]["invalid"] == 1);
  CHECK(r.json()["partitions"]["cancelled"] == 3);
  SECTION("a bad op in a partition the violation cancelled") {
    b.done(5, "frobnicate", "x", nullptr, 3);  // lines 17, 18
    CHECK(line_of_error(b) == 17);
  }
  SECTION("a bad value in a partition the violation cancelled") {
    b.done(5, "append", 7, nullptr, 2);
    CHECK(line_of_error(b) == 17);
  }
  SECTION("the first bad op in the file, in a partition after the one that meets its own") {
    HistoryBuilder two;
    two.done(0, "put", "a", nullptr, "k0").done(1, "append", 1, nullptr, "k1");  // line 3
    two.done(0, "append", 2, nullptr, "k0");  // line 5, met first: k0 is encoded first
    CHECK(line_of_error(two) == 3);
  }
  SECTION("a bad op after a partition whose search would not end") {
    // 26 concurrent puts of distinct values, then a get of none of them: a search of 2^26
    // orders. The bad op in the next key must be reported without it. When a key's ops were only
    // validated after the keys before it were searched, 24 puts took 54 s to report the bad op,
    // and this test failed at its watchdog. The watchdog turns such a wait into a failure
    // instead of a stalled run.
    HistoryBuilder hard;
    for (int p = 0; p < 26; ++p) hard.invoke(p, "put", std::to_string(100 + p), "a");
    for (int p = 0; p < 26; ++p) hard.ok(p, "put", std::to_string(100 + p), "a");
    hard.done(30, "get", nullptr, "nope", "a");
    hard.done(31, "frobnicate", "x", nullptr, "b");  // lines 55, 56
    // The check's own time limit bounds a search that should not run, so that the thread is
    // joined (a failure waits for it) instead of running on through the rest of the tests.
    auto options = faultline::testing::model_options("kv");
    options.time_limit_s = 30;
    std::size_t line = 0;
    std::promise<void> finished;
    std::future<void> done = finished.get_future();
    std::thread check([&] {
      try {
        faultline::testing::check_built(hard, options);
      } catch (const faultline::history::InputError& e) {
        line = e.line();
      }
      finished.set_value();
    });
    const bool in_time = done.wait_for(std::chrono::seconds(20)) == std::future_status::ready;
    check.join();
    CHECK(in_time);
    CHECK(line == 55);
  }
  SECTION("every key is encoded with --all-failures") {
    b.done(5, "get", nullptr, "y", 3);
    auto options = faultline::testing::model_options("kv");
    options.all_failures = true;
    const auto all = faultline::testing::check_built(b, options);
    CHECK(all.json()["partitions"]["invalid"] == 2);
    CHECK(all.json()["partitions"]["valid"] == 2);
    CHECK(all.json()["partitions"]["cancelled"] == 0);
  }
}

// KvModel keeps copies of the prints of the state it steps from and of the one it made last; a
// made state that the search discards gives its id to the next string stored, which must not be
// read from the old copy: the next append's, or the init string's, interned on the first
// init_state() (outside step()).
TEST_CASE("kv: a discarded append's id, reused, keys and steps as its new string",
          "[checker][models]") {
  using faultline::checker::KvModel;
  KvModel m(json("z"));
  m.reserve(6);
  const auto put_a = m.encode("put", "a", true), app_b = m.encode("append", "b", true);
  const auto app_c = m.encode("append", "c", true), get_ac = m.encode("get", "ac", true);
  const auto get_ab = m.encode("get", "ab", true), get_a = m.encode("get", "a", true);
  std::uint32_t a, ab, ac, next;
  std::uint64_t key_ab[2], key_ac[2], key[2];

  SECTION("by the next append") {
    REQUIRE(m.step(m.init_state(), put_a, a));
    CHECK(m.step(a, get_a, next));
    CHECK(next == a);
    REQUIRE(m.step(a, app_b, ab));
    m.state_key(ab, key_ab);
    CHECK(m.step(ab, get_ab, next));
    CHECK(!m.step(ab, get_ac, next));
    m.discard_state(ab);
    REQUIRE(m.step(a, app_c, ac));
    CHECK(ac == ab);  // the id came back
    m.state_key(ac, key_ac);
    CHECK((key_ac[0] != key_ab[0] || key_ac[1] != key_ab[1]));
    CHECK(m.step(ac, get_ac, next));
    CHECK(!m.step(ac, get_ab, next));
    // From another state and back: the copies follow.
    CHECK(m.step(a, get_a, next));
    m.state_key(ac, key);
    CHECK((key[0] == key_ac[0] && key[1] == key_ac[1]));
    CHECK(m.step(ac, get_ac, next));
    CHECK(m.render_state(ac) == "ac");
    CHECK(m.describe(get_ab) == "get \"ab\"");
  }

  SECTION("by the init string") {
    REQUIRE(m.step(0, put_a, a));  // a put's step does not read its state
    REQUIRE(m.step(a, app_b, ab));
    m.state_key(ab, key_ab);
    m.discard_state(ab);
    const std::uint32_t init = m.init_state();
    REQUIRE(init == ab);  // the id came back
    m.state_key(init, key);
    CHECK((key[0] != key_ab[0] || key[1] != key_ab[1]));
    KvModel fresh(json("z"));
    std::uint64_t key_z[2];
    fresh.state_key(fresh.init_state(), key_z);
    CHECK(key[0] == key_z[0]);
    CHECK(key[1] == key_z[1]);
  }
}

TEST_CASE("multi-register: txns read and write atomically", "[checker][models]") {
  const json init = {{"x", 0}, {"y", 0}};
  HistoryBuilder b;
  b.done(0, "txn", json::parse(R"([["write","x",1],["write","y",2]])"),
         json::parse(R"([["write","x",1],["write","y",2]])"));
  b.done(1, "txn", json::parse(R"([["read","x",null],["read","y",null]])"),
         json::parse(R"([["read","x",1],["read","y",2]])"));
  CHECK(verdict(b, "multi-register", init) == Verdict::kValid);
  HistoryBuilder torn;
  torn.invoke(0, "txn", json::parse(R"([["write","x",1],["write","y",2]])"));
  torn.done(1, "txn", json::parse(R"([["read","x",null],["read","y",null]])"),
            json::parse(R"([["read","x",1],["read","y",0]])"));
  torn.ok(0, "txn", json::parse(R"([["write","x",1],["write","y",2]])"));
  CHECK(verdict(torn, "multi-register", init) == Verdict::kInvalid);
}

TEST_CASE("set: a read returns the whole set", "[checker][models]") {
  HistoryBuilder b;
  b.done(0, "add", 1, 1).done(0, "add", 2, 2).done(1, "read", nullptr, json{2, 1});
  CHECK(verdict(b, "set") == Verdict::kValid);
  b.done(1, "read", nullptr, json{1});
  CHECK(verdict(b, "set") == Verdict::kInvalid);
}

TEST_CASE("queues: fifo order versus any order", "[checker][models]") {
  HistoryBuilder b;
  b.done(0, "enqueue", 1, 1).done(0, "enqueue", 2, 2).done(1, "dequeue", nullptr, 2);
  CHECK(verdict(b, "fifo-queue") == Verdict::kInvalid);
  CHECK(verdict(b, "unordered-queue") == Verdict::kValid);
  HistoryBuilder lost_head;  // an unfinished dequeue may have taken the head
  lost_head.done(0, "enqueue", 1, 1).done(0, "enqueue", 2, 2);
  lost_head.invoke(2, "dequeue").info(2, "dequeue").done(1, "dequeue", nullptr, 2);
  CHECK(verdict(lost_head, "fifo-queue") == Verdict::kValid);
}

// An info or pending dequeue may have taken any one element, or nothing. The unordered model
// dropped it as if it could not matter, so a later dequeue that found the queue empty was invalid.
TEST_CASE("queues: an info dequeue may have emptied the queue", "[checker][models]") {
  HistoryBuilder b;
  b.done(0, "enqueue", 1, 1).invoke(1, "dequeue").info(1, "dequeue").done(2, "dequeue", nullptr, nullptr);
  CHECK(verdict(b, "unordered-queue") == Verdict::kValid);
  CHECK(verdict(b, "fifo-queue") == Verdict::kValid);
  HistoryBuilder pending;  // never completed: the same
  pending.done(0, "enqueue", 1, 1).invoke(1, "dequeue").done(2, "dequeue", nullptr, nullptr);
  CHECK(verdict(pending, "unordered-queue") == Verdict::kValid);
  CHECK(verdict(pending, "fifo-queue") == Verdict::kValid);
}

TEST_CASE("queues: an info dequeue takes one element at most", "[checker][models]") {
  HistoryBuilder one;
  one.done(0, "enqueue", 1, 1).done(0, "enqueue", 2, 2);
  one.invoke(1, "dequeue").info(1, "dequeue").done(2, "dequeue", nullptr, nullptr);
  CHECK(verdict(one, "unordered-queue") == Verdict::kInvalid);
  CHECK(verdict(one, "fifo-queue") == Verdict::kInvalid);
  HistoryBuilder two;  // a second info dequeue takes the other element
  two.done(0, "enqueue", 1, 1).done(0, "enqueue", 2, 2);
  two.invoke(1, "dequeue").info(1, "dequeue").invoke(3, "dequeue").info(3, "dequeue");
  two.done(2, "dequeue", nullptr, nullptr);
  CHECK(verdict(two, "unordered-queue") == Verdict::kValid);
  CHECK(verdict(two, "fifo-queue") == Verdict::kValid);
  HistoryBuilder nothing;  // or takes nothing
  nothing.done(0, "enqueue", 1, 1).invoke(1, "dequeue").info(1, "dequeue");
  nothing.done(2, "dequeue", nullptr, 1);
  CHECK(verdict(nothing, "unordered-queue") == Verdict::kValid);
  CHECK(verdict(nothing, "fifo-queue") == Verdict::kValid);
  HistoryBuilder twice;  // it never adds one
  twice.done(0, "enqueue", 1, 1).invoke(1, "dequeue").info(1, "dequeue");
  twice.done(2, "dequeue", nullptr, 1).done(2, "dequeue", nullptr, 1);
  CHECK(verdict(twice, "unordered-queue") == Verdict::kInvalid);
  CHECK(verdict(twice, "fifo-queue") == Verdict::kInvalid);
}

TEST_CASE("queues: an info dequeue takes effect after its invoke", "[checker][models]") {
  HistoryBuilder early;
  early.done(0, "enqueue", 1, 1).done(2, "dequeue", nullptr, nullptr);
  early.invoke(1, "dequeue").info(1, "dequeue");
  CHECK(verdict(early, "unordered-queue") == Verdict::kInvalid);
  CHECK(verdict(early, "fifo-queue") == Verdict::kInvalid);
  // Any time after it: here it must take the 2, enqueued after its invoke, for the 1 is dequeued.
  HistoryBuilder late;
  late.done(0, "enqueue", 1, 1).invoke(1, "dequeue").done(0, "enqueue", 2, 2);
  late.done(2, "dequeue", nullptr, 1).done(2, "dequeue", nullptr, nullptr).info(1, "dequeue");
  CHECK(verdict(late, "unordered-queue") == Verdict::kValid);
  CHECK(verdict(late, "fifo-queue") == Verdict::kValid);
}

// The unordered model defers which element an info dequeue took: when the ones it could take are
// dequeued by others, it took nothing, and a later enqueued element is still there.
TEST_CASE("unordered-queue: an info dequeue cannot take an element twice", "[checker][models]") {
  HistoryBuilder b;
  b.done(0, "enqueue", 1, 1).done(0, "enqueue", 2, 2).invoke(1, "dequeue").info(1, "dequeue");
  b.done(2, "dequeue", nullptr, 2).done(2, "dequeue", nullptr, 1).done(0, "enqueue", 3, 3);
  HistoryBuilder gone = b;
  b.done(2, "dequeue", nullptr, 3);
  CHECK(verdict(b, "unordered-queue") == Verdict::kValid);
  gone.done(2, "dequeue", nullptr, nullptr);  // the info dequeue may still take the 3
  CHECK(verdict(gone, "unordered-queue") == Verdict::kValid);
  gone.done(0, "enqueue", 4, 4).done(2, "dequeue", nullptr, nullptr);  // not the 4 as well
  CHECK(verdict(gone, "unordered-queue") == Verdict::kInvalid);
}

// An ok dequeue whose completion reports null while its invoke carried a value: its element is not
// known, and it took effect before its completion.
TEST_CASE("queues: an ok dequeue whose element is not known", "[checker][models]") {
  HistoryBuilder empty;  // it may have found the queue empty
  empty.invoke(0, "dequeue", 5).ok(0, "dequeue", nullptr);
  CHECK(verdict(empty, "fifo-queue") == Verdict::kValid);
  CHECK(verdict(empty, "unordered-queue") == Verdict::kValid);
  HistoryBuilder took;  // or took an element
  took.done(0, "enqueue", 1, 1).invoke(1, "dequeue", 5).ok(1, "dequeue", nullptr);
  took.done(2, "dequeue", nullptr, nullptr);
  CHECK(verdict(took, "fifo-queue") == Verdict::kValid);
  CHECK(verdict(took, "unordered-queue") == Verdict::kValid);
  HistoryBuilder front;  // the queue was not empty, so it took the 1 before the next dequeue
  front.done(0, "enqueue", 1, 1).invoke(1, "dequeue", 5).ok(1, "dequeue", nullptr);
  front.done(2, "dequeue", nullptr, 1);
  CHECK(verdict(front, "fifo-queue") == Verdict::kInvalid);
  // Not exact (docs/checking.md, Queues): unordered-queue defers the choice as for an info
  // dequeue, as if it might have taken nothing. Never a wrong invalid; here a wrong valid.
  CHECK(verdict(front, "unordered-queue") == Verdict::kValid);
}
