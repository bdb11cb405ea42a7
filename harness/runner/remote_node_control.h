// The harness's NodeControl (nemesis/node_control.h): shell commands over one Remote per node
// and process faults through the Db. Remotes are connected lazily, on first use, by the
// thread that uses the object (the runner's nemesis thread), since a libssh session belongs to
// one thread.
// Thread-safety: none; one thread at a time.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "harness/control/parallel.h"
#include "harness/db/db.h"
#include "nemesis/node_control.h"

namespace faultline::harness {

class RemoteNodeControl final : public nemesis::NodeControl {
 public:
  RemoteNodeControl(std::vector<NodeSpec> nodes, RemoteFactory factory, Db& db,
                    std::chrono::milliseconds command_timeout = std::chrono::seconds(30));

  const std::vector<std::string>& nodes() const override { return names_; }
  std::string address(const std::string& node) const override;
  nemesis::CommandResult exec(const std::string& node, const std::string& command) override;
  void kill_db(const std::string& node) override;
  void start_db(const std::string& node) override;
  void pause_db(const std::string& node) override;
  void resume_db(const std::string& node) override;

 private:
  const NodeSpec& spec(const std::string& node) const;
  Remote& remote(const std::string& node);

  std::vector<NodeSpec> specs_;
  std::vector<std::string> names_;
  RemoteFactory factory_;
  Db& db_;
  std::chrono::milliseconds timeout_;
  std::map<std::string, std::unique_ptr<Remote>> remotes_;
};

}  // namespace faultline::harness
