// The etcd client against a real single-member etcd on loopback, and its error mapping.
#include <signal.h>

#include <catch2/catch.hpp>

#include "clients/base64.h"
#include "clients/etcd_client.h"
#include "clients/etcd_errors.h"
#include "clients/noop_client.h"
#include "tests/clients/loopback_etcd.h"

using namespace faultline::clients;
using faultline::history::OpType;
using nlohmann::json;

namespace {

EtcdClientOptions options_for(const std::string& url) {
  EtcdClientOptions o;
  o.endpoints = {url};
  o.timeout = std::chrono::milliseconds(500);
  return o;
}

Invocation inv(std::string f, json key, json value) { return {std::move(f), key, value}; }

}  // namespace

TEST_CASE("base64 round trips and rejects bad input", "[clients]") {
  for (std::string s : {"", "a", "ab", "abc", "abcd", "/faultline/register/k1"}) {
    CHECK(base64_decode(base64_encode(s)) == s);
  }
  CHECK(base64_encode("ab") == "YWI=");
  CHECK_FALSE(base64_decode("YW=").has_value());
  CHECK_FALSE(base64_decode("Y*I=").has_value());
}

TEST_CASE("etcd errors map by what they mean", "[clients]") {
  CHECK(map_transport_error(httplib::Error::Connection, false).type == OpType::kFail);
  CHECK(map_transport_error(httplib::Error::ConnectionTimeout, false).type == OpType::kFail);
  CHECK(map_transport_error(httplib::Error::Read, false).type == OpType::kInfo);
  CHECK(map_transport_error(httplib::Error::Write, false).type == OpType::kInfo);
  CHECK(map_transport_error(httplib::Error::Read, true).type == OpType::kFail);
  auto timed_out = map_etcd_error(
      503, R"({"error":"etcdserver: request timed out","code":14,"message":"etcdserver: request timed out"})",
      false);
  CHECK(timed_out.type == OpType::kInfo);
  CHECK(timed_out.error == "etcdserver: request timed out");
  CHECK(map_etcd_error(400, R"({"error":"bad","code":3})", false).type == OpType::kFail);
  CHECK(map_etcd_error(429, R"({"error":"etcdserver: too many requests","code":8})", false).type ==
        OpType::kFail);
  CHECK(map_etcd_error(502, "<html>bad gateway</html>", false).type == OpType::kInfo);
  CHECK(map_etcd_error(503, R"({"code":14})", true).type == OpType::kFail);
}

TEST_CASE("no-op client completes everything with ok", "[clients]") {
  NoopClient c;
  c.open();
  auto r = c.invoke(inv("cas", "k", json::array({1, 2})));
  CHECK(r.type == OpType::kOk);
  CHECK(r.value == json::array({1, 2}));
  CHECK(c.invoke(inv("read", "k", nullptr)).value.is_null());
}

TEST_CASE("etcd client against a loopback etcd", "[clients][etcd]") {
  testing::LoopbackEtcd etcd;
  EtcdClientFactory factory(options_for(etcd.url()));
  auto client = factory.make(0);
  client->open();

  SECTION("register read, write, cas") {
    auto r = client->invoke(inv("read", "k1", nullptr));
    REQUIRE(r.type == OpType::kOk);
    CHECK(r.value.is_null());
    CHECK(client->invoke(inv("write", "k1", 3)).type == OpType::kOk);
    r = client->invoke(inv("read", "k1", nullptr));
    CHECK(r.type == OpType::kOk);
    CHECK(r.value == 3);
    auto miss = client->invoke(inv("cas", "k1", json::array({2, 4})));
    CHECK(miss.type == OpType::kFail);
    CHECK(client->invoke(inv("cas", "k1", json::array({3, 4}))).type == OpType::kOk);
    CHECK(client->invoke(inv("read", "k1", nullptr)).value == 4);
    CHECK(client->invoke(inv("cas", "never-written", json::array({0, 1}))).type == OpType::kFail);
    CHECK(client->invoke(inv("read", 7, nullptr)).value.is_null());
  }

  SECTION("serializable reads see the local member") {
    auto opts = options_for(etcd.url());
    opts.serializable = true;
    EtcdClient c(etcd.url(), opts);
    c.open();
    CHECK(c.invoke(inv("write", "s", 1)).type == OpType::kOk);
    CHECK(c.invoke(inv("read", "s", nullptr)).value == 1);
  }

  SECTION("set add and range read") {
    for (int v : {5, 1, 12}) CHECK(client->invoke(inv("add", nullptr, v)).type == OpType::kOk);
    auto r = client->invoke(inv("read", nullptr, nullptr));
    REQUIRE(r.type == OpType::kOk);
    CHECK(r.value == json::array({1, 5, 12}));
  }

  SECTION("a write to a paused etcd times out as info, a read as fail") {
    REQUIRE(::kill(etcd.pid(), SIGSTOP) == 0);
    auto w = client->invoke(inv("write", "k2", 1));
    auto r = client->invoke(inv("read", "k2", nullptr));
    ::kill(etcd.pid(), SIGCONT);
    CHECK(w.type == OpType::kInfo);
    CHECK(w.error.has_value());
    CHECK(r.type == OpType::kFail);
  }

  SECTION("unsupported ops are programmer errors") {
    CHECK_THROWS(client->invoke(inv("frobnicate", "k", 1)));
  }
}

TEST_CASE("a request to a closed port never reaches etcd: fail", "[clients]") {
  int port = testing::free_port();
  EtcdClient c("http://127.0.0.1:" + std::to_string(port), options_for("unused"));
  c.open();
  auto w = c.invoke(inv("write", "k", 1));
  CHECK(w.type == OpType::kFail);
  CHECK(w.error.has_value());
}
