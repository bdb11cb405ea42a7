#!/usr/bin/env python3
"""Loads the JUnit XML of `faultline report --junit` in a standard JUnit parser (junitparser,
Debian's python3-junitparser) and checks the testcases CI will see.

Usage: junit_check.py FAULTLINE_BINARY
"""
import json
import os
import subprocess
import sys
import tempfile

import junitparser

HOSTILE = "</script><script>alert(1)</script> \"q\" 'q' &amp; ]]> \u2028"


def write_store(root):
    ops = [
        {"index": 0, "time": 0, "type": "invoke", "process": 0, "f": "write", "key": "k1", "value": 1},
        {"index": 1, "time": 100, "type": "ok", "process": 0, "f": "write", "key": "k1", "value": 1},
        {"index": 2, "time": 200, "type": "invoke", "process": 1, "f": "read", "key": "k2", "value": None},
        {"index": 3, "time": 300, "type": "ok", "process": 1, "f": "read", "key": "k2", "value": 9},
    ]
    with open(os.path.join(root, "history.jsonl"), "w") as f:
        for op in ops:
            f.write(json.dumps(op) + "\n")
    failure = {"key": "k1", "longest_prefix": [0], "failed_op": 2, "concurrent": [2],
               "states": [1], "message": HOSTILE}
    results = {"faultline_version": "0.1.0", "history": "history.jsonl", "ops": 4,
               "verdict": "invalid", "checkers": [
                   {"checker": "linearizable", "model": "register", "verdict": "invalid",
                    "elapsed_ms": 2.0, "failures": [failure, dict(failure, key="k2")]},
                   {"checker": "set-full", "verdict": "unknown", "unknown_reason": "no reads"},
                   {"checker": "counter", "verdict": "valid"}]}
    with open(os.path.join(root, "results.json"), "w") as f:
        json.dump(results, f)
    with open(os.path.join(root, "test.json"), "w") as f:
        json.dump({"seed": 31337, "command": "faultline run --seed 31337"}, f)


def main():
    faultline = sys.argv[1]
    failures = []

    def check(cond, what):
        if not cond:
            failures.append(what)
        print(("ok   " if cond else "FAIL ") + what)

    with tempfile.TemporaryDirectory() as root:
        write_store(root)
        junit = os.path.join(root, "junit.xml")
        md = os.path.join(root, "summary.md")
        run = subprocess.run([faultline, "report", root, "--junit", junit, "--summary-md", md],
                             capture_output=True, text=True)
        check(run.returncode == 0, "faultline report exits 0 (stderr: %s)" % run.stderr.strip())
        xml = junitparser.JUnitXml.fromfile(junit)
        cases = [case for suite in xml for case in suite]
        names = [case.name for case in cases]
        check(names == ["linearizable key k1", "linearizable key k2", "set-full", "counter"],
              "one testcase per failing key and per other checker: %s" % names)
        by_name = {case.name: case for case in cases}
        k1 = by_name.get("linearizable key k1")
        result = k1.result[0] if k1 is not None and k1.result else None
        check(isinstance(result, junitparser.Failure), "invalid is a <failure>")
        check(result is not None and "seed 31337" in result.message
              and "faultline run --seed 31337" in result.message,
              "the failure message names the seed and the re-run command")
        check(result is not None and HOSTILE in result.message,
              "hostile text survives XML escaping unchanged")
        unknown = by_name.get("set-full")
        check(unknown is not None and unknown.result
              and isinstance(unknown.result[0], junitparser.Error), "unknown is an <error>")
        valid = by_name.get("counter")
        check(valid is not None and not valid.result and valid.is_passed, "valid passes")
        suite = next(iter(xml))
        check((suite.tests, suite.failures, suite.errors) == (4, 2, 1),
              "suite counts tests/failures/errors = %s" % ((suite.tests, suite.failures, suite.errors),))
        with open(md) as f:
            summary = f.read()
        check("| linearizable | register | ❌ invalid |" in summary, "Markdown summary row")

    print("%d passed, %d failed" % (9 - len(failures), len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
