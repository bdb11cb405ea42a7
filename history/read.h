// Reading a history file: JSON Lines (faultline's own format) or Jepsen/Knossos EDN, detected by
// content. See docs/formats/history.md for both formats and for the partial-file rule.
//
// Every reader reports bad input as InputError ("FILE:LINE:COLUMN: message") and never crashes:
// nesting is limited to kMaxNesting levels, integers must fit in 64 bits, strings must be UTF-8,
// a JSONL line longer than max_line_bytes is refused without being buffered whole.
// Thread-safety: the free functions are reentrant; an OpReader belongs to one thread.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "history/history.h"
#include "history/input_error.h"
#include "history/op.h"

namespace faultline::history {

enum class Format { kAuto, kJsonl, kEdn };

// How the EDN reader treats Jepsen's `independent` [k v] tuples (op values without a :key).
enum class Tuples {
  kAuto,   // split when every client op's value is a [scalar v] pair and not every op is a cas
  kSplit,  // always split [k v] values into key and value
  kKeep,   // never split
};

inline constexpr int kMaxNesting = 256;

struct ReadOptions {
  Format format = Format::kAuto;
  // JSONL only: parse newline-aligned chunks on this many threads (1 = the calling thread only).
  unsigned threads = 1;
  // JSONL only: a longer line is an error, found without reading the whole line into memory.
  std::uint64_t max_line_bytes = 64ull << 20;
  // JSONL only: the last line of a file that does not end in a newline and does not parse is the
  // op in flight when a run crashed. By default that is an error; when true it is dropped.
  bool allow_truncated_tail = false;
  Tuples tuples = Tuples::kAuto;
};

// "jsonl", "edn", "auto".
std::string_view to_string(Format format);

// The format of a history by content: the first char that is neither whitespace nor part of a
// `;` comment is `{` followed (after whitespace) by `"`: JSONL; anything else: EDN.
// An input with no such char is empty (detect_format returns kAuto).
Format detect_format(std::string_view prefix);

// Reads a whole history file. Throws InputError (also for an empty history) and nothing else for
// bad input; std::bad_alloc may still escape.
History read_history(const std::string& path, const ReadOptions& options = {});

// The same, for text already in memory; `name` stands for the file in error messages.
History parse_history(std::string_view text, const std::string& name,
                      const ReadOptions& options = {});

// Streams the ops of a file one at a time. JSONL is read in bounded blocks, so a file larger than
// memory is fine; EDN is read whole (Jepsen's EDN histories are small). `options.threads` is
// ignored. Each op's index is its position in the stream.
class OpReader {
 public:
  virtual ~OpReader() = default;
  // Throws InputError when the file cannot be opened or its first bytes say nothing.
  static std::unique_ptr<OpReader> open(const std::string& path, const ReadOptions& options = {});
  // Fills `op` with the next op; false at the end. Throws InputError for bad input, and for an
  // empty history at the end.
  virtual bool next(Op& op) = 0;
  // The 1-based source line of the op last returned by next().
  virtual std::uint64_t line() const = 0;
};

}  // namespace faultline::history
