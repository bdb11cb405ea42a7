#include "tests/clients/loopback_etcd.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <thread>
#include <vector>

#include <httplib.h>

namespace faultline::clients::testing {

int free_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

LoopbackEtcd::LoopbackEtcd() {
  char tmpl[] = "/tmp/faultline-etcd-XXXXXX";
  dir_ = ::mkdtemp(tmpl);
  client_port_ = free_port();
  int peer_port = free_port();
  std::string client = "http://127.0.0.1:" + std::to_string(client_port_);
  std::string peer = "http://127.0.0.1:" + std::to_string(peer_port);
  std::vector<std::string> args = {
      "etcd", "--name", "t", "--data-dir", dir_ + "/data",
      "--listen-client-urls", client, "--advertise-client-urls", client,
      "--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer,
      "--initial-cluster", "t=" + peer, "--logger", "zap", "--log-outputs", dir_ + "/etcd.log"};
  pid_ = ::fork();
  if (pid_ == 0) {
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execvp("etcd", argv.data());
    ::_exit(127);
  }
  httplib::Client http(client);
  http.set_connection_timeout(0, 200000);
  for (int i = 0; i < 100; ++i) {
    auto r = http.Post("/v3/kv/range", R"({"key":"AA=="})", "application/json");
    if (r && r->status == 200) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  stop();
  throw std::runtime_error("loopback etcd did not start");
}

LoopbackEtcd::~LoopbackEtcd() { stop(); }

void LoopbackEtcd::stop() {
  if (pid_ > 0) {
    ::kill(pid_, SIGCONT);
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }
  std::error_code ec;
  if (!dir_.empty()) std::filesystem::remove_all(dir_, ec);
  dir_.clear();
}

}  // namespace faultline::clients::testing
