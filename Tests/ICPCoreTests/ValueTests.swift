import Testing
@testable import ICPLanguage
@testable import ICPEngine
@testable import ICPBuilders
@testable import ICPInsights

struct ValueTests {
    @Test(arguments: [("2024-02-29", true), ("2023-02-29", false), ("2026-13-01", false), ("2026-04-31", false),
                      ("2026-11-01T10:00:00Z", true), ("2026-11-01 10:00", true), ("2026-11-01x", false), ("26-11-01", false)])
    func dates(text: String, valid: Bool) {
        #expect((CalendarDate(parsing: text) != nil) == valid)
    }

    @Test func dateArithmeticRoundTrips() throws {
        let epoch = try #require(CalendarDate(year: 1970, month: 1, day: 1))
        #expect(epoch.daysSinceEpoch == 0)
        let date = try #require(CalendarDate(parsing: "2026-11-01"))
        #expect(date.adding(days: -290).description == "2026-01-15")
        #expect(CalendarDate(daysSinceEpoch: -1).description == "1969-12-31")
        for days in stride(from: -800_000, to: 800_000, by: 997) {
            let (year, month, day) = CalendarDate(daysSinceEpoch: days).components
            #expect(CalendarDate(year: year, month: month, day: day)?.daysSinceEpoch == days)
        }
    }

    /// A share short of all never reads as 100%, nor one above none as 0%.
    @Test(arguments: [(0.9993, 0, "99.9%"), (0.99999, 1, "99.999%"), (1.0, 0, "100%"), (0.0004, 1, "0.04%"), (0.0, 1, "0.0%"),
                      (0.5, 0, "50%"), (0.123, 1, "12.3%"), (0.999999, 0, "99.999%")] as [(Double, Int, String)])
    func percentages(share: Double, digits: Int, shown: String) {
        #expect(CountFormat.percent(share, digits: digits) == shown)
    }

    @Test(arguments: [("42", 42.0), ("-3.5", -3.5), (".5", 0.5), ("1e6", 1e6), (" 7 ", 7.0)])
    func numbers(text: String, value: Double) {
        #expect(ScalarReading.number(text) == value)
    }

    @Test(arguments: ["", "-", "1,000", "1_000", "inf", "nan", "1e", "0x10", "12abc"])
    func notNumbers(text: String) {
        #expect(ScalarReading.number(text) == nil)
    }

    @Test func closestMatches() {
        #expect(ClosestMatch.to("nmae", in: ["icp", "name", "status"]) == "name")
        #expect(ClosestMatch.to("min_socre", in: ICPKey.allCases.map(\.rawValue)) == "min_score")
        #expect(ClosestMatch.to("Status", in: ["status"]) == "status")
        #expect(ClosestMatch.to("colour", in: ParameterKey.allCases.map(\.rawValue)) == nil)
    }

    @Test func suggestedCodes() {
        #expect(ICPLowering.suggestedCode(for: "Mid Market 🚀") == "mid-market")
        #expect(ICPLowering.isValidCode("a-b_9"))
        #expect(!ICPLowering.isValidCode("-a"))
        #expect(!ICPLowering.isValidCode("Ab"))
    }
}

/// The column a missing `field` most likely means, on real export headers (the S&P 500 list,
/// IRS exempt organizations, USCIS H-1B employers): one candidate or none.
@Test func aRenamedColumnIsSuggestedOnlyWhenOneFits() {
    let sp500 = ["Symbol", "Security", "GICS Sector", "GICS Sub-Industry", "Headquarters Location", "Date added", "CIK", "Founded"]
    #expect(ClosestMatch.column("sector", in: sp500) == "GICS Sector")
    #expect(ClosestMatch.column("industry", in: sp500) == "GICS Sub-Industry")
    #expect(ClosestMatch.column("headquarters", in: sp500) == "Headquarters Location")
    let irs = ["EIN", "NAME", "RULING", "TAX_PERIOD", "ASSET_CD", "INCOME_CD", "REVENUE_AMT", "ASSET_AMT", "INCOME_AMT"]
    #expect(ClosestMatch.column("revenue", in: irs) == "REVENUE_AMT")
    #expect(ClosestMatch.column("ruling_date", in: irs) == "RULING")
    #expect(ClosestMatch.column("income", in: irs) == nil, "INCOME_CD or INCOME_AMT: the user's choice")
    let h1b = ["Fiscal Year", "Employer", "Initial Approvals", "Continuing Approvals", "NAICS", "Tax ID", "ZIP"]
    #expect(ClosestMatch.column("naics_code", in: h1b) == "NAICS")
    #expect(ClosestMatch.column("employer_name", in: h1b) == "Employer")
    #expect(ClosestMatch.column("approvals", in: h1b) == nil)
    #expect(ClosestMatch.column("employees", in: ["id", "employee_count", "industry"]) == "employee_count")
    #expect(ClosestMatch.column("zip_code", in: h1b) == nil, "ZIP is too short to be sure")
}
