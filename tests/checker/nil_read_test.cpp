// What a read of null means, by history format. In faultline's JSONL null is a value like any
// other, so an acknowledged write followed by a read of null (the key is gone) is a lost write.
// In Jepsen's and Knossos's EDN a read of nil observed nothing (Knossos's convention), so the
// corpus keeps Knossos's verdicts. A txn whose completion reported nothing reads nothing.
#include <string>

#include <catch2/catch.hpp>

#include "checker/check.h"
#include "history/pairing.h"
#include "history/read.h"

using faultline::checker::CheckOptions;
using faultline::checker::Verdict;
using faultline::history::History;

namespace {

Verdict verdict(const std::string& text, const std::string& model) {
  const History h = faultline::history::parse_history(text, "test");
  CheckOptions o;
  o.model = model;
  return faultline::checker::check(h, faultline::history::pair_operations(h), o).verdict;
}

// write 1 acknowledged, then a read that returns null.
const char* kJsonlLostWrite =
    R"({"index":0,"type":"invoke","process":0,"f":"write","value":1}
{"index":1,"type":"ok","process":0,"f":"write","value":1}
{"index":2,"type":"invoke","process":1,"f":"read","value":null}
{"index":3,"type":"ok","process":1,"f":"read","value":null}
)";

const char* kEdnNilRead =
    R"([{:type :invoke, :process 0, :f :write, :value 1}
{:type :ok, :process 0, :f :write, :value 1}
{:type :invoke, :process 1, :f :read, :value nil}
{:type :ok, :process 1, :f :read, :value nil}])";

}  // namespace

TEST_CASE("JSONL: a read of null after an acknowledged write is a lost write", "[checker][models]") {
  CHECK(verdict(kJsonlLostWrite, "register") == Verdict::kInvalid);
  CHECK(verdict(kJsonlLostWrite, "cas-register") == Verdict::kInvalid);
}

TEST_CASE("JSONL: a read of null before any write reads the initial null", "[checker][models]") {
  const std::string text =
      R"({"index":0,"type":"invoke","process":1,"f":"read","value":null}
{"index":1,"type":"ok","process":1,"f":"read","value":null}
{"index":2,"type":"invoke","process":0,"f":"write","value":1}
{"index":3,"type":"ok","process":0,"f":"write","value":1}
)";
  CHECK(verdict(text, "register") == Verdict::kValid);
}

TEST_CASE("EDN: a read of nil constrains nothing, as in Knossos", "[checker][models]") {
  const History h = faultline::history::parse_history(kEdnNilRead, "test.edn");
  CHECK(h.nil_read_unknown);
  CHECK(verdict(kEdnNilRead, "register") == Verdict::kValid);
  CHECK(verdict(kEdnNilRead, "cas-register") == Verdict::kValid);
}

TEST_CASE("multi-register: null reads by format, and a txn whose completion reported nothing",
          "[checker][models]") {
  const std::string write_x =
      R"({"index":0,"type":"invoke","process":0,"f":"txn","value":[["w","x",1]]}
{"index":1,"type":"ok","process":0,"f":"txn","value":[["w","x",1]]}
{"index":2,"type":"invoke","process":1,"f":"txn","value":[["r","x",null]]}
)";
  // The completion carries the txn with its read: null is read, but x is 1.
  CHECK(verdict(write_x + R"({"index":3,"type":"ok","process":1,"f":"txn","value":[["r","x",null]]})" "\n",
                "multi-register") == Verdict::kInvalid);
  // The completion reports no value: the invoke's null is a placeholder, not a read of null.
  CHECK(verdict(write_x + R"({"index":3,"type":"ok","process":1,"f":"txn","value":null})" "\n",
                "multi-register") == Verdict::kValid);
  const std::string edn =
      R"([{:type :invoke, :process 0, :f :txn, :value [[:w :x 1]]}
{:type :ok, :process 0, :f :txn, :value [[:w :x 1]]}
{:type :invoke, :process 1, :f :txn, :value [[:r :x nil]]}
{:type :ok, :process 1, :f :txn, :value [[:r :x nil]]}])";
  CHECK(verdict(edn, "multi-register") == Verdict::kValid);
}
