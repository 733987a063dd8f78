import Foundation
import Testing

/// Bad input thrown at a running `icp lsp`: each case gets an error response or a diagnostic,
/// and the server goes on serving (checked with a hover after every case).
struct LSPFaultTests {
    private static let uri = LSPEndToEndTests.uri

    private func startedSession() throws -> LSPSession {
        let session = try LSPSession()
        _ = try session.request(1, "initialize", ["capabilities": [:]])
        try session.send(["jsonrpc": "2.0", "method": "initialized", "params": [:]])
        try session.send(["jsonrpc": "2.0", "method": "textDocument/didOpen", "params": ["textDocument": ["uri": Self.uri, "languageId": "yaml", "version": 1, "text": LSPEndToEndTests.text]]])
        _ = try session.diagnostics(Self.uri, version: 1)
        return session
    }

    /// The server still answers a real request correctly.
    private func stillServing(_ session: LSPSession, id: Int) throws {
        let hover = try session.request(id, "textDocument/hover", ["textDocument": ["uri": Self.uri], "position": ["line": 2, "character": 7]])
        let text = ((hover["result"] as? [String: Any])?["contents"] as? [String: Any])?["value"] as? String ?? ""
        #expect(text.contains("records qualify"), "request \(id) after a fault")
    }

    private func errorCode(_ response: [String: Any]) -> Int? {
        (response["error"] as? [String: Any])?["code"] as? Int
    }

    @Test func garbageFramesAndMalformedMessages() throws {
        let session = try startedSession()
        var id = 100
        let garbage: [Data] = [
            Data("Content-Length: abc\r\n\r\n".utf8),
            Data("Content-Length: -5\r\n\r\n".utf8),
            Data("no header at all\r\n\r\n".utf8),
            Data([0x00, 0xFF, 0x13, 0x37, 0xC3, 0x28]) + Data("\r\n\r\n".utf8),
            Data("Content-Length: 99999999999999999999\r\n\r\n".utf8),
        ]
        for frame in garbage {
            session.sendRaw(frame)
            id += 1
            try stillServing(session, id: id)
        }
        // Bodies that frame correctly but are not JSON-RPC requests.
        let bodies: [(Data, Int)] = [
            (Data("{not json".utf8), -32700),
            (Data([0x7B, 0x22, 0xC3, 0x28, 0x22, 0x3A, 0x31, 0x7D]), -32700),
            (Data("[1, 2, 3]".utf8), -32600),
            (Data("42".utf8), -32600),
            (Data(#"{"jsonrpc": "2.0", "id": 7, "method": 5}"#.utf8), -32600),
        ]
        for (body, code) in bodies {
            session.sendRaw(Data("Content-Length: \(body.count)\r\n\r\n".utf8) + body)
            let answer = try session.receive { $0["error"] != nil }
            #expect(answer.map(errorCode) == code, "\(String(decoding: body, as: UTF8.self))")
            id += 1
            try stillServing(session, id: id)
        }
        #expect(try session.request(200, "shutdown", NSNull())["result"] is NSNull)
        try session.send(["jsonrpc": "2.0", "method": "exit"])
        session.process.waitUntilExit()
        #expect(session.process.terminationStatus == 0)
    }

    @Test func badRequestsGetErrorsNotCrashes() throws {
        let session = try startedSession()
        #expect(errorCode(try session.request(10, "textDocument/hover", ["textDocument": 12])) == -32602)
        #expect(errorCode(try session.request(11, "textDocument/hover", ["textDocument": ["uri": "file:///never/opened.icp.yaml"], "position": ["line": 0, "character": 0]])) == -32602)
        let pastEnd = try session.request(12, "textDocument/hover", ["textDocument": ["uri": Self.uri], "position": ["line": 99_999, "character": 99_999]])
        #expect(pastEnd["error"] == nil)
        let negative = try session.request(13, "textDocument/completion", ["textDocument": ["uri": Self.uri], "position": ["line": -4, "character": -1]])
        #expect(negative["error"] == nil)
        // An inlay-hint request without its range is answered for the whole document; without a document, -32602.
        #expect(try session.request(14, "textDocument/inlayHint", ["textDocument": ["uri": Self.uri]])["result"] is [Any])
        #expect(errorCode(try session.request(16, "textDocument/inlayHint", ["range": ["start": ["line": 0, "character": 0], "end": ["line": 1, "character": 0]]])) == -32602)
        try session.send(["jsonrpc": "2.0", "method": "textDocument/didChange", "params": ["textDocument": ["uri": "file:///never/opened.icp.yaml", "version": 2], "contentChanges": [["text": "x"]]]])
        try session.send(["jsonrpc": "2.0", "method": "textDocument/didChange", "params": ["nonsense": true]])
        try stillServing(session, id: 15)
        session.closeInput()
        session.process.waitUntilExit()
    }

    @Test(arguments: [
        ("five-megabytes", "icp: big\n# " + String(repeating: "Zürich 🚀 ", count: 400_000) + "\nparameters:\n  - {field: industry, mode: exclude, is: Gambling}\n", nil as String?),
        ("deep-yaml", String(repeating: "[", count: 200_000) + String(repeating: "]", count: 200_000), "syntax"),
        ("deep-json", String(repeating: "{\"a\":", count: 200_000) + "1" + String(repeating: "}", count: 200_000), "syntax"),
        ("nuls-tabs-emoji", "icp: x\u{0}\u{0}\n\tname: 👩‍💻\u{0}\nparameters: [\t🚀\t]\n", "syntax"),
        ("nine-megabytes", String(repeating: "# padding padding padding\n", count: 400_000), "syntax"),
    ])
    func hostileDocumentsGetDiagnostics(name: String, text: String, code: String?) throws {
        let session = try startedSession()
        let fileName = name.hasPrefix("deep-json") ? "\(name).icp.json" : "\(name).icp.yaml"
        let uri = "file:///tmp/icp-fault/\(fileName)"
        try session.send(["jsonrpc": "2.0", "method": "textDocument/didOpen", "params": ["textDocument": ["uri": uri, "languageId": "yaml", "version": 1, "text": text]]])
        let diagnostics = try session.diagnostics(uri, version: 1)
        if let code {
            #expect(diagnostics.contains { $0["code"] as? String == code }, "\(name): \(diagnostics.prefix(2))")
        }
        let hover = try session.request(20, "textDocument/hover", ["textDocument": ["uri": uri], "position": ["line": 0, "character": 1]])
        #expect(hover["error"] == nil)
        try stillServing(session, id: 21)
        session.closeInput()
        session.process.waitUntilExit()
    }
}

/// Broken datasets through the CLI: each a `dataset` error naming file and line, never a crash.
struct DatasetFaultTests {
    @Test(arguments: [
        ("unclosed", Data("id,industry\n1,Software\n2,\"Fintech\n3,Retail\n".utf8), "accounts.csv:3: a quoted field opened on this line is never closed"),
        ("ragged", Data("id,industry\n1,Software\n2,Fintech,extra\n".utf8), "accounts.csv:3: this row has 3 fields but the header has 2"),
        ("latin1", Data("id,industry\n1,Z".utf8) + Data([0xFC]) + Data("rich\n".utf8), "accounts.csv:2: this line is not UTF-8: the file looks like a single-byte encoding"),
        ("empty", Data(), "accounts.csv: the file is empty"),
        ("duplicate", Data("id,industry,id\n1,a,2\n".utf8), "accounts.csv:1: the column name `id` appears twice"),
        ("huge-field", Data("id,industry\n1,".utf8) + Data(repeating: UInt8(ascii: "x"), count: 2 * 1024 * 1024) + Data("\n".utf8), "accounts.csv:2: a field of 2048 KB starts on this line"),
        ("folder", Data(), "accounts.csv: is a folder, not a file"),
    ])
    func brokenDatasetsAreReportedWithFileAndLine(name: String, content: Data, message: String) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("icp-dataset-fault-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "datasets:\n  accounts: accounts.csv\n".write(to: folder.appendingPathComponent("icp.workspace.yaml"), atomically: true, encoding: .utf8)
        try "icp: x\nparameters:\n  - {field: industry, mode: exclude, is: Gambling}\n".write(to: folder.appendingPathComponent("x.icp.yaml"), atomically: true, encoding: .utf8)
        let dataset = folder.appendingPathComponent("accounts.csv")
        if name == "folder" { try FileManager.default.createDirectory(at: dataset, withIntermediateDirectories: true) } else { try content.write(to: dataset) }
        let result = try CLIEndToEndTests.icp(["check", "."], in: folder)
        #expect(result.status == 1)
        #expect(result.stdout.contains("icp.workspace.yaml:2:13: error: \(message)"), "\(result.stdout)")
        #expect(result.stdout.contains("[dataset]"))
        let preview = try CLIEndToEndTests.icp(["preview", "."], in: folder)
        #expect(preview.status == 1 && preview.stderr.contains(message))
    }
}
