#include "clients/etcd_client.h"

#include <algorithm>
#include <charconv>
#include <stdexcept>

#include <httplib.h>

#include "clients/base64.h"
#include "clients/etcd_errors.h"

namespace faultline::clients {
namespace {

using history::OpType;
using nlohmann::json;

std::string b64(const std::string& s) { return base64_encode(s); }

// The smallest key greater than every key starting with `prefix` (etcd's range_end).
std::string prefix_end(std::string prefix) {
  while (!prefix.empty()) {
    auto& last = reinterpret_cast<unsigned char&>(prefix.back());
    if (last < 0xff) {
      ++last;
      return prefix;
    }
    prefix.pop_back();
  }
  return std::string(1, '\0');
}

// Register and set values are integers, stored as their decimal text.
json decode_value(const json& kv) {
  if (!kv.contains("value")) return json(0);  // etcd leaves out an empty value
  auto text = base64_decode(kv["value"].get<std::string>());
  if (!text) throw std::runtime_error("etcd returned a value that is not base64");
  std::int64_t v = 0;
  auto [ptr, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
  if (ec != std::errc() || ptr != text->data() + text->size()) return json(*text);
  return json(v);
}

std::string encode_value(const json& v) {
  return v.is_string() ? v.get<std::string>() : v.dump();
}

Completion ok(json value) {
  Completion c;
  c.type = OpType::kOk;
  c.value = std::move(value);
  return c;
}

Completion failed(OpType type, std::string error) {
  Completion c;
  c.type = type;
  c.error = std::move(error);
  return c;
}

}  // namespace

EtcdClient::EtcdClient(std::string endpoint, const EtcdClientOptions& options)
    : endpoint_(std::move(endpoint)), options_(options) {}

EtcdClient::~EtcdClient() = default;

void EtcdClient::open() {
  http_ = std::make_unique<httplib::Client>(endpoint_);
  if (!http_->is_valid()) throw std::invalid_argument("bad etcd endpoint: " + endpoint_);
  auto t = options_.timeout;
  auto sec = std::chrono::duration_cast<std::chrono::seconds>(t);
  auto usec = std::chrono::duration_cast<std::chrono::microseconds>(t - sec);
  http_->set_connection_timeout(sec.count(), usec.count());
  http_->set_read_timeout(sec.count(), usec.count());
  http_->set_write_timeout(sec.count(), usec.count());
  http_->set_keep_alive(true);
  // httplib writes headers and body separately: without this, Nagle plus delayed ACKs add
  // about 40 ms to every request.
  http_->set_tcp_nodelay(true);
}

void EtcdClient::close() { http_.reset(); }

std::string EtcdClient::register_key(const json& key) const {
  return options_.key_prefix + "register/" + (key.is_string() ? key.get<std::string>() : key.dump());
}

std::optional<Completion> EtcdClient::post(const std::string& path, const json& body,
                                           bool is_read, json& out) {
  auto result = http_->Post(path.c_str(), body.dump(), "application/json");
  if (!result) return map_transport_error(result.error(), is_read);
  if (result->status != 200) return map_etcd_error(result->status, result->body, is_read);
  out = json::parse(result->body, nullptr, /*allow_exceptions=*/false);
  if (out.is_discarded()) {
    return failed(is_read ? OpType::kFail : OpType::kInfo, "unparsable etcd answer");
  }
  return std::nullopt;
}

Completion EtcdClient::invoke(const Invocation& inv) {
  if (!http_) open();
  bool keyed = !inv.key.is_null();
  if (inv.f == "read") return keyed ? get(inv) : read_set(inv);
  if (inv.f == "write" && keyed) return put(inv);
  if (inv.f == "cas" && keyed) return cas(inv);
  if (inv.f == "add") return add(inv);
  throw std::invalid_argument("etcd client: unsupported op f=" + inv.f);
}

Completion EtcdClient::get(const Invocation& inv) {
  json req = {{"key", b64(register_key(inv.key))}};
  if (options_.serializable) req["serializable"] = true;
  json res;
  if (auto err = post("/v3/kv/range", req, true, res)) return *err;
  if (!res.contains("kvs") || res["kvs"].empty()) return ok(nullptr);
  return ok(decode_value(res["kvs"][0]));
}

Completion EtcdClient::put(const Invocation& inv) {
  json req = {{"key", b64(register_key(inv.key))}, {"value", b64(encode_value(inv.value))}};
  json res;
  if (auto err = post("/v3/kv/put", req, false, res)) return *err;
  return ok(inv.value);
}

Completion EtcdClient::cas(const Invocation& inv) {
  std::string key = b64(register_key(inv.key));
  json req = {
      {"compare",
       {{{"key", key}, {"target", "VALUE"}, {"result", "EQUAL"},
         {"value", b64(encode_value(inv.value.at(0)))}}}},
      {"success", {{{"request_put", {{"key", key}, {"value", b64(encode_value(inv.value.at(1)))}}}}}},
  };
  json res;
  if (auto err = post("/v3/kv/txn", req, false, res)) return *err;
  if (res.value("succeeded", false)) return ok(inv.value);
  Completion c = failed(OpType::kFail, "cas: value differs");
  c.value = inv.value;
  return c;
}

Completion EtcdClient::add(const Invocation& inv) {
  std::string key = options_.key_prefix + "set/" + encode_value(inv.value);
  json req = {{"key", b64(key)}, {"value", b64(encode_value(inv.value))}};
  json res;
  if (auto err = post("/v3/kv/put", req, false, res)) return *err;
  return ok(inv.value);
}

Completion EtcdClient::read_set(const Invocation&) {
  std::string prefix = options_.key_prefix + "set/";
  json req = {{"key", b64(prefix)}, {"range_end", b64(prefix_end(prefix))}};
  if (options_.serializable) req["serializable"] = true;
  json res;
  if (auto err = post("/v3/kv/range", req, true, res)) return *err;
  json values = json::array();
  if (res.contains("kvs")) {
    for (const auto& kv : res["kvs"]) values.push_back(decode_value(kv));
  }
  std::sort(values.begin(), values.end());
  return ok(std::move(values));
}

std::unique_ptr<Client> EtcdClientFactory::make(unsigned worker) {
  if (options_.endpoints.empty()) throw std::invalid_argument("etcd client: no endpoints");
  return std::make_unique<EtcdClient>(options_.endpoints[worker % options_.endpoints.size()],
                                      options_);
}

}  // namespace faultline::clients
