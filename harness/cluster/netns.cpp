#include "harness/cluster/netns.h"

#include <fcntl.h>
#include <sched.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>

namespace faultline::harness {
namespace {

int open_netns(const std::string& name) {
  std::string path = "/run/netns/" + name;
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw std::system_error(errno, std::generic_category(), "open " + path);
  return fd;
}

void join(int fd, const std::string& what) {
  if (::setns(fd, CLONE_NEWNET) != 0) {
    int e = errno;
    ::close(fd);
    throw std::system_error(e, std::generic_category(), "setns into " + what);
  }
}

}  // namespace

void enter_netns(const std::string& name) {
  int fd = open_netns(name);
  join(fd, name);
  ::close(fd);
}

NetnsScope::NetnsScope(const std::string& name) {
  previous_fd_ = ::open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
  if (previous_fd_ < 0) {
    throw std::system_error(errno, std::generic_category(), "open /proc/thread-self/ns/net");
  }
  try {
    enter_netns(name);
  } catch (...) {
    ::close(previous_fd_);
    throw;
  }
}

NetnsScope::~NetnsScope() {
  ::setns(previous_fd_, CLONE_NEWNET);
  ::close(previous_fd_);
}

bool netns_exists(const std::string& name) {
  struct stat st {};
  return ::stat(("/run/netns/" + name).c_str(), &st) == 0;
}

}  // namespace faultline::harness
