// How an etcd request's failure becomes a completion (DESIGN.md's op semantics).
//
//  - The request provably never reached etcd (httplib's Connection / ConnectionTimeout: the
//    TCP connection could not be made): fail.
//  - The request may have reached etcd (read timeout, reset, write error after connecting):
//    info, since a write may or may not have been applied.
//  - etcd answered with an error: mapped by the gRPC code it carries. Codes that etcd returns
//    before proposing anything (invalid argument, resource exhausted, permission denied, failed
//    precondition, not found, unauthenticated, out of range) are fail; the rest (unavailable,
//    deadline exceeded, "leader changed", "request timed out", unknown) are info.
//  - A read has no effect, so every failed read is fail: it can be left out of the history's
//    meaning without losing anything.
//
// Thread-safety: pure functions.
#pragma once

#include <string>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "clients/client.h"

namespace faultline::clients {

// A transport-level failure reported by cpp-httplib.
Completion map_transport_error(httplib::Error error, bool is_read);

// etcd's JSON gateway answered `http_status` != 200 with `body` (its error document, or
// anything else when a proxy answered).
Completion map_etcd_error(int http_status, const std::string& body, bool is_read);

}  // namespace faultline::clients
