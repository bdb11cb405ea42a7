#include "clients/etcd_errors.h"

namespace faultline::clients {
namespace {

using history::OpType;

// gRPC status codes that etcd only returns before a request is proposed to raft.
bool definitely_not_applied(int grpc_code) {
  switch (grpc_code) {
    case 3:   // INVALID_ARGUMENT
    case 5:   // NOT_FOUND
    case 7:   // PERMISSION_DENIED
    case 8:   // RESOURCE_EXHAUSTED ("too many requests")
    case 9:   // FAILED_PRECONDITION
    case 11:  // OUT_OF_RANGE (compacted revision)
    case 16:  // UNAUTHENTICATED
      return true;
    default:
      return false;
  }
}

Completion completion(OpType type, std::string error) {
  Completion c;
  c.type = type;
  c.error = std::move(error);
  return c;
}

}  // namespace

Completion map_transport_error(httplib::Error error, bool is_read) {
  std::string text = "http: " + httplib::to_string(error);
  bool never_sent = error == httplib::Error::Connection ||
                    error == httplib::Error::ConnectionTimeout ||
                    error == httplib::Error::BindIPAddress;
  if (never_sent || is_read) return completion(OpType::kFail, std::move(text));
  return completion(OpType::kInfo, std::move(text));
}

Completion map_etcd_error(int http_status, const std::string& body, bool is_read) {
  int code = -1;
  std::string message = "http status " + std::to_string(http_status);
  auto doc = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (doc.is_object()) {
    if (doc.contains("code") && doc["code"].is_number_integer()) code = doc["code"].get<int>();
    for (const char* field : {"message", "error"}) {
      if (doc.contains(field) && doc[field].is_string()) {
        message = doc[field].get<std::string>();
        break;
      }
    }
  }
  if (is_read || definitely_not_applied(code)) return completion(OpType::kFail, message);
  return completion(OpType::kInfo, message);
}

}  // namespace faultline::clients
