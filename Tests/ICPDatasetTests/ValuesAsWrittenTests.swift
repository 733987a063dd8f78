import Foundation
import Testing
@testable import ICPLanguage
@testable import ICPEngine
@testable import ICPDataset

/// The cell grammar of data-files.md, "Values as written", one written form at a time.
struct ValuesAsWrittenTests {
    @Test(arguments: [
        ("$12,345,678", 12_345_678.0, "USD", false),
        ("USD 700,000", 700_000, "USD", false),
        ("700,000 USD", 700_000, "USD", false),
        ("$5.2M", 5_200_000, "USD", false),
        ("$5M", 5_000_000, "USD", false),
        ("36.9 Million", 36_900_000, nil, false),
        ("1.5 billion", 1_500_000_000, nil, false),
        ("2.5bn", 2_500_000_000, nil, false),
        ("$10MM", 10_000_000, "USD", false),
        ("700K", 700_000, nil, false),
        ("(1,200)", -1_200, nil, false),
        ("($1,200.50)", -1_200.5, "USD", false),
        ("-$1,234", -1_234, "USD", false),
        ("$-1,234", -1_234, "USD", false),
        ("−42", -42, nil, false),
        ("8.5%", 8.5, nil, true),
        ("-3.8 %", -3.8, nil, true),
        ("£250", 250, "GBP", false),
        ("€5", 5, "EUR", false),
        ("1 234 567", 1_234_567, nil, false),
        ("1'234.50", 1_234.5, nil, false),
    ] as [(String, Double, String?, Bool)])
    func amountsReadAsAPersonReadsThem(text: String, value: Double, currency: String?, percent: Bool) throws {
        let amount = try #require(Amount(text), "\(text)")
        #expect(amount.value(.point) == value, "\(text)")
        #expect(amount.currency == currency, "\(text)")
        #expect(amount.percent == percent, "\(text)")
    }

    @Test func theDecimalMarkIsTheOneTheDigitsNeed() throws {
        #expect(Amount("1,5")?.withPoint == nil)
        #expect(Amount("1,5")?.withComma == 1.5)
        #expect(Amount("1.234,56")?.withComma == 1_234.56)
        #expect(Amount("1.234,56")?.withPoint == nil)
        #expect(Amount("624.442,00 €")?.withComma == 624_442)
        #expect(Amount("1,234.5")?.withComma == nil)
        // One separator and three digits: both readings, for the column to settle.
        let both = try #require(Amount("€624.442"))
        #expect(both.isAmbiguous)
        #expect(both.withPoint == 624.442 && both.withComma == 624_442)
        #expect(Amount("0.125")?.isAmbiguous == false, "a first group of 0 groups nothing")
        #expect(Amount("12,345,678")?.withComma == nil)
    }

    @Test(arguments: ["Acme", "3M Company", "84050-9636", "2021-03-15", "10-50", "USDA", "12,34,5", "5 apples", "$", "", "1e400"])
    func textIsNotAnAmount(text: String) {
        #expect(Amount(text) == nil, "\(text)")
    }

    @Test func leadingZerosMarkCodes() {
        #expect(Amount("0123")?.leadingZero == true)
        #expect(Amount("06450")?.leadingZero == true)
        #expect(Amount("0")?.leadingZero == false)
        #expect(Amount("0.5")?.leadingZero == false)
    }

    @Test(arguments: [
        ("Revenue ($M)", 1e6, "USD", false),
        ("Total assets (in millions)", 1e6, nil, false),
        ("Revenue, USD bn", 1e9, "USD", false),
        ("Income (000s)", 1e3, nil, false),
        ("Market Value ($B)", 1e9, "USD", false),
        ("Valuation ($B)", 1e9, "USD", false),
        ("Price [EUR]", 1, "EUR", false),
        ("Margin (%)", 1, nil, true),
        ("arr_usd_k", 1e3, "USD", false),
        ("Revenue (€m)", 1e6, "EUR", false),
    ] as [(String, Double, String?, Bool)])
    func headersNameUnits(header: String, scale: Double, currency: String?, percent: Bool) throws {
        let unit = try #require(NumberUnit.named(inHeader: header), "\(header)")
        #expect(unit.scale == scale && unit.currency == currency && unit.percent == percent, "\(header): \(unit)")
    }

    @Test(arguments: ["Height (m)", "Revenue", "Revenue 2021", "Employees", "Gender (M/F)", "Tax ID", "Distance (km)"])
    func headersWithoutAUnit(header: String) {
        #expect(NumberUnit.named(inHeader: header) == nil, "\(header)")
    }

    @Test func conditionsCompareInTheColumnsUnit() {
        let millions = NumberUnit(scale: 1e6, currency: "USD")
        #expect(millions.value(ofCondition: "1") == 1)
        #expect(millions.value(ofCondition: "$500M") == 500)
        #expect(millions.value(ofCondition: "20B") == 20_000)
        #expect(NumberUnit.plain.value(ofCondition: "5M") == 5_000_000)
        #expect(NumberUnit(percent: true).value(ofCondition: "20%") == 20)
        #expect(NumberUnit.plain.value(ofCondition: "20%") == nil, "a percentage on a column of plain numbers is no number of it")
    }

    @Test(arguments: [
        ("51-200", 51.0, 200.0, false, false),
        ("1,001-5,000", 1_001, 5_000, false, false),
        ("10,000+", 10_000, Double.infinity, false, false),
        ("20,000 or more", 20_000, .infinity, false, false),
        ("250 to 499", 250, 499, false, false),
        ("<$1M", -.infinity, 1_000_000, false, true),
        ("Less than 250", -.infinity, 250, false, true),
        ("$10M-$50M", 10_000_000, 50_000_000, false, false),
        ("10-50M", 10_000_000, 50_000_000, false, false),
        ("$1 to $9,999", 1, 9_999, false, false),
        ("over 500", 500, .infinity, true, false),
        ("51-200 employees", 51, 200, false, false),
        ("500K-1M", 500_000, 1_000_000, false, false),
    ] as [(String, Double, Double, Bool, Bool)])
    func bandsReadWithTheirEnds(text: String, lower: Double, upper: Double, lowerExclusive: Bool, upperExclusive: Bool) throws {
        let band = try #require(WrittenBand.read(text)?.band(unit: .plain, mark: .point), "\(text)")
        #expect(band == Band(lower: lower, upper: upper, lowerExclusive: lowerExclusive, upperExclusive: upperExclusive), "\(text): \(band)")
    }

    @Test(arguments: ["84050-9636", "2021-03-15", "-5", "Acme 2000-2010 fund", "5-", "01001-5678"])
    func notBands(text: String) {
        #expect(WrittenBand.read(text) == nil, "\(text)")
    }

    @Test func aBandPassesABoundWhenAllItsValuesDo() {
        let band = Band(lower: 51, upper: 200)
        #expect(band.isAtLeast(51) && band.isAtLeast(10) && !band.isAtLeast(100))
        #expect(band.isAtMost(200) && !band.isAtMost(100))
        #expect(!Band(lower: 10_000, upper: .infinity).isAtMost(1_000_000))
        #expect(band.description == "at least 51 and at most 200")
    }

    @Test(arguments: [
        ("2021-03-15", 2021, 3, 15),
        ("2021-03-15T10:00:00Z", 2021, 3, 15),
        ("2021/3/15", 2021, 3, 15),
        ("Mar 15, 2021", 2021, 3, 15),
        ("March 15 2021", 2021, 3, 15),
        ("15 March 2021", 2021, 3, 15),
        ("15-Mar-21", 2021, 3, 15),
        ("14-Dec-00", 2000, 12, 14),
        ("Monday, March 15, 2021", 2021, 3, 15),
        ("03/15/2021", 2021, 3, 15),
        ("15.03.2021", 2021, 3, 15),
        ("3/15/2012 2:30 PM", 2012, 3, 15),
        ("30/11/2007 00:00", 2007, 11, 30),
    ] as [(String, Int, Int, Int)])
    func datesInTheUsualForms(text: String, year: Int, month: Int, day: Int) throws {
        let written = try #require(WrittenDate(text), "\(text)")
        #expect(written.date(nil) == CalendarDate(year: year, month: month, day: day), "\(text)")
    }

    @Test func anOrderlessDateNeedsItsColumn() throws {
        let written = try #require(WrittenDate("04/03/2021"))
        #expect(written.date(nil) == nil)
        #expect(written.date(.dayFirst) == CalendarDate(year: 2021, month: 3, day: 4))
        #expect(written.date(.monthFirst) == CalendarDate(year: 2021, month: 4, day: 3))
        #expect(WrittenDate("05/05/2021")?.date(nil) == CalendarDate(year: 2021, month: 5, day: 5), "both orders give one day")
        #expect(WrittenDate("13/13/2021") == nil)
        #expect(WrittenDate("2021-02-30") == nil)
    }

    @Test func declaredFormatsSayTheOrder() {
        #expect(DateFormat("DD/MM/YYYY")?.order == .dayFirst)
        #expect(DateFormat("MM/DD/YYYY")?.order == .monthFirst)
        #expect(DateFormat("%d.%m.%Y")?.order == .dayFirst)
        #expect(DateFormat("YYYY-MM-DD").map { $0.order == nil } == true)
        #expect(DateFormat("DD/MM") == nil)
        #expect(DateFormat("soon") == nil)
    }

    @Test func listLiterals() {
        #expect(ListLiteral.elements(of: "[\"Software\", \"SaaS\"]") == ["Software", "SaaS"])
        #expect(ListLiteral.elements(of: "['fintech', 'saas']") == ["fintech", "saas"])
        #expect(ListLiteral.elements(of: "['it\\'s', 1, None]") == ["it's", "1"])
        #expect(ListLiteral.elements(of: "[]") == [])
        #expect(ListLiteral.elements(of: "['a', 'b',]") == ["a", "b"])
        #expect(ListLiteral.elements(of: "[unquoted words]") == nil)
        #expect(ListLiteral.elements(of: "['open") == nil)
    }

    @Test func yesNoVocabularies() {
        #expect(FlagWords.vocabulary(of: ["Yes", "No", "TRUE"], header: "active", hasEmptyCells: false) == .words)
        #expect(FlagWords.vocabulary(of: ["N"], header: "Test Issue", hasEmptyCells: false) == .letters)
        #expect(FlagWords.vocabulary(of: ["1", "0"], header: "SubmittedAfterTheDeadline", hasEmptyCells: false) == .digits)
        #expect(FlagWords.vocabulary(of: ["1", "0"], header: "Initial Approvals", hasEmptyCells: false) == nil)
        #expect(FlagWords.vocabulary(of: ["x"], header: "501(c)(3)", hasEmptyCells: true) == .mark)
        #expect(FlagWords.vocabulary(of: ["x"], header: "501(c)(3)", hasEmptyCells: false) == nil)
        #expect(FlagWords.vocabulary(of: ["M", "F"], header: "gender", hasEmptyCells: false) == nil)
        #expect(FlagWords.mark.value("") == false)
    }
}
