import Foundation
import Testing

/// Spawns `icp lsp` and speaks framed JSON-RPC to it over pipes, as an editor does.
final class LSPSession: @unchecked Sendable {
    let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    /// What the server wrote and is not consumed yet, filled by a reader thread; `ended` at end of output.
    private let arrived = NSCondition()
    private var buffer = Data()
    private var ended = false
    /// How long a test waits for the next message before it fails: a server that stops
    /// answering fails the test instead of hanging it.
    static let deadline: TimeInterval = 60

    struct NoMessage: Error, CustomStringConvertible {
        let description: String
    }

    init(folder: URL = CLIEndToEndTests.packageRoot) throws {
        process.executableURL = CLIEndToEndTests.executable
        process.arguments = ["lsp"]
        process.currentDirectoryURL = folder
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let reading = output.fileHandleForReading
        Thread.detachNewThread { [self] in
            while true {
                let chunk = reading.availableData
                arrived.lock()
                if chunk.isEmpty { ended = true } else { buffer.append(chunk) }
                arrived.broadcast()
                arrived.unlock()
                if chunk.isEmpty { return }
            }
        }
    }

    func sendRaw(_ data: Data) {
        input.fileHandleForWriting.write(data)
    }

    func send(_ object: [String: Any]) throws {
        let body = try JSONSerialization.data(withJSONObject: object)
        sendRaw(Data("Content-Length: \(body.count)\r\n\r\n".utf8) + body)
    }

    func closeInput() {
        try? input.fileHandleForWriting.close()
    }

    /// The next message, or nil at end of output; throws when none comes within ``deadline``.
    func receive() throws -> [String: Any]? {
        let limit = Date(timeIntervalSinceNow: Self.deadline)
        arrived.lock()
        defer { arrived.unlock() }
        while true {
            if let separator = buffer.range(of: Data("\r\n\r\n".utf8)) {
                let header = String(decoding: buffer[buffer.startIndex..<separator.lowerBound], as: UTF8.self)
                let length = Int(header.split(separator: ":").last?.trimmingCharacters(in: .whitespaces) ?? "") ?? 0
                let start = separator.upperBound
                if buffer.distance(from: start, to: buffer.endIndex) >= length {
                    let body = buffer[start..<buffer.index(start, offsetBy: length)]
                    buffer = Data(buffer[buffer.index(start, offsetBy: length)...])
                    return try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any]
                }
            }
            if ended { return nil }
            guard arrived.wait(until: limit) else { throw NoMessage(description: "icp lsp sent nothing for \(Int(Self.deadline)) s") }
        }
    }

    /// Reads until the response to `id`, returning it and the notifications before it.
    func response(to id: Int) throws -> (response: [String: Any], notifications: [[String: Any]]) {
        var notifications: [[String: Any]] = []
        while let message = try receive() {
            if message["method"] == nil, message["id"] as? Int == id { return (message, notifications) }
            notifications.append(message)
        }
        throw NoMessage(description: "icp lsp ended before answering request \(id)")
    }

    func request(_ id: Int, _ method: String, _ params: Any) throws -> [String: Any] {
        try send(["jsonrpc": "2.0", "id": id, "method": method, "params": params])
        return try response(to: id).response
    }

    /// Reads until diagnostics for `uri` with `version` arrive; throws when the server ends first
    /// (an empty list from a dead server must not pass for "no findings").
    func diagnostics(_ uri: String, version: Int) throws -> [[String: Any]] {
        while let message = try receive() {
            guard message["method"] as? String == "textDocument/publishDiagnostics", let params = message["params"] as? [String: Any],
                  params["uri"] as? String == uri, params["version"] as? Int == version else { continue }
            return params["diagnostics"] as? [[String: Any]] ?? []
        }
        throw NoMessage(description: "icp lsp ended before publishing diagnostics for \(uri) version \(version)")
    }
}

struct LSPEndToEndTests {
    static let uri = CLIEndToEndTests.packageRoot.appendingPathComponent("fixtures/icps/midmarket-saas.icp.yaml").absoluteString
    static let text = (try? String(contentsOf: CLIEndToEndTests.packageRoot.appendingPathComponent("fixtures/icps/midmarket-saas.icp.yaml"), encoding: .utf8)) ?? ""

    private func start() throws -> LSPSession {
        let session = try LSPSession()
        let initialized = try session.request(1, "initialize", ["processId": NSNull(), "rootUri": CLIEndToEndTests.packageRoot.absoluteString, "capabilities": [:]])
        #expect((initialized["result"] as? [String: Any])?["capabilities"] != nil)
        try session.send(["jsonrpc": "2.0", "method": "initialized", "params": [:]])
        try session.send(["jsonrpc": "2.0", "method": "textDocument/didOpen", "params": ["textDocument": ["uri": Self.uri, "languageId": "yaml", "version": 1, "text": Self.text]]])
        return session
    }

    @Test func aWholeSessionOverPipes() throws {
        let session = try start()
        #expect(try session.diagnostics(Self.uri, version: 1).isEmpty)

        // Type a typo into the `mode` of the first parameter (line 12, "    mode: filter").
        try session.send(["jsonrpc": "2.0", "method": "textDocument/didChange", "params": [
            "textDocument": ["uri": Self.uri, "version": 2],
            "contentChanges": [["range": ["start": ["line": 12, "character": 10], "end": ["line": 12, "character": 16]], "text": "filtr"]],
        ]])
        let broken = try session.diagnostics(Self.uri, version: 2)
        #expect(broken.contains { ($0["message"] as? String)?.contains("did you mean `filter`?") == true })

        let hover = try session.request(2, "textDocument/hover", ["textDocument": ["uri": Self.uri], "position": ["line": 2, "character": 7]])
        let hoverText = ((hover["result"] as? [String: Any])?["contents"] as? [String: Any])?["value"] as? String ?? ""
        #expect(hoverText.contains("records qualify"))

        let completion = try session.request(3, "textDocument/completion", ["textDocument": ["uri": Self.uri], "position": ["line": 12, "character": 12]])
        let items = ((completion["result"] as? [String: Any])?["items"] as? [[String: Any]]) ?? []
        #expect(items.compactMap { $0["label"] as? String } == ["filter", "score", "exclude"])

        // Undo the typo; hints and lens come back with counts.
        try session.send(["jsonrpc": "2.0", "method": "textDocument/didChange", "params": [
            "textDocument": ["uri": Self.uri, "version": 3], "contentChanges": [["text": Self.text]],
        ]])
        #expect(try session.diagnostics(Self.uri, version: 3).isEmpty)
        let hints = try session.request(4, "textDocument/inlayHint", ["textDocument": ["uri": Self.uri], "range": ["start": ["line": 0, "character": 0], "end": ["line": 99, "character": 0]]])
        #expect(((hints["result"] as? [[String: Any]]) ?? []).count == 8)
        let lenses = try session.request(5, "textDocument/codeLens", ["textDocument": ["uri": Self.uri]])
        let title = (((lenses["result"] as? [[String: Any]])?.first?["command"]) as? [String: Any])?["title"] as? String ?? ""
        #expect(title.contains("qualified"))
        let preview = try session.request(6, "icp/preview", ["textDocument": ["uri": Self.uri]])
        #expect((preview["result"] as? [String: Any])?["qualified"] as? Int == 381, "the same count as icp preview on the sample")
        let actions = try session.request(7, "textDocument/codeAction", ["textDocument": ["uri": Self.uri], "range": ["start": ["line": 12, "character": 10], "end": ["line": 12, "character": 10]], "context": ["diagnostics": []]])
        #expect(((actions["result"] as? [[String: Any]]) ?? []).contains { ($0["title"] as? String)?.hasPrefix("Make this filter a score") == true })

        #expect(try session.request(8, "shutdown", NSNull())["result"] is NSNull)
        try session.send(["jsonrpc": "2.0", "method": "exit"])
        session.process.waitUntilExit()
        #expect(session.process.terminationStatus == 0)
    }

    @Test func garbageIsAnsweredAndTheServerKeepsServing() throws {
        let session = try start()
        session.sendRaw(Data("Content-Length: 12\r\n\r\n{not json!!}".utf8))
        let parseError = try session.receive { $0["error"] != nil }
        #expect((parseError?["error"] as? [String: Any])?["code"] as? Int == -32700)
        session.sendRaw(Data("Content-Type: nothing\r\n\r\n".utf8))
        session.sendRaw(Data([0xFF, 0xFE, 0x00, 0x01]))
        session.sendRaw(Data("\r\n\r\n".utf8))
        try session.send(["jsonrpc": "2.0", "id": 9, "method": "no/such/method"])
        #expect(((try session.response(to: 9).response["error"]) as? [String: Any])?["code"] as? Int == -32601)
        let hover = try session.request(10, "textDocument/hover", ["textDocument": ["uri": Self.uri], "position": ["line": 2, "character": 7]])
        #expect(hover["result"] is [String: Any])
        // Input ending mid-frame ends the process promptly, with 1 (no shutdown).
        session.sendRaw(Data("Content-Length: 100\r\n\r\n{\"jsonrpc\"".utf8))
        session.closeInput()
        session.process.waitUntilExit()
        #expect(session.process.terminationStatus == 1)
    }
}

extension LSPSession {
    /// The next message matching `predicate`.
    func receive(where predicate: ([String: Any]) -> Bool) throws -> [String: Any]? {
        while let message = try receive() {
            if predicate(message) { return message }
        }
        return nil
    }
}
