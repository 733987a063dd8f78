import Testing
@testable import ICPLanguage
@testable import ICPEngine
@testable import ICPBuilders
@testable import ICPInsights

struct SyntaxTreeTests {
    private func values(_ text: String, format: SourceFormat = .yaml) throws -> [ConditionValue] {
        let icp = try #require(ICPDocument(text: text, format: format).icp)
        return icp.parameters.compactMap(\.condition).flatMap { $0.value.values }
    }

    @Test func noYAML11Guessing() throws {
        let values = try values("icp: x\nparameters:\n  - {field: country, mode: filter, is: NO}\n  - {field: a, mode: score, in: [yes, on, 010, 1_000, ~x]}\n")
        #expect(values.map(\.text) == ["NO", "yes", "on", "010", "1_000", "~x"])
    }

    @Test func quotedAndPlainAreKeptApart() throws {
        let values = try values("icp: x\nparameters:\n  - {field: a, mode: score, in: ['null', \"it''s\", 'it''s']}\n")
        #expect(values.map(\.text) == ["null", "it''s", "it's"])
        #expect(values.allSatisfy { $0.isQuoted })
    }

    @Test func blockScalarRangeEndsAtItsLastCharacter() throws {
        let tree = SyntaxTree.parse("description: |\n  one\n  two\n\nicp: x\n", format: .yaml)
        let entries = try #require(tree.root?.mapping?.entries)
        let description = try #require(entries.first?.value.scalar)
        #expect(description.text == "one\ntwo\n")
        #expect(description.range.end == SourcePosition(line: 2, column: 5, offset: 26))
    }

    @Test func flowAndBlockContainersSpanTheirContent() throws {
        let source = "a: [1, 2]  # note\nb:\n  - x\n  - y\n"
        let tree = SyntaxTree.parse(source, format: .yaml)
        let entries = try #require(tree.root?.mapping?.entries)
        #expect(entries[0].value.range.start.offset == 3)
        #expect(entries[0].value.range.end.offset == 9)
        #expect(entries[1].value.range.end == SourcePosition(line: 3, column: 5, offset: 32))
    }

    @Test func aSecondDocumentIsASyntaxError() {
        let tree = SyntaxTree.parse("icp: a\n---\nicp: b\n", format: .yaml)
        #expect(tree.errors.first?.range.start.line == 1)
        #expect(tree.root?.mapping != nil)
    }

    @Test func anchorsAndAliasesResolve() throws {
        let values = try values("icp: x\nlist: &l [A, B]\nparameters:\n  - {field: a, mode: filter, in: *l}\n".replacingOccurrences(of: "list: &l [A, B]\n", with: "description: &d text\n").replacingOccurrences(of: "*l", with: "[*d]"))
        #expect(values.map(\.text) == ["text"])
        let broken = SyntaxTree.parse("a: *missing\n", format: .yaml)
        #expect(broken.errors.first?.message.contains("`*missing`") == true)
    }

    @Test(arguments: [SourceFormat.yaml, .json], [200, 100_000])
    func deepNestingIsAnErrorNotACrash(format: SourceFormat, depth: Int) {
        let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        let tree = SyntaxTree.parse(text, format: format)
        #expect(tree.errors.first?.message.contains("nests") == true)
        let document = ICPDocument(text: text, format: format)
        #expect(document.diagnostics.contains { $0.code == .syntax })
    }

    @Test func jsonStringsEscapesAndNumbers() throws {
        let text = #"{"icp": "x", "name": "tab\there \u00fc \ud83d\ude80 \"q\"", "priority": -1.5e3, "parameters": [{"field": "a", "mode": "score", "exists": true}]}"#
        let tree = SyntaxTree.parse(text, format: .json)
        #expect(tree.isComplete)
        let entries = try #require(tree.root?.mapping?.entries)
        #expect(entries[1].value.scalar?.text == "tab\there ü 🚀 \"q\"")
        #expect(entries[2].value.scalar?.text == "-1.5e3")
        #expect(entries[2].value.scalar?.style == .plain)
    }

    @Test(arguments: [
        (#"{"a": "open"#, "never closed", 6),
        (#"{"a": tru}"#, "not a JSON value", 6),
        (#"{"a": 1 "b": 2}"#, "Expected `,` or `}`", 8),
        (#"{"a": "\x"}"#, "not a JSON escape", 7),
        (#"{a: 1}"#, "Expected a key in double quotes", 1),
        (#"{"a": 1} x"#, "Unexpected text", 9),
        (#"{"a": 01}"#, "not a JSON value", 6),
        ("\"\\", "never closed", 0),
        (#"{"a": "b\"#, "never closed", 6),
    ])
    func jsonErrorsSayWhatAndWhere(text: String, message: String, offset: Int) throws {
        let tree = SyntaxTree.parse(text, format: .json)
        let error = try #require(tree.errors.first)
        #expect(error.message.contains(message))
        #expect(error.range.start.offset == offset)
    }

    @Test func jsonPartialTreeKeepsWhatCameBefore() throws {
        let text = "{\"icp\": \"x\", \"nmae\": \"y\", \"parameters\": [ {\"field\": \"a\",, }"
        let document = ICPDocument(text: text, format: .json)
        #expect(document.diagnostics.map(\.code).contains(.syntax))
        #expect(document.diagnostics.contains { $0.code == .schema && $0.message.contains("`nmae`") })
    }

    @Test func emptyAndWhitespaceOnlyFiles() {
        for (text, format) in [("", SourceFormat.yaml), ("  \n# only a comment\n", .yaml), ("", .json), (" \t\n", .json)] {
            let document = ICPDocument(text: text, format: format)
            #expect(document.diagnostics.count == 1)
            #expect(document.diagnostics.first?.code == .schema)
            #expect(document.diagnostics.first?.message.contains("empty") == true)
        }
    }

    @Test func controlCharactersAreASyntaxError() {
        let document = ICPDocument(text: "icp: x\u{0}\nparameters: []\n", format: .yaml)
        #expect(document.diagnostics.first?.code == .syntax)
    }
}
