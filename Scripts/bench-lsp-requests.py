#!/usr/bin/env python3
"""Request latency of `icp lsp` while and after its data loads, as lsp-mode drives it.

Opens an ICP in a workspace and, from the moment of `didOpen`, sends a hover every 25 ms on
the `icp` line until the data is in (its progress ends) and for 3 s after; then moves the
cursor down and up the file line by line, asking for code actions at each line (lsp-mode asks
on every move), after an edit each round (the proposal and widenings of the new version are
worked out off the actor again). Prints percentiles of each.

Usage: Scripts/bench-lsp-requests.py WORKSPACE_DIR [ICP_FILE] [--rounds N] [--icp BINARY]
Make a workspace with: icp sample --accounts 300000 --seed 1 --out /tmp/w300k
"""
import argparse, pathlib, statistics, sys, time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from lspclient import Server

parser = argparse.ArgumentParser()
parser.add_argument("workspace")
parser.add_argument("icp_file", nargs="?", default="midmarket-saas.icp.yaml")
parser.add_argument("--rounds", type=int, default=4)
parser.add_argument("--icp", default=str(pathlib.Path(__file__).resolve().parents[1] / ".build" / "release" / "icp"))
args = parser.parse_args()


def percentiles(name, values):
    values = sorted(values)
    if not values:
        print(f"{name}: none")
        return
    p95 = values[min(len(values) - 1, int(len(values) * 0.95))]
    print(f"{name}: n={len(values)}  median {statistics.median(values):.1f} ms  p95 {p95:.1f} ms  max {values[-1]:.1f} ms")


class Driver(Server):
    def ask(self, method, params):
        """Sends a request, reads until its answer, noting progress; returns (ms, answer)."""
        self.next_id += 1
        request_id = self.next_id
        started = time.perf_counter()
        self.send({"jsonrpc": "2.0", "id": request_id, "method": method, "params": params})
        while True:
            message = self.receive()
            self.note(message)
            if message.get("id") == request_id and "method" not in message:
                return (time.perf_counter() - started) * 1000, message

    def note(self, message):
        if message.get("method") == "$/progress":
            kind = message["params"]["value"]["kind"]
            if kind == "begin":
                self.loading += 1
            elif kind == "end":
                self.loading -= 1
                self.loaded_at = time.perf_counter()


if __name__ == "__main__":
    workspace = pathlib.Path(args.workspace).resolve()
    path = workspace / args.icp_file
    text = path.read_text(encoding="utf-8")
    uri = path.as_uri()
    server = Driver(args.icp, workspace)
    server.loading, server.loaded_at = 0, None
    opened = time.perf_counter()
    server.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}})
    during, after = [], []
    hover = {"textDocument": {"uri": uri}, "position": {"line": next(i for i, l in enumerate(text.split("\n")) if l.startswith("icp:")), "character": 6}}
    while True:
        ms, _ = server.ask("textDocument/hover", hover)
        if server.loaded_at is None:
            during.append(ms)
        else:
            after.append(ms)
            if time.perf_counter() - server.loaded_at > 3:
                break
        if time.perf_counter() - opened > 600:
            break
        time.sleep(0.025)
    load = (server.loaded_at or time.perf_counter()) - opened
    lines = text.split("\n")
    target = next(i for i, line in enumerate(lines) if line.strip().startswith("min:"))
    column = lines[target].index("min:") + len("min: ")
    old = lines[target][column:]
    first, actions = [], []
    for round in range(args.rounds):
        new = str(150 + round)
        change = {"range": {"start": {"line": target, "character": column}, "end": {"line": target, "character": column + len(old)}}, "text": new}
        server.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2 + round}, "contentChanges": [change]})
        old = new
        order = list(range(len(lines))) + list(reversed(range(len(lines))))
        for step, line in enumerate(order):
            ms, _ = server.ask("textDocument/codeAction", {"textDocument": {"uri": uri}, "range": {"start": {"line": line, "character": 2}, "end": {"line": line, "character": 2}},
                                                           "context": {"diagnostics": []}})
            (first if step == 0 else actions).append(ms)
    rss = server.resident_mib()
    server.close()
    print(f"workspace: {workspace} ({args.icp_file}); data in after {load:.1f} s")
    percentiles("hover during the load", during)
    percentiles("hover in the 3 s after the load", after)
    percentiles("code action, first after an edit", first)
    percentiles("code action on every cursor move", actions)
    print(f"server resident memory: {rss:.0f} MiB")
