// Test doubles for Remote: FakeRemote records every command and answers from a script, so unit
// tests can check which commands a Db builds; LocalShellRemote runs commands in a real local
// `sh -c`, so command strings are tested by a real shell without SSH or root.
// Thread-safety: one per thread, like every Remote.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "harness/cluster/host_command.h"
#include "harness/control/remote.h"

namespace faultline::harness::testing {

class FakeRemote : public Remote {
 public:
  using Responder = std::function<ExecResult(const std::string& command)>;

  explicit FakeRemote(std::string node, Responder responder = nullptr)
      : node_(std::move(node)), responder_(std::move(responder)) {}

  const std::string& node() const override { return node_; }

  ExecResult exec(const std::string& command, std::chrono::milliseconds) override {
    commands.push_back(command);
    if (responder_) return responder_(command);
    ExecResult ok;
    ok.exit_status = 0;
    return ok;
  }
  void upload(const std::string& local, const std::string& remote) override {
    commands.push_back("upload " + local + " " + remote);
  }
  void download(const std::string& remote, const std::string& local) override {
    commands.push_back("download " + remote + " " + local);
  }

  std::vector<std::string> commands;

 private:
  std::string node_;
  Responder responder_;
};

class LocalShellRemote : public Remote {
 public:
  explicit LocalShellRemote(std::string node) : node_(std::move(node)) {}
  const std::string& node() const override { return node_; }
  ExecResult exec(const std::string& command, std::chrono::milliseconds timeout) override {
    return run_host({"sh", "-c", command}, timeout);
  }
  void upload(const std::string& local, const std::string& remote) override {
    std::filesystem::copy_file(local, remote, std::filesystem::copy_options::overwrite_existing);
  }
  void download(const std::string& remote, const std::string& local) override {
    std::filesystem::copy_file(remote, local, std::filesystem::copy_options::overwrite_existing);
  }

 private:
  std::string node_;
};

}  // namespace faultline::harness::testing
