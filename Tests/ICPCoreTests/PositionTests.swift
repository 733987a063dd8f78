import Testing
@testable import ICPLanguage
@testable import ICPEngine
@testable import ICPBuilders
@testable import ICPInsights

struct PositionTests {
    @Test func columnsCountBytesCharactersAndUTF16Units() {
        let source = SourceText("a: x\nname: Zürich 🚀 x\n")
        let offset = source.bytes.count - 2 // the final "x"
        let position = source.position(atOffset: offset)
        #expect(position.line == 1)
        #expect(source.column(of: position, in: .utf8) == 19)
        #expect(source.column(of: position, in: .unicodeScalars) == 15)
        #expect(source.column(of: position, in: .utf16) == 16)
        for unit in ColumnUnit.allCases {
            #expect(source.offset(line: 1, column: source.column(of: position, in: unit), in: unit) == offset)
        }
    }

    @Test func lineBreaksOfEveryKindAndAByteOrderMark() {
        let source = SourceText("\u{FEFF}a\r\nb\rc\nd")
        #expect(source.hadByteOrderMark)
        #expect(source.lineStarts == [0, 3, 5, 7])
        #expect(source.line(0) == "a")
        #expect(source.line(1) == "b")
        #expect(source.position(atOffset: 7) == SourcePosition(line: 3, column: 0, offset: 7))
    }

    @Test func clientPositionsPastTheEndAreClamped() {
        let source = SourceText("ab\ncd")
        #expect(source.offset(line: 0, column: 99, in: .utf16) == 2)
        #expect(source.offset(line: 9, column: 0, in: .utf16) == 5)
        #expect(source.offset(line: -1, column: 0, in: .utf16) == 0)
    }

    /// The error's range, found by markers around it, for YAML and JSON with non-ASCII text before it on the same line.
    @Test(arguments: [
        ("icp: x\nparameters:\n  - {label: \"Zürich 🚀\", 1️⃣mdoe2️⃣: filter, field: a, is: b}\n", SourceFormat.yaml),
        ("{\"icp\": \"x\", \"name\": \"Zürich 🚀\", 1️⃣\"nmae\"2️⃣: 1, \"parameters\": []}", SourceFormat.json),
        ("\u{FEFF}icp: x\r\nname: \"👩‍💻\"\r\n1️⃣nmae2️⃣: y\r\n", SourceFormat.yaml),
    ])
    func unknownKeyRangeAfterNonASCII(marked: String, format: SourceFormat) throws {
        let fixture = MarkedText(marked)
        let document = ICPDocument(text: fixture.text, format: format)
        let diagnostic = try #require(document.diagnostics.first { $0.message.contains("did you mean") })
        let bomShift = fixture.text.hasPrefix("\u{FEFF}") ? 3 : 0
        #expect(diagnostic.range.start.offset == fixture.markers["1️⃣"].map { $0 - bomShift })
        #expect(diagnostic.range.end.offset == fixture.markers["2️⃣"].map { $0 - bomShift })
    }

    @Test func utf16ColumnsOfASyntaxErrorAfterAnEmoji() throws {
        let fixture = MarkedText("icp: x\nname: [\"🚀\", 1️⃣\"open\n")
        let document = ICPDocument(text: fixture.text, format: .yaml)
        let error = try #require(document.diagnostics.first { $0.code == .syntax })
        #expect(error.range.start.offset == fixture.markers["1️⃣"])
        #expect(document.source.column(of: error.range.start, in: .utf16) == 13)
        #expect(document.source.column(of: error.range.start, in: .unicodeScalars) == 12)
    }
}
