#include "history/jsonl_reader.h"

#include <algorithm>
#include <cstring>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

#include "history/jsonl_op.h"
#include "history/syntax_error.h"

namespace faultline::history::detail {
namespace {

constexpr std::size_t kBlockBytes = 16u << 20;
constexpr std::size_t kMinPieceBytes = 1u << 20;

struct LineFailure {
  std::uint64_t line;  // relative to the piece's first line
  std::uint64_t column;
  std::string message;
};

std::string too_long(const ReadOptions& options) {
  return "line longer than max_line_bytes (" + std::to_string(options.max_line_bytes) + " bytes)";
}

// Where the pieces after a block's first put their ops until they are moved to the history.
// Kept from block to block, so their pages are touched once rather than once per block (a
// sixth of a 1M-op read's page faults on 2 threads).
struct SpareBuffers {
  std::vector<Op> ops;
  std::vector<std::uint64_t> lines;
};

// A newline-aligned run of lines and what parsing it produced. The first piece of a block
// appends straight to the history (no move afterwards); the others to spare buffers.
struct Piece {
  std::string_view text;
  std::vector<Op>* ops = nullptr;  // where parsed ops go
  std::vector<std::uint64_t>* lines = nullptr;
  std::uint64_t line_base = 0;  // added to the piece's relative line numbers
  std::uint64_t line_count = 0;
  std::optional<LineFailure> failure;
};

template <typename T>
void grow(std::vector<T>& v, std::size_t extra) {
  if (v.size() + extra > v.capacity()) v.reserve(std::max(v.size() + extra, 2 * v.capacity()));
}

// Parses every '\n'-terminated line of piece.text into *piece.ops.
void parse_piece(Piece& piece, const ReadOptions& options) {
  const char* p = piece.text.data();
  const char* end = p + piece.text.size();
  std::vector<Op>& ops = *piece.ops;
  std::vector<std::uint64_t>& lines = *piece.lines;
  // Op lines are rarely shorter than 40 bytes: reserve once rather than grow in steps.
  grow(ops, piece.text.size() / 40 + 1);
  grow(lines, piece.text.size() / 40 + 1);
  std::uint64_t line = 0;
  while (p < end) {
    const char* nl = static_cast<const char*>(std::memchr(p, '\n', end - p));
    if (nl == nullptr) nl = end;
    ++line;
    const std::string_view text(p, nl - p);
    p = nl + 1;
    if (text.size() > options.max_line_bytes) {
      piece.failure = LineFailure{line, 1, too_long(options)};
      return;
    }
    if (text.empty() || is_blank_line(text)) continue;
    Op& op = ops.emplace_back();
    try {
      parse_jsonl_op(text, op);
    } catch (const SyntaxError& e) {
      ops.pop_back();
      piece.failure = LineFailure{line, e.offset + 1, e.message};
      return;
    }
    op.index = static_cast<std::int64_t>(ops.size() - 1);
    lines.push_back(piece.line_base + line);
  }
  piece.line_count = line;
}

std::vector<Piece> split(std::string_view text, unsigned threads) {
  std::vector<Piece> pieces;
  const std::size_t parts =
      std::max<std::size_t>(1, std::min<std::size_t>(threads, text.size() / kMinPieceBytes));
  std::size_t begin = 0;
  for (std::size_t i = 1; i <= parts && begin < text.size(); ++i) {
    std::size_t cut = i == parts ? text.size() : text.size() * i / parts;
    if (cut < begin) cut = begin;
    if (cut < text.size()) {
      const std::size_t nl = text.find('\n', cut);
      cut = nl == std::string_view::npos ? text.size() : nl + 1;
    }
    if (cut > begin) {
      Piece& piece = pieces.emplace_back();
      piece.text = text.substr(begin, cut - begin);
    }
    begin = cut;
  }
  return pieces;
}

// Parses complete lines (text ends in '\n' or is empty) starting at line `first_line`; returns
// the number of lines. `spare` is reused from call to call.
std::uint64_t parse_lines(std::string_view text, std::uint64_t first_line, const std::string& name,
                          const ReadOptions& options, History& out,
                          std::vector<SpareBuffers>& spare) {
  if (text.empty()) return 0;
  std::vector<Piece> pieces = split(text, std::max(1u, options.threads));
  if (spare.size() + 1 < pieces.size()) spare.resize(pieces.size() - 1);
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    Piece& piece = pieces[i];
    piece.ops = i == 0 ? &out.ops : &spare[i - 1].ops;
    piece.lines = i == 0 ? &out.lines : &spare[i - 1].lines;
    if (i > 0) {  // the previous block's moved-from ops
      piece.ops->clear();
      piece.lines->clear();
    }
    piece.line_base = i == 0 ? first_line - 1 : 0;
  }
  std::vector<std::thread> workers;
  for (std::size_t i = 1; i < pieces.size(); ++i) {
    workers.emplace_back([&piece = pieces[i], &options] { parse_piece(piece, options); });
  }
  parse_piece(pieces[0], options);
  for (auto& w : workers) w.join();

  std::uint64_t base = first_line - 1;
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    Piece& piece = pieces[i];
    if (piece.failure) {
      const std::uint64_t at = i == 0 ? piece.line_base : base;
      throw InputError(name, at + piece.failure->line, piece.failure->column,
                       piece.failure->message);
    }
    if (i > 0) {
      std::vector<Op>& ops = *piece.ops;
      const std::vector<std::uint64_t>& lines = *piece.lines;
      grow(out.ops, ops.size());
      grow(out.lines, ops.size());
      for (std::size_t j = 0; j < ops.size(); ++j) {
        out.ops.push_back(std::move(ops[j]));
        out.ops.back().index = static_cast<std::int64_t>(out.ops.size() - 1);
        out.lines.push_back(base + lines[j]);
      }
    }
    base += piece.line_count;
  }
  return base - (first_line - 1);
}

// The last line of the input, which has no '\n'. Returns true when an op was appended.
bool parse_tail(std::string_view text, std::uint64_t line, const std::string& name,
                const ReadOptions& options, Op& op) {
  if (text.size() > options.max_line_bytes) throw InputError(name, line, 1, too_long(options));
  if (is_blank_line(text)) return false;
  try {
    parse_jsonl_op(text, op);
    return true;
  } catch (const SyntaxError& e) {
    if (options.allow_truncated_tail) return false;
    throw InputError(name, line, e.offset + 1,
                     e.message + " (the last line has no newline: a crashed run's op in flight? "
                                 "allow_truncated_tail drops it)");
  }
}

void finish(History& out, std::string_view tail, std::uint64_t line, const std::string& name,
            const ReadOptions& options) {
  if (!tail.empty()) {
    Op op;
    if (parse_tail(tail, line, name, options, op)) {
      op.index = static_cast<std::int64_t>(out.ops.size());
      out.ops.push_back(std::move(op));
      out.lines.push_back(line);
    }
  }
  if (out.ops.empty()) throw InputError(name, 1, 1, "empty history");
}

// Streams ops from a file through a bounded buffer.
class JsonlStream final : public OpReader {
 public:
  JsonlStream(std::unique_ptr<FileSource> file, std::string prefix, const ReadOptions& options)
      : file_(std::move(file)), buffer_(std::move(prefix)), options_(options) {}

  bool next(Op& op) override {
    while (true) {
      std::string_view text;
      bool terminated = false;
      if (!take_line(text, terminated)) {
        if (count_ == 0) throw InputError(file_->path(), 1, 1, "empty history");
        return false;
      }
      ++line_;
      if (text.size() > options_.max_line_bytes) {
        throw InputError(file_->path(), line_, 1, too_long(options_));
      }
      if (!terminated) {
        if (!parse_tail(text, line_, file_->path(), options_, op)) continue;
      } else {
        if (is_blank_line(text)) continue;
        try {
          parse_jsonl_op(text, op);
        } catch (const SyntaxError& e) {
          throw InputError(file_->path(), line_, e.offset + 1, e.message);
        }
      }
      op.index = static_cast<std::int64_t>(count_++);
      return true;
    }
  }

  std::uint64_t line() const override { return line_; }

 private:
  // The next line, without its '\n'; false at the end of the file.
  bool take_line(std::string_view& text, bool& terminated) {
    while (true) {
      const std::size_t nl = buffer_.find('\n', scan_from_);
      if (nl != std::string::npos) {
        text = std::string_view(buffer_).substr(begin_, nl - begin_);
        begin_ = scan_from_ = nl + 1;
        terminated = true;
        return true;
      }
      if (eof_) {
        if (begin_ >= buffer_.size()) return false;
        text = std::string_view(buffer_).substr(begin_);
        begin_ = scan_from_ = buffer_.size();
        terminated = false;
        return true;
      }
      if (buffer_.size() - begin_ > options_.max_line_bytes) {
        throw InputError(file_->path(), line_ + 1, 1, too_long(options_));
      }
      refill();
    }
  }

  void refill() {
    buffer_.erase(0, begin_);
    scan_from_ -= begin_;
    begin_ = 0;
    const std::size_t old = buffer_.size();
    const std::size_t want = kBlockBytes / 4;
    buffer_.resize(old + want);
    const std::size_t n = file_->read_full(buffer_.data() + old, want);
    buffer_.resize(old + n);
    if (n < want) eof_ = true;
  }

  std::unique_ptr<FileSource> file_;
  std::string buffer_;
  ReadOptions options_;
  std::size_t begin_ = 0;      // start of the current line in buffer_
  std::size_t scan_from_ = 0;  // where to look for the next '\n'
  bool eof_ = false;
  std::uint64_t line_ = 0;
  std::uint64_t count_ = 0;
};

}  // namespace

void reserve_ops(History& out, std::size_t ops) {
  if (ops <= out.ops.capacity()) return;
  out.ops.reserve(ops);
  out.lines.reserve(ops);
}

void parse_jsonl(std::string_view text, const std::string& name, const ReadOptions& options,
                 History& out) {
  const std::size_t last_nl = text.rfind('\n');
  const std::size_t complete = last_nl == std::string_view::npos ? 0 : last_nl + 1;
  std::vector<SpareBuffers> spare;
  const std::uint64_t lines =
      parse_lines(text.substr(0, complete), 1, name, options, out, spare);
  finish(out, text.substr(complete), lines + 1, name, options);
}

void read_jsonl(FileSource& file, std::string prefix, const ReadOptions& options, History& out) {
  // Not zero-filled: only the pages that read() writes to are touched, so a file of a few lines
  // costs a page or two instead of a 16 MiB memset (about 20 ms on these machines).
  std::size_t capacity = std::max(kBlockBytes, prefix.size());
  auto buffer = std::make_unique_for_overwrite<char[]>(capacity);
  std::memcpy(buffer.get(), prefix.data(), prefix.size());
  std::size_t filled = prefix.size();
  std::uint64_t line = 1;
  bool eof = false;
  std::vector<SpareBuffers> spare;
  while (true) {
    if (!eof) {
      if (filled * 2 > capacity) {  // a line longer than half the buffer: grow it
        capacity = filled * 2;
        auto larger = std::make_unique_for_overwrite<char[]>(capacity);
        std::memcpy(larger.get(), buffer.get(), filled);
        buffer = std::move(larger);
      }
      const std::size_t n = file.read_full(buffer.get() + filled, capacity - filled);
      eof = n < capacity - filled;
      filled += n;
    }
    const std::string_view data(buffer.get(), filled);
    const std::size_t last_nl = data.rfind('\n');
    const std::size_t complete = last_nl == std::string_view::npos ? 0 : last_nl + 1;
    line += parse_lines(data.substr(0, complete), line, file.path(), options, out, spare);
    if (eof) {
      finish(out, data.substr(complete), line, file.path(), options);
      return;
    }
    const std::size_t carry = filled - complete;
    if (carry > options.max_line_bytes) throw InputError(file.path(), line, 1, too_long(options));
    std::memmove(buffer.get(), buffer.get() + complete, carry);
    filled = carry;
  }
}

std::unique_ptr<OpReader> open_jsonl_stream(std::unique_ptr<FileSource> file, std::string prefix,
                                            const ReadOptions& options) {
  return std::make_unique<JsonlStream>(std::move(file), std::move(prefix), options);
}

}  // namespace faultline::history::detail
