// Turns the user's real-cluster options (`faultline run --nodes n1,n2 | --nodes-file F
// --username U --ssh-key K --ssh-port P`) into the NodeSpecs and SshOptions the harness uses.
//
// Node syntax, in --nodes and in a nodes file: `name` (the address is the name), or
// `name=address`. A nodes file holds one node per line, or several separated by commas or
// blanks; `#` starts a comment; blank lines are skipped.
// Errors: bad input throws ControlInputError whose message starts with "FILE:LINE:COLUMN: "
// (or "--nodes:1:COLUMN: "), so the CLI can print it and exit 254.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "harness/control/ssh_options.h"

namespace faultline::harness {

class ControlInputError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

struct RealClusterOptions {
  std::string nodes;       // --nodes, comma separated
  std::string nodes_file;  // --nodes-file
  std::string username = "root";
  std::string ssh_key;
  int ssh_port = 22;
  std::string known_hosts;  // empty: ~/.ssh/known_hosts
  bool accept_new_host_keys = false;
};

struct ControlConfig {
  std::vector<NodeSpec> nodes;
  SshOptions ssh;
};

// Parses a comma-separated node list. `source` names it in error messages.
std::vector<NodeSpec> parse_node_list(std::string_view text, std::string_view source = "--nodes");

// Parses the contents of a nodes file (text, not a path), naming `source` in errors.
std::vector<NodeSpec> parse_nodes_file(std::string_view text, std::string_view source);

// Reads and parses the file at `path`.
std::vector<NodeSpec> read_nodes_file(const std::string& path);

// Exactly one of nodes / nodes_file must be given; names must be unique; the port in 1..65535.
ControlConfig control_config(const RealClusterOptions& options);

}  // namespace faultline::harness
