import Foundation
import Testing
@testable import ICPLanguage
@testable import ICPEngine
@testable import ICPBuilders
@testable import ICPInsights
@testable import ICPDataset

struct DatasetReaderTests {
    private func load(_ text: String, format: DatasetFormat = .csv, options: DatasetOptions = DatasetOptions()) throws(DatasetError) -> ColumnStore {
        try DatasetLoader.load(Array(text.utf8), name: "data.csv", format: format, options: options)
    }

    @Test(arguments: [
        ("id,a\n1,x\n2,y,z\n", 3, "has 3 fields but the header has 2"),
        ("id,a\n1,x\n2\n", 3, "has 1 field but the header has 2"),
        ("id,a\n1,\"open\n2,y\n", 2, "never closed"),
        ("id,a,id\n1,2,3\n", 1, "appears twice in the header"),
    ])
    func malformedCSVNamesTheLine(text: String, line: Int, message: String) {
        #expect {
            _ = try load(text)
        } throws: { error in
            guard let error = error as? DatasetError else { return false }
            return error.line == line && error.message.contains(message) && error.description.hasPrefix("data.csv:\(line): ")
        }
    }

    /// A quote followed by text is a quote mark of the text when nothing says the file quotes
    /// (a name such as `"RED BAND" CHEMICAL`); declared, it is an error naming the line.
    @Test func aQuoteFollowedByTextIsTextUnlessQuotingIsDeclared() throws {
        let text = "id,a\n1,\"q\"x\n"
        #expect(try load(text).column(named: "a")?.text(atRow: 0) == "\"q\"x")
        var reading = ReadingSettings()
        reading.quote = .character(UInt8(ascii: "\""))
        #expect {
            _ = try load(text, options: DatasetOptions(reading: reading))
        } throws: { error in
            guard let error = error as? DatasetError else { return false }
            return error.line == 2 && error.message.contains("after a closing quote") && error.message.contains("quote: none")
        }
    }

    /// List cells split on their bytes: separators of one or more bytes, spaces around parts,
    /// empty parts, repeats, spellings equal once normalized, non-ASCII parts.
    @Test(arguments: [(";", "Slack; jira;;slack ;JIRA|x"), (" | ", "Slack | jira |  | slack  | JIRA;x"), ("::", "Slack::jira::::slack ::JIRA|x")])
    func listsSplitOnTheirBytes(separator: String, cell: String) throws {
        let csv = "id,tags\n1,\"\(cell)\"\n2,\"Zürich\(separator)zürich \(separator)ZÜRICH\"\n3,\"  \"\n"
        let options = DatasetOptions(fields: ["tags": FieldOverride(type: .list, separator: separator)])
        let store = try DatasetLoader.load(Array(csv.utf8), name: "t.csv", format: .csv, options: options)
        let column = try #require(store.column(named: "tags"))
        guard case .list(let lists) = column.cells else { Issue.record("not a list"); return }
        let named = (0..<store.rowCount).map { row in lists[Int(column.codes[row])].map { column.elements[Int($0)] } }
        let last = separator == " | " ? "JIRA;x" : "JIRA|x"
        #expect(named[0] == ["Slack", "jira", last])
        #expect(named[1] == ["Zürich"])
        #expect(named[2] == [], "a cell of spaces holds no element: missing")
        #expect(column.codes[2] == 0)
        #expect(Array(column.normalizedElements) == ["slack", "jira", last.lowercased(), "zürich"])
    }

    @Test func emptyFilesAndHeaderOnlyFiles() throws {
        #expect(throws: DatasetError.self) { try load("") }
        #expect(throws: DatasetError.self) { try load("\u{FEFF}") }
        let headerOnly = try load("id,name\r\n")
        #expect(headerOnly.rowCount == 0)
        #expect(headerOnly.columnNames == ["id", "name"])
    }

    @Test func invalidUTF8NamesItsLine() {
        var bytes = Array("id,a\n1,ok\n2,".utf8)
        bytes += [0xC3, 0x28]
        bytes += Array("\n".utf8)
        #expect {
            _ = try DatasetLoader.load(bytes, name: "latin1.csv", format: .csv, options: DatasetOptions())
        } throws: { error in
            (error as? DatasetError)?.line == 3
        }
    }

    @Test func trailingCommaAndLoneCarriageReturnsAndBlankLines() throws {
        let store = try load("id,a,b\r1,x,\r\r\n2,,y\n\n   \n")
        #expect(store.rowCount == 2)
        #expect(store.column(named: "b")?.text(atRow: 0) == nil)
        #expect(store.column(named: "b")?.text(atRow: 1) == "y")
        #expect(store.column(named: "a")?.text(atRow: 1) == nil)
    }

    @Test func headersAreTrimmedAndEmptyOnesNamed() throws {
        let store = try load(" Company Name ,,revenue ($)\nA,1,2\n")
        #expect(store.columnNames == ["Company Name", "column_2", "revenue ($)"])
    }

    @Test func overridesReadCellsAsTheirTypeAndMissingOtherwise() throws {
        let options = DatasetOptions(missingValues: ["n/a"], fields: [
            "size": FieldOverride(type: .number), "tags": FieldOverride(type: .list, separator: "|"), "flag": FieldOverride(type: .text),
        ])
        let store = try load("size,tags,flag\n12,a| b |a,yes\nabout 5,|,no\nN/A,c,true\n", options: options)
        let size = try #require(store.column(named: "size"))
        #expect(size.type == .number)
        #expect(size.presentCount == 1)
        let tags = try #require(store.column(named: "tags"))
        #expect(Array(tags.elements) == ["a", "b", "c"])
        #expect(tags.presentCount == 2)
        #expect(store.column(named: "flag")?.type == .text)
    }

    @Test func jsonLinesGiveTheSameColumnsAsCSV() throws {
        let jsonl = """
            {"id": 1, "industry": "Software", "tags": ["crm", "Slack"], "employees": 250, "customer": false, "since": "2024-01-05"}
            {"id": 2, "industry": null, "tags": [], "employees": 12.5, "customer": true}

            {"id": 3, "industry": " software", "tags": "erp", "extra": {"nested": [1, 2]}, "since": "2025-02-03T10:00:00Z"}
            """
        let store = try load(jsonl, format: .jsonLines)
        #expect(store.rowCount == 3)
        #expect(store.columnNames == ["id", "industry", "tags", "employees", "customer", "since", "extra"])
        #expect(store.column(named: "tags")?.type == .list)
        #expect(store.column(named: "tags")?.presentCount == 2)
        #expect(store.column(named: "employees")?.type == .number)
        #expect(store.column(named: "customer")?.type == .boolean)
        #expect(store.column(named: "since")?.type == .date)
        #expect(store.column(named: "extra")?.text(atRow: 2) == #"{"nested": [1, 2]}"#)
        let engine = Engine(accounts: store, settings: EvaluationSettings(asOf: CalendarDate(parsing: "2026-01-01")!))
        let icp = try #require(ICPDocument(text: "icp: x\nparameters:\n  - {field: tags, mode: filter, in: [slack, ERP]}\n", format: .yaml).icp)
        #expect(engine.evaluate(icp).qualifiedCount == 2)
    }

    @Test(arguments: [
        ("{\"id\": 1}\n[1, 2]\n", 2, "one JSON object"),
        ("{\"id\": 1}\n{\"id\": \n", 2, "not valid JSON"),
        ("{\"id\": 1, \"id\": 2}\n", 1, "appears twice"),
    ])
    func malformedJSONLinesNameTheLine(text: String, line: Int, message: String) {
        #expect {
            _ = try load(text, format: .jsonLines)
        } throws: { error in
            guard let error = error as? DatasetError else { return false }
            return error.line == line && error.message.contains(message)
        }
    }

    @Test func sampleIsDeterministicAndWellFormed() throws {
        let first = SampleDataset(accounts: 300, seed: 7)
        let second = SampleDataset(accounts: 300, seed: 7)
        let other = SampleDataset(accounts: 300, seed: 8)
        #expect(first.accountsCSV == second.accountsCSV)
        #expect(first.contactsCSV == second.contactsCSV)
        #expect(first.accountsCSV != other.accountsCSV)
        let accounts = try load(first.accountsCSV, options: DatasetOptions(config: SampleDataset.workspaceConfig))
        #expect(accounts.rowCount == 300)
        let expectedTypes: [String: ColumnType] = [
            "employees": .number, "revenue_usd": .number, "tech_stack": .list, "is_customer": .boolean,
            "last_funding_date": .date, "created_at": .date, "headcount_growth": .number, "industry": .text,
        ]
        for (name, type) in expectedTypes { #expect(accounts.column(named: name)?.type == type, "\(name)") }
    }

    /// The built-in sample is a promise (README figures come from it): changing the generator must be deliberate.
    @Test func builtInSampleFingerprint() {
        let sample = SampleDataset(accounts: SampleDataset.builtInAccounts, seed: SampleDataset.builtInSeed)
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in (sample.accountsCSV + sample.contactsCSV).utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3
        }
        #expect(String(hash, radix: 16) == "8ef292097a732c2d")
    }
}
