"""The server's memory over pipes: what it has read and handled is given back. A client that
sends faster than the server handles fills the pipe, not the server (robustness.md)."""
import json
import pathlib
import subprocess
import threading
import time

from conftest import ICP

# The bound the documentation states: resident memory after the flood, whatever its size.
BOUND_MB = 120


def rss_mb(pid):
    for line in pathlib.Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) // 1024
    raise AssertionError("no VmRSS")


class Flood:
    def __init__(self, folder):
        self.process = subprocess.Popen([ICP, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=folder)
        self.responses = {}
        self.lock = threading.Condition()
        threading.Thread(target=self.read, daemon=True).start()

    def read(self):
        stream = self.process.stdout
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    return
                if line == b"\r\n":
                    break
                name, _, value = line.decode().partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            message = json.loads(stream.read(length))
            if "id" in message and "method" not in message:
                with self.lock:
                    self.responses[message["id"]] = message
                    self.lock.notify_all()

    def send(self, message):
        body = json.dumps(message).encode()
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def request(self, request_id, method, params):
        self.send({"jsonrpc": "2.0", "id": request_id, "method": method, "params": params})
        self.process.stdin.flush()
        deadline = time.time() + 120
        with self.lock:
            while request_id not in self.responses and time.time() < deadline:
                self.lock.wait(1)
        return self.responses.get(request_id)


def test_floods_of_messages_and_edits_leave_memory_bounded(tmp_path):
    (tmp_path / "icp.workspace.yaml").write_text("datasets:\n  accounts: accounts.csv\n")
    (tmp_path / "accounts.csv").write_text("id,employees\n" + "".join(f"{i},{i * 7 % 900}\n" for i in range(2000)))
    uri = (tmp_path / "m.icp.yaml").as_uri()
    server = Flood(tmp_path)
    try:
        assert "result" in server.request(1, "initialize", {"capabilities": {}})
        server.send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
        server.send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
            "uri": uri, "languageId": "yaml", "version": 1, "text": "icp: m\nparameters:\n  - {field: employees, mode: filter, min: 5}\n"}}})
        assert "result" in server.request(2, "textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 2, "character": 12}})
        start = rss_mb(server.process.pid)
        pad = "x" * 100_000
        for _ in range(10_000):
            server.send({"jsonrpc": "2.0", "method": "$/unknownNotification", "params": {"pad": pad}})
        for version in range(2, 10_002):
            server.send({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{"text": f"icp: m\nparameters:\n  - {{field: employees, mode: filter, min: {version % 500}}}\n# {pad[:100]}\n"}]}})
        answer = server.request(3, "textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 2, "character": 12}})
        assert answer is not None and "result" in answer, answer
        after = rss_mb(server.process.pid)
        print(f"rss: {start} MB before, {after} MB after 10,000 messages of 100 KB and 10,000 edits")
        assert after <= BOUND_MB, f"{after} MB after the flood (started at {start} MB)"
    finally:
        server.process.kill()
        server.process.wait()
