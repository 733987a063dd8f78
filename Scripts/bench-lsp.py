#!/usr/bin/env python3
"""Keystroke-to-diagnostics latency of `icp lsp`.

Spawns the server in a workspace, opens an ICP, waits for the diagnostics with data (the data
load), then sends N edits that each change a condition value (so the engine must rescan
that column) and times each `didChange` until the `publishDiagnostics` of that version.
Prints the load time, latency percentiles and the server's resident memory.

Usage: Scripts/bench-lsp.py WORKSPACE_DIR [ICP_FILE] [--edits N] [--icp PATH_TO_BINARY]
"""
import argparse, pathlib, statistics, sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from lspclient import Server

parser = argparse.ArgumentParser()
parser.add_argument("workspace")
parser.add_argument("icp_file", nargs="?", default="midmarket-saas.icp.yaml")
parser.add_argument("--edits", type=int, default=60)
parser.add_argument("--icp", default=str(pathlib.Path(__file__).resolve().parents[1] / ".build" / "release" / "icp"))
args = parser.parse_args()


if __name__ == "__main__":
    workspace = pathlib.Path(args.workspace).resolve()
    path = workspace / args.icp_file
    server = Server(args.icp, workspace)
    first, loaded = server.open(path)
    latencies = server.keystrokes(path, args.edits)
    rss = server.resident_mib()
    server.close()
    p95 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.95))]
    print(f"workspace: {workspace} ({args.icp_file})")
    print(f"first diagnostics (no data yet): {first * 1000:.0f} ms; with data (load included): {loaded * 1000:.0f} ms")
    print(f"keystroke -> publishDiagnostics over {len(latencies)} edits: median {statistics.median(latencies):.1f} ms  p95 {p95:.1f} ms  max {latencies[-1]:.1f} ms")
    print(f"server resident memory: {rss:.0f} MiB")
