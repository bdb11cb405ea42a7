#!/usr/bin/env python3
"""Real-browser tests of report.html in headless Chromium, driven over the DevTools protocol
(tests/reports/cdp.py): no console errors, no network requests, every section present with and
without JavaScript, a screenshot that is not blank, zoom and pan of the time plots that keep text
undistorted and tick labels right (zoom_check.py), and for a generated 1M-op history a page
under 20 MB that renders within 10 s.

Usage: browser_test.py FAULTLINE CASE [--screenshot OUT.png]
  CASE invalid  the report of an invalid offline check (a generated store dir)
  CASE large    a generated 1M-op history
  CASE store    the store dir named by FAULTLINE_REPORT_STORE_DIR (exit 77, skipped, if unset)
"""
import argparse
import json
import os
import pathlib
import random
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cdp  # noqa: E402
import zoom_check  # noqa: E402

SECTIONS = ["summary", "timeline", "latency", "throughput", "linearizability", "lost-writes"]
SKIP = 77
HOSTILE = "</script><script>alert(1)</script> \"q\" 'q' &amp; ]]> \u2028"


class Checks:
    def __init__(self):
        self.passed, self.failed = 0, 0

    def __call__(self, cond, what):
        print(("ok   " if cond else "FAIL ") + what, flush=True)
        if cond:
            self.passed += 1
        else:
            self.failed += 1


def write_invalid_store(root):
    """A cas-register history with a partition, a stale read on a hostile key, and results."""
    ops = []

    def op(t, type_, process, f, value=None, **extra):
        ops.append(dict(index=len(ops), time=t, type=type_, process=process, f=f, value=value, **extra))

    ms = 1_000_000
    rng = random.Random(7)
    free = [0] * 5  # when each process may invoke again: a process runs one op at a time
    clock = 0
    for i in range(60):
        p = i % 5
        clock += rng.randint(1, 3) * ms // 4
        start = max(clock, free[p])
        f = ["read", "write", "cas"][i % 3]
        value = None if f == "read" else (i % 5 if f == "write" else [i % 5, (i + 1) % 5])
        op(start, "invoke", p, f, value, key="k1")
        if i == 20:
            op(start + 1, "invoke", "nemesis", "start-partition", {"n1": ["n2", "n3"]})
        if i == 45:
            op(start + 1, "info", "nemesis", "stop-partition", None)
        done = start + rng.randint(1, 12) * ms
        outcome = "ok" if i % 11 else "fail"
        op(done, outcome, p, f, (i % 5 if f == "read" else value), key="k1",
           **({"error": HOSTILE} if outcome != "ok" else {}))
        free[p] = done + 1
    ordered = sorted(ops, key=lambda o: o["time"])
    for i, o in enumerate(ordered):
        o["index"] = i
    (root / "history.jsonl").write_text("".join(json.dumps(o) + "\n" for o in ordered))
    invokes = [o["index"] for o in ordered if o["type"] == "invoke" and o["process"] != "nemesis"]
    results = {
        "faultline_version": "0.1.0", "history": "history.jsonl", "ops": len(ordered),
        "verdict": "invalid",
        "checkers": [
            {"checker": "linearizable", "model": "cas-register", "verdict": "invalid",
             "elapsed_ms": 3.2, "partitions": {"total": 1, "valid": 0, "invalid": 1, "unknown": 0},
             "unknown_reason": None,
             "failures": [{"key": "k1", "longest_prefix": invokes[:30], "failed_op": invokes[30],
                           "concurrent": invokes[30:33], "states": [3, 4],
                           "message": "read " + HOSTILE + " cannot follow the prefix"}]},
            {"checker": "set-full", "verdict": "invalid",
             "counts": {"stable": 40, "lost": 2, "never-read": 1, "stale": 1, "unexpected": 0,
                        "duplicated": 0},
             "elements": [{"element": e, "outcome": oc, "add_invoke": invokes[e],
                           "add_time": ordered[invokes[e]]["time"],
                           "known_time": ordered[invokes[e]]["time"] + 3 * ms,
                           "stable_latency_ns": None, "lost_latency_ns": 5 * ms}
                          for e, oc in [(3, "lost"), (9, "lost"), (14, "stale"), (20, "never-read")]]}]}
    (root / "results.json").write_text(json.dumps(results))
    (root / "test.json").write_text(json.dumps(
        {"name": "cas-register", "db": "etcd", "workload": "cas-register", "nemesis": "partition",
         "time_limit_s": 60, "concurrency": 5, "seed": 20240611, "checker": "linearizable",
         "model": "cas-register"}))


def write_large_store(root, operations=500_000):
    """1M ops: 500k operations over 20 processes, with info ops, and a partition."""
    rng = random.Random(1)
    lines, index, t = [], 0, 0
    process = list(range(20))
    fresh = 20
    for i in range(operations):
        slot = i % 20
        p = process[slot]
        t += rng.randint(1000, 3000)
        f = "read" if i % 2 else "write"
        lines.append('{"index":%d,"time":%d,"type":"invoke","process":%d,"f":"%s","key":%d,"value":%s}\n'
                     % (index, t, p, f, i % 50, "null" if f == "read" else i))
        index += 1
        if i == operations // 3:
            lines.append('{"index":%d,"time":%d,"type":"info","process":"nemesis","f":"start-partition","value":["n1"]}\n' % (index, t))
            index += 1
        if i == 2 * operations // 3:
            lines.append('{"index":%d,"time":%d,"type":"info","process":"nemesis","f":"stop-partition","value":null}\n' % (index, t))
            index += 1
        typ = "info" if i % 499 == 0 else "ok"
        lines.append('{"index":%d,"time":%d,"type":"%s","process":%d,"f":"%s","key":%d,"value":%d}\n'
                     % (index, t + rng.randint(100, 900), typ, p, f, i % 50, i))
        index += 1
        if typ == "info":
            process[slot] = fresh
            fresh += 1
    (root / "history.jsonl").write_text("".join(lines))
    (root / "results.json").write_text(json.dumps({
        "faultline_version": "0.1.0", "history": "history.jsonl", "ops": index, "verdict": "valid",
        "checkers": [{"checker": "linearizable", "model": "register", "verdict": "valid",
                      "elapsed_ms": 900.0, "partitions": {"total": 50, "valid": 50, "invalid": 0,
                                                         "unknown": 0}, "failures": []}]}))
    return index


def check_page(check, report, screenshot=None, max_seconds=None):
    browser = cdp.Browser()
    try:
        browser.open_page()
        url = report.resolve().as_uri()
        seconds = browser.navigate(url, timeout=120)
        print("loaded and painted in %.2f s" % seconds)
        if max_seconds is not None:
            check(seconds < max_seconds, "renders within %d s (%.2f s)" % (max_seconds, seconds))
        time.sleep(0.5)  # late console messages
        missing = browser.evaluate("%s.filter(id => !document.getElementById(id))" % json.dumps(SECTIONS))
        check(missing == [], "every section is present: missing %s" % missing)
        check(browser.evaluate("document.querySelectorAll('svg.plot').length") >= 3,
              "the time plots are inline SVG")
        check(browser.evaluate("document.documentElement.getAttribute('data-verdict') !== null "
                               "|| !document.getElementById('faultline-data').textContent.includes('\"verdict\":\"')"),
              "the script ran and read the embedded data")
        png = browser.screenshot_png()
        if screenshot:
            pathlib.Path(screenshot).write_bytes(png)
            print("screenshot: %s (%d bytes)" % (screenshot, len(png)))
        mean, var, colours = cdp.luminance_stats(png)
        check(var > 100 and colours > 8,
              "the screenshot is not blank (grey variance %.0f, %d colours)" % (var, colours))
        zoom_check.check_zoom(check, browser)
        # The same page with JavaScript disabled: still every section and its SVG.
        no_script = cdp.Browser(extra_flags=["--blink-settings=scriptEnabled=false"])
        try:
            no_script.open_page()
            no_script.navigate(url, timeout=120, paint=False)
            dom = no_script.outer_html()
        finally:
            no_script.close()
        check(all('<section id="%s">' % s in dom for s in SECTIONS)
              and "data-verdict=" not in dom and "<svg" in dom,
              "without JavaScript the page still has every section and its SVG")
        errors = [c for c in browser.console if c[0] in ("error", "exception", "assert", "warning")]
        check(errors == [], "no console errors: %s" % errors[:5])
        foreign = [u for u in browser.requests if u != url]
        check(foreign == [], "no network requests besides the page: %s" % foreign[:5])
    finally:
        browser.close()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("faultline")
    parser.add_argument("case", choices=["invalid", "large", "store"])
    parser.add_argument("--screenshot")
    args = parser.parse_args()
    check = Checks()
    work = pathlib.Path(tempfile.mkdtemp(prefix="faultline-browser-"))
    try:
        if args.case == "store":
            source = os.environ.get("FAULTLINE_REPORT_STORE_DIR")
            if not source:
                print("FAULTLINE_REPORT_STORE_DIR is not set: skipped")
                return SKIP
            store = work / "store"
            shutil.copytree(source, store)
        else:
            store = work / "store"
            store.mkdir()
            if args.case == "invalid":
                write_invalid_store(store)
            else:
                start = time.monotonic()
                n = write_large_store(store)
                print("generated %d ops in %.1f s" % (n, time.monotonic() - start))
        start = time.monotonic()
        run = subprocess.run([args.faultline, "report", str(store)], capture_output=True, text=True)
        print("faultline report: exit %d in %.1f s %s" % (run.returncode, time.monotonic() - start,
                                                          run.stderr.strip()))
        check(run.returncode == 0, "faultline report exits 0")
        report = store / "report.html"
        size = report.stat().st_size if report.exists() else 0
        print("report.html: %.2f MB" % (size / 1e6))
        if args.case == "large":
            check(0 < size < 20_000_000, "the report of 1M ops is under 20 MB")
        check_page(check, report, args.screenshot, max_seconds=10 if args.case == "large" else None)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("%d passed, %d failed" % (check.passed, check.failed))
    return 1 if check.failed else 0


if __name__ == "__main__":
    sys.exit(main())
