import Foundation
import Testing
@testable import ICPLanguage
@testable import ICPEngine
@testable import ICPDataset

/// data-files.md, "The file" and "What the reading asks": dialects, encodings, rows that do not
/// fit, and the questions a reading leaves, as `icp columns` and the checks show them.
struct ExportReadingTests {
    private func load(_ bytes: [UInt8], options: DatasetOptions = DatasetOptions()) throws(DatasetError) -> ColumnStore {
        try DatasetLoader.load(bytes, name: "accounts.csv", format: .csv, options: options)
    }

    private func load(_ text: String, options: DatasetOptions = DatasetOptions()) throws(DatasetError) -> ColumnStore {
        try load(Array(text.utf8), options: options)
    }

    private func reading(_ configure: (inout ReadingSettings) -> Void) -> DatasetOptions {
        var settings = ReadingSettings()
        configure(&settings)
        return DatasetOptions(reading: settings)
    }

    @Test(arguments: [(";", "id;name;revenue\n1;Acme, Inc.;12,5\n2;Beta;3,25\n"),
                      ("\t", "id\tname\trevenue\n1\tAcme, Inc.\t12.5\n2\tBeta\t3.25\n"),
                      ("|", "id|name|revenue\n1|Acme, Inc.|12.5\n2|Beta|3.25\n"),
                      (",", "id,name,revenue\n1,\"Acme, Inc.\",12.5\n2,Beta,3.25\n")])
    func theDelimiterIsFoundAndSaid(delimiter: String, text: String) throws {
        let store = try load(text)
        #expect(store.columnNames == ["id", "name", "revenue"])
        #expect(store.column(named: "name")?.text(atRow: 0) == "Acme, Inc.")
        #expect(store.column(named: "revenue")?.exported(atRow: 0) == .number(12.5))
        #expect(store.reading.delimiter == UInt8(ascii: Unicode.Scalar(delimiter)!))
    }

    @Test func titleLinesAboveTheHeaderAreSkippedAndCounted() throws {
        let store = try load("H-1B Employer Data Hub\nExported from the USCIS website\n\nFiscal Year,Employer,Approvals\n2019,Acme,1\n2019,Beta,0\n2019,Gamma,3\n")
        #expect(store.columnNames == ["Fiscal Year", "Employer", "Approvals"])
        #expect(store.rowCount == 3)
        #expect(store.reading.headerLine == 4)
        #expect(store.reading.preambleLines == 2)
        #expect(store.reading.description.contains("header on line 4, 2 lines above it skipped"))
    }

    @Test func titleLinesPaddedWithDelimitersAreSkipped() throws {
        let store = try load("Companies export,,,\n,,,\nid,name,country,employees\n1,Acme,DE,10\n2,Beta,FR,20\n")
        #expect(store.columnNames == ["id", "name", "country", "employees"])
        #expect(store.rowCount == 2)
        #expect(store.reading.preambleLines == 2)
    }

    @Test func excelsSepLineNamesTheDelimiter() throws {
        let store = try load("sep=;\nid;name\n1;A,B\n2;C\n")
        #expect(store.columnNames == ["id", "name"])
        #expect(store.column(named: "name")?.text(atRow: 0) == "A,B")
    }

    /// A first line that reads as a row is read as one and said: the columns are column_1... and
    /// the question names both settings; `header: true` reads it as names, `header: false` silences it.
    @Test func aFirstLineThatReadsAsDataIsARowAndAsked() throws {
        let text = "AACG,ATA Creativity,G,N,N,100\nAAME,Atlantic American,G,N,E,100\nAAON,AAON Inc,Q,N,N,100\n"
        let guessed = try load(text)
        #expect(guessed.columnNames == (1...6).map { "column_\($0)" })
        #expect(guessed.rowCount == 3)
        let question = try #require(guessed.reading.headerQuestion)
        #expect(question.contains("`100`") && question.contains("header: true") && question.contains("header: false"))
        let declared = try load(text, options: reading { $0.header = false })
        #expect(declared.columnNames == guessed.columnNames && declared.reading.headerQuestion == nil)
        let numbers = "12,20\n11,21\n13,19\n"
        #expect(try load(numbers).reading.headerQuestion != nil)
        let named = try load(numbers, options: reading { $0.header = true })
        #expect(named.columnNames == ["12", "20"] && named.rowCount == 2 && named.reading.headerQuestion == nil)
        let engine = Engine(accounts: guessed, settings: EvaluationSettings(asOf: CalendarDate(parsing: "2026-01-01")!))
        let config = WorkspaceDocument(text: "datasets:\n  accounts: a.csv\n").config
        #expect(ReadingChecks.workspace(config, engine: engine).contains { $0.code == .dataReading && $0.message.contains("column_1") })
    }

    /// Years naming columns of values far larger or smaller than a year are a header, not a row.
    @Test(arguments: ["Newspaper,2004,2013\nUSA Today,\"2,192,098\",\"1,674,306\"\nWall Street Journal,\"2,101,017\",\"2,378,827\"\nNew York Times,\"1,119,027\",\"1,865,318\"\n",
                      "team,2019,2020\nA,3,5\nB,0,7\nC,12,1\n"])
    func yearsOverOtherNumbersAreAHeader(text: String) throws {
        let store = try load(text)
        #expect(store.reading.header && store.reading.headerQuestion == nil)
        #expect(store.rowCount == 3)
    }

    @Test func aQuoteMarkInsideTextIsTextWhenNothingElseFits() throws {
        let store = try load("name\tid\n\"RED BAND\" CHEMICAL COMPANY, LIMITED\t1\nACME\t2\nBETA\t3\n")
        #expect(store.column(named: "name")?.text(atRow: 0) == "\"RED BAND\" CHEMICAL COMPANY, LIMITED")
        #expect(store.reading.quote == QuoteSetting.none)
    }

    @Test func singleQuotesAreFound() throws {
        let store = try load("Symbol,HQ,CIK\nMMM,'Saint Paul, Minnesota',66740\nAOS,'Milwaukee, Wisconsin',91142\nABT,'North Chicago, Illinois',1800\n")
        #expect(store.column(named: "HQ")?.text(atRow: 0) == "Saint Paul, Minnesota")
    }

    @Test func aRowThatDoesNotFitNamesTheDialectAndTheSettings() throws {
        let text = "id;hq\n1;Dublin\n2;Dublin; Ireland\n3;Paris\n"
        #expect {
            _ = try load(text)
        } throws: { error in
            guard let error = error as? DatasetError else { return false }
            return error.line == 3 && error.message.contains("`;`-separated") && error.message.contains("bad_rows: skip") && error.message.contains("delimiter")
        }
        let skipped = try load(text, options: reading { $0.badRows = .skip })
        #expect(skipped.rowCount == 2)
        #expect(skipped.reading.badRows == 1 && skipped.reading.badRowLines == [3])
        let kept = try load(text, options: reading { $0.badRows = .keep })
        #expect(kept.rowCount == 3)
        #expect(kept.column(named: "hq")?.text(atRow: 1) == "Dublin")
    }

    @Test func keptRowsLoseTheirEmptyFieldsFirstAndShortOnesArePadded() {
        let fitted = CSVReader.fitted([Array("a".utf8), [], Array("b".utf8), Array("c".utf8), []], to: 3)
        #expect(fitted.map { String(decoding: $0, as: UTF8.self) } == ["a", "b", "c"])
        #expect(CSVReader.fitted([Array("a".utf8)], to: 3).count == 3)
        #expect(CSVReader.fitted([Array("a".utf8), Array("b".utf8), Array("c".utf8)], to: 2).map { String(decoding: $0, as: UTF8.self) } == ["a", "b"])
    }

    @Test func utf16WithAMarkIsRead() throws {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in "id\tname\r\n1\tZürich\r\n".utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let store = try load(bytes)
        #expect(store.column(named: "name")?.text(atRow: 0) == "Zürich")
        #expect(store.reading.encoding == .utf16le && store.reading.byteOrderMark)
    }

    @Test func windows1252IsNamedWhenUndeclaredAndReadWhenDeclared() throws {
        let bytes = Array("id,name\n1,Brown".utf8) + [0x96] + Array("Forman\n2,Caf".utf8) + [0xE9] + Array("\n".utf8)
        #expect {
            _ = try load(bytes)
        } throws: { error in
            guard let error = error as? DatasetError else { return false }
            return error.line == 2 && error.message.contains("Windows-1252") && error.message.contains("encoding: windows-1252") && error.message.contains("Brown–Forman")
        }
        let store = try load(bytes, options: reading { $0.encoding = .windows1252 })
        #expect(store.column(named: "name")?.text(atRow: 0) == "Brown–Forman")
        #expect(store.column(named: "name")?.text(atRow: 1) == "Café")
    }

    @Test func aLinePastedFromAnotherEncodingIsNamedNotReplaced() {
        let bytes = Array("id,name\n1,Zürich\n2,O".utf8) + [0x92] + Array("Brien\n".utf8)
        #expect {
            _ = try load(bytes)
        } throws: { error in
            guard let error = error as? DatasetError else { return false }
            return error.line == 3 && error.message.contains("No one encoding reads the whole file")
        }
    }

    @Test func aWorkbookIsSaidToBeOne() {
        #expect {
            _ = try load([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0xFF, 0xFE])
        } throws: { error in
            (error as? DatasetError)?.message.contains("ZIP archive") == true
        }
    }

    @Test func anUnnamedEmptyLastColumnIsLeftOut() throws {
        let store = try load("id,name,\n1,A,\n2,B,\n")
        #expect(store.columnNames == ["id", "name"])
        #expect(store.reading.droppedTrailingColumn)
    }

    @Test func questionsNameTheCellsAndTheLineThatSettlesThem() throws {
        let text = "id,revenue,joined,amount\n1,\"$1,234\",04/03/2021,€1.234\n2,-,05/06/2020,€2.500\n3,\"$20,000\",01/02/2019,€3.750\n"
        let store = try load(text)
        let revenue = try #require(store.column(named: "revenue"))
        #expect(revenue.type == .text)
        #expect(revenue.reading.questions.first?.kind == .missingMarker)
        #expect(revenue.reading.questions.first?.fix == "missing_values: [\"-\"]")
        let joined = try #require(store.column(named: "joined"))
        #expect(joined.type == .text)
        #expect(joined.reading.questions.first?.kind == .ambiguousDates)
        #expect(joined.reading.questions.first?.message.contains("format: DD/MM/YYYY") == true)
        let amount = try #require(store.column(named: "amount"))
        #expect(amount.type == .text)
        #expect(amount.reading.questions.first?.kind == .ambiguousDecimal)

        let settled = try load(text, options: DatasetOptions(missingValues: ["-"], fields: ["joined": FieldOverride(type: .date, format: DateFormat("DD/MM/YYYY"))]))
        #expect(settled.column(named: "revenue")?.exported(atRow: 2) == .number(20_000))
        #expect(settled.column(named: "revenue")?.exported(atRow: 1) == .missing)
        #expect(settled.column(named: "joined")?.exported(atRow: 0) == .date("2021-03-04"))
        // The decimal mark is the file's: declared `,`, `€2.500` groups thousands.
        let euros = try load("id;amount\n1;€1.234\n2;€2.500\n", options: reading { $0.decimal = .comma })
        #expect(euros.column(named: "amount")?.exported(atRow: 1) == .number(2_500))
        #expect(euros.columns.allSatisfy { $0.reading.questions.isEmpty })
    }

    @Test func anotherColumnSettlesTheDateOrderAndIsNamed() throws {
        let store = try load("id,joined,left\n1,04/03/2021,25/12/2022\n2,05/06/2020,13/01/2023\n")
        let joined = try #require(store.column(named: "joined"))
        #expect(joined.type == .date)
        #expect(joined.reading.dateOrder == .dayFirst)
        #expect(joined.reading.example?.contains("as `left` shows") == true)
        #expect(joined.exported(atRow: 0) == .date("2021-03-04"))
    }

    @Test func codesWithLeadingZerosStayText() throws {
        let store = try load("ein,zip\n010693259,06450\n020681642,84050\n")
        #expect(store.column(named: "ein")?.type == .text)
        #expect(store.column(named: "zip")?.text(atRow: 0) == "06450")
    }

    @Test func aMarkColumnsEmptyCellIsNo() throws {
        let store = try load("id,501(c)(3)\n1,x\n2,\n3,x\n")
        let column = try #require(store.column(named: "501(c)(3)"))
        #expect(column.type == .boolean)
        #expect(column.exported(atRow: 1) == .boolean(false))
        #expect(column.presentCount == 3)
    }

    @Test func theCacheKeepsWhatTheReadingFound() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("icp-reading-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("accounts.csv")
        try "Title\n\nid;Revenue ($M);size;joined\n1;1,5;51-200;04/03/2021\n2;-;201-500;05/06/2020\n3;2,25;51-200;13/01/2023\n".write(to: file, atomically: true, encoding: .utf8)
        let fresh = try DatasetLoader.load(file, name: "accounts.csv", options: DatasetOptions(), cache: true)
        DatasetCache.finishWrites()
        let cached = try DatasetLoader.load(file, name: "accounts.csv", options: DatasetOptions(), cache: true)
        #expect(cached.reading == fresh.reading)
        #expect(cached.reading.preambleLines == 1)
        for name in fresh.columnNames {
            #expect(cached.column(named: name)?.reading == fresh.column(named: name)?.reading, "\(name)")
            #expect(cached.column(named: name)?.type == fresh.column(named: name)?.type, "\(name)")
        }
        #expect(cached.column(named: "size")?.type == .range)
        #expect(cached.column(named: "Revenue ($M)")?.reading.questions.isEmpty == false)
    }

    /// A text column of places (`Austin, TX`) is not a list; tags that move between positions are,
    /// whatever their separator, even when every cell holds two.
    @Test(arguments: [(["Austin, TX", "Salt Lake City, UT", "Dublin, OH", "Austin, TX"], nil as String?),
                      (["Software, AI", "AI, Health", "Software, Health", "AI, Software"], ","),
                      (["Software|SaaS", "Health Care", "Software|AI", "FinTech|SaaS"], "|")])
    func aListIsToldFromPlaces(values: [String], separator: String?) throws {
        let rows = (0..<40).map { "\($0),\"\(values[$0 % values.count])\"" }
        let store = try load("id,where\n" + rows.joined(separator: "\n") + "\n")
        let engine = Engine(accounts: store, settings: EvaluationSettings(asOf: CalendarDate(parsing: "2026-01-01")!))
        #expect(engine.likelyList("where")?.separator == separator)
    }
}
