import Foundation
import Testing
@testable import ICPLanguage
@testable import ICPEngine
@testable import ICPBuilders
@testable import ICPInsights
@testable import ICPLanguageServer
@testable import ICPDataset

/// Lifecycle, errors, positions and document sync, in process.
struct ProtocolTests {
    @Test func requestsBeforeInitializeAreRefused() async {
        let client = TestClient()
        let response = await client.request("textDocument/hover", TestClient.document("file:///x.icp.yaml", at: TestClient.position(0, 0)))
        #expect(response["error"]?["code"]?.intValue == ErrorCode.serverNotInitialized.rawValue)
    }

    @Test func positionEncodingIsNegotiated() async {
        #expect(await TestClient().initialize()["result"]?["capabilities"]?["positionEncoding"]?.stringValue == "utf-16")
        #expect(await TestClient().initialize(encodings: ["utf-16", "utf-8"])["result"]?["capabilities"]?["positionEncoding"]?.stringValue == "utf-8")
        #expect(await TestClient().initialize(encodings: ["utf-32", "utf-16"])["result"]?["capabilities"]?["positionEncoding"]?.stringValue == "utf-32")
    }

    /// Every provider advertised has its method answered (Zed logs "method not found" otherwise),
    /// and every method answered is advertised.
    @Test func everyAdvertisedProviderIsImplemented() async {
        let methods: [String: [String]] = [
            "hoverProvider": ["textDocument/hover"], "completionProvider": ["textDocument/completion"],
            "inlayHintProvider": ["textDocument/inlayHint"], "codeLensProvider": ["textDocument/codeLens"],
            "codeActionProvider": ["textDocument/codeAction"], "documentSymbolProvider": ["textDocument/documentSymbol"],
            "definitionProvider": ["textDocument/definition"], "referencesProvider": ["textDocument/references"],
            "foldingRangeProvider": ["textDocument/foldingRange"], "workspaceSymbolProvider": ["workspace/symbol"],
            "renameProvider": ["textDocument/prepareRename", "textDocument/rename"],
            "documentFormattingProvider": ["textDocument/formatting"], "documentRangeFormattingProvider": ["textDocument/rangeFormatting"],
            "selectionRangeProvider": ["textDocument/selectionRange"], "documentLinkProvider": ["textDocument/documentLink"],
            "semanticTokensProvider": ["textDocument/semanticTokens/full", "textDocument/semanticTokens/full/delta"],
            "executeCommandProvider": ["workspace/executeCommand"],
            "diagnosticProvider": ["textDocument/diagnostic", "workspace/diagnostic"],
        ]
        let pulling: JSONValue = .object(["textDocument": .object(["diagnostic": .object([:])]), "workspace": .object(["diagnostics": .object(["refreshSupport": .bool(true)])])])
        let capabilities = await TestClient().initialize(capabilities: pulling)["result"]?["capabilities"]?.objectValue ?? [:]
        let advertised = capabilities.keys.filter { $0.hasSuffix("Provider") }
        #expect(Set(advertised) == Set(methods.keys), "\(advertised.sorted())")
        for method in advertised.flatMap({ methods[$0] ?? [] }) {
            #expect(LanguageServer.routes[method] != nil, "\(method) is advertised and not answered")
        }
        let answered = Set(LanguageServer.routes.keys).subtracting(["icp/preview"])
        #expect(answered == Set(methods.values.joined()), "\(answered.subtracting(methods.values.joined()))")
    }

    @Test func unknownMethodsInvalidParamsAndUnopenedDocuments() async {
        let client = TestClient()
        _ = await client.initialize()
        #expect(await client.request("textDocument/typeDefinition", .object([:]))["error"]?["code"]?.intValue == ErrorCode.methodNotFound.rawValue)
        #expect(await client.request("textDocument/rename", .object([:]))["error"]?["code"]?.intValue == ErrorCode.invalidParams.rawValue)
        #expect(await client.request("textDocument/hover", .object(["textDocument": .int(3)]))["error"]?["code"]?.intValue == ErrorCode.invalidParams.rawValue)
        let unopened = await client.request("textDocument/hover", TestClient.document("file:///nowhere.icp.yaml", at: TestClient.position(0, 0)))
        #expect(unopened["error"]?["code"]?.intValue == ErrorCode.invalidParams.rawValue)
        #expect(await client.request("initialize", .object([:]))["error"]?["code"]?.intValue == ErrorCode.invalidRequest.rawValue)
    }

    @Test func shutdownThenExitIsExitCodeZero() async {
        let client = TestClient()
        _ = await client.initialize()
        #expect(await client.request("shutdown", nil)["result"] == .null)
        #expect(await client.request("textDocument/hover", .object([:]))["error"]?["code"]?.intValue == ErrorCode.invalidRequest.rawValue)
        #expect(await client.server.handle(.notification(method: "exit", params: nil)) == false)
        #expect(await client.server.exitCode == 0)
        let abrupt = TestClient()
        _ = await abrupt.initialize()
        #expect(await abrupt.server.exitCode == 1)
    }

    @Test func cancelledRequestsAnswerRequestCancelled() async {
        let client = TestClient()
        _ = await client.initialize()
        client.cancellations.arrived(.number(7))
        client.cancellations.cancel(.number(7))
        _ = await client.server.handle(.request(id: .number(7), method: "shutdown", params: nil))
        let response = client.messages.last { $0["id"]?.intValue == 7 }
        #expect(response?["error"]?["code"]?.intValue == ErrorCode.requestCancelled.rawValue)
        #expect(await client.server.exitCode == 1, "the cancelled shutdown must not have run")
    }

    /// Only ids of requests read and not yet handled are kept, so `$/cancelRequest` for ids that
    /// never come (or came and were answered) cannot grow memory.
    @Test func cancellationsAreKeptOnlyForWaitingRequests() {
        let registry = CancellationRegistry()
        for id in 0..<10_000 { registry.cancel(.number(id)) }
        #expect(registry.count == 0)
        registry.arrived(.string("a"))
        registry.cancel(.string("a"))
        #expect(registry.take(.string("a")))
        #expect(registry.count == 0)
        registry.cancel(.string("a"))
        #expect(!registry.take(.string("a")), "a cancellation after the answer is dropped")
        #expect(registry.count == 0)
    }

    /// The range of a finding after non-ASCII text on its line, in UTF-16 and in UTF-8.
    @Test(arguments: [("utf-16", 0), ("utf-8", 1)])
    func diagnosticRangesUseTheNegotiatedEncoding(encoding: String, _: Int) async throws {
        let client = TestClient()
        _ = await client.initialize(encodings: encoding == "utf-8" ? ["utf-8"] : [])
        let uri = "file:///tmp/icp-lsp-test/positions.icp.yaml"
        await client.open(uri, "icp: x\nparameters:\n  - {label: \"Zürich 🚀\", mdoe: filter, field: industry, is: Software}\n")
        let diagnostics = try #require(client.diagnostics(uri))
        #expect(diagnostics["version"]?.intValue == 1)
        let finding = try #require(diagnostics["diagnostics"]?.arrayValue?.first { $0["message"]?.stringValue?.contains("`mdoe`") == true })
        // `  - {label: "Zürich 🚀", ` is 25 UTF-16 units (🚀 is two) and 27 UTF-8 bytes (ü is two, 🚀 four).
        let expected = encoding == "utf-8" ? 28 : 25
        #expect(finding["range"]?["start"]?["character"]?.intValue == expected)
        #expect(finding["range"]?["end"]?["character"]?.intValue == expected + 4)
        #expect(finding["code"]?.stringValue == "schema")
    }

    @Test func incrementalChangesApplyInOrderAndCarryTheVersion() async throws {
        let client = TestClient()
        _ = await client.initialize()
        let uri = "file:///tmp/icp-lsp-test/edit.icp.yaml"
        await client.open(uri, "icp: x\nparameters:\n  - field: industry\n    mode: filter\n    is: Software\n")
        #expect(client.diagnostics(uri)?["diagnostics"]?.arrayValue?.contains { $0["code"]?.stringValue == "unknown-field" } == false)
        // Two edits in one notification: rename the field, then type a mistake in the mode.
        let changes: JSONValue = .array([
            .object(["range": .object(["start": TestClient.position(2, 11), "end": TestClient.position(2, 19)]), "text": .string("industy")]),
            .object(["range": .object(["start": TestClient.position(3, 10), "end": TestClient.position(3, 16)]), "text": .string("filtr")]),
        ])
        await client.notify("textDocument/didChange", .object(["textDocument": .object(["uri": .string(uri), "version": .int(2)]), "contentChanges": changes]))
        let published = try #require(client.diagnostics(uri))
        #expect(published["version"]?.intValue == 2)
        let codes = published["diagnostics"]?.arrayValue?.compactMap { $0["code"]?.stringValue } ?? []
        #expect(codes.contains("unknown-field"))
        #expect(codes.contains("schema"))
        let unknown = try #require(published["diagnostics"]?.arrayValue?.first { $0["code"]?.stringValue == "unknown-field" })
        #expect(unknown["data"]?["replacement"]?.stringValue == "industry")
    }

    @Test func closingClearsDiagnostics() async {
        let client = TestClient()
        _ = await client.initialize()
        let uri = "file:///tmp/icp-lsp-test/close.icp.yaml"
        await client.open(uri, "nmae: x\n")
        #expect(client.diagnostics(uri)?["diagnostics"]?.arrayValue?.isEmpty == false)
        await client.notify("textDocument/didClose", .object(["textDocument": .object(["uri": .string(uri)])]))
        #expect(client.diagnostics(uri)?["diagnostics"]?.arrayValue?.isEmpty == true)
    }
}

extension ProtocolTests {
    @Test func duplicateCodesCompareTheUnsavedTextWithTheFilesOnDisk() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("icp-lsp-dup-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "as_of: 2026-11-01\n".write(to: folder.appendingPathComponent("icp.workspace.yaml"), atomically: true, encoding: .utf8)
        try "icp: taken\nparameters:\n  - {field: industry, mode: exclude, is: Gambling}\n".write(to: folder.appendingPathComponent("other.icp.yaml"), atomically: true, encoding: .utf8)
        let client = TestClient()
        _ = await client.initialize()
        let uri = folder.appendingPathComponent("mine.icp.yaml").absoluteString
        await client.open(uri, "icp: free\nparameters:\n  - {field: industry, mode: exclude, is: Gambling}\n")
        #expect(client.diagnostics(uri)?["diagnostics"]?.arrayValue?.contains { $0["code"]?.stringValue == "duplicate-code" } == false)
        await client.notify("textDocument/didChange", .object([
            "textDocument": .object(["uri": .string(uri), "version": .int(2)]),
            "contentChanges": .array([.object(["range": .object(["start": TestClient.position(0, 5), "end": TestClient.position(0, 9)]), "text": .string("taken")])]),
        ]))
        let duplicate = try #require(client.diagnostics(uri)?["diagnostics"]?.arrayValue?.first { $0["code"]?.stringValue == "duplicate-code" })
        #expect(duplicate["message"]?.stringValue?.contains("other.icp.yaml:1") == true)
    }
}

extension ProtocolTests {
    /// Past the reading of bytes, a load says what it does ("typing 16 columns"), at 99% until
    /// it ends, rather than "100%" for the last seconds with nothing said.
    @Test func progressSaysWhatALoadDoesPastTheReading() {
        var snapshot = LoadProgress.Snapshot()
        (snapshot.bytes, snapshot.totalBytes, snapshot.rows) = (1_000, 1_000, 5_000_000)
        #expect(LanguageServer.report(of: snapshot) == (99, "5,000,000 rows read"))
        snapshot.stage = "typing 16 columns of accounts.csv"
        #expect(LanguageServer.report(of: snapshot) == (99, "5,000,000 rows read; typing 16 columns of accounts.csv"))
        let progress = LoadProgress()
        progress.enter("saving the cache")
        #expect(progress.snapshot.stage == "saving the cache")
        progress.enter(nil)
        #expect(progress.snapshot.stage == nil)
    }

    /// Opening a file brings in its workspace, its data and its base revision within a second:
    /// one redraw of each kind is asked for, not one per arrival.
    @Test func openingAFileAsksForOneRedrawOfEachKind() async throws {
        let client = TestClient()
        let refresh: JSONValue = .object([
            "inlayHint": .object(["refreshSupport": .bool(true)]), "codeLens": .object(["refreshSupport": .bool(true)]),
            "semanticTokens": .object(["refreshSupport": .bool(true)]),
        ])
        _ = await client.initialize(capabilities: .object(["workspace": refresh]))
        // A workspace with a data file, outside any repository (no base revision to look up).
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("icp-lsp-redraw-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "datasets:\n  accounts: accounts.csv\n".write(to: folder.appendingPathComponent("icp.workspace.yaml"), atomically: true, encoding: .utf8)
        var csv = "id,industry\n"
        for row in 0..<20_000 { csv += "a\(row),\(row % 3 == 0 ? "Software" : "Retail")\n" }
        try csv.write(to: folder.appendingPathComponent("accounts.csv"), atomically: true, encoding: .utf8)
        let file = folder.appendingPathComponent("soft.icp.yaml")
        await client.open(file.absoluteString, "icp: soft\nparameters:\n  - {field: industry, mode: filter, is: Software}\n  - {field: industry, mode: exclude, is: Gambling}\n")
        _ = await client.request("textDocument/codeLens", .object(["textDocument": .object(["uri": .string(file.absoluteString)])]))
        let methods = client.messages.compactMap { $0["method"]?.stringValue }
        for kind in ["inlayHint", "codeLens", "semanticTokens"] {
            #expect(methods.filter { $0 == "workspace/\(kind)/refresh" }.count == 1, "\(kind): \(methods)")
        }
    }

    @Test func changedDataIsReloadedAndTheClientAskedToRefresh() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("icp-lsp-watch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "datasets:\n  accounts: accounts.csv\n".write(to: folder.appendingPathComponent("icp.workspace.yaml"), atomically: true, encoding: .utf8)
        let data = folder.appendingPathComponent("accounts.csv")
        try "id,industry\n1,Software\n2,Retail\n".write(to: data, atomically: true, encoding: .utf8)
        let client = TestClient()
        let refresh: JSONValue = .object([
            "inlayHint": .object(["refreshSupport": .bool(true)]), "codeLens": .object(["refreshSupport": .bool(true)]),
            "didChangeWatchedFiles": .object(["dynamicRegistration": .bool(true)]),
        ])
        _ = await client.initialize(capabilities: .object(["workspace": refresh]))
        #expect(client.messages.contains { $0["method"]?.stringValue == "client/registerCapability" })
        let uri = folder.appendingPathComponent("soft.icp.yaml").absoluteString
        await client.open(uri, "icp: soft\nparameters:\n  - {field: industry, mode: filter, is: software}\n  - {field: industry, mode: exclude, is: gambling}\n")
        let preview = { await client.request("icp/preview", .object(["textDocument": .object(["uri": .string(uri)])]))["result"] }
        #expect(await preview()?["qualified"]?.intValue == 1)

        try "id,industry\n1,Software\n2,Retail\n3,software\n4,SOFTWARE\n".write(to: data, atomically: true, encoding: .utf8)
        await client.notify("workspace/didChangeWatchedFiles", .object(["changes": .array([.object(["uri": .string(data.absoluteString), "type": .int(2)])])]))
        #expect(await preview()?["qualified"]?.intValue == 3)
        #expect(await preview()?["total"]?.intValue == 4)
        let methods = client.messages.compactMap { $0["method"]?.stringValue }
        #expect(methods.contains("workspace/inlayHint/refresh") && methods.contains("workspace/codeLens/refresh"))

        // Told of a change that is not one (same bytes, same time): nothing is read again, nothing redrawn.
        let loads = { client.messages.filter { $0["params"]?["message"]?.stringValue?.hasPrefix("Loaded ") == true }.count }
        #expect(loads() == 2)
        let sent = client.messages.count
        await client.notify("workspace/didChangeWatchedFiles", .object(["changes": .array([.object(["uri": .string(data.absoluteString), "type": .int(2)])])]))
        #expect(loads() == 2)
        #expect(client.messages.count == sent, "nothing sent for an unchanged file")
        #expect(await preview()?["qualified"]?.intValue == 3)
    }

    /// A misspelled workspace file shows on itself and on every ICP it governs, as typed; fixing it clears both.
    @Test func aWorkspaceErrorShowsOnTheWorkspaceFileAndItsICPs() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("icp-lsp-workspace-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "id,industry,status\n1,Software,won\n2,Retail,lost\n".write(to: folder.appendingPathComponent("accounts.csv"), atomically: true, encoding: .utf8)
        let workspaceURI = folder.appendingPathComponent("icp.workspace.yaml").absoluteString
        let broken = "datasets:\n  accounts: accounts.csv\noutcome:\n  field: stauts\n"
        try broken.write(to: folder.appendingPathComponent("icp.workspace.yaml"), atomically: true, encoding: .utf8)
        let client = TestClient()
        _ = await client.initialize()
        await client.open(workspaceURI, broken)
        let uri = folder.appendingPathComponent("soft.icp.yaml").absoluteString
        await client.open(uri, "icp: soft\nparameters:\n  - {field: industry, mode: filter, is: software}\n  - {field: industry, mode: exclude, is: gambling}\n")
        let onWorkspace = client.diagnostics(workspaceURI)?["diagnostics"]?.arrayValue ?? []
        #expect(onWorkspace.contains { $0["code"]?.stringValue == "unknown-field" && $0["message"]?.stringValue?.contains("did you mean `status`?") == true && $0["range"]?["start"]?["line"]?.intValue == 3 })
        let onICP = client.diagnostics(uri)?["diagnostics"]?.arrayValue ?? []
        #expect(onICP.contains { $0["code"]?.stringValue == "dataset" && $0["message"]?.stringValue?.contains("icp.workspace.yaml:4:10") == true }, "\(onICP)")

        await client.notify("textDocument/didChange", .object([
            "textDocument": .object(["uri": .string(workspaceURI), "version": .int(2)]),
            "contentChanges": .array([.object(["text": .string("datasets:\n  accounts: accounts.csv\noutcome:\n  field: status\n")])]),
        ]))
        #expect(client.diagnostics(workspaceURI)?["diagnostics"]?.arrayValue?.isEmpty == true)
        #expect(!(client.diagnostics(uri)?["diagnostics"]?.arrayValue ?? []).contains { $0["code"]?.stringValue == "dataset" })
    }
}
