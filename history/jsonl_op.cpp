#include "history/jsonl_op.h"

#include <string>

#include "history/json_text.h"

namespace faultline::history::detail {
namespace {

enum Field : unsigned {
  kIndex = 1,
  kTime = 2,
  kType = 4,
  kProcess = 8,
  kF = 16,
  kKey = 32,
  kValue = 64,
  kError = 128,
  kOther = 0,
};

Field field_of(std::string_view key) {
  switch (key.size()) {
    case 1: return key == "f" ? kF : kOther;
    case 3: return key == "key" ? kKey : kOther;
    case 4:
      if (key == "time") return kTime;
      if (key == "type") return kType;
      return kOther;
    case 5:
      if (key == "index") return kIndex;
      if (key == "value") return kValue;
      if (key == "error") return kError;
      return kOther;
    case 7: return key == "process" ? kProcess : kOther;
    default: return kOther;
  }
}

// The field names as faultline and Jepsen's JSON write them, matched in place with their quotes.
// Returns false (the cursor unmoved) for any other spelling, which parse_string then reads.
bool consume_known_name(JsonText& text, Field& field) {
  switch (text.peek_next()) {
    case 'i': field = kIndex; return text.consume("\"index\"");
    case 't':
      field = kTime;
      if (text.consume("\"time\"")) return true;
      field = kType;
      return text.consume("\"type\"");
    case 'p': field = kProcess; return text.consume("\"process\"");
    case 'f': field = kF; return text.consume("\"f\"");
    case 'k': field = kKey; return text.consume("\"key\"");
    case 'v': field = kValue; return text.consume("\"value\"");
    case 'e': field = kError; return text.consume("\"error\"");
    default: return false;
  }
}

void parse_type(JsonText& text, Op& op, std::string& scratch) {
  const std::size_t start = text.pos();
  if (text.peek() != '"') text.fail("type must be a string (invoke, ok, fail or info)");
  const std::string_view s = text.parse_string(scratch);
  const auto type = parse_op_type(s);
  if (!type) fail_at(start, "type must be invoke, ok, fail or info, not \"" + std::string(s) + "\"");
  op.type = *type;
}

void parse_process(JsonText& text, Op& op, std::string& scratch) {
  const std::size_t start = text.pos();
  if (text.peek() == '"') {
    const std::string_view s = text.parse_string(scratch);
    if (s != "nemesis") {
      fail_at(start, "process must be an integer or \"nemesis\", not \"" + std::string(s) + "\"");
    }
    op.process = kNemesisProcess;
    return;
  }
  if (text.peek() != '-' && (text.peek() < '0' || text.peek() > '9')) {
    text.fail("process must be an integer or \"nemesis\"");
  }
  op.process = text.parse_int64("process");
  if (op.process < 0) fail_at(start, "process must not be negative");
}

void parse_error_field(JsonText& text, Op& op, std::string& scratch) {
  if (text.peek() == '"') {
    op.error = std::string(text.parse_string(scratch));
    return;
  }
  nlohmann::json value = text.parse_value(0);
  if (value.is_null()) {
    op.error.reset();
  } else {
    op.error = value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
}

void parse_field(JsonText& text, Field field, Op& op, std::string& scratch) {
  text.skip_space();
  switch (field) {
    case kIndex: text.parse_int64("index"); break;  // the reader assigns positions
    case kTime: {
      const std::size_t start = text.pos();
      op.time = text.parse_int64("time");
      if (op.time < 0) fail_at(start, "time must not be negative");
      break;
    }
    case kType: parse_type(text, op, scratch); break;
    case kProcess: parse_process(text, op, scratch); break;
    case kF:
      if (text.peek() != '"') text.fail("f must be a string");
      op.f.assign(text.parse_string(scratch));
      break;
    case kKey: {
      const std::size_t start = text.pos();
      op.key = text.parse_value(0);
      if (op.key.is_structured()) fail_at(start, "key must be a string, a number or a boolean");
      break;
    }
    case kValue: op.value = text.parse_value(0); break;
    case kError: parse_error_field(text, op, scratch); break;
    case kOther: text.parse_value(0); break;
  }
}

}  // namespace

bool is_blank_line(std::string_view line) {
  for (const char c : line) {
    if (c != ' ' && c != '\t' && c != '\r') return false;
  }
  return true;
}

bool parse_canonical_jsonl_op(std::string_view line, Op& op) {
  JsonText text(line);
  std::string scratch;
  try {
    std::int64_t index;
    if (!text.consume("{\"index\":") || !text.consume_plain_int(index)) return false;
    op.time = kNoTime;
    if (text.consume(",\"time\":") && !text.consume_plain_int(op.time)) return false;
    if (!text.consume(",\"type\":\"")) return false;
    if (text.consume("invoke\"")) {
      op.type = OpType::kInvoke;
    } else if (text.consume("ok\"")) {
      op.type = OpType::kOk;
    } else if (text.consume("info\"")) {
      op.type = OpType::kInfo;
    } else if (text.consume("fail\"")) {
      op.type = OpType::kFail;
    } else {
      return false;
    }
    if (!text.consume(",\"process\":")) return false;
    if (text.consume("\"nemesis\"")) {
      op.process = kNemesisProcess;
    } else if (!text.consume_plain_int(op.process)) {
      return false;
    }
    if (!text.consume(",\"f\":") || text.peek() != '"') return false;
    op.f.assign(text.parse_string(scratch));
    if (text.consume(",\"key\":")) {
      op.key = text.parse_value(0);
      if (op.key.is_structured()) return false;
    } else {
      op.key = nullptr;
    }
    if (!text.consume(",\"value\":")) return false;
    op.value = text.parse_value(0);
    if (text.consume(",\"error\":")) {
      if (text.peek() != '"') return false;
      op.error = std::string(text.parse_string(scratch));
    } else {
      op.error.reset();
    }
    if (!text.consume("}")) return false;
    text.skip_space();
    return text.at_end();
  } catch (const SyntaxError&) {
    return false;  // the general parser finds the error again and reports it
  }
}

void parse_jsonl_op(std::string_view line, Op& op) {
  if (!parse_canonical_jsonl_op(line, op)) parse_any_jsonl_op(line, op);
}

void parse_any_jsonl_op(std::string_view line, Op& op) {
  JsonText text(line);
  text.expect('{', "'{' (each line is one JSON object)");
  op.time = kNoTime;
  op.key = nullptr;
  op.value = nullptr;
  op.error.reset();
  unsigned seen = 0;
  std::string scratch;
  text.skip_space();
  if (text.peek() != '}') {
    while (true) {
      text.skip_space();
      const std::size_t key_start = text.pos();
      Field field;
      if (!consume_known_name(text, field)) field = field_of(text.parse_string(scratch));
      if (field != kOther && (seen & field) != 0) fail_at(key_start, "duplicate field");
      seen |= field;
      text.expect(':', "':' after a field name");
      parse_field(text, field, op, scratch);
      text.skip_space();
      if (text.peek() == ',') {
        text.expect(',', "','");
        continue;
      }
      if (text.peek() == '}') break;
      text.fail(text.at_end() ? "truncated line: expected ',' or '}'"
                              : "expected ',' or '}' after a field");
    }
  }
  text.expect('}', "'}'");
  text.skip_space();
  if (!text.at_end()) text.fail("unexpected text after the op's closing '}'");
  if ((seen & kType) == 0) fail_at(0, "missing field \"type\"");
  if ((seen & kProcess) == 0) fail_at(0, "missing field \"process\"");
  if ((seen & kF) == 0) fail_at(0, "missing field \"f\"");
}

}  // namespace faultline::history::detail
