#include <catch2/catch.hpp>

#include <sstream>

#include "reports/escape.h"
#include "reports/html_report.h"
#include "tests/reports/fixtures.h"

using namespace faultline;
using namespace faultline::reports;
using namespace faultline::reports::testing;

namespace {

std::string render(const ReportInput& input, const HtmlOptions& options = {}) {
  std::ostringstream out;
  write_html(input, out, options);
  return out.str();
}

size_t count(const std::string& text, const std::string& needle) {
  size_t n = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

std::string embedded_json(const std::string& page) {
  const std::string open = "<script type=\"application/json\" id=\"faultline-data\">";
  const auto begin = page.find(open);
  REQUIRE(begin != std::string::npos);
  const auto end = page.find("</script>", begin);
  REQUIRE(end != std::string::npos);
  return page.substr(begin + open.size(), end - begin - open.size());
}

}  // namespace

TEST_CASE("report.html has every section and a first-error anchor") {
  const auto h = invalid_history();
  const std::string page = render({h, invalid_results(), nullptr, "t"});
  for (const char* id : {"summary", "timeline", "latency", "throughput", "linearizability",
                         "lost-writes"}) {
    CHECK(page.find(std::string("<section id=\"") + id + "\">") != std::string::npos);
  }
  CHECK(count(page, "id=\"first-error\"") == 1);
  CHECK(page.find("href=\"#first-error\"") != std::string::npos);
  // The op that cannot be linearized (invoke index 10) is highlighted in the timeline.
  CHECK(page.find("id=\"op-10\" class=\"op ok failed\"") != std::string::npos);
  // Nemesis shading with its legend.
  CHECK(page.find("<g class=\"marks nemesis\">") != std::string::npos);
  CHECK(page.find("Nemesis: ") != std::string::npos);
  // Verdicts are coloured.
  CHECK(page.find("<span class=\"verdict invalid\">invalid</span>") != std::string::npos);
}

TEST_CASE("report.html fetches nothing") {
  const auto h = invalid_history();
  const std::string page = render({h, invalid_results(), hostile_test(), "t"});
  CHECK(page.find("default-src 'none'") != std::string::npos);
  CHECK(page.find(" src=") == std::string::npos);
  CHECK(page.find("@import") == std::string::npos);
  // url() only for references inside the page (the zoom's clip path), which fetch nothing.
  CHECK(count(page, "url(") == count(page, "url(#"));
  CHECK(page.find("http://") == std::string::npos);
  CHECK(page.find("https://") == std::string::npos);
}

TEST_CASE("hostile strings are escaped in every context") {
  const auto h = invalid_history();
  const std::string page = render({h, hostile_results(), hostile_test(), kHostile});
  // Only the page's two script elements exist; no hostile one was injected.
  CHECK(count(page, "<script") == 2);
  CHECK(count(page, "</script>") == 2);
  CHECK(page.find("alert(1)</script>") == std::string::npos);
  CHECK(page.find("<!--") == std::string::npos);
  CHECK(page.find("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
  CHECK(page.find("&quot;dq&quot; &#39;sq&#39; &amp;amp; ]]&gt;") != std::string::npos);
  // The embedded JSON reads back to the original strings.
  const std::string json = embedded_json(page);
  CHECK(json.find('<') == std::string::npos);
  CHECK(json.find("\xE2\x80\xA8") == std::string::npos);
  const auto data = nlohmann::json::parse(json);
  CHECK(data["title"] == kHostile);
  CHECK(data["checkers"][0]["failures"][0]["message"] == kHostile);
  CHECK(data["test"]["db"] == kHostile);
  CHECK_FALSE(data["checkers"][1].contains("elements"));  // never the bulky element lists
}

TEST_CASE("invalid UTF-8 from a history is replaced, never thrown") {
  auto h = invalid_history();
  h.ops[0].f = kBadUtf8;
  h.ops[7].error = kBadUtf8;
  h.ops[4].value = kBadUtf8;
  auto results = invalid_results();
  results["checkers"][0]["failures"][0]["states"] = nlohmann::json::array({kBadUtf8});
  std::string page;
  REQUIRE_NOTHROW(page = render({h, results, {{"seed", kBadUtf8}}, kBadUtf8}));
  CHECK(sanitize_utf8(page) == page);
  CHECK(page.find("\xEF\xBF\xBD") != std::string::npos);
}

TEST_CASE("without results the report has no verdict and says why") {
  const auto h = invalid_history();
  const std::string page = render({h, nullptr, nullptr, ""});
  CHECK(page.find("No results.json") != std::string::npos);
  CHECK(page.find("id=\"first-error\"") == std::string::npos);
  CHECK(page.find("<section id=\"timeline\">") != std::string::npos);
}

TEST_CASE("time plots carry what the zoom script needs") {
  using history::OpType;
  history::History h;
  h.path = "zoom.jsonl";
  h.ops = {make_op(0, 0, OpType::kInvoke, 0, "write", 1),
           make_op(1, 500000, OpType::kInvoke, 1, "read"),
           make_op(2, 500001, OpType::kOk, 1, "read", 1),
           make_op(3, 1000000, OpType::kOk, 0, "write", 1)};
  const std::string page = render({h, nullptr, nullptr, ""});
  // The time range and the plot area on x, from which the script maps a time to x.
  CHECK(page.find("id=\"timeline-plot\" data-zoom=\"x\" data-time=\"0 1000000\" "
                  "data-time-unit=\"ns\" data-plot-x=\"70.00 1110.00\"") != std::string::npos);
  CHECK(count(page, "<g class=\"x-ticks\">") == count(page, "data-zoom=\"x\""));
  // The 1 ns read is drawn 1.5 wide, and says how wide it really is.
  CHECK(page.find("id=\"op-1\" class=\"op ok\" x=\"625.00\" width=\"1.50\" "
                  "data-width=\"0.00\"") != std::string::npos);
  // Lane labels stay outside the marks that the script moves.
  CHECK(page.find("class=\"lane\"") < page.find("<g class=\"marks ops\">"));

  for (auto& op : h.ops) op.time = history::kNoTime;
  const std::string by_index = render({h, nullptr, nullptr, ""});
  CHECK(by_index.find("data-time-unit=\"op\"") != std::string::npos);
  // Ticks at whole op indexes only, however short the history: 0 to 3 in the timeline.
  const auto timeline = by_index.find("id=\"timeline-plot\"");
  const std::string plot = by_index.substr(timeline, by_index.find("</svg>", timeline) - timeline);
  CHECK(count(plot, "text-anchor=\"middle\">0</text>") == 1);
}

TEST_CASE("a history without op times plots against the op index") {
  auto h = invalid_history();
  for (auto& op : h.ops) op.time = history::kNoTime;
  const std::string page = render({h, invalid_results(), nullptr, ""});
  CHECK(page.find("does not record op times") != std::string::npos);
  CHECK(page.find("No operation has a known latency") != std::string::npos);
}

TEST_CASE("large histories are windowed and sampled, with a visible note") {
  history::History h;
  h.path = "big.jsonl";
  const int64_t n = 100000;  // operations: 2n ops
  for (int64_t i = 0; i < n; ++i) {
    const int64_t p = i % 10;
    h.ops.push_back(make_op(2 * i, i * 1000, history::OpType::kInvoke, p, "write", i));
    h.ops.push_back(make_op(2 * i + 1, i * 1000 + 500 + (i % 7) * 100,
                            i % 97 == 0 ? history::OpType::kInfo : history::OpType::kOk, p,
                            "write", i));
  }
  // Processes stay unique after info: give later ops fresh ids like Jepsen does.
  int64_t fresh = 1000;
  std::map<int64_t, int64_t> current;
  for (auto& op : h.ops) {
    auto [it, inserted] = current.emplace(op.process, op.process);
    const int64_t id = it->second;
    if (op.type == history::OpType::kInfo) it->second = fresh++;
    op.process = id;
  }
  HtmlOptions options;
  const std::string page = render({h, nullptr, nullptr, "big"}, options);
  CHECK(page.find("class=\"note window\"") != std::string::npos);
  CHECK(page.find("class=\"note sampled\"") != std::string::npos);
  CHECK(count(page, "class=\"op ") <= options.max_timeline_operations);
  CHECK(page.size() < 4u * 1024 * 1024);
}
