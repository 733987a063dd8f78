#!/usr/bin/env python3
"""Time `icp check` on ever larger ICP files, to show that it stays linear.

Each shape (a long `in:` list, many filters, many score parameters, one-line minified JSON)
is generated at n, 2n and 4n; a linear tool takes about twice as long for twice the input,
a quadratic one four times. Beside each time stands the time PyYAML's C loader (or json for
JSON) takes only to parse the same file: a peer measured in the same run, so the ratio means
something on a noisy machine. The ICPs run on the built-in sample, so data checks run too.

    swift build -c release && python3 Scripts/bench-large-icp.py [--icp .build/release/icp] [--runs 3]
"""
import argparse
import json
import os
import statistics
import subprocess
import tempfile
import time

import yaml

try:
    from yaml import CSafeLoader as Loader
except ImportError:  # no libyaml: the pure-Python loader is a slower peer, say so
    from yaml import SafeLoader as Loader
    print("note: PyYAML without libyaml; the peer column is the pure-Python loader")


def in_list(n):
    values = ", ".join(f"v{i}" for i in range(n))
    return f"icp: big\nparameters:\n  - field: industry\n    mode: filter\n    in: [{values}]\n", "yaml"


def filters(n):
    rows = "".join(f"  - field: employees\n    mode: filter\n    min: {i}\n" for i in range(n))
    return "icp: big\nparameters:\n" + rows, "yaml"


def scores(n):
    rows = "".join(f"  - field: industry\n    mode: score\n    is: v{i}\n" for i in range(n))
    return "icp: big\nparameters:\n" + rows, "yaml"


def minified_json(n):
    document = {"icp": "big", "parameters": [{"field": "industry", "mode": "filter", "in": [f"v{i}" for i in range(n)]}]}
    return json.dumps(document, separators=(",", ":")), "json"


SHAPES = [("in: list of n values", in_list, 16_000), ("n filter parameters", filters, 4_000),
          ("n score parameters", scores, 10_000), ("minified JSON, n values", minified_json, 32_000)]


def timed(command, runs):
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def peer(text, kind, runs):
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        json.loads(text) if kind == "json" else yaml.load(text, Loader=Loader)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--icp", default=".build/release/icp")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    icp = os.path.abspath(args.icp)
    baseline = None
    print(f"{'shape':28} {'n':>7} {'size':>9} {'icp check':>10} {'x prev':>7} {'peer parse':>11} {'icp/peer':>9}")
    with tempfile.TemporaryDirectory() as folder:
        empty = os.path.join(folder, "empty.icp.yaml")
        with open(empty, "w") as handle:
            handle.write("icp: small\nparameters:\n  - {field: industry, mode: filter, is: Software}\n")
        baseline = timed([icp, "check", empty], args.runs)
        print(f"{'(start-up, sample loaded)':28} {'':>7} {'':>9} {baseline:9.2f}s")
        for label, make, n in SHAPES:
            previous = None
            for size in (n, 2 * n, 4 * n):
                text, kind = make(size)
                path = os.path.join(folder, f"big.icp.{kind}")
                with open(path, "w") as handle:
                    handle.write(text)
                seconds = timed([icp, "check", path], args.runs)
                parse = peer(text, kind, args.runs)
                growth = f"{seconds / previous:6.2f}x" if previous else ""
                print(f"{label:28} {size:7d} {len(text) / 1e6:8.2f}M {seconds:9.2f}s {growth:>7} {parse:10.3f}s {seconds / parse:8.1f}x")
                previous = seconds
                os.remove(path)


if __name__ == "__main__":
    main()
