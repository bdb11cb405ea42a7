#include "harness/cluster/process_table.h"

#include <signal.h>
#include <sys/wait.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

namespace faultline::harness {
namespace {

// State (field 3) and start time (field 22) of /proc/PID/stat. The command name (field 2) may
// hold blanks and parentheses, so parse from the last ')'.
struct StatFields {
  char state = '?';
  std::uint64_t start_time = 0;
};

std::optional<StatFields> read_stat(int pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  if (!in) return std::nullopt;
  std::string line;
  std::getline(in, line);
  size_t close = line.rfind(')');
  if (close == std::string::npos) return std::nullopt;
  std::istringstream rest(line.substr(close + 1));
  StatFields f;
  rest >> f.state;
  std::string skip;
  for (int field = 4; field < 22; ++field) rest >> skip;
  rest >> f.start_time;
  if (!rest) return std::nullopt;
  return f;
}

void reap_if_child(int pid) { ::waitpid(pid, nullptr, WNOHANG); }

}  // namespace

std::optional<std::uint64_t> process_start_time(int pid) {
  auto f = read_stat(pid);
  if (!f) return std::nullopt;
  return f->start_time;
}

std::optional<TrackedProcess> track(int pid) {
  auto t = process_start_time(pid);
  if (!t) return std::nullopt;
  return TrackedProcess{pid, *t};
}

bool is_alive(const TrackedProcess& p) {
  if (p.pid <= 0) return false;
  auto f = read_stat(p.pid);
  return f && f->state != 'Z' && f->state != 'X' && f->start_time == p.start_time;
}

std::vector<int> child_pids(int pid) {
  std::vector<int> out;
  std::error_code ec;
  std::string task_dir = "/proc/" + std::to_string(pid) + "/task";
  for (const auto& task : std::filesystem::directory_iterator(task_dir, ec)) {
    std::ifstream in(task.path() / "children");
    int child;
    while (in >> child) out.push_back(child);
  }
  return out;
}

bool kill_and_wait(const TrackedProcess& p, std::chrono::milliseconds timeout) {
  if (!is_alive(p)) {
    reap_if_child(p.pid);
    return true;
  }
  ::kill(p.pid, SIGKILL);
  auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    reap_if_child(p.pid);
    if (!is_alive(p)) {
      // It may have turned zombie after the waitpid above: reap it now, so that it is gone.
      reap_if_child(p.pid);
      return true;
    }
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

}  // namespace faultline::harness
