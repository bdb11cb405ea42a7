// The JSONL reader: whole files on one or more threads, and a streaming OpReader.
//
// Lines are parsed in newline-aligned pieces; with ReadOptions::threads > 1 the pieces of each
// block are parsed on std::threads and appended in file order, so the result is identical to a
// one-thread read. Blank lines are skipped. The partial-file rule: the last line may lack its
// '\n'; if it then does not parse, it is the op in flight when a writer crashed, an error unless
// ReadOptions::allow_truncated_tail drops it. Memory: one block plus the longest line, never more
// than max_line_bytes per line. Thread-safety: reentrant; an OpReader belongs to one thread.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "history/file_source.h"
#include "history/history.h"
#include "history/read.h"

namespace faultline::history::detail {

// Reads the rest of a JSONL file whose first `prefix` bytes were already read.
void read_jsonl(FileSource& file, std::string prefix, const ReadOptions& options, History& out);

// Reserves room for about `ops` ops (and their line numbers) in `out` at once: a 1M-op history
// otherwise spends much of its read time regrowing the vector (moving every op and faulting in
// fresh pages each time). Only a speed hint; the result is the same.
void reserve_ops(History& out, std::size_t ops);

// Parses JSONL text held in memory.
void parse_jsonl(std::string_view text, const std::string& name, const ReadOptions& options,
                 History& out);

// Streams a JSONL file whose first `prefix` bytes were already read.
std::unique_ptr<OpReader> open_jsonl_stream(std::unique_ptr<FileSource> file, std::string prefix,
                                            const ReadOptions& options);

}  // namespace faultline::history::detail
