import Foundation
import Testing
@testable import ICPLanguage
@testable import ICPEngine
@testable import ICPBuilders
@testable import ICPInsights
@testable import ICPLanguageServer
import ICPWorkspace

/// Definition, references, folding and workspace symbols on a workspace of three ICP files,
/// one open and two closed (YAML and JSON, non-ASCII text before the ranges).
struct NavigationTests {
    static func workspace() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("icp-navigation-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let files = [
            "accounts.csv": "id,industry,employees,tech_stack\na1,Software,120,salesforce;hubspot\na2,Retail,900,hubspot\na3,Software,450,\n",
            "icp.workspace.yaml": "datasets:\n  accounts: accounts.csv\nfields:\n  tech_stack: {type: list, separator: \";\"}\n",
            "b.icp.json": "{\n  \"icp\": \"beta\",\n  \"name\": \"Bêta\",\n  \"parameters\": [\n    {\"field\": \"employees\", \"mode\": \"filter\", \"min\": 100}\n  ]\n}\n",
            "c.icp.yaml": "icp: gamma\nname: Größe ✓\nparameters:\n  # Größe 🚀\n  - {field: employees, mode: score, min: 400}\n  - {field: tech_stack, mode: filter, in: [hubspot]}\n",
        ]
        for (name, text) in files { try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return folder
    }

    static let open = """
        icp: alpha
        name: Ünïcode 🚀
        parameters:
          - field: employees
            mode: filter
            min: 100
          - field: industry
            mode: exclude
            is: Retail
        personas:
          - persona: buyer
            parameters:
              - {field: title, mode: filter, is: VP}

        """

    func start() async throws -> (TestClient, URL, String) {
        let folder = try Self.workspace()
        let client = TestClient(fileSystem: LocalFileSystem(), clock: { CalendarDate(year: 2026, month: 11, day: 30)! })
        _ = await client.initialize()
        let uri = folder.appendingPathComponent("a.icp.yaml").absoluteString
        await client.open(uri, Self.open)
        return (client, folder, uri)
    }

    static func location(_ value: JSONValue?) -> String {
        guard let value, let uri = value["uri"]?.stringValue, let range = value["range"] else { return "none" }
        let numbers = [range["start"]?["line"], range["start"]?["character"], range["end"]?["line"], range["end"]?["character"]].map { $0?.intValue ?? -1 }
        return "\(URL(string: uri)?.lastPathComponent ?? uri) \(numbers[0]):\(numbers[1])-\(numbers[2]):\(numbers[3])"
    }

    @Test func referencesFindAColumnInEveryFileOpenOrNot() async throws {
        let (client, folder, uri) = try await start()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = await client.request("textDocument/references", .object(["textDocument": .object(["uri": .string(uri)]),
                                                                             "position": TestClient.position(3, 14), "context": .object(["includeDeclaration": .bool(true)])]))
        let found = (result["result"]?.arrayValue ?? []).map { Self.location($0) }
        // UTF-16 columns: `# Größe 🚀` before line 4 of c.icp.yaml changes nothing there; the JSON value's range covers its quotes.
        #expect(found == ["a.icp.yaml 3:11-3:20", "b.icp.json 4:14-4:25", "c.icp.yaml 4:12-4:21"], "\(found)")
        let declared = await client.request("textDocument/references", .object(["textDocument": .object(["uri": .string(uri)]), "position": TestClient.position(6, 13)]))
        #expect((declared["result"]?.arrayValue ?? []).map { Self.location($0) } == ["a.icp.yaml 6:11-6:19"])
    }

    @Test func definitionGoesToTheDeclarationOrTheHeaderCell() async throws {
        let (client, folder, uri) = try await start()
        defer { try? FileManager.default.removeItem(at: folder) }
        let header = await client.request("textDocument/definition", TestClient.document(uri, at: TestClient.position(3, 14)))
        #expect(Self.location(header["result"]) == "accounts.csv 0:12-0:21")
        let cURI = folder.appendingPathComponent("c.icp.yaml").absoluteString
        await client.open(cURI, try String(contentsOf: folder.appendingPathComponent("c.icp.yaml"), encoding: .utf8))
        let declared = await client.request("textDocument/definition", TestClient.document(cURI, at: TestClient.position(5, 14)))
        #expect(Self.location(declared["result"]) == "icp.workspace.yaml 3:2-3:12")
        let workspaceURI = folder.appendingPathComponent("icp.workspace.yaml").absoluteString
        await client.open(workspaceURI, try String(contentsOf: folder.appendingPathComponent("icp.workspace.yaml"), encoding: .utf8))
        let dataset = await client.request("textDocument/definition", TestClient.document(workspaceURI, at: TestClient.position(1, 14)))
        #expect(Self.location(dataset["result"]) == "accounts.csv 0:0-0:0")
        let nothing = await client.request("textDocument/definition", TestClient.document(uri, at: TestClient.position(5, 10)))
        #expect(nothing["result"] == .null)
    }

    @Test func foldingAndWorkspaceSymbols() async throws {
        let (client, folder, uri) = try await start()
        defer { try? FileManager.default.removeItem(at: folder) }
        let folds = await client.request("textDocument/foldingRange", .object(["textDocument": .object(["uri": .string(uri)])]))["result"]?.arrayValue ?? []
        let lines = folds.map { "\($0["startLine"]?.intValue ?? -1)-\($0["endLine"]?.intValue ?? -1)" }
        #expect(lines == ["2-8", "3-5", "6-8", "10-12"], "\(lines)")
        let symbols = await client.request("workspace/symbol", .object(["query": .string("")]))["result"]?.arrayValue ?? []
        let names = symbols.compactMap { $0["name"]?.stringValue }
        #expect(names == ["alpha · Ünïcode 🚀 (draft)", "buyer · buyer", "beta · Bêta (draft)", "gamma · Größe ✓ (draft)"], "\(names)")
        let filtered = await client.request("workspace/symbol", .object(["query": .string("GRÖSSE")]))["result"]?.arrayValue ?? []
        #expect(filtered.isEmpty, "case folding does not turn ö into ss")
        let gamma = await client.request("workspace/symbol", .object(["query": .string("größe")]))["result"]?.arrayValue ?? []
        #expect(gamma.map { Self.location($0["location"]) } == ["c.icp.yaml 0:5-0:10"])
        let advertised = await TestClient().initialize()["result"]?["capabilities"]
        for provider in ["definitionProvider", "referencesProvider", "foldingRangeProvider", "workspaceSymbolProvider"] {
            #expect(advertised?[provider] == .bool(true), "\(provider)")
        }
    }
}

extension JSONValue {
    var objectValue: [String: JSONValue]? {
        if case .object(let object) = self { return object }
        return nil
    }
}

extension NavigationTests {
    /// Applies LSP text edits (UTF-16 positions) to a text, last first.
    static func apply(_ edits: [JSONValue], to text: String) -> String {
        var lines = text.components(separatedBy: "\n").map { Array($0.utf16) }
        let sorted = edits.sorted {
            let (a, b) = ($0["range"]?["start"], $1["range"]?["start"])
            return (a?["line"]?.intValue ?? 0, a?["character"]?.intValue ?? 0) > (b?["line"]?.intValue ?? 0, b?["character"]?.intValue ?? 0)
        }
        for edit in sorted {
            let range = edit["range"]
            let (line, start, end) = (range?["start"]?["line"]?.intValue ?? 0, range?["start"]?["character"]?.intValue ?? 0, range?["end"]?["character"]?.intValue ?? 0)
            // An edit past a line's end (a stale position) lands at the end: a wrong result, not a crash of the suite.
            guard lines.indices.contains(line) else { continue }
            let clamped = min(max(start, 0), lines[line].count)..<min(max(end, start, 0), lines[line].count)
            lines[line].replaceSubrange(clamped, with: Array((edit["newText"]?.stringValue ?? "").utf16))
        }
        return lines.map { String(decoding: $0, as: UTF16.self) }.joined(separator: "\n")
    }

    /// A column renamed in the data: renaming it in the open file renames it in every file, closed
    /// ones and JSON included, and in the workspace file; then every file checks clean and every
    /// count is what it was.
    @Test func aColumnRenameReachesEveryFileAndKeepsTheCounts() async throws {
        let (client, folder, uri) = try await start()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.open.write(to: folder.appendingPathComponent("a.icp.yaml"), atomically: true, encoding: .utf8)
        let today = CalendarDate(year: 2026, month: 11, day: 30)!
        func counts() throws -> [String: Int] {
            let run = EvaluationRun.run(paths: ["."], today: today, currentFolder: folder)
            return Dictionary(uniqueKeysWithValues: try run.files.map { ($0.document.icp?.code?.value ?? "", try $0.result.get().evaluation.qualifiedCount) })
        }
        let before = try counts()
        let prepared = await client.request("textDocument/prepareRename", TestClient.document(uri, at: TestClient.position(3, 14)))["result"]
        #expect(prepared?["placeholder"] == .string("employees"))
        var edits: [String: [JSONValue]] = [:]
        for (position, name) in [(TestClient.position(3, 14), "headcount")] {
            let result = await client.request("textDocument/rename", .object(["textDocument": .object(["uri": .string(uri)]), "position": position, "newName": .string(name)]))
            for (file, list) in result["result"]?["changes"]?.objectValue ?? [:] { edits[file, default: []] += list.arrayValue ?? [] }
        }
        #expect(Set(edits.keys.compactMap { URL(string: $0)?.lastPathComponent }) == ["a.icp.yaml", "b.icp.json", "c.icp.yaml"], "\(edits.keys)")
        // tech_stack is declared under `fields:`: renamed there too.
        let cURI = folder.appendingPathComponent("c.icp.yaml").absoluteString
        await client.open(cURI, try String(contentsOf: folder.appendingPathComponent("c.icp.yaml"), encoding: .utf8))
        let stack = await client.request("textDocument/rename", .object(["textDocument": .object(["uri": .string(cURI)]), "position": TestClient.position(5, 14), "newName": .string("stack")]))
        let stackEdits = stack["result"]?["changes"]?.objectValue ?? [:]
        #expect(Set(stackEdits.keys.compactMap { URL(string: $0)?.lastPathComponent }) == ["c.icp.yaml", "icp.workspace.yaml"])
        for (file, list) in stackEdits { edits[file, default: []] += list.arrayValue ?? [] }
        for (file, list) in edits {
            let url = try #require(URL(string: file))
            try Self.apply(list, to: try String(contentsOf: url, encoding: .utf8)).write(to: url, atomically: true, encoding: .utf8)
        }
        let data = folder.appendingPathComponent("accounts.csv")
        try (try String(contentsOf: data, encoding: .utf8)).replacingOccurrences(of: "id,industry,employees,tech_stack", with: "id,industry,headcount,stack")
            .write(to: data, atomically: true, encoding: .utf8)
        let check = CheckRun.run(paths: ["."], today: today, currentFolder: folder)
        #expect(check.errorCount == 0, "\(check.reports.flatMap(\.diagnostics).map(\.message))")
        #expect(try counts() == before)
        #expect(try String(contentsOf: folder.appendingPathComponent("b.icp.json"), encoding: .utf8).contains("{\"field\": \"headcount\", \"mode\""))
        // An invalid ICP code is refused.
        let bad = await client.request("textDocument/rename", .object(["textDocument": .object(["uri": .string(uri)]), "position": TestClient.position(0, 7), "newName": .string("Not A Code")]))
        #expect(bad["error"]?["message"]?.stringValue?.contains("not a valid code") == true)
    }
}

extension NavigationTests {
    /// The data's `employees` became `employee_count`: one quick fix on the unknown-field finding
    /// renames the column in the open file and the two closed ones (JSON included), after
    /// which every file checks clean.
    @Test func aVanishedColumnIsRenamedEverywhereByOneQuickFix() async throws {
        let folder = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = folder.appendingPathComponent("accounts.csv")
        try (try String(contentsOf: data, encoding: .utf8)).replacingOccurrences(of: "id,industry,employees,", with: "id,industry,employee_count,")
            .write(to: data, atomically: true, encoding: .utf8)
        try Self.open.write(to: folder.appendingPathComponent("a.icp.yaml"), atomically: true, encoding: .utf8)
        let client = TestClient(fileSystem: LocalFileSystem(), clock: { CalendarDate(year: 2026, month: 11, day: 30)! })
        _ = await client.initialize()
        let uri = folder.appendingPathComponent("a.icp.yaml").absoluteString
        await client.open(uri, Self.open)
        let actions = await client.codeActions(uri, at: TestClient.position(3, 14))
        let titles = actions.compactMap { $0["title"]?.stringValue }
        #expect(titles.contains("Replace `employees` with `employee_count`"), "\(titles)")
        let fix = try #require(actions.first { $0["title"]?.stringValue == "Rename `employees` to `employee_count` in 3 ICP files" }, "\(titles)")
        let changes = fix["edit"]?["changes"]?.objectValue ?? [:]
        #expect(Set(changes.keys.compactMap { URL(string: $0)?.lastPathComponent }) == ["a.icp.yaml", "b.icp.json", "c.icp.yaml"])
        for (file, list) in changes {
            let url = try #require(URL(string: file))
            try Self.apply(list.arrayValue ?? [], to: try String(contentsOf: url, encoding: .utf8)).write(to: url, atomically: true, encoding: .utf8)
        }
        let check = CheckRun.run(paths: ["."], today: CalendarDate(year: 2026, month: 11, day: 30)!, currentFolder: folder)
        #expect(check.errorCount == 0, "\(check.reports.flatMap(\.diagnostics).map(\.message))")
    }
}

extension NavigationTests {
    /// References on a condition value: every parameter on the same column that names it, in
    /// any file, compared as the engine compares text; a value of another column is not one.
    @Test func referencesOnAValueFindTheParametersNamingIt() async throws {
        let folder = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "icp: delta\nparameters:\n  - {field: industry, mode: filter, in: [Software, \" RETAIL\"]}\n  - {field: tech_stack, mode: score, in: [Retail]}\n"
            .write(to: folder.appendingPathComponent("d.icp.yaml"), atomically: true, encoding: .utf8)
        let client = TestClient(fileSystem: LocalFileSystem(), clock: { CalendarDate(year: 2026, month: 11, day: 30)! })
        _ = await client.initialize()
        let uri = folder.appendingPathComponent("a.icp.yaml").absoluteString
        await client.open(uri, Self.open)
        let result = await client.request("textDocument/references", .object(["textDocument": .object(["uri": .string(uri)]), "position": TestClient.position(8, 10)]))
        let found = (result["result"]?.arrayValue ?? []).map { Self.location($0) }
        #expect(found == ["a.icp.yaml 8:8-8:14", "d.icp.yaml 2:51-2:60"], "\(found)")
    }
}
