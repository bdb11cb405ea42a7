#include "harness/cluster/host_command.h"

#include <sys/prctl.h>
#include <unistd.h>

#include <boost/process.hpp>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace faultline::harness {
namespace bp = boost::process;
namespace {

std::string read_and_remove(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buf;
  buf << in.rdbuf();
  std::remove(path.c_str());
  return buf.str();
}

std::string temp_path(const char* what) {
  std::string pattern = "/tmp/faultline-";
  pattern.append(what).append("-XXXXXX");
  int fd = ::mkstemp(pattern.data());
  if (fd < 0) throw std::runtime_error("cannot create a temporary file in /tmp");
  ::close(fd);
  return pattern;
}

boost::filesystem::path find_program(const std::string& name) {
  if (name.find('/') != std::string::npos) return name;
  auto path = bp::search_path(name);
  if (path.empty()) throw std::runtime_error("program not found in PATH: " + name);
  return path;
}

}  // namespace

ExecResult run_host(const std::vector<std::string>& argv, std::chrono::milliseconds timeout) {
  std::string out_path = temp_path("out");
  std::string err_path = temp_path("err");
  ExecResult result;
  {
    bp::group group;
    std::vector<std::string> args(argv.begin() + 1, argv.end());
    bp::child child(bp::exe = find_program(argv.at(0)), bp::args = args,
                    bp::std_out > out_path, bp::std_err > err_path, bp::std_in < bp::null,
                    group);
    // child::wait_for over-waits the whole timeout here: poll instead.
    auto deadline = std::chrono::steady_clock::now() + timeout;
    auto pause = std::chrono::milliseconds(1);
    while (child.running()) {
      if (std::chrono::steady_clock::now() >= deadline) {
        result.timed_out = true;
        group.terminate();
        break;
      }
      std::this_thread::sleep_for(pause);
      pause = std::min(pause * 2, std::chrono::milliseconds(20));
    }
    child.wait();
    // After a normal exit, daemons the command started on purpose stay (as they would over SSH).
    if (!result.timed_out) {
      result.exit_status = child.exit_code();
      group.detach();
    }
  }
  result.out = read_and_remove(out_path);
  result.err = read_and_remove(err_path);
  return result;
}

std::string run_host_checked(const std::vector<std::string>& argv,
                             std::chrono::milliseconds timeout) {
  ExecResult r = run_host(argv, timeout);
  if (!r.ok()) {
    std::string line;
    for (const auto& a : argv) {
      if (!line.empty()) line.push_back(' ');
      line.append(shell_quote(a));
    }
    throw std::runtime_error(line + (r.timed_out ? " timed out" : " exited " +
                                     std::to_string(r.exit_status)) + ": " + r.err);
  }
  return r.out;
}

int spawn_detached(const std::vector<std::string>& argv, const std::string& log_path) {
  bp::group group;
  std::vector<std::string> args(argv.begin() + 1, argv.end());
  FILE* log = std::fopen(log_path.c_str(), "a");
  if (log == nullptr) throw std::runtime_error("cannot open " + log_path);
  bp::child child(bp::exe = find_program(argv.at(0)), bp::args = args,
                  (bp::std_out & bp::std_err) > log, bp::std_in < bp::null, group);
  std::fclose(log);
  int pid = child.id();
  child.detach();
  group.detach();
  return pid;
}

void become_subreaper() { ::prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0); }

}  // namespace faultline::harness
