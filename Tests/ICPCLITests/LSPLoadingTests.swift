import Foundation
import Testing

/// Over pipes, with a dataset large enough that reading it takes a while: the server answers
/// while it reads, and publishes diagnostics twice (without data at once, with data after).
struct LSPLoadingTests {
    /// A workspace of `rows` accounts, written directly (the sample generator is slow in debug builds).
    private static func workspace(rows: Int) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("icp-loading-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let industries = ["Software", "Retail", "Fintech", "Healthcare", "Logistics"]
        var csv = Array("id,industry,employees,note\n".utf8)
        csv.reserveCapacity(rows * 48)
        for row in 0..<rows {
            csv += Array("A\(row),\(industries[row % industries.count]),\(row % 5000),\"note \(row % 97), with a comma\"\n".utf8)
        }
        try Data(csv).write(to: folder.appendingPathComponent("accounts.csv"))
        try "datasets:\n  accounts: accounts.csv\n".write(to: folder.appendingPathComponent("icp.workspace.yaml"), atomically: true, encoding: .utf8)
        return folder
    }

    @Test func aHoverIsAnsweredWhileDataLoadsAndDiagnosticsComeInTwoSteps() throws {
        let rows = 300_000
        let folder = try Self.workspace(rows: rows)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("big.icp.yaml")
        // `industy` is a misspelled column: only the data can tell; `min_score` above 100 is wrong without data.
        let text = "icp: big\nparameters:\n  - field: industy\n    mode: filter\n    is: software\n  - field: employees\n    mode: score\n    min: 100\nmin_score: 120\n"
        try text.write(to: file, atomically: true, encoding: .utf8)
        let uri = file.absoluteString

        let session = try LSPSession(folder: folder)
        _ = try session.request(1, "initialize", ["processId": NSNull(), "rootUri": folder.absoluteString, "capabilities": ["window": ["workDoneProgress": true]],
                                                  "initializationOptions": ["icp": ["cache": false]]])
        try session.send(["jsonrpc": "2.0", "method": "initialized", "params": [:]])
        try session.send(["jsonrpc": "2.0", "method": "textDocument/didOpen", "params": ["textDocument": ["uri": uri, "languageId": "yaml", "version": 1, "text": text]]])
        try session.send(["jsonrpc": "2.0", "id": 2, "method": "textDocument/hover", "params": ["textDocument": ["uri": uri], "position": ["line": 0, "character": 1]]])

        // Everything up to the second publishDiagnostics, in the order it came.
        var messages: [[String: Any]] = []
        var published: [[[String: Any]]] = []
        while published.count < 2, let message = try session.receive() {
            messages.append(message)
            if message["method"] as? String == "textDocument/publishDiagnostics", let params = message["params"] as? [String: Any], params["uri"] as? String == uri {
                published.append(params["diagnostics"] as? [[String: Any]] ?? [])
            }
        }
        try #require(published.count == 2)
        let codes = published.map { $0.compactMap { $0["code"] as? String } }
        #expect(codes[0].contains("schema") && !codes[0].contains("unknown-field"), "first step: the checks that need no data \(codes[0])")
        #expect(codes[1].contains("schema") && codes[1].contains("unknown-field"), "second step: with the data \(codes[1])")

        let hoverIndex = try #require(messages.firstIndex { $0["id"] as? Int == 2 && $0["method"] == nil })
        let secondIndex = try #require(messages.lastIndex { $0["method"] as? String == "textDocument/publishDiagnostics" })
        #expect(hoverIndex < secondIndex, "the hover is answered before the data is in")
        let hover = ((messages[hoverIndex]["result"] as? [String: Any])?["contents"] as? [String: Any])?["value"] as? String ?? ""
        #expect(hover.contains("Loading data"), "\(hover)")

        let progress = messages.filter { $0["method"] as? String == "$/progress" }.compactMap { ($0["params"] as? [String: Any])?["value"] as? [String: Any] }
        #expect(progress.first?["kind"] as? String == "begin")
        #expect(progress.last?["kind"] as? String == "end")
        let logs = messages.filter { $0["method"] as? String == "window/logMessage" }.compactMap { ($0["params"] as? [String: Any])?["message"] as? String }
        #expect(logs.contains { $0.contains("Loaded 300,000 rows") }, "\(logs)")

        // With the data in, the hover has figures and no loading note.
        let after = try session.request(3, "textDocument/hover", ["textDocument": ["uri": uri], "position": ["line": 5, "character": 12]])
        let figures = ((after["result"] as? [String: Any])?["contents"] as? [String: Any])?["value"] as? String ?? ""
        #expect(!figures.contains("Loading data"), "\(figures)")
        #expect(try session.request(4, "shutdown", NSNull())["result"] is NSNull)
        try session.send(["jsonrpc": "2.0", "method": "exit"])
        session.process.waitUntilExit()
    }
}
