"""A small client of `icp lsp` for the benchmarks: framed JSON-RPC over the server's pipes."""
import json, pathlib, subprocess, time


class Server:
    def __init__(self, binary, workspace, settings=None):
        self.workspace = pathlib.Path(workspace).resolve()
        self.process = subprocess.Popen([binary, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=self.workspace)
        self.next_id = 100
        capabilities = {"window": {"workDoneProgress": True}}
        self.request("initialize", {"capabilities": capabilities, "rootUri": self.workspace.as_uri(), "initializationOptions": settings or {}})
        self.notify("initialized", {})

    def send(self, message):
        body = json.dumps(message).encode()
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def receive(self):
        length = None
        while True:
            line = self.process.stdout.readline()
            if not line:
                raise SystemExit("the server closed its output")
            if line == b"\r\n":
                break
            name, _, value = line.decode().partition(":")
            if name.lower() == "content-length":
                length = int(value)
        return json.loads(self.process.stdout.read(length))

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def request(self, method, params):
        """Sends a request and returns its response (messages before it are dropped)."""
        self.next_id += 1
        request_id = self.next_id
        self.send({"jsonrpc": "2.0", "id": request_id, "method": method, "params": params})
        while True:
            message = self.receive()
            if message.get("id") == request_id and "method" not in message:
                return message

    def open(self, path, version=1):
        """Opens an ICP file; returns (seconds to the first diagnostics, seconds to those with data)."""
        path = pathlib.Path(path)
        started = time.perf_counter()
        self.notify("textDocument/didOpen", {"textDocument": {"uri": path.as_uri(), "languageId": "yaml", "version": version, "text": path.read_text(encoding="utf-8")}})
        first = None
        loading = set()
        while True:
            message = self.receive()
            method = message.get("method")
            if method == "$/progress":
                token, kind = message["params"]["token"], message["params"]["value"]["kind"]
                if kind == "begin":
                    loading.add(token)
                elif kind == "end":
                    loading.discard(token)
            elif method == "textDocument/publishDiagnostics" and message["params"].get("version") == version:
                first = first or time.perf_counter() - started
                if not loading:
                    return first, time.perf_counter() - started

    def keystrokes(self, path, edits, first_version=2):
        """Latencies (ms, sorted) of `edits` changes to the first `min:` of the open file, each to a
        new number (so the engine really rescans the column), from didChange to its diagnostics."""
        path = pathlib.Path(path)
        lines = path.read_text(encoding="utf-8").split("\n")
        target = next(i for i, line in enumerate(lines) if line.strip().startswith("min:"))
        column = lines[target].index("min:") + len("min: ")
        old = lines[target][column:]
        latencies = []
        for edit in range(edits):
            new = str(150 + edit)
            version = first_version + edit
            change = {"range": {"start": {"line": target, "character": column}, "end": {"line": target, "character": column + len(old)}}, "text": new}
            started = time.perf_counter()
            self.notify("textDocument/didChange", {"textDocument": {"uri": path.as_uri(), "version": version}, "contentChanges": [change]})
            self.wait_diagnostics(version)
            latencies.append((time.perf_counter() - started) * 1000)
            old = new
        return sorted(latencies)

    def wait_diagnostics(self, version):
        while True:
            message = self.receive()
            if message.get("method") == "textDocument/publishDiagnostics" and message["params"].get("version") == version:
                return message["params"]["diagnostics"]

    def wait_log(self, prefix):
        while True:
            message = self.receive()
            if message.get("method") == "window/logMessage" and message["params"]["message"].startswith(prefix):
                return message["params"]["message"]

    def resident_mib(self):
        with open(f"/proc/{self.process.pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        return 0.0

    def close(self):
        self.request("shutdown", None)
        self.notify("exit", None)
        self.process.wait(timeout=30)
