import Testing
@testable import ICPLanguage
@testable import ICPEngine
@testable import ICPBuilders
@testable import ICPInsights
@testable import ICPDataset

/// Shapes the five conventions do not have: a location written as "City, State" in one column
/// (as the S&P 500 list writes headquarters) and counts with thousands separators (as the
/// USCIS employer data writes approvals).
struct DraftLocationTests {
    static let csv = """
        Symbol,Sector,Headquarters Location,Approvals
        A,Energy,"Houston, Texas",12
        B,Energy,"Dallas, Texas","1,132"
        C,Health Care,"San Diego, California",3
        D,Energy,"Denver, Colorado",40
        E,Financials,"New York City, New York","2,111"
        F,Health Care,"Palo Alto, California",7

        """

    static let engine: Engine = {
        let store = (try? DatasetLoader.load(Array(csv.utf8), name: "sp.csv", format: .csv, options: DatasetOptions())) ?? ColumnStore(rowCount: 0, columns: [])
        var config = WorkspaceConfig()
        config.accountIDField = "Symbol"
        return Engine(accounts: store, settings: EvaluationSettings(config: config, today: SampleDataset.asOf))
    }()

    @Test func countsWithThousandsSeparatorsAreNumbers() throws {
        let column = try #require(Self.engine.accounts.column(named: "Approvals"))
        #expect(column.type == .number)
        let draft = Self.engine.draft("companies with more than 1000 approvals")
        #expect(draft.parameters.map(\.parameter.summary) == ["Approvals: filter, min 1001"])
        #expect(Self.engine.evaluate(draft.icp(code: "d")).qualifiedCount == 2)
    }

    @Test(arguments: [("energy companies in Texas", 2, "Headquarters Location: filter, contains_any [Texas]"),
                      ("health care companies in the Bay Area", 1, "Headquarters Location: filter, contains_any [Palo Alto]"),
                      ("companies in New York", 1, "Headquarters Location: filter, contains_any [New York]")])
    func aPlaceInsideALocationTextIsContained(sentence: String, qualified: Int, parameter: String) {
        let draft = Self.engine.draft(sentence)
        #expect(draft.parameters.map(\.parameter.summary).contains(parameter), "\(draft.parameters.map(\.parameter.summary))")
        #expect(Self.engine.evaluate(draft.icp(code: "d")).qualifiedCount == qualified)
    }

    /// As the UK pay-gap register writes sizes (bands as text) and the IRS register writes money
    /// beside codes (`INCOME_CD` 0-9, `REVENUE_AMT` in dollars).
    static let registers = """
        Name,EmployerSize,INCOME_CD,REVENUE_AMT
        A,1000 to 4999,7,2500000
        B,250 to 499,5,400000
        C,1000 to 4999,6,900000
        D,5000 to 19999,8,12000000

        """

    @Test func aBandWrittenAsTextAndMoneyBesideACode() throws {
        let store = try DatasetLoader.load(Array(Self.registers.utf8), name: "r.csv", format: .csv, options: DatasetOptions())
        var config = WorkspaceConfig()
        config.accountIDField = "Name"
        let engine = Engine(accounts: store, settings: EvaluationSettings(config: config, today: SampleDataset.asOf))
        let band = engine.draft("employers with 1000 to 4999 employees")
        // The bands read as ranges: the one from 1000 to 4999, and no other, passes both ends.
        #expect(band.parameters.map(\.parameter.summary) == ["EmployerSize: filter, min 1000, max 4999"])
        #expect(engine.evaluate(band.icp(code: "b")).qualifiedCount == 2)
        let money = engine.draft("organizations with revenue over $1M")
        #expect(money.parameters.map(\.parameter.summary) == ["REVENUE_AMT: filter, min 1000000"])
        #expect(engine.evaluate(money.icp(code: "m")).qualifiedCount == 2)
    }
}

extension DraftLocationTests {
    /// A city column holding a metro by two of its names (`New York` and `New York City`, as a
    /// company register writes them): both are read, and asked about; by one name, that one.
    @Test func aCityTheDataNamesTwoWaysIsBothNamesAskedAbout() throws {
        let csv = "ID,City\n1,New York\n2,New York City\n3,Boston\n4,New York\n"
        let store = try DatasetLoader.load(Array(csv.utf8), name: "c.csv", format: .csv, options: DatasetOptions())
        var config = WorkspaceConfig()
        config.accountIDField = "ID"
        let engine = Engine(accounts: store, settings: EvaluationSettings(config: config, today: SampleDataset.asOf))
        let draft = engine.draft("companies in New York")
        #expect(draft.parameters.map(\.parameter.summary) == ["City: filter, in [New York, New York City]"], "\(draft.parameters.map(\.parameter.summary))")
        #expect(draft.questions.contains { $0.contains("New York, New York City") }, "\(draft.questions)")
        let single = try DatasetLoader.load(Array("ID,City\n1,New York City\n2,Boston\n".utf8), name: "c.csv", format: .csv, options: DatasetOptions())
        let one = Engine(accounts: single, settings: EvaluationSettings(config: config, today: SampleDataset.asOf)).draft("companies in NYC")
        #expect(one.parameters.map(\.parameter.summary) == ["City: filter, in [New York City]"], "\(one.parameters.map(\.parameter.summary))")
    }
}

extension DraftLocationTests {
    /// A register that abbreviates place names (`W VALLEY CITY`, `SALT LAKE CTY`, as the IRS
    /// writes Utah's towns): the abbreviated spellings are the same place, read and asked about.
    @Test(arguments: [("nonprofits in West Valley City", ["WEST VALLEY CITY", "W VALLEY CITY"]),
                      ("nonprofits in Salt Lake City", ["SALT LAKE CITY", "SALT LAKE CTY"])])
    func aPlaceWrittenAbbreviatedIsTheSamePlace(sentence: String, values: [String]) throws {
        var lines = ["EIN,NAME,CITY"]
        let cities = ["WEST VALLEY CITY", "W VALLEY CITY", "W VALLEY CITY", "SALT LAKE CITY", "SALT LAKE CITY", "SALT LAKE CTY", "OGDEN", "PROVO"]
        for (index, city) in (cities + cities).enumerated() { lines.append("\(100 + index),Org \(index),\(city)") }
        let store = try DatasetLoader.load(Array((lines.joined(separator: "\n") + "\n").utf8), name: "eo.csv", format: .csv, options: DatasetOptions())
        var config = WorkspaceConfig()
        config.accountIDField = "EIN"
        let draft = Engine(accounts: store, settings: EvaluationSettings(config: config, today: SampleDataset.asOf)).draft(sentence)
        let written = draft.parameters.first.map { $0.parameter.condition.values.map(\.text) } ?? []
        #expect(Set(written) == Set(values), "\(draft.parameters.map(\.parameter.summary))")
        #expect(draft.questions.contains { question in values.allSatisfy { question.contains($0) } }, "\(draft.questions)")
    }
}

extension DraftLocationTests {
    /// A city the data holds in two states, the sentence naming none: which is meant is asked,
    /// with the accounts in each; a city in one state asks nothing.
    @Test func aCityInTwoStatesIsAQuestion() throws {
        let rows = ["PORTLAND,OR", "PORTLAND,OR", "PORTLAND,OR", "PORTLAND,ME", "SEATTLE,WA", "SEATTLE,WA", "BOISE,ID"]
        let csv = "Employer,City,State\n" + rows.enumerated().map { "E\($0.offset),\($0.element)" }.joined(separator: "\n") + "\n"
        let store = try DatasetLoader.load(Array(csv.utf8), name: "h1b.csv", format: .csv, options: DatasetOptions())
        var config = WorkspaceConfig()
        config.accountIDField = "Employer"
        let engine = Engine(accounts: store, settings: EvaluationSettings(config: config, today: SampleDataset.asOf))
        let portland = engine.draft("employers in Portland")
        #expect(portland.questions.contains { $0.contains("PORTLAND is in 2 values of State: OR (3), ME (1)") }, "\(portland.questions)")
        let seattle = engine.draft("employers in Seattle")
        #expect(!seattle.questions.contains { $0.contains("values of State") }, "\(seattle.questions)")
    }
}

extension DraftLocationTests {
    /// A word read as a value one account holds, while another column holds it in the values of
    /// many (a licence register's detail and category): which column is meant is asked.
    @Test func aThinReadingBesideAThickColumnIsAQuestion() throws {
        var rows = ["L0,TRUCKING,\"TRUCKING, EXPRESS, CARTAGE\""]
        for index in 1...20 { rows.append("L\(index),LOCAL HAULING,\"TRUCKING, EXPRESS, CARTAGE\"") }
        rows += ["L30,COMPUTER REPAIR,COMPUTERS", "L31,BAKERY,FOOD"]
        let csv = "Licence,Detail_Desc,Category_Desc\n" + rows.joined(separator: "\n") + "\n"
        let store = try DatasetLoader.load(Array(csv.utf8), name: "l.csv", format: .csv, options: DatasetOptions())
        var config = WorkspaceConfig()
        config.accountIDField = "Licence"
        let draft = Engine(accounts: store, settings: EvaluationSettings(config: config, today: SampleDataset.asOf)).draft("trucking companies")
        let asked = draft.parameters.contains { $0.parameter.field == "Category_Desc" }
            || draft.questions.contains { $0.contains("Category_Desc holds the same words") }
        #expect(asked, "\(draft.parameters.map(\.parameter.summary)) \(draft.questions)")
    }
}
