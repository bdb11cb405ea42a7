// The real-cluster options: node lists, nodes files, and their error positions.
#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>

#include "harness/control/control_options.h"

using namespace faultline::harness;

TEST_CASE("a node list gives names, and addresses that default to the name") {
  auto nodes = parse_node_list("n1,n2=10.0.0.2, db3.example.com");
  REQUIRE(nodes.size() == 3);
  CHECK(nodes[0] == NodeSpec{"n1", "n1"});
  CHECK(nodes[1] == NodeSpec{"n2", "10.0.0.2"});
  CHECK(nodes[2] == NodeSpec{"db3.example.com", "db3.example.com"});
}

TEST_CASE("bad node lists name the column") {
  auto message = [](std::string_view text) {
    try {
      parse_node_list(text);
    } catch (const ControlInputError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK(message("n1,,n2").rfind("--nodes:1:4: empty node name", 0) == 0);
  CHECK(message("n1,n$2").rfind("--nodes:1:5: unexpected character '$'", 0) == 0);
  CHECK(message("n1,n2=").rfind("--nodes:1:7: empty address", 0) == 0);
  CHECK(message("n1,").rfind("--nodes:1:3: trailing comma", 0) == 0);
  CHECK(message("").rfind("--nodes:1:1: no nodes", 0) == 0);
}

TEST_CASE("a nodes file allows comments, blank lines and several nodes a line") {
  auto nodes = parse_nodes_file(
      "# the test cluster\n"
      "n1=10.0.0.1\n"
      "\n"
      "n2 n3   # two on a line\n"
      "n4,n5\n",
      "nodes.txt");
  REQUIRE(nodes.size() == 5);
  CHECK(nodes[0] == NodeSpec{"n1", "10.0.0.1"});
  CHECK(nodes[2].name == "n3");
  CHECK(nodes[4].name == "n5");
}

TEST_CASE("a bad nodes file names file, line and column") {
  try {
    parse_nodes_file("n1\n  n2 n;3\n", "nodes.txt");
    FAIL("no error");
  } catch (const ControlInputError& e) {
    CHECK(std::string(e.what()).rfind("nodes.txt:2:7: unexpected character ';'", 0) == 0);
  }
}

TEST_CASE("control_config builds NodeSpecs and SshOptions from the run options") {
  RealClusterOptions o;
  o.nodes = "a=10.1.0.1,b=10.1.0.2";
  o.username = "admin";
  o.ssh_key = "/keys/id";
  o.ssh_port = 2222;
  auto config = control_config(o);
  REQUIRE(config.nodes.size() == 2);
  CHECK(config.ssh.username == "admin");
  CHECK(config.ssh.private_key == "/keys/id");
  CHECK(config.ssh.port == 2222);
  CHECK_FALSE(config.ssh.accept_new_host_keys);

  SECTION("from a nodes file") {
    std::string path = "/tmp/faultline-nodes-test.txt";
    std::ofstream(path) << "x=1.2.3.4\ny\n";
    RealClusterOptions f;
    f.nodes_file = path;
    auto from_file = control_config(f);
    std::remove(path.c_str());
    REQUIRE(from_file.nodes.size() == 2);
    CHECK(from_file.nodes[0] == NodeSpec{"x", "1.2.3.4"});
  }
  SECTION("exactly one source") {
    RealClusterOptions both = o;
    both.nodes_file = "f";
    CHECK_THROWS_AS(control_config(both), ControlInputError);
    CHECK_THROWS_AS(control_config(RealClusterOptions{}), ControlInputError);
  }
  SECTION("port range and duplicate names") {
    RealClusterOptions bad_port = o;
    bad_port.ssh_port = 70000;
    CHECK_THROWS_AS(control_config(bad_port), ControlInputError);
    RealClusterOptions dup = o;
    dup.nodes = "a,b,a=1.1.1.1";
    CHECK_THROWS_WITH(control_config(dup), Catch::Contains("listed twice"));
  }
  SECTION("a missing nodes file") {
    RealClusterOptions missing;
    missing.nodes_file = "/nonexistent/nodes";
    CHECK_THROWS_WITH(control_config(missing), Catch::StartsWith("/nonexistent/nodes:1:1:"));
  }
}
