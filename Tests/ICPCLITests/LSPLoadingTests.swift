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

/// What a client sends first, right after `didOpen`, or with optional fields left out (issue:
/// clients without refresh support showed no counts and cached an empty completion).
struct LSPEarlyRequestTests {
    /// Requests that need data, sent before it is read, by a client declaring no refresh
    /// support: each is answered with the data, and a hover sent between them at once.
    @Test func requestsSentBeforeTheDataIsInAreAnsweredWithIt() throws {
        let rows = 300_000
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("icp-early-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // 300,000 accounts in 1,000 categories: `Category 0977` is rare, far outside the 200 most frequent.
        var csv = Array("id,category,employees\n".utf8)
        for row in 0..<rows {
            let category = row % 3 == 0 ? 977 + (row / 3) % 23 : (row % 300)
            csv += Array("A\(row),Category \(String(format: "%04d", category)),\(row % 5000)\n".utf8)
        }
        csv += Array("R1,Bioinformatics,12\n".utf8)
        try Data(csv).write(to: folder.appendingPathComponent("accounts.csv"))
        try "datasets:\n  accounts: accounts.csv\n".write(to: folder.appendingPathComponent("icp.workspace.yaml"), atomically: true, encoding: .utf8)
        let file = folder.appendingPathComponent("early.icp.yaml")
        let text = "icp: early\nparameters:\n  - field: employees\n    mode: filter\n    min: 100\n  - field: category\n    mode: score\n    in: [Bio]\n"
        try text.write(to: file, atomically: true, encoding: .utf8)
        let uri = file.absoluteString

        let session = try LSPSession(folder: folder)
        _ = try session.request(1, "initialize", ["processId": NSNull(), "rootUri": folder.absoluteString, "capabilities": [:],
                                                  "initializationOptions": ["icp": ["cache": false]]])
        try session.send(["jsonrpc": "2.0", "method": "initialized", "params": [:]])
        try session.send(["jsonrpc": "2.0", "method": "textDocument/didOpen", "params": ["textDocument": ["uri": uri, "languageId": "yaml", "version": 1, "text": text]]])
        let document = ["uri": uri]
        try session.send(["jsonrpc": "2.0", "id": 2, "method": "textDocument/inlayHint", "params": ["textDocument": document, "range": ["start": ["line": 0, "character": 0], "end": ["line": 9, "character": 0]]]])
        try session.send(["jsonrpc": "2.0", "id": 3, "method": "textDocument/codeLens", "params": ["textDocument": document]])
        try session.send(["jsonrpc": "2.0", "id": 4, "method": "textDocument/completion", "params": ["textDocument": document, "position": ["line": 7, "character": 11]]])
        try session.send(["jsonrpc": "2.0", "id": 5, "method": "icp/preview", "params": ["textDocument": document]])
        try session.send(["jsonrpc": "2.0", "id": 6, "method": "textDocument/hover", "params": ["textDocument": document, "position": ["line": 0, "character": 1]]])

        var answers: [Int: [String: Any]] = [:]
        var order: [Int] = []
        while answers.count < 5, let message = try session.receive() {
            if let id = message["id"] as? Int, message["method"] == nil {
                answers[id] = message
                order.append(id)
            }
        }
        #expect(order.first == 6, "the hover is answered first, at once: \(order)")
        let hover = ((answers[6]?["result"] as? [String: Any])?["contents"] as? [String: Any])?["value"] as? String ?? ""
        #expect(hover.contains("Loading data"), "\(hover)")
        let hints = answers[2]?["result"] as? [[String: Any]] ?? []
        #expect(hints.count == 2, "inlay hints with the data: \(String(describing: answers[2]))")
        let lenses = answers[3]?["result"] as? [[String: Any]] ?? []
        #expect(((lenses.first?["command"] as? [String: Any])?["title"] as? String)?.contains("qualified") == true, "\(lenses)")
        let completion = answers[4]?["result"] as? [String: Any]
        let labels = (completion?["items"] as? [[String: Any]] ?? []).compactMap { $0["label"] as? String }
        #expect(labels.first == "Bioinformatics", "a value outside the 200 most frequent, by its prefix: \(labels.prefix(5))")
        let preview = answers[5]?["result"] as? [String: Any]
        #expect((preview?["total"] as? Int) == rows + 1, "\(String(describing: answers[5]))")

        // Completion of an empty value: the 200 most frequent, marked incomplete (there are more).
        let all = try session.request(7, "textDocument/completion", ["textDocument": document, "position": ["line": 7, "character": 8]])
        #expect(((all["result"] as? [String: Any])?["isIncomplete"] as? Bool) == true, "\(all)")
        _ = try session.request(8, "shutdown", NSNull())
        try session.send(["jsonrpc": "2.0", "method": "exit"])
        session.process.waitUntilExit()
    }

    /// ALE sends back only range, code and message; other servers' diagnostics carry numeric codes.
    @Test func aCodeActionContextWithTrimmedOrForeignDiagnosticsIsAnswered() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("icp-ale-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("ale.icp.yaml")
        let text = "icp: ale\nparameters:\n  - field: employees\n    mode: filter\n    min: 100\n    weight: 3\n"
        try text.write(to: file, atomically: true, encoding: .utf8)
        let uri = file.absoluteString
        let session = try LSPSession(folder: folder)
        _ = try session.request(1, "initialize", ["processId": NSNull(), "capabilities": ["textDocument": ["hover": ["contentFormat": ["plaintext", "markdown"]]]]])
        try session.send(["jsonrpc": "2.0", "method": "initialized", "params": [:]])
        try session.send(["jsonrpc": "2.0", "method": "textDocument/didOpen", "params": ["textDocument": ["uri": uri, "languageId": "yaml", "version": 1, "text": text]]])
        let range = ["start": ["line": 5, "character": 4], "end": ["line": 5, "character": 13]]
        let context: [String: Any] = ["diagnostics": [
            ["range": range, "code": "weight-ignored", "message": "ignored"],
            ["range": range, "code": 42, "severity": 2, "source": "yaml-language-server", "message": "another server"],
        ]]
        let answer = try session.request(2, "textDocument/codeAction", ["textDocument": ["uri": uri], "range": range, "context": context])
        let titles = (answer["result"] as? [[String: Any]] ?? []).compactMap { $0["title"] as? String }
        #expect(titles.contains("Remove the ignored weight"), "\(answer)")
        let quickfixes = try session.request(3, "textDocument/codeAction", ["textDocument": ["uri": uri], "range": range, "context": ["diagnostics": [], "only": ["quickfix"]]])
        let kinds = (quickfixes["result"] as? [[String: Any]] ?? []).compactMap { $0["kind"] as? String }
        #expect(!kinds.isEmpty && kinds.allSatisfy { $0 == "quickfix" }, "\(kinds)")
        // A client that prefers plain text gets the count on the first line, without markdown.
        let hover = try session.request(4, "textDocument/hover", ["textDocument": ["uri": uri], "position": ["line": 0, "character": 1]])
        let contents = (hover["result"] as? [String: Any])?["contents"] as? [String: Any]
        let value = contents?["value"] as? String ?? ""
        #expect(contents?["kind"] as? String == "plaintext")
        #expect(value.split(separator: "\n").first?.contains("records qualify") == true && !value.contains("**") && !value.contains("`"), "\(value)")
        _ = try session.request(5, "shutdown", NSNull())
        try session.send(["jsonrpc": "2.0", "method": "exit"])
        session.process.waitUntilExit()
    }
}
