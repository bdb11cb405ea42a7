// HistoryBuilder writes small histories by hand for tests: each call appends one op with the
// next index and a time 10 ns after the previous op. Thread-safety: none; test-only.
#pragma once

#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "history/history.h"

namespace faultline::testing {

class HistoryBuilder {
 public:
  using json = nlohmann::json;

  HistoryBuilder& invoke(std::int64_t p, std::string f, json value = nullptr, json key = nullptr) {
    return push(history::OpType::kInvoke, p, std::move(f), std::move(value), std::move(key));
  }
  HistoryBuilder& ok(std::int64_t p, std::string f, json value = nullptr, json key = nullptr) {
    return push(history::OpType::kOk, p, std::move(f), std::move(value), std::move(key));
  }
  HistoryBuilder& fail(std::int64_t p, std::string f, json value = nullptr, json key = nullptr) {
    return push(history::OpType::kFail, p, std::move(f), std::move(value), std::move(key));
  }
  HistoryBuilder& info(std::int64_t p, std::string f, json value = nullptr, json key = nullptr) {
    return push(history::OpType::kInfo, p, std::move(f), std::move(value), std::move(key));
  }
  HistoryBuilder& push(history::OpType type, std::int64_t p, std::string f, json value, json key) {
    history::Op op;
    op.index = static_cast<std::int64_t>(h_.ops.size());
    op.time = 10 * (op.index + 1);
    op.type = type;
    op.process = p;
    op.f = std::move(f);
    op.value = std::move(value);
    op.key = std::move(key);
    h_.ops.push_back(std::move(op));
    return *this;
  }
  history::History build(std::string path = "test.jsonl") {
    h_.path = std::move(path);
    return h_;
  }

 private:
  history::History h_;
};

}  // namespace faultline::testing
