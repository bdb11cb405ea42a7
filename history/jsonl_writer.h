// The JSONL writer appends a history as it happens: one op per line, each line handed to the OS
// with one write() as soon as it is appended, so a crash of the harness loses at most the op in
// flight and the file read back (see ReadOptions::allow_truncated_tail) is still checkable.
//
// Invariants: every line is one JSON object terminated by '\n'; strings that are not valid UTF-8
// are written with U+FFFD in place of the bad bytes, so the output always reads back.
// Thread-safety: to_jsonl is pure; JsonlWriter::append may be called from several threads (lines
// never interleave), but the caller decides the order, and so the indexes, of the ops.
#pragma once

#include <mutex>
#include <string>

#include "history/op.h"

namespace faultline::history {

// One JSONL line for `op`, with no newline. Omits time when kNoTime, key when null, error when
// absent; always writes value (null included).
std::string to_jsonl(const Op& op);

class JsonlWriter {
 public:
  // Opens (creating if needed) `path` for append. Throws std::system_error on failure.
  explicit JsonlWriter(const std::string& path);
  ~JsonlWriter();
  JsonlWriter(const JsonlWriter&) = delete;
  JsonlWriter& operator=(const JsonlWriter&) = delete;

  // Writes one line and hands it to the OS before returning. Throws std::system_error.
  void append(const Op& op);
  // fsync: survives a machine crash too, not just a harness crash.
  void sync();

  const std::string& path() const { return path_; }

 private:
  std::string path_;
  int fd_ = -1;
  std::mutex mutex_;
};

}  // namespace faultline::history
