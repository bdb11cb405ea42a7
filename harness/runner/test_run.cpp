#include "harness/runner/test_run.h"

#include <cstdio>
#include <memory>
#include <random>
#include <stdexcept>

#include "checker/check.h"
#include "checker/results.h"
#include "clients/etcd_client.h"
#include "harness/cluster/local_cluster.h"
#include "harness/db/etcd.h"
#include "harness/runner/recorder.h"
#include "harness/runner/remote_node_control.h"
#include "harness/runner/run_log.h"
#include "harness/runner/runner.h"
#include "harness/runner/stop_signal.h"
#include "harness/run_store/store.h"
#include "harness/workload/workload.h"
#include "history/pairing.h"
#include "history/read.h"
#include "nemesis/nemesis.h"
#if __has_include("reports/store_report.h")
#include "reports/store_report.h"
#define FAULTLINE_HAVE_STORE_REPORT 1
#endif

namespace faultline::harness {
namespace {

using nlohmann::json;
using std::chrono::milliseconds;

milliseconds ms(double seconds) { return milliseconds(static_cast<long long>(seconds * 1000)); }

void validate(const TestOptions& o) {
  if (o.db != "etcd") throw std::invalid_argument("unknown --db '" + o.db + "' (etcd)");
  if (o.read_consistency != "linearizable" && o.read_consistency != "serializable") {
    throw std::invalid_argument("--read-consistency must be linearizable or serializable");
  }
  if (!(o.time_limit_s > 0)) throw std::invalid_argument("--time-limit must be positive");
  if (!(o.nemesis_interval_s > 0)) throw std::invalid_argument("--nemesis-interval must be positive");
  if (o.rate < 0) throw std::invalid_argument("--rate must not be negative");
  if (!(o.request_timeout_s > 0)) throw std::invalid_argument("--request-timeout must be positive");
  if (!(o.quiet_s >= 0)) throw std::invalid_argument("--quiet must not be negative");
  if (!(o.check_time_limit_s >= 0)) throw std::invalid_argument("--check-time-limit must not be negative");
  if (!(o.loss_probability >= 0 && o.loss_probability <= 1)) {
    throw std::invalid_argument("--loss-probability must be between 0 and 1");
  }
  if (o.local_nodes < 1) throw std::invalid_argument("the local cluster needs at least 1 node");
  nemesis::parse_fault_list(o.nemesis);
  for (const auto& m : o.partition_modes) nemesis::parse_partition_mode(m);
  make_workload(o.workload, {});
}

std::uint64_t draw_seed() {
  std::random_device rd;
  return (static_cast<std::uint64_t>(rd()) << 32) ^ rd();
}

// Where the nodes are and how to reach them; joins the lab namespace for the local cluster.
struct Nodes {
  std::vector<NodeSpec> specs;
  SshOptions ssh;
  bool local = false;
  std::string db_dir;  // empty: the Db's default
};

Nodes resolve_nodes(const TestOptions& o, RunLog* log, std::ostream& err) {
  Nodes n;
  if (!o.real.nodes.empty() || !o.real.nodes_file.empty()) {
    auto cc = control_config(o.real);
    n.specs = cc.nodes;
    n.ssh = cc.ssh;
    return n;
  }
  LocalClusterOptions lo;
  lo.nodes = o.local_nodes;
  if (!o.local_state_dir.empty()) lo.state_dir = o.local_state_dir;
  if (!o.local_prefix.empty()) lo.prefix = o.local_prefix;
  LocalCluster cluster(lo);
  if (!cluster.is_up()) {
    err << "faultline: no local cluster; bringing up " << o.local_nodes << " nodes" << std::endl;
    cluster.up();
  }
  (void)log;
  n.specs = cluster.nodes();
  n.ssh = cluster.ssh_options();
  n.local = true;
  n.db_dir = cluster.db_dir();
  cluster.enter_lab_namespace();
  return n;
}

json test_document(const TestOptions& o, const Nodes& nodes, unsigned concurrency,
                   std::uint64_t seed, const std::string& name, const Workload& workload,
                   const RunStore& store) {
  json node_list = json::array();
  for (const auto& s : nodes.specs) node_list.push_back({{"name", s.name}, {"address", s.address}});
  json checker = workload.checker();
  return {
      {"name", name},
      {"faultline_version", checker::kFaultlineVersion},
      {"store", store.dir()},
      {"start_time", store_timestamp(std::chrono::system_clock::now())},
      {"seed", seed},
      {"db", o.db},
      {"workload", o.workload},
      {"workload_options", workload.describe()},
      {"op_mix", o.op_mix.empty() ? workload.default_mix().to_string() : o.op_mix},
      {"nemesis", nemesis::parse_fault_list(o.nemesis)},
      {"nemesis_interval_s", o.nemesis_interval_s},
      {"partition_modes", o.partition_modes},
      {"loss_probability", o.loss_probability},
      {"time_limit_s", o.time_limit_s},
      {"concurrency", concurrency},
      {"rate", o.rate},
      {"read_consistency", o.read_consistency},
      {"request_timeout_s", o.request_timeout_s},
      {"quiet_s", o.quiet_s},
      {"nodes", node_list},
      {"local_cluster", nodes.local},
      {"ssh", {{"username", nodes.ssh.username}, {"port", nodes.ssh.port}}},
      {"checker", checker["checker"]},
      {"model", checker["model"]},
      {"init", checker["init"]},
  };
}

struct Checked {
  checker::Verdict verdict = checker::Verdict::kUnknown;
  json results;
};

Checked check_history(const std::string& path, const Workload& workload, const TestOptions& o,
                      RunLog& log) {
  Checked out;
  try {
    history::ReadOptions ro;
    ro.allow_truncated_tail = true;
    auto h = history::read_history(path, ro);
    auto operations = history::pair_operations(h);
    json c = workload.checker();
    checker::CheckOptions co;
    co.checker = c["checker"].get<std::string>();
    if (c["model"].is_string()) co.model = c["model"].get<std::string>();
    co.init = c["init"];
    co.time_limit_s = o.check_time_limit_s;
    auto result = checker::check(h, operations, co);
    out.verdict = result.verdict;
    out.results = checker::results_document(h, {result});
    std::string why = checker::summarize(result);
    if (!why.empty()) log.line("checker: " + why);
  } catch (const std::exception& e) {
    log.line(std::string("checking failed: ") + e.what());
    out.results = {{"faultline_version", checker::kFaultlineVersion},
                   {"history", path},
                   {"verdict", "unknown"},
                   {"error", e.what()},
                   {"checkers", json::array()}};
  }
  return out;
}

json stats_json(const RunStats& s) {
  return {{"invoke", s.counts.invoke}, {"ok", s.counts.ok}, {"fail", s.counts.fail},
          {"info", s.counts.info}, {"nemesis_events", s.nemesis_events},
          {"main_seconds", s.main_seconds}, {"throughput", s.throughput},
          {"latency_p50_ms", s.p50_ms}, {"latency_p99_ms", s.p99_ms},
          {"interrupted", s.interrupted}};
}

void print_summary(std::ostream& out, const std::string& name, std::uint64_t seed,
                   const RunStats& s, const Checked& c, const RunStore& store) {
  char line[256];
  out << "faultline run " << name << " (seed " << seed << ")"
      << (s.interrupted ? ", interrupted" : "") << "\n";
  std::snprintf(line, sizeof line,
                "  ops: %llu completed (ok %llu, fail %llu, info %llu) in %.1f s, %.1f ops/s\n",
                static_cast<unsigned long long>(s.counts.ok + s.counts.fail + s.counts.info),
                static_cast<unsigned long long>(s.counts.ok),
                static_cast<unsigned long long>(s.counts.fail),
                static_cast<unsigned long long>(s.counts.info), s.main_seconds, s.throughput);
  out << line;
  std::snprintf(line, sizeof line, "  latency: p50 %.2f ms, p99 %.2f ms\n", s.p50_ms, s.p99_ms);
  out << line;
  out << "  nemesis events: " << s.nemesis_events << "\n";
  if (c.results.contains("checkers")) {
    for (const auto& ch : c.results["checkers"]) {
      out << "  checker " << ch.value("checker", std::string("?"));
      if (ch.contains("model") && ch["model"].is_string()) out << " (" << ch["model"].get<std::string>() << ")";
      out << ": " << ch.value("verdict", std::string("unknown")) << "\n";
    }
  }
  out << "  verdict: " << checker::to_string(c.verdict) << "\n";
  out << "  store: " << store.dir() << "\n";
}

}  // namespace

int run_test(const TestOptions& o, std::ostream& out, std::ostream& err) {
  validate(o);
  std::uint64_t seed = o.seed ? *o.seed : draw_seed();
  std::string name = o.test_name.empty() ? o.db + "-" + o.workload : o.test_name;

  SignalScope signals;
  clear_stop();
  Nodes nodes = resolve_nodes(o, nullptr, err);
  unsigned concurrency = o.concurrency ? o.concurrency : 2 * static_cast<unsigned>(nodes.specs.size());

  std::vector<std::string> names;
  for (const auto& s : nodes.specs) names.push_back(s.name);
  RunStore store = RunStore::create({o.store_dir, name}, names);
  RunLog log(store.log_path(), nullptr);
  log.line("run " + name + " seed " + std::to_string(seed) + " in " + store.dir());

  WorkloadOptions wo;
  wo.concurrency = concurrency;
  wo.ops_per_key = o.ops_per_key;
  wo.workers_per_key = o.workers_per_key;
  auto workload = make_workload(o.workload, wo);
  write_file_atomically(store.test_path(),
                        test_document(o, nodes, concurrency, seed, name, *workload, store).dump(2) + "\n");

  EtcdOptions eo;
  eo.nodes = nodes.specs;
  if (!nodes.db_dir.empty()) eo.base_dir = nodes.db_dir;
  EtcdDb db(eo);
  RemoteFactory factory = ssh_factory(nodes.ssh);

  RunStats stats;
  {
    log.line("db: setting up etcd on " + std::to_string(nodes.specs.size()) + " nodes");
    err << "faultline: setting up etcd on " << nodes.specs.size() << " nodes" << std::endl;
    DbScope db_scope(db, nodes.specs, factory);

    clients::EtcdClientOptions co;
    for (const auto& s : nodes.specs) co.endpoints.push_back(db.client_url(s));
    co.timeout = ms(o.request_timeout_s);
    co.serializable = o.read_consistency == "serializable";
    clients::EtcdClientFactory client_factory(co);

    RunnerOptions ro;
    ro.generator.concurrency = concurrency;
    ro.generator.rate = o.rate;
    ro.generator.time_limit = ms(o.time_limit_s);
    ro.generator.quiet_period = ms(o.quiet_s);
    ro.generator.seed = seed;
    if (!o.op_mix.empty()) ro.generator.mix = OpMix::parse(o.op_mix);
    ro.nemesis.faults = nemesis::parse_fault_list(o.nemesis);
    ro.nemesis.interval = ms(o.nemesis_interval_s);
    ro.nemesis.seed = seed;
    for (const auto& m : o.partition_modes) ro.nemesis.partition.modes.push_back(nemesis::parse_partition_mode(m));
    ro.nemesis.loss.probability = o.loss_probability;
    ro.node_control = [&] {
      return std::make_unique<RemoteNodeControl>(nodes.specs, factory, db);
    };
    ro.progress = o.progress ? &err : nullptr;

    log.line("main phase: " + std::to_string(o.time_limit_s) + " s, concurrency " +
             std::to_string(concurrency) + ", nemesis " + (o.nemesis.empty() ? "none" : o.nemesis));
    {
      Recorder recorder(store.history_path());
      stats = run(*workload, client_factory, recorder, ro);
    }
    log.line(stats.interrupted ? "run interrupted; healed" : "run finished; healed");

    for (const auto& outcome : collect_cluster_logs(db, nodes.specs, factory, store.dir())) {
      if (!outcome.ok) log.line("logs of " + outcome.node.name + ": " + outcome.error);
    }
    log.line("db: tearing down");
  }

  Checked checked = check_history(store.history_path(), *workload, o, log);
  checked.results["run"] = stats_json(stats);
  write_file_atomically(store.results_path(), checked.results.dump(2) + "\n");

#ifdef FAULTLINE_HAVE_STORE_REPORT
  if (reports::report_store_dir(store.dir(), {}, err) != 0) log.line("report.html not written");
#else
  log.line("report.html not written: this build has no reports/store_report.h");
#endif

  print_summary(out, name, seed, stats, checked, store);
  log.line(std::string("verdict: ") + std::string(checker::to_string(checked.verdict)));
  return checker::exit_code(checked.verdict);
}

}  // namespace faultline::harness
