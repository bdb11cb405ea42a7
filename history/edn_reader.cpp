#include "history/edn_reader.h"

#include <algorithm>

#include "history/edn_text.h"
#include "history/input_error.h"

namespace faultline::history::detail {
namespace {

// Offsets to 1-based line and column, for ops in increasing order and for errors anywhere.
class Lines {
 public:
  explicit Lines(std::string_view text) : text_(text) {}

  std::uint64_t line_at(std::size_t offset) {
    if (offset < offset_) {
      offset_ = 0;
      line_ = 1;
    }
    offset = std::min(offset, text_.size());
    for (std::size_t i = offset_; i < offset; ++i) line_ += text_[i] == '\n';
    offset_ = offset;
    return line_;
  }

  std::uint64_t column_at(std::size_t offset) const {
    offset = std::min(offset, text_.size());
    const std::size_t nl = offset == 0 ? std::string_view::npos : text_.rfind('\n', offset - 1);
    return offset - (nl == std::string_view::npos ? 0 : nl + 1) + 1;
  }

 private:
  std::string_view text_;
  std::size_t offset_ = 0;
  std::uint64_t line_ = 1;
};

// An EDN form as written, for :error: comments dropped and each run of whitespace outside
// strings folded to one space. The form was parsed already, so strings are closed and the text
// left is valid UTF-8.
std::string printed(std::string_view source) {
  std::string out;
  bool pending_space = false;
  for (std::size_t i = 0; i < source.size(); ++i) {
    const char c = source[i];
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') {
      pending_space = !out.empty();
      continue;
    }
    if (c == ';') {  // a comment, up to the end of the line
      while (i + 1 < source.size() && source[i + 1] != '\n') ++i;
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out += c;
    if (c == '\\' && i + 1 < source.size()) {  // a character literal such as \; or \"
      out += source[++i];
    } else if (c == '"') {  // a string, verbatim
      while (++i < source.size()) {
        out += source[i];
        if (source[i] == '\\' && i + 1 < source.size()) {
          out += source[++i];
        } else if (source[i] == '"') {
          break;
        }
      }
    }
  }
  return out;
}

class OpMapReader {
 public:
  explicit OpMapReader(EdnText& text) : text_(text) {}

  // Parses one op map (or tagged record) at the cursor into `op`.
  void read(Op& op) {
    const std::size_t start = text_.pos();
    text_.skip_tag();
    if (!text_.skip_space(1) || text_.peek() != '{') {
      fail_at(start, "expected an op map {:type ... :process ... :f ...}");
    }
    text_.advance();
    op = Op{};
    unsigned seen = 0;
    while (true) {
      if (!text_.skip_space(1)) fail_at(start, "unclosed '{'");
      if (text_.peek() == '}') {
        text_.advance();
        break;
      }
      const std::size_t key_start = text_.pos();
      const nlohmann::json key = text_.parse_value(1);
      if (!text_.skip_space(1) || text_.peek() == '}') fail_at(key_start, "map key without a value");
      const std::size_t value_start = text_.pos();
      nlohmann::json value = text_.parse_value(1);
      const std::string_view source =
          text_.text().substr(value_start, text_.pos() - value_start);
      if (key.is_string()) seen |= assign(key.get_ref<const std::string&>(), std::move(value),
                                          source, value_start, op);
    }
    if ((seen & kType) == 0) fail_at(start, "op without :type");
    if ((seen & kProcess) == 0) fail_at(start, "op without :process");
    if ((seen & kF) == 0) fail_at(start, "op without :f");
  }

 private:
  enum : unsigned { kType = 1, kProcess = 2, kF = 4 };

  unsigned assign(const std::string& key, nlohmann::json&& value, std::string_view source,
                  std::size_t at, Op& op) {
    if (key == "type") {
      const auto type = value.is_string() ? parse_op_type(value.get_ref<const std::string&>())
                                          : std::nullopt;
      if (!type) fail_at(at, ":type must be :invoke, :ok, :fail or :info, not " + std::string(source.substr(0, 64)));
      op.type = *type;
      return kType;
    }
    if (key == "process") {
      if (value.is_string() && value.get_ref<const std::string&>() == "nemesis") {
        op.process = kNemesisProcess;
      } else if (value.is_number_integer() && !value.is_number_unsigned() &&
                 value.get<std::int64_t>() >= 0) {
        op.process = value.get<std::int64_t>();
      } else {
        fail_at(at, ":process must be a non-negative integer or :nemesis, not " + std::string(source.substr(0, 64)));
      }
      return kProcess;
    }
    if (key == "f") {
      if (value.is_string()) {
        op.f = value.get<std::string>();
      } else {
        op.f = printed(source);
      }
      return kF;
    }
    if (key == "time") {
      if (value.is_null()) return 0;
      if (!value.is_number_integer() || value.is_number_unsigned() || value.get<std::int64_t>() < 0) {
        fail_at(at, ":time must be a non-negative integer (nanoseconds)");
      }
      op.time = value.get<std::int64_t>();
      return 0;
    }
    if (key == "value") {
      op.value = std::move(value);
      return 0;
    }
    if (key == "key") {
      if (value.is_structured()) fail_at(at, ":key must be a scalar");
      op.key = std::move(value);
      return 0;
    }
    if (key == "error") {
      if (value.is_null()) {
        op.error.reset();
      } else if (value.is_string() && !source.empty() && source.front() == '"') {
        op.error = value.get<std::string>();
      } else {
        op.error = printed(source);
      }
      return 0;
    }
    return 0;  // :index (positions are reassigned) and anything else
  }

  EdnText& text_;
};

bool is_tuple(const Op& op) {
  return op.value.is_array() && op.value.size() == 2 && op.value[0].is_primitive() &&
         !op.value[0].is_null();
}

void split_tuples(const ReadOptions& options, History& out) {
  if (options.tuples == Tuples::kKeep) return;
  if (options.tuples == Tuples::kAuto) {
    bool any = false;
    bool all_cas = true;
    for (const Op& op : out.ops) {
      if (op.is_nemesis() || op.has_key()) continue;
      if (!is_tuple(op)) return;
      any = true;
      all_cas = all_cas && op.f == "cas";
    }
    if (!any || all_cas) return;
  }
  for (Op& op : out.ops) {
    if (op.is_nemesis() || op.has_key() || !is_tuple(op)) continue;
    nlohmann::json value = std::move(op.value[1]);
    op.key = std::move(op.value[0]);
    op.value = std::move(value);
  }
}

}  // namespace

void parse_edn(std::string_view text, const std::string& name, const ReadOptions& options,
               History& out) {
  out.nil_read_unknown = true;
  EdnText edn(text);
  Lines lines(text);
  try {
    OpMapReader reader(edn);
    bool wrapped = false;
    std::size_t open = 0;
    if (edn.skip_space() && (edn.peek() == '[' || edn.peek() == '(')) {
      wrapped = true;
      open = edn.pos();
      edn.advance();
    }
    const char close = wrapped && text[open] == '(' ? ')' : ']';
    while (true) {
      if (!edn.skip_space(wrapped ? 1 : 0)) {
        if (wrapped) fail_at(open, "unclosed '" + std::string(1, text[open]) + "' around the history");
        break;
      }
      if (wrapped && edn.peek() == close) {
        edn.advance();
        if (edn.skip_space()) edn.fail("unexpected text after the history's closing bracket");
        break;
      }
      const std::size_t start = edn.pos();
      Op& op = out.ops.emplace_back();
      reader.read(op);
      op.index = static_cast<std::int64_t>(out.ops.size() - 1);
      out.lines.push_back(lines.line_at(start));
    }
  } catch (const SyntaxError& e) {
    throw InputError(name, lines.line_at(e.offset), lines.column_at(e.offset), e.message);
  }
  if (out.ops.empty()) throw InputError(name, 1, 1, "empty history");
  split_tuples(options, out);
}

}  // namespace faultline::history::detail
