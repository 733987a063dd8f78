import Testing
@testable import ICPLanguage
@testable import ICPEngine
@testable import ICPBuilders
@testable import ICPInsights

/// `icp refine`: instructions as minimal edits. Each case gives the parameters the file must
/// have afterwards; an instruction followed by its inverse gives the original bytes back; the
/// comments survive every edit; words that fit nothing are an error naming them.
struct RefineTests {
    static let file = """
        # Our core segment. Reviewed with sales on Monday.
        icp: core
        name: Core — Zürich & Köln  # non-ASCII on purpose
        status: draft
        parameters:
          # where we sell
          - field: region
            mode: filter
            in: [North America, EMEA]
          - field: employees   # size
            mode: filter
            min: 51
            max: 500
          - field: tech_stack
            mode: score
            in: [hubspot]
            weight: 1
          - field: industry
            mode: filter
            in: [Software, Fintech]
        # the end

        """

    static let json = """
        {"icp": "core", "parameters": [
          {"field": "region", "mode": "filter", "in": ["EMEA"]},
          {"field": "employees", "mode": "filter", "min": 51}
        ]}

        """

    struct Case: CustomTestStringConvertible, Sendable {
        let instruction: String
        /// Parameters afterwards, as `field:mode` in file order, with a condition detail where it changed.
        let after: [String]
        /// The instruction that undoes it, giving the original bytes back.
        let inverse: String?
        var testDescription: String { instruction }
    }

    static let cases: [Case] = [
        Case(instruction: "drop the geo filter and replace with a score", after: ["region:score", "employees:filter", "tech_stack:score", "industry:filter"], inverse: "make region a filter"),
        Case(instruction: "replace the region filter with a score", after: ["region:score", "employees:filter", "tech_stack:score", "industry:filter"], inverse: "make the region score a filter"),
        Case(instruction: "drop the geo filter", after: ["employees:filter", "tech_stack:score", "industry:filter"], inverse: nil),
        Case(instruction: "make industry a hard filter", after: ["region:filter", "employees:filter", "tech_stack:score", "industry:filter"], inverse: nil),
        Case(instruction: "make the tech score a filter", after: ["region:filter", "employees:filter", "tech_stack:filter", "industry:filter"], inverse: "turn tech into a score"),
        Case(instruction: "add a 'uses Snowflake' boost", after: ["region:filter", "employees:filter", "tech_stack:score", "industry:filter", "tech_stack:score"], inverse: "drop the snowflake boost"),
        Case(instruction: "exclude companies with fewer than 20 employees", after: ["region:filter", "employees:filter", "tech_stack:score", "industry:filter", "employees:exclude"], inverse: "remove the employees exclude"),
        Case(instruction: "raise the employee floor to 100", after: ["region:filter", "employees:filter min 100", "tech_stack:score", "industry:filter"], inverse: "lower the employee floor to 51"),
        Case(instruction: "set the size cap to 1000", after: ["region:filter", "employees:filter max 1000", "tech_stack:score", "industry:filter"], inverse: "set the employees maximum to 500"),
        Case(instruction: "double the weight of tech", after: ["region:filter", "employees:filter", "tech_stack:score weight 2", "industry:filter"], inverse: "halve the weight of tech"),
        Case(instruction: "set the weight of the hubspot score to 5", after: ["region:filter", "employees:filter", "tech_stack:score weight 5", "industry:filter"], inverse: "set the weight of tech to 1"),
        Case(instruction: "make the fintech filter an exclude", after: ["region:filter", "employees:filter", "tech_stack:score", "industry:exclude"], inverse: "make industry a filter"),
        Case(instruction: "drop the geo filter; add a uses Snowflake boost; exclude companies with fewer than 20 employees",
             after: ["employees:filter", "tech_stack:score", "industry:filter", "tech_stack:score", "employees:exclude"], inverse: nil),
        Case(instruction: "prefer companies on Salesforce", after: ["region:filter", "employees:filter", "tech_stack:score", "industry:filter", "tech_stack:score weight 2"], inverse: nil),
    ]

    static let engine = DraftTests.sample.engine

    static func describe(_ text: String, format: SourceFormat = .yaml) -> [String] {
        (ICPDocument(text: text, format: format).icp?.parameters ?? []).map { parameter in
            var words = "\(parameter.field?.value ?? "?"):\(parameter.mode?.value.rawValue ?? "?")"
            if parameter.field?.value == "employees", parameter.mode?.value == .filter, case .range(let min, let max)? = parameter.condition?.value {
                if let min, min.text != "51" { words += " min \(min.text)" }
                if let max, max.text != "500" { words += " max \(max.text)" }
            }
            if let weight = parameter.weight?.value, weight != 1 { words += " weight \(CountFormat.plain(weight))" }
            return words
        }
    }

    @Test(arguments: cases)
    func instructionEditsAndItsInverseRestoresTheBytes(_ example: Case) throws {
        let refined = try Self.engine.refine(Self.file, format: .yaml, instruction: example.instruction).get()
        #expect(Self.describe(refined.text) == example.after)
        for comment in ["# Our core segment. Reviewed with sales on Monday.", "# non-ASCII on purpose", "# where we sell", "# size", "# the end", "Core — Zürich & Köln"] {
            #expect(refined.text.contains(comment))
        }
        #expect(ICPDocument(text: refined.text, format: .yaml).diagnostics.filter { $0.severity == .error }.isEmpty)
        // The single change, applied to the original, gives the same text.
        #expect(TextChange.apply([refined.change], to: Self.file) == refined.text)
        if let inverse = example.inverse {
            let back = try Self.engine.refine(refined.text, format: .yaml, instruction: inverse).get()
            #expect(back.text == Self.file)
        }
    }

    @Test(arguments: [
        ("frobnicate the widget", "did not understand \"frobnicate the widget\""),
        ("drop the revenue filter", "no parameter fits \"revenue\""),
        ("add a uses Frobnitz boost", "could not map \"Frobnitz\""),
        ("double the weight of region", "only scores have weights"),
        ("raise the industry floor to 3", "which needs a number column; industry is not one"),
        ("drop the tech score and then drop the filters", "would leave no parameter"),
        ("move the employee cutoff to 100", "has both a min and a max"),
        ("swap Frobnitz for Software", "is not a value of any list"),
    ])
    func instructionsItCannotMapAreErrorsNamingTheWords(_ instruction: String, _ message: String) {
        switch Self.engine.refine(Self.file, format: .yaml, instruction: instruction) {
        case .success(let refined): Issue.record("refined anyway: \(refined.edits)")
        case .failure(let failure): #expect(failure.description.contains(message), "\(failure.description)")
        }
    }

    /// Values join, leave or replace those of the parameter already on their column, rather than
    /// adding a second condition that would require both; the inverse gives the bytes back.
    @Test(arguments: [
        ("also allow Healthcare", "in: [Software, Fintech, Healthcare]", "take Healthcare out"),
        ("drop Fintech", "is: Software", "add Fintech"),
        ("swap EMEA for APAC", "in: [North America, APAC]", "swap APAC for EMEA"),
        ("narrow the industry filter to Software", "is: Software", nil),
        ("cap employees at 1000", "max: 1000", "set the employees maximum to 500"),
        ("rule out Retail", "mode: exclude\n    in: [Retail]", nil),
        ("leave out retail", "mode: exclude\n    in: [Retail]", nil),
    ] as [(String, String, String?)])
    func valuesJoinOrLeaveTheListOnTheirColumn(_ instruction: String, _ written: String, _ inverse: String?) throws {
        let refined = try Self.engine.refine(Self.file, format: .yaml, instruction: instruction).get()
        #expect(refined.text.contains(written), "\(refined.text)")
        #expect(ICPDocument(text: refined.text, format: .yaml).diagnostics.filter { $0.severity == .error }.isEmpty)
        if let inverse {
            #expect(try Self.engine.refine(refined.text, format: .yaml, instruction: inverse).get().text == Self.file)
        }
    }

    /// "the city filter" names the parameter, though a value (`Salt Lake City`) holds "city": the
    /// parameter goes, not that value; "add Ogden" joins `Ogden` and asks about `North Ogden`.
    @Test func wordsNamingTheParameterAreNotValues() throws {
        let csv = "id,city,employees,stage\na,Salt Lake City,10,won\nb,Ogden,20,lost\nc,North Ogden,30,won\nd,Provo,40,won\n"
        let engine = try BacktestTests.engine(csv: csv)
        let file = "icp: c\nparameters:\n  - field: city\n    mode: filter\n    in: [Salt Lake City, Provo]\n  - field: employees\n    mode: filter\n    min: 5\n"
        let dropped = try engine.refine(file, format: .yaml, instruction: "drop the city filter").get()
        #expect(!dropped.text.contains("field: city"), "\(dropped.text)")
        let filterOn = try engine.refine(file, format: .yaml, instruction: "remove the filter on city").get()
        #expect(!filterOn.text.contains("field: city"), "\(filterOn.text)")
        let value = try engine.refine(file, format: .yaml, instruction: "remove Provo from the city filter").get()
        #expect(value.text.contains("is: Salt Lake City"), "\(value.text)")
        let added = try engine.refine(file, format: .yaml, instruction: "add Ogden to the city filter").get()
        #expect(added.text.contains("Ogden"), "\(added.text)")
        #expect(!added.text.contains("North Ogden") || added.questions.contains { $0.contains("North Ogden") }, "\(added.text) \(added.questions)")
    }

    @Test func anEditThatQualifiesNoOneSaysWhy() throws {
        let refined = try Self.engine.refine(Self.file, format: .yaml, instruction: "require companies in Japan").get()
        #expect(refined.questions.contains { $0.contains("0 of") }, "\(refined.questions)")
    }

    @Test func jsonFilesAreEditedInPlaceToo() throws {
        let added = try Self.engine.refine(Self.json, format: .json, instruction: "add a uses Snowflake boost; raise the employee floor to 100; make region a score").get()
        #expect(Self.describe(added.text, format: .json) == ["region:score", "employees:filter min 100", "tech_stack:score"])
        #expect(ICPDocument(text: added.text, format: .json).diagnostics.filter { $0.severity == .error }.isEmpty)
        let dropped = try Self.engine.refine(Self.json, format: .json, instruction: "drop the geo filter").get()
        #expect(Self.describe(dropped.text, format: .json) == ["employees:filter"])
        let back = try Self.engine.refine(try Self.engine.refine(Self.json, format: .json, instruction: "make region a score").get().text,
                                          format: .json, instruction: "make region a filter").get()
        #expect(back.text == Self.json)
    }

    @Test func aByteOrderMarkIsKept() throws {
        let refined = try Self.engine.refine("\u{FEFF}" + Self.file, format: .yaml, instruction: "raise the employee floor to 100").get()
        #expect(refined.text.hasPrefix("\u{FEFF}"))
        #expect(refined.text.contains("min: 100"))
    }
}
