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
