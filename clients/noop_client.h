// The no-op client: completes every invocation at once with ok and touches no network. It
// exists to measure the harness's own per-op overhead (bench/harness_bench.cpp) and to test the
// runner without a database. A read returns null; every other op echoes its value.
//
// Thread-safety: as every client, one per worker thread; it holds no state.
#pragma once

#include <memory>

#include "clients/client.h"

namespace faultline::clients {

class NoopClient final : public Client {
 public:
  void open() override {}
  Completion invoke(const Invocation& invocation) override;
  void close() override {}
};

class NoopClientFactory final : public ClientFactory {
 public:
  std::unique_ptr<Client> make(unsigned) override { return std::make_unique<NoopClient>(); }
};

}  // namespace faultline::clients
