#include "harness/db/db.h"

#include <filesystem>

namespace faultline::harness {

void setup_cluster(Db& db, const std::vector<NodeSpec>& nodes, const RemoteFactory& factory,
                   std::chrono::milliseconds healthy_timeout) {
  // Jepsen's cycle: whatever an earlier run left is wiped before the new setup.
  require_all_ok(on_nodes(nodes, factory,
                          [&](Remote& r, const NodeSpec& n) {
                            db.teardown(r, n);
                            db.setup(r, n);
                          }),
                 "db setup");
  require_all_ok(on_nodes(nodes, factory,
                          [&](Remote& r, const NodeSpec& n) {
                            db.wait_healthy(r, n, healthy_timeout);
                          }),
                 "db health check");
}

void teardown_cluster(Db& db, const std::vector<NodeSpec>& nodes, const RemoteFactory& factory) {
  require_all_ok(
      on_nodes(nodes, factory, [&](Remote& r, const NodeSpec& n) { db.teardown(r, n); }),
      "db teardown");
}

std::vector<NodeOutcome> collect_cluster_logs(Db& db, const std::vector<NodeSpec>& nodes,
                                              const RemoteFactory& factory,
                                              const std::string& local_dir) {
  return on_nodes(nodes, factory, [&](Remote& r, const NodeSpec& n) {
    db.collect_logs(r, n, (std::filesystem::path(local_dir) / n.name).string());
  });
}

DbScope::DbScope(Db& db, std::vector<NodeSpec> nodes, RemoteFactory factory,
                 std::chrono::milliseconds healthy_timeout)
    : db_(db), nodes_(std::move(nodes)), factory_(std::move(factory)) {
  try {
    setup_cluster(db_, nodes_, factory_, healthy_timeout);
  } catch (...) {
    // No destructor will run for a half-built scope: wipe here.
    try {
      teardown_cluster(db_, nodes_, factory_);
    } catch (...) {
    }
    throw;
  }
}

DbScope::~DbScope() {
  if (torn_down_) return;
  try {
    teardown_cluster(db_, nodes_, factory_);
  } catch (...) {
  }
}

void DbScope::teardown() {
  torn_down_ = true;
  teardown_cluster(db_, nodes_, factory_);
}

}  // namespace faultline::harness
