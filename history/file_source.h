// FileSource is the readers' only access to the OS: an open file read in blocks. Keeping it in
// one place lets tests and fuzzers use the in-memory entry points instead.
//
// Invariants: owns its descriptor; read_full fills the buffer unless the end of the file comes
// first. Errors become InputError naming the path. Thread-safety: one thread at a time.
#pragma once

#include <cstddef>
#include <string>

namespace faultline::history::detail {

class FileSource {
 public:
  explicit FileSource(const std::string& path);  // throws InputError
  ~FileSource();
  FileSource(const FileSource&) = delete;
  FileSource& operator=(const FileSource&) = delete;

  // Reads up to `size` bytes; fewer only at the end of the file. Throws InputError.
  std::size_t read_full(char* data, std::size_t size);
  // Appends the rest of the file to `out`.
  void read_rest(std::string& out);

  const std::string& path() const { return path_; }

 private:
  std::string path_;
  int fd_ = -1;
};

}  // namespace faultline::history::detail
