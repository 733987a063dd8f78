import Foundation
import Testing

/// Numbers and frames an attacker would send to `icp lsp`, over pipes to the built binary:
/// the server answers, stays up, answers a hover afterwards, and exits 0 after shutdown + exit.
struct LSPEdgeTests {
    private static let uri = LSPEndToEndTests.uri

    private func session(encoding: String?) throws -> LSPSession {
        let session = try LSPSession()
        let general: [String: Any] = encoding.map { ["positionEncodings": [$0]] } ?? [:]
        let response = try session.request(1, "initialize", ["capabilities": ["general": general]])
        let negotiated = ((response["result"] as? [String: Any])?["capabilities"] as? [String: Any])?["positionEncoding"] as? String
        #expect(negotiated == (encoding ?? "utf-16"))
        try session.send(["jsonrpc": "2.0", "method": "initialized", "params": [:]])
        try session.send(["jsonrpc": "2.0", "method": "textDocument/didOpen", "params": ["textDocument": ["uri": Self.uri, "languageId": "yaml", "version": 1, "text": LSPEndToEndTests.text]]])
        _ = try session.diagnostics(Self.uri, version: 1)
        return session
    }

    private func hoverText(_ session: LSPSession, id: Int) throws -> String {
        let hover = try session.request(id, "textDocument/hover", ["textDocument": ["uri": Self.uri], "position": ["line": 2, "character": 7]])
        return ((hover["result"] as? [String: Any])?["contents"] as? [String: Any])?["value"] as? String ?? ""
    }

    private func shutDownCleanly(_ session: LSPSession) throws {
        #expect(try session.request(900, "shutdown", NSNull())["result"] is NSNull)
        try session.send(["jsonrpc": "2.0", "method": "exit"])
        session.process.waitUntilExit()
        #expect(session.process.terminationReason == .exit)
        #expect(session.process.terminationStatus == 0)
    }

    /// `character: Int.max` once crashed the server in UTF-8 (an overflow converting it to an offset).
    @Test(arguments: ["utf-8", "utf-32", nil as String?])
    func extremePositionsAreClampedInEveryEncoding(encoding: String?) throws {
        let session = try session(encoding: encoding)
        let extremes: [[String: Int]] = [
            ["line": 1, "character": Int.max], ["line": Int.max, "character": Int.max],
            ["line": Int.min, "character": Int.min], ["line": 0, "character": -1],
        ]
        var id = 10
        for position in extremes {
            for method in ["textDocument/hover", "textDocument/completion"] {
                id += 1
                let response = try session.request(id, method, ["textDocument": ["uri": Self.uri], "position": position])
                #expect(response["error"] == nil, "\(method) at \(position)")
            }
            id += 1
            let range = ["start": position, "end": position]
            #expect(try session.request(id, "textDocument/inlayHint", ["textDocument": ["uri": Self.uri], "range": range])["error"] == nil)
            id += 1
            #expect(try session.request(id, "textDocument/codeAction", ["textDocument": ["uri": Self.uri], "range": range, "context": ["diagnostics": []]])["error"] == nil)
        }
        // An edit at the far end appends to the last line; the document stays what the client sent plus the edit.
        try session.send(["jsonrpc": "2.0", "method": "textDocument/didChange", "params": [
            "textDocument": ["uri": Self.uri, "version": Int.max],
            "contentChanges": [["range": ["start": ["line": Int.max, "character": Int.max], "end": ["line": Int.max, "character": Int.max]], "text": "\n# Zürich 🚀\n"]],
        ]])
        #expect(try session.diagnostics(Self.uri, version: Int.max).isEmpty)
        // No version now: the server's own count must not overflow past Int.max.
        try session.send(["jsonrpc": "2.0", "method": "textDocument/didChange", "params": [
            "textDocument": ["uri": Self.uri], "contentChanges": [["text": LSPEndToEndTests.text]],
        ]])
        #expect(try hoverText(session, id: 500).contains("records qualify"))
        try shutDownCleanly(session)
    }

    /// A `Content-Length` of 70 MB with no body once made the server discard every later message.
    @Test func anOversizedFrameDoesNotSwallowTheMessagesAfterIt() throws {
        let session = try session(encoding: nil)
        session.sendRaw(Data("Content-Length: 70000000\r\n\r\n".utf8))
        let hover = try session.request(2, "textDocument/hover", ["textDocument": ["uri": Self.uri], "position": ["line": 2, "character": 7]])
        #expect(hover["error"] == nil)
        // A real oversized body (past the limit) is skipped whole, and the next message is read.
        session.sendRaw(Data("Content-Length: 67108865\r\n\r\n".utf8) + Data(repeating: UInt8(ascii: " "), count: 67_108_865))
        #expect(try hoverText(session, id: 3).contains("records qualify"))
        try shutDownCleanly(session)
    }

    /// Cancellations of ids never sent are not kept; the server keeps answering.
    @Test func cancellationsForUnknownIdsAreHarmless() throws {
        let session = try session(encoding: nil)
        for id in 0..<2_000 {
            try session.send(["jsonrpc": "2.0", "method": "$/cancelRequest", "params": ["id": 1_000_000 + id]])
        }
        #expect(try hoverText(session, id: 2).contains("records qualify"))
        try shutDownCleanly(session)
    }
}
