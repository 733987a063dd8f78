import Foundation
import Testing
@testable import ICPLanguage
@testable import ICPEngine
@testable import ICPBuilders
@testable import ICPInsights
@testable import ICPLanguageServer
import ICPWorkspace

/// Selection ranges, document links and semantic tokens on the navigation workspace (non-ASCII
/// text before the ranges, so UTF-16 columns are tested).
struct StructureTests {
    static func range(_ value: JSONValue?) -> String {
        let numbers = [value?["start"]?["line"], value?["start"]?["character"], value?["end"]?["line"], value?["end"]?["character"]].map { $0?.intValue ?? -1 }
        return "\(numbers[0]):\(numbers[1])-\(numbers[2]):\(numbers[3])"
    }

    @Test func selectionRangesGrowFromAValueToTheDocument() async throws {
        let (client, folder, uri) = try await NavigationTests().start()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = await client.request("textDocument/selectionRange", .object(["textDocument": .object(["uri": .string(uri)]),
                                                                                "positions": .array([TestClient.position(5, 10), TestClient.position(12, 23)])]))
        func chain(_ value: JSONValue?) -> [String] {
            var steps: [String] = []
            var node = value
            while let current = node, current != .null {
                steps.append(Self.range(current["range"]))
                node = current["parent"]
            }
            return steps
        }
        let answers = result["result"]?.arrayValue ?? []
        #expect(chain(answers.first) == ["5:9-5:12", "5:4-5:12", "3:4-5:12", "3:2-8:14", "2:0-8:14", "0:0-12:44"], "\(chain(answers.first))")
        // On the key `mode` of a persona's inline parameter: the key, its pair, the parameter (braces included), the list, ..., the document.
        #expect(chain(answers.last) == ["12:23-12:27", "12:23-12:35", "12:8-12:44", "12:6-12:44", "11:4-12:44", "10:4-12:44", "10:2-12:44", "9:0-12:44", "0:0-12:44"],
                "\(chain(answers.last))")
    }

    @Test func datasetPathsAreLinks() async throws {
        let (client, folder, _) = try await NavigationTests().start()
        defer { try? FileManager.default.removeItem(at: folder) }
        let workspaceURI = folder.appendingPathComponent("icp.workspace.yaml").absoluteString
        await client.open(workspaceURI, "# Daten für Größe 🚀\ndatasets:\n  accounts: accounts.csv\n  contacts: \"sub/contacts.csv\"\n")
        let links = await client.request("textDocument/documentLink", .object(["textDocument": .object(["uri": .string(workspaceURI)])]))["result"]?.arrayValue ?? []
        let shown = links.map { "\(Self.range($0["range"])) \(URL(string: $0["target"]?.stringValue ?? "")?.path ?? "")" }
        #expect(shown == ["2:12-2:24 \(folder.path)/accounts.csv", "3:12-3:30 \(folder.path)/sub/contacts.csv"], "\(shown)")
    }

    /// Tokens as (line, character, length, type, modifiers), absolute.
    static func decode(_ data: [Int]) -> [[Int]] {
        var (line, character) = (0, 0)
        return stride(from: 0, to: data.count - 4, by: 5).map { index in
            line += data[index]
            character = data[index] == 0 ? character + data[index + 1] : data[index + 1]
            return [line, character, data[index + 2], data[index + 3], data[index + 4]]
        }
    }

    @Test func semanticTokensCarryTheModeAndWhatTheDataLacks() async throws {
        let (client, folder, uri) = try await NavigationTests().start()
        defer { try? FileManager.default.removeItem(at: folder) }
        let legend = await TestClient().initialize()["result"]?["capabilities"]?["semanticTokensProvider"]?["legend"]
        let types = legend?["tokenTypes"]?.arrayValue?.compactMap(\.stringValue) ?? []
        let modifiers = legend?["tokenModifiers"]?.arrayValue?.compactMap(\.stringValue) ?? []
        #expect(types == ["property", "variable", "enumMember", "string", "number", "keyword", "namespace"])
        #expect(modifiers == ["declaration", "filter", "score", "exclude", "missing"])
        func bits(_ names: String...) -> Int { names.reduce(0) { $0 | 1 << (modifiers.firstIndex(of: $1) ?? 0) } }
        func type(_ name: String) -> Int { types.firstIndex(of: name) ?? -1 }

        let full = await client.request("textDocument/semanticTokens/full", .object(["textDocument": .object(["uri": .string(uri)])]))["result"]
        let tokens = Self.decode(full?["data"]?.arrayValue?.compactMap(\.intValue) ?? [])
        #expect(tokens.contains([0, 5, 5, type("namespace"), bits("declaration")]), "the code")
        #expect(tokens.contains([1, 6, 10, type("string"), 0]), "Ünïcode 🚀 is 10 UTF-16 units")
        #expect(tokens.contains([3, 11, 9, type("variable"), bits("filter")]), "a filter's column")
        #expect(tokens.contains([4, 10, 6, type("enumMember"), bits("filter")]), "its mode")
        #expect(tokens.contains([5, 9, 3, type("number"), bits("filter")]), "its bound")
        #expect(tokens.contains([8, 8, 6, type("string"), bits("exclude")]), "an exclude's value")
        #expect(tokens.contains([3, 4, 5, type("property"), bits("filter")]), "the key `field`")

        // A typo in a column and a value no record has: `missing`, where the diagnostics are.
        let edited = NavigationTests.open.replacingOccurrences(of: "field: employees", with: "field: employes").replacingOccurrences(of: "is: Retail", with: "is: Retial")
        await client.notify("textDocument/didChange", .object(["textDocument": .object(["uri": .string(uri), "version": .int(2)]),
                                                               "contentChanges": .array([.object(["text": .string(edited)])])]))
        let delta = await client.request("textDocument/semanticTokens/full/delta", .object(["textDocument": .object(["uri": .string(uri)]),
                                                                                          "previousResultId": full?["resultId"] ?? .null]))["result"]
        let edits = delta?["edits"]?.arrayValue ?? []
        #expect(edits.count == 1)
        var data = full?["data"]?.arrayValue?.compactMap(\.intValue) ?? []
        for edit in edits {
            let start = edit["start"]?.intValue ?? 0
            data.replaceSubrange(start..<(start + (edit["deleteCount"]?.intValue ?? 0)), with: edit["data"]?.arrayValue?.compactMap(\.intValue) ?? [])
        }
        let fresh = await client.request("textDocument/semanticTokens/full", .object(["textDocument": .object(["uri": .string(uri)])]))["result"]
        #expect(data == fresh?["data"]?.arrayValue?.compactMap(\.intValue), "the delta applied gives the full tokens")
        let after = Self.decode(data)
        #expect(after.contains([3, 11, 8, type("variable"), bits("filter", "missing")]), "\(after.filter { $0[0] == 3 })")
        #expect(after.contains([8, 8, 6, type("string"), bits("exclude", "missing")]), "\(after.filter { $0[0] == 8 })")
        // An unknown previous result: all the tokens.
        let stale = await client.request("textDocument/semanticTokens/full/delta", .object(["textDocument": .object(["uri": .string(uri)]), "previousResultId": .string("0")]))["result"]
        #expect(stale?["data"]?.arrayValue?.compactMap(\.intValue) == fresh?["data"]?.arrayValue?.compactMap(\.intValue))
    }
}

extension StructureTests {
    static let pulling: JSONValue = .object(["textDocument": .object(["diagnostic": .object([:])]),
                                             "workspace": .object(["diagnostics": .object(["refreshSupport": .bool(true)])])])

    /// A client that pulls and takes refreshes gets no pushed diagnostics; the pull answers
    /// with the data's findings, `unchanged` when nothing changed, and the closed files'
    /// checks through `workspace/diagnostic`. A client that pulls without refreshes is pushed to.
    @Test func pulledDiagnosticsAndNeverBoth() async throws {
        let folder = try NavigationTests.workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "icp: beta\nparameters:\n  - {field: industry, mode: filter, is: Software}\n".write(to: folder.appendingPathComponent("c.icp.yaml"), atomically: true, encoding: .utf8)
        let client = TestClient(fileSystem: LocalFileSystem(), clock: { CalendarDate(year: 2026, month: 11, day: 30)! })
        let capabilities = await client.initialize(capabilities: Self.pulling)["result"]?["capabilities"]
        #expect(capabilities?["diagnosticProvider"]?["workspaceDiagnostics"] == .bool(true))
        let uri = folder.appendingPathComponent("a.icp.yaml").absoluteString
        await client.open(uri, NavigationTests.open.replacingOccurrences(of: "is: Retail", with: "is: Retial"))
        let report = await client.request("textDocument/diagnostic", .object(["textDocument": .object(["uri": .string(uri)])]))["result"]
        #expect(report?["kind"] == .string("full"))
        let codes = report?["items"]?.arrayValue?.compactMap { $0["code"]?.stringValue } ?? []
        #expect(codes.contains("value-not-found"), "the data's findings are in the pull: \(codes)")
        let again = await client.request("textDocument/diagnostic", .object(["textDocument": .object(["uri": .string(uri)]), "previousResultId": report?["resultId"] ?? .null]))["result"]
        #expect(again?["kind"] == .string("unchanged") && again?["items"] == nil, "\(String(describing: again)) after \(String(describing: report))")
        #expect(!client.messages.contains { $0["method"]?.stringValue == "textDocument/publishDiagnostics" }, "never both")

        // Closed files: b.icp.json and c.icp.yaml share the code `beta`.
        let workspace = await client.request("workspace/diagnostic", .object(["previousResultIds": .array([])]))["result"]?["items"]?.arrayValue ?? []
        let byFile = Dictionary(uniqueKeysWithValues: workspace.map { (URL(string: $0["uri"]?.stringValue ?? "")?.lastPathComponent ?? "", $0) })
        #expect(Set(byFile.keys) == ["b.icp.json", "c.icp.yaml"], "\(byFile.keys)")
        #expect(byFile["c.icp.yaml"]?["items"]?.arrayValue?.contains { $0["code"] == .string("duplicate-code") } == true)
        #expect(byFile["c.icp.yaml"]?["version"] == .null)

        let pushed = TestClient(fileSystem: LocalFileSystem(), clock: { CalendarDate(year: 2026, month: 11, day: 30)! })
        let noRefresh: JSONValue = .object(["textDocument": .object(["diagnostic": .object([:])])])
        #expect(await pushed.initialize(capabilities: noRefresh)["result"]?["capabilities"]?["diagnosticProvider"] == nil)
        await pushed.open(uri, NavigationTests.open)
        _ = await pushed.request("textDocument/hover", TestClient.document(uri, at: TestClient.position(0, 6)))
        #expect(pushed.diagnostics(uri) != nil, "pushed to a client that cannot be told to pull again")
    }
}

extension StructureTests {
    @Test func completionOffersTheMissingPolicies() async throws {
        let (client, folder, uri) = try await NavigationTests().start()
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = NavigationTests.open.replacingOccurrences(of: "    min: 100\n", with: "    min: 100\n    missing: \n")
        await client.notify("textDocument/didChange", .object(["textDocument": .object(["uri": .string(uri), "version": .int(2)]),
                                                               "contentChanges": .array([.object(["text": .string(text)])])]))
        let result = await client.request("textDocument/completion", TestClient.document(uri, at: TestClient.position(6, 13)))["result"]
        let labels = (result?["items"]?.arrayValue ?? result?.arrayValue ?? []).compactMap { $0["label"]?.stringValue }
        #expect(labels == ["fail", "pass", "neutral"], "\(labels)")
    }
}
