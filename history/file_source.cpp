#include "history/file_source.h"

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "history/input_error.h"

namespace faultline::history::detail {

FileSource::FileSource(const std::string& path) : path_(path) {
  fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd_ < 0) throw InputError(path, 0, 0, std::string("cannot open: ") + std::strerror(errno));
  struct stat st {};
  if (::fstat(fd_, &st) == 0 && S_ISDIR(st.st_mode)) {
    ::close(fd_);
    fd_ = -1;
    throw InputError(path, 0, 0, "cannot read: is a directory");
  }
}

FileSource::~FileSource() {
  if (fd_ >= 0) ::close(fd_);
}

std::size_t FileSource::read_full(char* data, std::size_t size) {
  std::size_t done = 0;
  while (done < size) {
    const ssize_t n = ::read(fd_, data + done, size - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw InputError(path_, 0, 0, std::string("cannot read: ") + std::strerror(errno));
    }
    if (n == 0) break;
    done += static_cast<std::size_t>(n);
  }
  return done;
}

void FileSource::read_rest(std::string& out) {
  constexpr std::size_t kBlock = 1 << 20;
  while (true) {
    const std::size_t old = out.size();
    out.resize(old + kBlock);
    const std::size_t n = read_full(out.data() + old, kBlock);
    out.resize(old + n);
    if (n < kBlock) return;
  }
}

}  // namespace faultline::history::detail
