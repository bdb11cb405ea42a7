// Base64 (RFC 4648, standard alphabet, padded), as etcd's JSON gateway encodes keys and values.
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace faultline::clients {

std::string base64_encode(std::string_view bytes);
// nullopt when `text` is not valid padded base64.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace faultline::clients
