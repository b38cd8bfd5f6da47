#!/usr/bin/python3
"""Reads a JUnit file the way a CI server's reader does (Debian's python3-junitparser) and
prints what it understood, one JSON object per line, for tests/reports/junit_test.cpp to
compare with what ipmict wrote.

Per suite: the counts the suite's attributes declare, and the counts junitparser derives
from the <testcase> elements themselves (update_statistics), so a writer whose attributes
disagree with its elements is caught. Then one line per test case with its result kind.

Exit codes: 0 read, 3 junitparser is not installed, 4 the file does not parse.
"""
import json
import sys

try:
    from junitparser import JUnitXml, TestSuite, Failure, Error, Skipped
except ImportError as e:  # pragma: no cover - reported to the test as a skip reason
    print(f"junitparser not importable: {e}", file=sys.stderr)
    sys.exit(3)


def suites_of(xml):
    # A file whose root is <testsuites> iterates suites; one whose root is <testsuite> is one.
    if isinstance(xml, TestSuite):
        return [xml]
    return list(xml)


def main(path):
    try:
        xml = JUnitXml.fromfile(path)
    except Exception as e:  # junitparser raises lxml/ElementTree errors of several kinds
        print(f"{path}: {e}", file=sys.stderr)
        return 4
    for suite in suites_of(xml):
        declared = {"tests": suite.tests, "failures": suite.failures, "errors": suite.errors,
                    "skipped": suite.skipped}
        suite.update_statistics()
        derived = {"tests": suite.tests, "failures": suite.failures, "errors": suite.errors,
                   "skipped": suite.skipped}
        props = {p.name: p.value for p in suite.properties()}
        print(json.dumps({"suite": suite.name, "timestamp": suite.timestamp, "declared": declared,
                          "derived": derived, "properties": props}))
        for case in suite:
            kinds = []
            for r in case.result:
                if isinstance(r, Failure):
                    kinds.append({"kind": "failure", "type": r.type, "message": r.message, "text": r.text})
                elif isinstance(r, Error):
                    kinds.append({"kind": "error", "type": r.type, "message": r.message, "text": r.text})
                elif isinstance(r, Skipped):
                    kinds.append({"kind": "skipped", "type": r.type, "message": r.message})
            print(json.dumps({"case": case.name, "classname": case.classname, "time": case.time,
                              "results": kinds, "system_out": case.system_out}))
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print("usage: junit_consumer.py FILE.xml", file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1]))
