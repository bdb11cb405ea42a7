#include "history/edn_text.h"

#include <charconv>
#include <limits>

#include "history/read.h"
#include "history/utf8.h"

namespace faultline::history::detail {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',' || c == '\f'; }

bool ends_token(char c) {
  return c == '\0' || is_space(c) || c == '(' || c == ')' || c == '[' || c == ']' || c == '{' ||
         c == '}' || c == '"' || c == ';' || c == '\\';
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::string describe(char c) {
  if (c == '\0') return "end of input";
  if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7F) {
    return "byte 0x" + std::to_string(static_cast<unsigned char>(c));
  }
  return std::string("'") + c + "'";
}

void check_depth(const EdnText& text, int depth) {
  if (depth > kMaxNesting) text.fail("nesting deeper than " + std::to_string(kMaxNesting) + " levels");
}

}  // namespace

bool EdnText::skip_space(int depth) {
  while (pos_ < text_.size()) {
    const char c = text_[pos_];
    if (is_space(c)) {
      ++pos_;
    } else if (c == ';') {
      const std::size_t nl = text_.find('\n', pos_);
      pos_ = nl == std::string_view::npos ? text_.size() : nl + 1;
    } else if (c == '#' && peek_at(1) == '_') {
      pos_ += 2;
      check_depth(*this, depth + 1);
      if (!skip_space(depth + 1)) fail("#_ without a form to discard");
      parse_value(depth + 1);
    } else {
      return true;
    }
  }
  return false;
}

std::string_view EdnText::take_token() {
  const std::size_t start = pos_;
  while (!ends_token(peek())) {
    if (static_cast<unsigned char>(peek()) >= 0x80) {
      const std::size_t len = utf8_sequence_length(text_, pos_);
      if (len == 0) fail("invalid UTF-8");
      pos_ += len;
    } else {
      ++pos_;
    }
  }
  return text_.substr(start, pos_ - start);
}

std::string_view EdnText::skip_tag() {
  if (peek() != '#' || ends_token(peek_at(1)) || peek_at(1) == '#' || peek_at(1) == '_' ||
      peek_at(1) == '{') {
    return {};
  }
  ++pos_;
  return take_token();
}

nlohmann::json EdnText::parse_value(int depth) {
  switch (peek()) {
    case '\0': fail("expected a form, found end of input");
    case '[': return parse_sequence(']', depth + 1);
    case '(': return parse_sequence(')', depth + 1);
    case '{': return parse_map(depth + 1);
    case '"': return parse_string();
    case '\\': return parse_char();
    case '#': return parse_dispatch(depth);
    case ')':
    case ']':
    case '}': fail("unexpected " + describe(peek()));
    default: return parse_token();
  }
}

nlohmann::json EdnText::parse_sequence(char close, int depth) {
  check_depth(*this, depth);
  const std::size_t open = pos_;
  ++pos_;
  nlohmann::json array = nlohmann::json::array();
  while (true) {
    if (!skip_space(depth)) fail_at(open, std::string("unclosed '") + text_[open] + "'");
    if (peek() == close) {
      ++pos_;
      return array;
    }
    array.push_back(parse_value(depth));
  }
}

nlohmann::json EdnText::parse_map(int depth) {
  check_depth(*this, depth);
  const std::size_t open = pos_;
  ++pos_;
  nlohmann::json object = nlohmann::json::object();
  while (true) {
    if (!skip_space(depth)) fail_at(open, "unclosed '{'");
    if (peek() == '}') {
      ++pos_;
      return object;
    }
    const nlohmann::json key = parse_value(depth);
    if (!skip_space(depth) || peek() == '}') fail("map key without a value");
    std::string name = key.is_string()
                           ? key.get<std::string>()
                           : key.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    object[std::move(name)] = parse_value(depth);
  }
}

nlohmann::json EdnText::parse_dispatch(int depth) {
  const char next = peek_at(1);
  if (next == '{') {  // a set
    ++pos_;
    return parse_sequence('}', depth + 1);
  }
  if (next == '#') {  // ##Inf, ##-Inf, ##NaN: JSON has no such numbers, keep the text
    const std::size_t start = pos_;
    pos_ += 2;
    take_token();
    return std::string(text_.substr(start, pos_ - start));
  }
  if (next == '"') {  // a regex: its text
    ++pos_;
    return parse_string();
  }
  const std::size_t start = pos_;
  const std::string_view tag = skip_tag();
  if (tag.empty()) fail("unsupported dispatch " + describe(next) + " after '#'");
  // #inst, #uuid and any other tag: the tagged form stands for itself (records become maps).
  check_depth(*this, depth + 1);
  if (!skip_space(depth + 1)) fail_at(start, "tag #" + std::string(tag) + " without a form");
  return parse_value(depth + 1);
}

nlohmann::json EdnText::parse_string() {
  const std::size_t open = pos_;
  ++pos_;
  std::string out;
  while (true) {
    if (pos_ >= text_.size()) fail_at(open, "unterminated string");
    const unsigned char c = static_cast<unsigned char>(text_[pos_]);
    if (c == '"') {
      ++pos_;
      return out;
    }
    if (c >= 0x80) {
      const std::size_t len = utf8_sequence_length(text_, pos_);
      if (len == 0) fail("invalid UTF-8 in a string");
      out.append(text_.substr(pos_, len));
      pos_ += len;
      continue;
    }
    if (c != '\\') {
      out += static_cast<char>(c);
      ++pos_;
      continue;
    }
    const char e = peek_at(1);
    pos_ += 2;
    switch (e) {
      case '"': out += '"'; break;
      case '\\': out += '\\'; break;
      case 'n': out += '\n'; break;
      case 't': out += '\t'; break;
      case 'r': out += '\r'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'u': {
        std::uint32_t cp = 0;
        const std::string_view hex = text_.substr(pos_, 4);
        const auto [end, ec] = std::from_chars(hex.data(), hex.data() + hex.size(), cp, 16);
        if (hex.size() != 4 || ec != std::errc() || end != hex.data() + 4) {
          fail("expected 4 hex digits after \\u");
        }
        if (cp >= 0xD800 && cp <= 0xDFFF) fail("surrogate in a \\u escape");
        pos_ += 4;
        append_utf8(out, cp);
        break;
      }
      default:
        pos_ -= 2;
        fail("invalid escape in a string");
    }
  }
}

nlohmann::json EdnText::parse_char() {
  const std::size_t start = pos_;
  ++pos_;
  if (pos_ >= text_.size()) fail_at(start, "character literal without a character");
  if (ends_token(peek())) {  // \( \" \\ and the like (all ASCII)
    if (is_space(peek()) && peek() != ',') fail_at(start, "character literal without a character");
    return std::string(1, text_[pos_++]);
  }
  const std::string_view name = take_token();
  if (name.size() == 1) return std::string(name);
  if (name == "newline") return "\n";
  if (name == "space") return " ";
  if (name == "tab") return "\t";
  if (name == "return") return "\r";
  if (name == "formfeed") return "\f";
  if (name == "backspace") return "\b";
  if (name.size() == 5 && name[0] == 'u') {
    std::uint32_t cp = 0;
    const auto [end, ec] = std::from_chars(name.data() + 1, name.data() + 5, cp, 16);
    if (ec == std::errc() && end == name.data() + 5 && (cp < 0xD800 || cp > 0xDFFF)) {
      std::string out;
      append_utf8(out, cp);
      return out;
    }
  }
  const std::size_t len = utf8_sequence_length(text_, start + 1);
  if (len == name.size()) return std::string(name);  // one non-ASCII character
  fail_at(start, "invalid character literal \\" + std::string(name.substr(0, 32)));
}

nlohmann::json EdnText::parse_token() {
  const std::size_t start = pos_;
  const std::string_view token = take_token();
  if (token.empty()) fail("unexpected " + describe(peek()));
  const char c0 = token[0];
  if (is_digit(c0) || ((c0 == '-' || c0 == '+') && token.size() > 1 && is_digit(token[1]))) {
    return parse_number(token, start);
  }
  if (token == "nil") return nullptr;
  if (token == "true") return true;
  if (token == "false") return false;
  if (c0 == ':') {
    std::string_view name = token.substr(token.size() > 1 && token[1] == ':' ? 2 : 1);
    if (name.empty()) fail_at(start, "keyword without a name");
    return std::string(name);
  }
  return std::string(token);  // a symbol
}

nlohmann::json EdnText::parse_number(std::string_view token, std::size_t start) {
  const bool is_float = token.find_first_of(".eE") != std::string_view::npos &&
                        token.find_first_of("xX") == std::string_view::npos;
  if (is_float) {
    std::string_view digits = token;
    if (digits.back() == 'M') digits.remove_suffix(1);
    if (digits[0] == '+') digits.remove_prefix(1);
    double value = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (end != digits.data() + digits.size()) fail_at(start, "invalid number " + std::string(token.substr(0, 64)));
    if (ec != std::errc()) fail_at(start, "number out of range");
    return value;
  }
  if (token.find('/') != std::string_view::npos) {  // a ratio: JSON has none, keep the text
    for (const char c : token) {
      if (!is_digit(c) && c != '/' && c != '-' && c != '+') {
        fail_at(start, "invalid number " + std::string(token.substr(0, 64)));
      }
    }
    return std::string(token);
  }
  std::string_view digits = token;
  if (digits.back() == 'N') digits.remove_suffix(1);
  const bool negative = digits[0] == '-';
  if (digits[0] == '-' || digits[0] == '+') digits.remove_prefix(1);
  std::uint64_t magnitude = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), magnitude);
  if (digits.empty() || end != digits.data() + digits.size()) {
    if (ec == std::errc::result_out_of_range) fail_at(start, "integer does not fit in 64 bits");
    fail_at(start, "invalid number " + std::string(token.substr(0, 64)));
  }
  if (ec != std::errc()) fail_at(start, "integer does not fit in 64 bits");
  if (negative) {
    constexpr std::uint64_t kMinMagnitude = std::uint64_t{1} << 63;
    if (magnitude > kMinMagnitude) fail_at(start, "integer does not fit in 64 bits");
    if (magnitude == kMinMagnitude) return std::numeric_limits<std::int64_t>::min();
    return -static_cast<std::int64_t>(magnitude);
  }
  if (magnitude > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
    return magnitude;
  }
  return static_cast<std::int64_t>(magnitude);
}

}  // namespace faultline::history::detail
