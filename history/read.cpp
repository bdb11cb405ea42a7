#include "history/read.h"

#include <algorithm>
#include <filesystem>
#include <system_error>
#include <vector>

#include "history/edn_reader.h"
#include "history/file_source.h"
#include "history/jsonl_reader.h"

namespace faultline::history {
namespace {

constexpr std::size_t kDetectBytes = 64u << 10;

// Reads the first bytes of a file, enough to detect its format.
std::string read_prefix(detail::FileSource& file) {
  std::string prefix(kDetectBytes, '\0');
  prefix.resize(file.read_full(prefix.data(), prefix.size()));
  return prefix;
}

Format resolve(const ReadOptions& options, std::string_view prefix, const std::string& name) {
  if (options.format != Format::kAuto) return options.format;
  const Format format = detect_format(prefix);
  if (format == Format::kAuto) {
    if (prefix.size() < kDetectBytes) throw InputError(name, 1, 1, "empty history");
    return Format::kEdn;  // 64 KiB of comments: only EDN has comments
  }
  return format;
}

// Serves the ops of a history already read whole (EDN).
class HistoryStream final : public OpReader {
 public:
  explicit HistoryStream(History history) : history_(std::move(history)) {}
  bool next(Op& op) override {
    if (next_ >= history_.ops.size()) return false;
    line_ = history_.line_of(next_);
    op = std::move(history_.ops[next_++]);
    return true;
  }
  std::uint64_t line() const override { return line_; }

 private:
  History history_;
  std::size_t next_ = 0;
  std::uint64_t line_ = 0;
};

}  // namespace

std::string_view to_string(Format format) {
  switch (format) {
    case Format::kAuto: return "auto";
    case Format::kJsonl: return "jsonl";
    case Format::kEdn: return "edn";
  }
  return "auto";
}

Format detect_format(std::string_view text) {
  std::size_t i = 0;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") i = 3;  // a UTF-8 byte order mark
  while (i < text.size()) {
    const char c = text[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',') {
      ++i;
    } else if (c == ';') {
      const std::size_t nl = text.find('\n', i);
      if (nl == std::string_view::npos) return Format::kAuto;
      i = nl + 1;
    } else if (c == '{') {
      ++i;
      while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r')) ++i;
      return i < text.size() && text[i] == '"' ? Format::kJsonl : Format::kEdn;
    } else {
      return Format::kEdn;
    }
  }
  return Format::kAuto;
}

History parse_history(std::string_view text, const std::string& name, const ReadOptions& options) {
  History history;
  history.path = name;
  const Format format = options.format != Format::kAuto ? options.format : detect_format(text);
  if (format == Format::kAuto) throw InputError(name, 1, 1, "empty history");
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  if (format == Format::kJsonl) {
    detail::parse_jsonl(text, name, options, history);
  } else {
    detail::parse_edn(text, name, options, history);
  }
  return history;
}

History read_history(const std::string& path, const ReadOptions& options) {
  detail::FileSource file(path);
  std::string prefix = read_prefix(file);
  const Format format = resolve(options, prefix, path);
  if (format == Format::kEdn) {
    file.read_rest(prefix);
    ReadOptions edn = options;
    edn.format = Format::kEdn;
    return parse_history(prefix, path, edn);
  }
  if (prefix.substr(0, 3) == "\xEF\xBB\xBF") prefix.erase(0, 3);
  History history;
  history.path = path;
  // Reserving once for the op count the first block's line length predicts (plus 1/8) avoids
  // regrowing a large history's vectors; pages never touched cost nothing.
  std::error_code size_error;
  const std::uintmax_t bytes = std::filesystem::file_size(path, size_error);
  const auto sample_lines = static_cast<std::uintmax_t>(std::count(prefix.begin(), prefix.end(), '\n'));
  if (!size_error && sample_lines >= 64 && bytes > prefix.size()) {
    const std::uintmax_t expected = bytes / (prefix.size() / sample_lines);
    detail::reserve_ops(history, static_cast<std::size_t>(expected + expected / 8));
  }
  detail::read_jsonl(file, std::move(prefix), options, history);
  return history;
}

std::unique_ptr<OpReader> OpReader::open(const std::string& path, const ReadOptions& options) {
  auto file = std::make_unique<detail::FileSource>(path);
  std::string prefix = read_prefix(*file);
  const Format format = resolve(options, prefix, path);
  if (format == Format::kEdn) {
    file->read_rest(prefix);
    ReadOptions edn = options;
    edn.format = Format::kEdn;
    return std::make_unique<HistoryStream>(parse_history(prefix, path, edn));
  }
  if (prefix.substr(0, 3) == "\xEF\xBB\xBF") prefix.erase(0, 3);
  return detail::open_jsonl_stream(std::move(file), std::move(prefix), options);
}

}  // namespace faultline::history
