// A client for etcd v3 over its JSON gateway (/v3/kv/put, /v3/kv/range, /v3/kv/txn), with
// cpp-httplib. Keys and values travel base64-encoded; etcd writes 64-bit numbers as strings
// and leaves out fields at their zero value (a failed txn has no "succeeded").
//
// Operations (Invocation.f):
//   read  with a key:  get the register `key`; value = the integer stored, or null.
//   write with a key:  put the register; value = the integer to store.
//   cas   with a key:  txn comparing the register's value with value[0], putting value[1];
//                      ok if it succeeded, fail if the comparison failed.
//   add   (no key):    set add of the unique integer `value`, stored as its own key
//                      <prefix>set/<value>. Unique keys under a prefix need no read-modify-write,
//                      so an add never conflicts with another and never needs retrying.
//   read  (no key):    range read of every key under <prefix>set/; value = sorted integers.
// Reads are linearizable unless options.serializable, which makes etcd answer from the local
// member's state: deliberately unsafe, stale under a partition, for testing the checker.
// Errors: see clients/etcd_errors.h. Every request has options.timeout as its connect, read
// and write timeout.
//
// Thread-safety: one EtcdClient per worker thread (it owns one httplib::Client).
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "clients/client.h"

namespace httplib { class Client; }

namespace faultline::clients {

struct EtcdClientOptions {
  // Base URLs of the nodes' client endpoints, e.g. "http://10.77.0.11:2379". Worker i talks
  // to endpoints[i % endpoints.size()].
  std::vector<std::string> endpoints;
  std::chrono::milliseconds timeout{1000};
  bool serializable = false;
  // Every key the client touches lives under this prefix.
  std::string key_prefix = "/faultline/";
};

class EtcdClient final : public Client {
 public:
  EtcdClient(std::string endpoint, const EtcdClientOptions& options);
  ~EtcdClient() override;

  void open() override;
  Completion invoke(const Invocation& invocation) override;
  void close() override;

 private:
  Completion get(const Invocation& inv);
  Completion put(const Invocation& inv);
  Completion cas(const Invocation& inv);
  Completion add(const Invocation& inv);
  Completion read_set(const Invocation& inv);
  // POSTs `body` to `path`; on success parses the answer into `out` and returns nullopt,
  // otherwise returns the mapped failure.
  std::optional<Completion> post(const std::string& path, const nlohmann::json& body,
                                 bool is_read, nlohmann::json& out);
  std::string register_key(const nlohmann::json& key) const;

  std::string endpoint_;
  EtcdClientOptions options_;
  std::unique_ptr<httplib::Client> http_;
};

class EtcdClientFactory final : public ClientFactory {
 public:
  explicit EtcdClientFactory(EtcdClientOptions options) : options_(std::move(options)) {}
  std::unique_ptr<Client> make(unsigned worker) override;

 private:
  EtcdClientOptions options_;
};

}  // namespace faultline::clients
