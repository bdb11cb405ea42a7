// A client turns one invocation of a workload into a completed op against the database under
// test. It is Jepsen's client: `open` binds it to a node, `invoke` performs one operation and
// says how it ended, `close` releases its connections.
//
// Completion semantics (DESIGN.md): kOk happened; kFail certainly did not take effect; kInfo
// may or may not have taken effect. A client never throws out of invoke for a database or
// network error: it returns kInfo (or kFail when the request provably never reached the
// database, or when the operation is a read, which has no effect).
//
// Thread-safety: one client per worker thread; a client is never shared between threads.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "history/op.h"

namespace faultline::clients {

// What a worker asks a client to do: Jepsen's op before it has a type or a time.
struct Invocation {
  std::string f;        // "read", "write", "cas", "add", ...
  nlohmann::json key;   // null for single-key workloads
  nlohmann::json value; // write 3; cas [1, 2]; add 7; read null
};

// How an invocation ended.
struct Completion {
  history::OpType type = history::OpType::kInfo;
  nlohmann::json value;              // read's result; otherwise the invocation's value
  std::optional<std::string> error;  // on fail and info
};

class Client {
 public:
  virtual ~Client() = default;
  // Prepares connections. May throw on configuration errors (not on an unreachable node:
  // that shows up as fail/info completions).
  virtual void open() = 0;
  virtual Completion invoke(const Invocation& invocation) = 0;
  virtual void close() = 0;
};

// Makes the client of worker `worker` (0-based). The factory is called from the runner's
// thread before the workers start.
class ClientFactory {
 public:
  virtual ~ClientFactory() = default;
  virtual std::unique_ptr<Client> make(unsigned worker) = 0;
};

}  // namespace faultline::clients
