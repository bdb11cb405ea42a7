#include "clients/noop_client.h"

namespace faultline::clients {

Completion NoopClient::invoke(const Invocation& invocation) {
  Completion c;
  c.type = history::OpType::kOk;
  if (invocation.f != "read") c.value = invocation.value;
  return c;
}

}  // namespace faultline::clients
