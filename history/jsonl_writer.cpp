#include "history/jsonl_writer.h"

#include <cerrno>
#include <system_error>

#include <fcntl.h>
#include <unistd.h>

#include "history/utf8.h"

namespace faultline::history {
namespace {

void append_json(std::string& out, const nlohmann::json& value) {
  out += value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

std::string to_jsonl(const Op& op) {
  std::string out;
  out.reserve(96);
  out += "{\"index\":";
  out += std::to_string(op.index);
  if (op.time != kNoTime) {
    out += ",\"time\":";
    out += std::to_string(op.time);
  }
  out += ",\"type\":\"";
  out += to_string(op.type);
  out += "\",\"process\":";
  if (op.is_nemesis()) {
    out += "\"nemesis\"";
  } else {
    out += std::to_string(op.process);
  }
  out += ",\"f\":";
  detail::append_json_string(out, op.f);
  if (op.has_key()) {
    out += ",\"key\":";
    append_json(out, op.key);
  }
  out += ",\"value\":";
  append_json(out, op.value);
  if (op.error) {
    out += ",\"error\":";
    detail::append_json_string(out, *op.error);
  }
  out += '}';
  return out;
}

JsonlWriter::JsonlWriter(const std::string& path) : path_(path) {
  fd_ = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd_ < 0) throw std::system_error(errno, std::generic_category(), "cannot open " + path);
}

JsonlWriter::~JsonlWriter() {
  if (fd_ >= 0) ::close(fd_);
}

void JsonlWriter::append(const Op& op) {
  std::string line = to_jsonl(op);
  line += '\n';
  std::lock_guard<std::mutex> lock(mutex_);
  std::size_t done = 0;
  while (done < line.size()) {
    const ssize_t n = ::write(fd_, line.data() + done, line.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw std::system_error(errno, std::generic_category(), "cannot append to " + path_);
    }
    done += static_cast<std::size_t>(n);
  }
}

void JsonlWriter::sync() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (::fsync(fd_) != 0) throw std::system_error(errno, std::generic_category(), "cannot sync " + path_);
}

}  // namespace faultline::history
