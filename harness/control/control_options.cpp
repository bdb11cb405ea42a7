#include "harness/control/control_options.h"

#include <fstream>
#include <set>
#include <sstream>

namespace faultline::harness {
namespace {

[[noreturn]] void fail(std::string_view source, size_t line, size_t column,
                       const std::string& message) {
  throw ControlInputError(std::string(source) + ":" + std::to_string(line) + ":" +
                          std::to_string(column) + ": " + message);
}

bool valid_host_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         c == '-' || c == '.' || c == '_' || c == ':' || c == '[' || c == ']';
}

// One token, `name` or `name=address`; column is 1-based, of the token's first character.
NodeSpec parse_node(std::string_view token, std::string_view source, size_t line, size_t column) {
  size_t eq = token.find('=');
  std::string_view name = token.substr(0, eq);
  std::string_view address = eq == std::string_view::npos ? name : token.substr(eq + 1);
  if (name.empty()) fail(source, line, column, "empty node name");
  if (address.empty()) fail(source, line, column + eq + 1, "empty address for node " +
                                                               std::string(name));
  for (size_t i = 0; i < token.size(); ++i) {
    if (i == eq) continue;
    if (!valid_host_char(token[i])) {
      fail(source, line, column + i,
           "unexpected character '" + std::string(1, token[i]) + "' in node '" +
               std::string(token) + "' (expected name or name=address)");
    }
  }
  return NodeSpec{std::string(name), std::string(address)};
}

bool is_separator(char c) { return c == ',' || c == ' ' || c == '\t' || c == '\r'; }

// Splits one line on commas and blanks.
void parse_line(std::string_view line, std::string_view source, size_t line_no,
                bool blanks_separate, std::vector<NodeSpec>& out) {
  size_t i = 0;
  while (i < line.size()) {
    if (line[i] == ',') {
      // Two commas in a row, or a leading comma, mean an empty entry.
      if (i == 0 || line[i - 1] == ',') fail(source, line_no, i + 1, "empty node name");
      ++i;
      continue;
    }
    if (blanks_separate && is_separator(line[i])) {
      ++i;
      continue;
    }
    size_t start = i;
    while (i < line.size() && line[i] != ',' && !(blanks_separate && is_separator(line[i]))) ++i;
    out.push_back(parse_node(line.substr(start, i - start), source, line_no, start + 1));
  }
  if (!line.empty() && line.back() == ',') fail(source, line_no, line.size(), "trailing comma");
}

}  // namespace

std::vector<NodeSpec> parse_node_list(std::string_view text, std::string_view source) {
  std::vector<NodeSpec> out;
  parse_line(text, source, 1, true, out);
  if (out.empty()) fail(source, 1, 1, "no nodes given");
  return out;
}

std::vector<NodeSpec> parse_nodes_file(std::string_view text, std::string_view source) {
  std::vector<NodeSpec> out;
  size_t line_no = 0;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    ++line_no;
    if (size_t hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
    // Trailing blanks and commas at the end of a line are layout, not entries.
    while (!line.empty() && is_separator(line.back()) && line.back() != ',') line.remove_suffix(1);
    parse_line(line, source, line_no, true, out);
    if (end == text.size()) break;
    pos = end + 1;
  }
  if (out.empty()) fail(source, 1, 1, "no nodes in file");
  return out;
}

std::vector<NodeSpec> read_nodes_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ControlInputError(path + ":1:1: cannot read nodes file");
  std::stringstream buf;
  buf << in.rdbuf();
  return parse_nodes_file(buf.str(), path);
}

ControlConfig control_config(const RealClusterOptions& o) {
  if (o.nodes.empty() == o.nodes_file.empty()) {
    throw ControlInputError("--nodes:1:1: give exactly one of --nodes and --nodes-file");
  }
  if (o.ssh_port < 1 || o.ssh_port > 65535) {
    throw ControlInputError("--ssh-port:1:1: port " + std::to_string(o.ssh_port) +
                            " is not in 1..65535");
  }
  if (o.username.empty()) throw ControlInputError("--username:1:1: empty user name");
  ControlConfig config;
  config.nodes = o.nodes.empty() ? read_nodes_file(o.nodes_file) : parse_node_list(o.nodes);
  std::set<std::string> names;
  for (const auto& n : config.nodes) {
    if (!names.insert(n.name).second) {
      throw ControlInputError((o.nodes.empty() ? o.nodes_file : std::string("--nodes")) +
                              ":1:1: node " + n.name + " is listed twice");
    }
  }
  config.ssh.username = o.username;
  config.ssh.private_key = o.ssh_key;
  config.ssh.port = o.ssh_port;
  config.ssh.known_hosts = o.known_hosts;
  config.ssh.accept_new_host_keys = o.accept_new_host_keys;
  return config;
}

}  // namespace faultline::harness
