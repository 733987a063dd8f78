#!/usr/bin/env python3
"""Keystroke-to-diagnostics latency of `icp lsp`.

Spawns the server in a workspace, opens an ICP, waits for the first diagnostics (the data
load), then sends N edits that each change a condition value (so the engine must rescan
that column) and times each `didChange` until the `publishDiagnostics` of that version.
Prints the load time, latency percentiles and the server's resident memory.

Usage: Scripts/bench-lsp.py WORKSPACE_DIR [ICP_FILE] [--edits N] [--icp PATH_TO_BINARY]
"""
import argparse, json, os, pathlib, statistics, subprocess, time

parser = argparse.ArgumentParser()
parser.add_argument("workspace")
parser.add_argument("icp_file", nargs="?", default="midmarket-saas.icp.yaml")
parser.add_argument("--edits", type=int, default=60)
parser.add_argument("--icp", default=str(pathlib.Path(__file__).resolve().parents[1] / ".build" / "release" / "icp"))
args = parser.parse_args()

workspace = pathlib.Path(args.workspace).resolve()
path = workspace / args.icp_file
text = path.read_text(encoding="utf-8")
uri = path.as_uri()
server = subprocess.Popen([args.icp, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=workspace)

def send(message):
    body = json.dumps(message).encode()
    server.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    server.stdin.flush()

def receive():
    length = None
    while True:
        line = server.stdout.readline()
        if not line:
            raise SystemExit("server closed its output")
        if line == b"\r\n":
            break
        name, _, value = line.decode().partition(":")
        if name.lower() == "content-length":
            length = int(value)
    return json.loads(server.stdout.read(length))

def wait_diagnostics(version):
    while True:
        message = receive()
        if message.get("method") == "textDocument/publishDiagnostics" and message["params"].get("version") == version:
            return message["params"]["diagnostics"]

send({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}, "rootUri": workspace.as_uri()}})
while receive().get("id") != 1:
    pass
send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
started = time.perf_counter()
send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}}})
wait_diagnostics(1)
load = time.perf_counter() - started

# Edit the `min:` of the employees filter to a new number each time (a real rescan, never a cache hit).
lines = text.split("\n")
target = next(i for i, line in enumerate(lines) if line.strip().startswith("min:"))
column = lines[target].index("min:") + len("min: ")
old = lines[target][column:]
latencies = []
for edit in range(args.edits):
    new = str(150 + edit)
    version = edit + 2
    change = {"range": {"start": {"line": target, "character": column}, "end": {"line": target, "character": column + len(old)}}, "text": new}
    started = time.perf_counter()
    send({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}})
    wait_diagnostics(version)
    latencies.append((time.perf_counter() - started) * 1000)
    old = new

rss_kb = 0
with open(f"/proc/{server.pid}/status") as status:
    for line in status:
        if line.startswith("VmRSS:"):
            rss_kb = int(line.split()[1])
send({"jsonrpc": "2.0", "id": 2, "method": "shutdown", "params": None})
send({"jsonrpc": "2.0", "method": "exit"})
server.wait(timeout=10)

latencies.sort()
p95 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.95))]
print(f"workspace: {workspace} ({args.icp_file})")
print(f"first diagnostics (data load included): {load * 1000:.0f} ms")
print(f"keystroke -> publishDiagnostics over {len(latencies)} edits: median {statistics.median(latencies):.1f} ms  p95 {p95:.1f} ms  max {latencies[-1]:.1f} ms")
print(f"server resident memory: {rss_kb / 1024:.0f} MiB")
