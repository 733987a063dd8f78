import Foundation
import Testing
@testable import ICPLanguage
@testable import ICPEngine
@testable import ICPBuilders
@testable import ICPInsights
@testable import ICPLanguageServer

/// The editor's builders and quick fixes as a careless user meets them: requests sent before
/// the data is in, codes taken by closed files, edits that must not damage the file, storms
/// of notifications.
struct TrustServerTests {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("icp-trust-lsp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "datasets:\n  accounts: accounts.csv\n".write(to: url("icp.workspace.yaml"), atomically: true, encoding: .utf8)
        let rows = (1...400).map { "a\($0),\($0 % 2 == 0 ? "Software" : "Retail"),\($0 * 5),\($0 % 3 == 0 ? "aws" : "gcp")" }
        try ("id,industry,employees,tech_stack\n" + rows.joined(separator: "\n") + "\n").write(to: url("accounts.csv"), atomically: true, encoding: .utf8)
    }

    private func url(_ name: String) -> URL { folder.appendingPathComponent(name) }

    private func command(_ client: TestClient, _ name: String, _ arguments: [JSONValue]) async -> JSONValue {
        await client.request("workspace/executeCommand", .object(["command": .string(name), "arguments": .array(arguments)]))
    }

    /// The documented path (Neovim's `:IcpDraft` in a new buffer): an empty document, nothing read yet.
    @Test func aDraftIntoAnEmptyDocumentWaitsForTheDataAndAvoidsCodesOfClosedFiles() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try "icp: draft\nparameters:\n  - {field: industry, mode: filter, in: [Software]}\n".write(to: url("old.icp.yaml"), atomically: true, encoding: .utf8)
        let client = TestClient()
        _ = await client.initialize()
        let uri = url("new.icp.yaml").absoluteString
        await client.open(uri, "")
        let response = await command(client, LanguageServer.draftCommand, [.string("software companies using aws"), .string(uri)])
        #expect(response["error"] == nil, "\(response)")
        let text = try #require(response["result"]?["text"]?.stringValue)
        #expect(text.contains("icp: draft-2\n"), "\(text)")
        #expect(text.contains("- field: industry") && text.contains("- field: tech_stack"), "\(text)")
    }

    @Test func theEditorsRefineChecksItsResultAsTheCommandLineDoes() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let client = TestClient()
        _ = await client.initialize()
        let uri = url("r.icp.yaml").absoluteString
        await client.open(uri, "icp: r\nparameters:\n  - field: employees\n    mode: filter\n    min: 1000\n    max: 1500\n")
        let response = await command(client, LanguageServer.refineCommand, [.string(uri), .string("set the size cap to 499")])
        #expect(response["error"]?["message"]?.stringValue?.contains("the refined file would have an error (line 5: `min` (1000) is greater than `max` (499)") == true, "\(response)")
        #expect(!client.messages.contains { $0["method"]?.stringValue == "workspace/applyEdit" })
    }

    /// Removing the filter that blocks everything removes that item, whatever the layout.
    @Test(arguments: [
        ("o.icp.json", "{\"icp\": \"o\", \"parameters\": [{\"field\": \"industry\", \"mode\": \"filter\", \"in\": [\"Software\"]}, {\"field\": \"employees\", \"mode\": \"filter\", \"min\": 99999}]}\n",
         "{\"icp\": \"o\", \"parameters\": [{\"field\": \"industry\", \"mode\": \"filter\", \"in\": [\"Software\"]}]}\n"),
        ("f.icp.yaml", "icp: f\nparameters: [{field: industry, mode: filter, in: [Software]}, {field: employees, mode: filter, min: 99999}]\n",
         "icp: f\nparameters: [{field: industry, mode: filter, in: [Software]}]\n"),
        ("m.icp.json", "{\n  \"icp\": \"m\",\n  \"parameters\": [\n    {\"field\": \"employees\", \"mode\": \"filter\", \"min\": 99999},\n    {\"field\": \"industry\", \"mode\": \"filter\", \"in\": [\"Software\"]}\n  ]\n}\n",
         "{\n  \"icp\": \"m\",\n  \"parameters\": [\n    {\"field\": \"industry\", \"mode\": \"filter\", \"in\": [\"Software\"]}\n  ]\n}\n"),
    ])
    func theBlockingFilterQuickFixRemovesTheItemNotTheLine(name: String, text: String, expected: String) async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let client = TestClient()
        _ = await client.initialize(capabilities: .object(["workspace": .object(["workspaceEdit": .object(["documentChanges": .bool(true)])])]))
        let uri = url(name).absoluteString
        await client.open(uri, text, version: 7)
        let diagnostics = client.diagnostics(uri)?["diagnostics"]?.arrayValue ?? []
        let zero = try #require(diagnostics.first { $0["code"]?.stringValue == "zero-qualified" }, "\(diagnostics)")
        let actions = await client.codeActions(uri, at: try #require(zero["range"]?["start"]), diagnostics: .array([zero]))
        let removal = try #require(actions.first { $0["title"]?.stringValue?.hasPrefix("Remove the filter on `employees`") == true }, "\(actions)")
        // Versioned: a client whose text has moved on refuses it.
        let change = try #require(removal["edit"]?["documentChanges"]?.arrayValue?.first)
        #expect(change["textDocument"]?["version"]?.intValue == 7)
        let edit = try #require(change["edits"]?.arrayValue?.first)
        let source = SourceText(text)
        let start = PositionEncoding(unit: .utf16).offset(LSPPosition(line: edit["range"]?["start"]?["line"]?.intValue ?? 0, character: edit["range"]?["start"]?["character"]?.intValue ?? 0), in: source)
        let end = PositionEncoding(unit: .utf16).offset(LSPPosition(line: edit["range"]?["end"]?["line"]?.intValue ?? 0, character: edit["range"]?["end"]?["character"]?.intValue ?? 0), in: source)
        let result = TextChange.apply([TextChange(start: start, end: end, text: edit["newText"]?.stringValue ?? "")], to: text)
        #expect(result == expected)
    }

    /// A thousand watched-file events arriving together are one refresh, not a thousand.
    @Test func aStormOfWatchedFileEventsIsOneRefresh() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let client = TestClient()
        _ = await client.initialize()
        let uri = url("s.icp.yaml").absoluteString
        await client.open(uri, "icp: s\nparameters:\n  - {field: industry, mode: filter, in: [Software]}\n")
        let before = client.messages.count
        let event = JSONValue.object(["changes": .array([.object(["uri": .string(url("other.icp.yaml").absoluteString), "type": .int(2)])])])
        for index in 0..<1_000 {
            _ = await client.server.handle(.notification(method: "workspace/didChangeWatchedFiles", params: event), moreWaiting: index < 999)
        }
        await client.server.waitUntilIdle()
        let published = client.messages.dropFirst(before).filter { $0["method"]?.stringValue == "textDocument/publishDiagnostics" }
        #expect(published.count == 1, "\(published.count) analyses for one storm")
        let hover = await client.request("textDocument/hover", TestClient.document(uri, at: TestClient.position(2, 12)))
        #expect(hover["result"]?["contents"] != nil, "\(hover)")
    }

    /// Toggling `cache` again and again never stacks reads of the same file: a read for old
    /// settings is cancelled, and no new one starts until it has stopped (each read says so
    /// with a `$/progress` begin).
    @Test func settingsToggledManyTimesReadTheDataOnce() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let rows = (1...200_000).map { "a\($0),\($0 % 2 == 0 ? "Software" : "Retail"),\($0 % 900),aws" }
        try ("id,industry,employees,tech_stack\n" + rows.joined(separator: "\n") + "\n").write(to: url("accounts.csv"), atomically: true, encoding: .utf8)
        let client = TestClient()
        _ = await client.initialize(capabilities: .object(["window": .object(["workDoneProgress": .bool(true)])]))
        let uri = url("t.icp.yaml").absoluteString
        _ = await client.server.handle(.notification(method: "textDocument/didOpen", params: .object(["textDocument": .object([
            "uri": .string(uri), "languageId": .string("yaml"), "version": .int(1), "text": .string("icp: t\nparameters:\n  - {field: industry, mode: filter, in: [Software]}\n"),
        ])])))
        for index in 0..<200 {
            let settings = JSONValue.object(["settings": .object(["icp": .object(["cache": .bool(index % 2 == 0)])])])
            _ = await client.server.handle(.notification(method: "workspace/didChangeConfiguration", params: settings))
        }
        await client.server.waitUntilIdle()
        let begins = client.messages.filter { $0["method"]?.stringValue == "$/progress" && $0["params"]?["value"]?["kind"]?.stringValue == "begin" }
        #expect(begins.count <= 20, "\(begins.count) reads started for 200 toggles")
        let hover = await client.request("textDocument/hover", TestClient.document(uri, at: TestClient.position(2, 12)))
        #expect(hover["result"]?["contents"]?["value"]?.stringValue?.contains("of 200,000") == true, "\(hover)")
    }

    /// A data file replaced while it is being read: the change is noticed when the read ends, and
    /// the new data read (it used to be dropped, and the old data served until the next change).
    @Test func aDataFileChangedDuringItsReadIsReadAgain() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let rows = (1...300_000).map { "a\($0),Retail,\($0 % 900),gcp" }
        try ("id,industry,employees,tech_stack\n" + rows.joined(separator: "\n") + "\n").write(to: url("accounts.csv"), atomically: true, encoding: .utf8)
        let client = TestClient()
        _ = await client.initialize()
        let uri = url("c.icp.yaml").absoluteString
        _ = await client.server.handle(.notification(method: "textDocument/didOpen", params: .object(["textDocument": .object([
            "uri": .string(uri), "languageId": .string("yaml"), "version": .int(1), "text": .string("icp: c\nparameters:\n  - {field: industry, mode: filter, in: [Software]}\n"),
        ])])))
        // Once the read has counted rows, the file is replaced and the client says so.
        while let progress = await client.server.loads.values.first?.progress, progress.snapshot.rows == 0 {
            try await Task.sleep(for: .milliseconds(2))
        }
        try "id,industry,employees,tech_stack\n1,Software,5,aws\n2,Software,6,aws\n3,Retail,7,gcp\n".write(to: url("accounts.csv"), atomically: true, encoding: .utf8)
        let event = JSONValue.object(["changes": .array([.object(["uri": .string(url("accounts.csv").absoluteString), "type": .int(2)])])])
        _ = await client.server.handle(.notification(method: "workspace/didChangeWatchedFiles", params: event))
        await client.server.waitUntilIdle()
        let hover = await client.request("textDocument/hover", TestClient.document(uri, at: TestClient.position(2, 12)))
        #expect(hover["result"]?["contents"]?["value"]?.stringValue?.contains("of 3 ") == true, "\(hover)")
    }

    /// Optional fields left out, or required ones a client skips, are not a -32602.
    @Test func requestsWithFieldsLeftOutAreAnswered() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let client = TestClient()
        _ = await client.initialize()
        let uri = url("o.icp.yaml").absoluteString
        await client.open(uri, "icp: o\nparameters:\n  - field: employees\n    mode: filter\n    min: 100\n    weight: 2\n")
        let document = JSONValue.object(["uri": .string(uri)])
        let hints = await client.request("textDocument/inlayHint", .object(["textDocument": document]))
        #expect(hints["result"]?.arrayValue?.count == 1, "\(hints)")
        let range = JSONValue.object(["start": TestClient.position(5, 4), "end": TestClient.position(5, 13)])
        for context: JSONValue? in [nil, .string("garbage"), .object(["diagnostics": .array([.object(["code": .int(42), "message": .string("x")])]), "only": .int(3)])] {
            var params: [String: JSONValue] = ["textDocument": document, "range": range]
            if let context { params["context"] = context }
            let actions = await client.request("textDocument/codeAction", .object(params))
            #expect(actions["result"]?.arrayValue?.contains { $0["title"]?.stringValue == "Remove the ignored weight" } == true, "\(actions)")
        }
    }
}
