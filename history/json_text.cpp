#include "history/json_text.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <limits>

#include "history/read.h"
#include "history/utf8.h"

namespace faultline::history::detail {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Bytes a string's fast path steps over: printable ASCII except '"' and '\\'.
constexpr std::array<bool, 256> kPlainStringByte = [] {
  std::array<bool, 256> plain{};
  for (int c = 0x20; c < 0x80; ++c) plain[c] = c != '"' && c != '\\';
  return plain;
}();

std::string describe(char c) {
  if (c == '\0') return "end of line";
  if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7F) {
    return "byte 0x" + std::to_string(static_cast<unsigned char>(c));
  }
  return std::string("'") + c + "'";
}

}  // namespace

void JsonText::skip_digits() {
  std::size_t i = pos_;
  while (i < text_.size() && is_digit(text_[i])) ++i;
  pos_ = i;
}

void JsonText::expect_after_space(char c, const char* what) {
  skip_space();
  if (peek() != c) fail(std::string("expected ") + what + ", found " + describe(peek()));
  ++pos_;
}

std::string_view JsonText::parse_string(std::string& scratch) {
  if (peek() != '"') fail("expected a string, found " + describe(peek()));
  const std::size_t start = pos_ + 1;
  // Fast path: printable ASCII without escapes views the text.
  std::size_t i = start;
  while (i < text_.size() && kPlainStringByte[static_cast<unsigned char>(text_[i])]) ++i;
  if (i < text_.size() && text_[i] == '"') {
    pos_ = i + 1;
    return text_.substr(start, i - start);
  }
  pos_ = i;
  scratch.assign(text_.substr(start, pos_ - start));
  unescape_into(scratch, start - 1);
  return scratch;
}

void JsonText::unescape_into(std::string& out, std::size_t open) {
  while (true) {
    if (pos_ >= text_.size()) fail_at(open, "unterminated string");
    const unsigned char c = static_cast<unsigned char>(text_[pos_]);
    if (c == '"') {
      ++pos_;
      return;
    }
    if (c < 0x20) fail("control character " + describe(static_cast<char>(c)) + " in a string");
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
    ++pos_;
    const char e = peek();
    ++pos_;
    switch (e) {
      case '"': out += '"'; break;
      case '\\': out += '\\'; break;
      case '/': out += '/'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'u': {
        std::uint32_t cp = parse_hex4();
        if (cp >= 0xDC00 && cp <= 0xDFFF) fail("unpaired low surrogate in \\u escape");
        if (cp >= 0xD800 && cp <= 0xDBFF) {
          if (pos_ + 1 >= text_.size() || text_[pos_] != '\\' || text_[pos_ + 1] != 'u') {
            fail("unpaired high surrogate in \\u escape");
          }
          pos_ += 2;
          const std::uint32_t low = parse_hex4();
          if (low < 0xDC00 || low > 0xDFFF) fail("unpaired high surrogate in \\u escape");
          cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        }
        append_utf8(out, cp);
        break;
      }
      default:
        --pos_;
        fail("invalid escape \\" + (e == '\0' ? std::string() : std::string(1, e)) +
             " in a string");
    }
  }
}

std::uint32_t JsonText::parse_hex4() {
  std::uint32_t value = 0;
  for (int i = 0; i < 4; ++i) {
    const char c = peek();
    std::uint32_t digit;
    if (c >= '0' && c <= '9') {
      digit = c - '0';
    } else if (c >= 'a' && c <= 'f') {
      digit = c - 'a' + 10;
    } else if (c >= 'A' && c <= 'F') {
      digit = c - 'A' + 10;
    } else {
      fail("expected 4 hex digits after \\u");
    }
    value = value * 16 + digit;
    ++pos_;
  }
  return value;
}

nlohmann::json JsonText::parse_value(int depth) {
  skip_space();
  switch (peek()) {
    case '"': {
      std::string scratch;
      const std::string_view s = parse_string(scratch);
      return nlohmann::json(std::string(s));
    }
    case '[': return parse_array(depth + 1);
    case '{': return parse_object(depth + 1);
    case 't': parse_literal("true"); return true;
    case 'f': parse_literal("false"); return false;
    case 'n': parse_literal("null"); return nullptr;
    default:
      if (peek() == '-' || is_digit(peek())) return parse_number();
      fail("expected a value, found " + describe(peek()));
  }
}

void JsonText::parse_literal(std::string_view word) {
  if (text_.substr(pos_, word.size()) != word) fail("invalid literal; expected " + std::string(word));
  pos_ += word.size();
}

nlohmann::json JsonText::parse_number() {
  const std::size_t start = pos_;
  const bool negative = peek() == '-';
  if (negative) ++pos_;
  if (!is_digit(peek())) fail("expected a digit");
  bool overflow = false;
  std::uint64_t magnitude = 0;
  if (peek() == '0') {
    ++pos_;
    if (is_digit(peek())) fail("leading zero in a number");
  } else {
    std::size_t i = pos_;
    while (i < text_.size() && is_digit(text_[i])) {
      const unsigned digit = static_cast<unsigned>(text_[i] - '0');
      if (magnitude > (std::numeric_limits<std::uint64_t>::max() - digit) / 10) overflow = true;
      magnitude = magnitude * 10 + digit;
      ++i;
    }
    pos_ = i;
  }
  bool is_float = false;
  if (peek() == '.') {
    is_float = true;
    ++pos_;
    if (!is_digit(peek())) fail("expected a digit after '.'");
    skip_digits();
  }
  if (peek() == 'e' || peek() == 'E') {
    is_float = true;
    ++pos_;
    if (peek() == '+' || peek() == '-') ++pos_;
    if (!is_digit(peek())) fail("expected a digit in the exponent");
    skip_digits();
  }
  if (is_float) {
    double value = 0;
    const auto [end, ec] = std::from_chars(text_.data() + start, text_.data() + pos_, value);
    if (ec != std::errc() || end != text_.data() + pos_) fail_at(start, "number out of range");
    return value;
  }
  if (negative) {
    constexpr std::uint64_t kMinMagnitude = std::uint64_t{1} << 63;
    if (overflow || magnitude > kMinMagnitude) fail_at(start, "integer does not fit in 64 bits");
    if (magnitude == kMinMagnitude) return std::numeric_limits<std::int64_t>::min();
    return -static_cast<std::int64_t>(magnitude);
  }
  if (overflow) fail_at(start, "integer does not fit in 64 bits");
  if (magnitude > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
    return magnitude;  // an unsigned 64-bit JSON number
  }
  return static_cast<std::int64_t>(magnitude);
}

std::int64_t JsonText::parse_int64(const char* field) {
  skip_space();
  const std::size_t start = pos_;
  const bool negative = peek() == '-';
  if (negative) ++pos_;
  if (!is_digit(peek())) fail_at(start, std::string(field) + " must be an integer, found " + describe(peek()));
  // Fast path: up to 18 digits cannot overflow.
  std::uint64_t magnitude = 0;
  const std::size_t first = pos_;
  std::size_t i = first;
  const std::size_t stop = std::min(text_.size(), first + 18);
  while (i < stop && is_digit(text_[i])) {
    magnitude = magnitude * 10 + static_cast<unsigned>(text_[i] - '0');
    ++i;
  }
  pos_ = i;
  const char next = peek();
  if (!is_digit(next) && next != '.' && next != 'e' && next != 'E' &&
      !(i - first > 1 && text_[first] == '0')) {
    return negative ? -static_cast<std::int64_t>(magnitude) : static_cast<std::int64_t>(magnitude);
  }
  pos_ = start;
  const nlohmann::json value = parse_number();
  if (!value.is_number_integer()) fail_at(start, std::string(field) + " must be an integer");
  if (value.is_number_unsigned()) fail_at(start, std::string(field) + " does not fit in 64 bits");
  return value.get<std::int64_t>();
}

bool JsonText::consume_plain_int(std::int64_t& value) {
  const char* const first = text_.data() + pos_;
  const char* const end = text_.data() + text_.size();
  const char* p = first;
  std::uint64_t magnitude = 0;  // wraps past 19 digits, which are refused below
  while (p < end && static_cast<unsigned char>(*p - '0') < 10) {
    magnitude = magnitude * 10 + static_cast<unsigned>(*p - '0');
    ++p;
  }
  const auto digits = static_cast<std::size_t>(p - first);
  if (digits == 0 || digits > 18 || (digits > 1 && *first == '0')) return false;
  if (p < end && (*p == '.' || *p == 'e' || *p == 'E')) return false;
  pos_ += digits;
  value = static_cast<std::int64_t>(magnitude);
  return true;
}

nlohmann::json JsonText::parse_array(int depth) {
  if (depth > kMaxNesting) fail("nesting deeper than " + std::to_string(kMaxNesting) + " levels");
  ++pos_;  // '['
  // Built as a vector and moved in: nlohmann::json::array() and push_back cost an extra
  // allocation and a regrowth for the usual two-element cas pair (reserving more would cost
  // 32 bytes of heap per pair).
  nlohmann::json::array_t items;
  skip_space();
  if (peek() == ']') {
    ++pos_;
    return items;
  }
  items.reserve(2);
  while (true) {
    items.push_back(parse_value(depth));
    skip_space();
    if (peek() == ',') {
      ++pos_;
      continue;
    }
    if (peek() == ']') {
      ++pos_;
      return nlohmann::json(std::move(items));
    }
    fail("expected ',' or ']' in an array, found " + describe(peek()));
  }
}

nlohmann::json JsonText::parse_object(int depth) {
  if (depth > kMaxNesting) fail("nesting deeper than " + std::to_string(kMaxNesting) + " levels");
  ++pos_;  // '{'
  nlohmann::json object = nlohmann::json::object();
  skip_space();
  if (peek() == '}') {
    ++pos_;
    return object;
  }
  std::string scratch;
  while (true) {
    skip_space();
    std::string key(parse_string(scratch));
    expect(':', "':' after an object key");
    object[std::move(key)] = parse_value(depth);
    skip_space();
    if (peek() == ',') {
      ++pos_;
      continue;
    }
    if (peek() == '}') {
      ++pos_;
      return object;
    }
    fail("expected ',' or '}' in an object, found " + describe(peek()));
  }
}

}  // namespace faultline::history::detail
