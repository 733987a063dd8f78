import Foundation
import Testing
@testable import ICPLanguage
@testable import ICPEngine
@testable import ICPBuilders
@testable import ICPInsights
@testable import ICPLanguageServer

/// "Propose parameters from won deals" on the built-in sample: the edit adds what the ICP lacks,
/// keeps every byte the user wrote, and the title's counts are those of the edited file.
struct ProposeActionTests {
    static let yaml = """
        # Our view of the market; comments stay.
        icp: mine
        name: Mine — ünïcode
        parameters:
          - field: industry   # written by hand
            mode: filter
            in: [Software, Fintech, Marketing Tech]
        personas:
          - persona: buyer
            parameters:
              - {field: seniority, mode: filter, in: [VP]}
        """

    static let json = """
        {"icp": "mine", "parameters": [
          {"field": "industry", "mode": "filter", "in": ["Software", "Fintech", "Marketing Tech"]}
        ]}
        """

    /// Applies one edit given in line and UTF-16 character positions.
    static func apply(_ edit: JSONValue, to text: String) throws -> String {
        func offset(_ position: JSONValue?) throws -> String.Index {
            let line = try #require(position?["line"]?.intValue), character = try #require(position?["character"]?.intValue)
            let lineStart = text.split(separator: "\n", omittingEmptySubsequences: false).prefix(line).reduce(0) { $0 + $1.utf16.count + 1 }
            return String.Index(utf16Offset: min(lineStart + character, text.utf16.count), in: text)
        }
        let start = try offset(edit["range"]?["start"]), end = try offset(edit["range"]?["end"])
        return String(text[..<start]) + (edit["newText"]?.stringValue ?? "") + String(text[end...])
    }

    @Test(arguments: [("mine.icp.yaml", yaml), ("mine.icp.json", json)])
    func theProposalAddsWhatTheICPLacksAndItsTitleTellsTheTruth(name: String, text: String) async throws {
        let client = TestClient()
        _ = await client.initialize()
        let uri = "file:///tmp/icp-lsp-propose/\(name)"
        await client.open(uri, text)
        let actions = await client.codeActions(uri, at: TestClient.position(0, 0))
        let action = try #require(actions.first { $0["title"]?.stringValue?.hasPrefix("Propose parameters from won deals: add ") == true })
        let title = try #require(action["title"]?.stringValue)
        #expect(!title.contains("add industry"), "a field the ICP uses is not proposed again: \(title)")
        let edits = try #require(action["edit"]?["changes"]?[uri]?.arrayValue)
        #expect(edits.count == 1)
        let edited = try Self.apply(edits[0], to: text)
        // Nothing written is lost: the edit only inserts.
        #expect(edited.count > text.count)
        #expect(edits[0]["range"]?["start"] == edits[0]["range"]?["end"])
        let document = ICPDocument(text: edited, format: name.hasSuffix(".json") ? .json : .yaml)
        #expect(document.diagnostics.filter { $0.severity == .error }.isEmpty, "\(document.diagnostics.map(\.message))\n\(edited)")
        let icp = try #require(document.icp)
        #expect(icp.parameters.count > 1 && icp.parameters[0].field?.value == "industry")
        if name.hasSuffix(".yaml") {
            #expect(icp.personas.count == 1, "the personas after the list are kept")
            #expect(edited.contains("# won "), "each added parameter has its evidence")
            #expect(edited.contains("  - field: industry   # written by hand"))
        }
        // The counts in the title are those of the edited file.
        await client.notify("textDocument/didChange", .object([
            "textDocument": .object(["uri": .string(uri), "version": .int(2)]), "contentChanges": .array([.object(["text": .string(edited)])]),
        ]))
        let preview = await client.request("icp/preview", .object(["textDocument": .object(["uri": .string(uri)])]))["result"]
        let qualified = try #require(preview?["qualified"]?.intValue)
        #expect(title.contains("→ \(CountFormat.grouped(qualified))"), "\(title) vs \(qualified)")
        guard case .double(let lift)? = preview?["lift"] else { Issue.record("no lift in \(String(describing: preview))"); return }
        #expect(title.contains("→ \(CountFormat.decimal(lift, digits: 2))×)"), "\(title) vs \(lift)")
    }
}
