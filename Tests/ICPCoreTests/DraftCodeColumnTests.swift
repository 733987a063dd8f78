import Foundation
import Testing
@testable import ICPLanguage
@testable import ICPEngine
@testable import ICPBuilders
@testable import ICPDataset

/// Draft on columns that hold standard codes or shortened names: industry words on NAICS, SIC,
/// NTEE and 501(c) codes, `numEmps`-style names, series letters written alone, amounts in a
/// declared unit, a word that names the column its rows are counted by, and accounts by name.
struct DraftCodeColumnTests {
    static let engine: Engine = {
        let csv = """
            id,name,NAICS,sic,NTEE_CD,SUBSECTION,round,numEmps,raisedAmt,marketvalue,UKSicCodes
            1,Acme Retail,44,5311,A20,03,a,12,1000000,0.5,62020
            2,Bolt Stores,45,5411,A51,03,b,40,5000000,2.5,62020
            3,Care Clinic,62,8062,E22,03,seed,8,250000,120,85421
            4,Builders Co,23,1521,X20,05,c,300,20000000,30,41100
            5,Union Local,81,8631,J40,05,debt_round,25,1500000,0.1,94200
            6,Chamber,81,8611,S41,06,angel,5,100000,0.2,94110
            7,Soft Inc,51,7372,U20,03,d,90,40000000,150,58290
            8,Big Hospital,62,8062,E20,03,a,1500,9000000,60,86101

            """
        return makeEngine(csv, fields: "fields:\n  marketvalue: {type: number, unit: $B}\n  SUBSECTION: {type: text}\n  UKSicCodes: {type: text}\n")
    }()

    /// A table with a city and a province of one name, and no industry column.
    static let places: Engine = {
        let csv = "id,City,Province,employees\n1,Madrid,Madrid,10\n2,Getafe,Madrid,20\n3,Paris,Ile-de-France,30\n4,Lyon,Rhone,40\n"
            + "5,San Francisco,California,50\n6,South San Francisco,California,60\n7,San Francisco,California,70\n"
        return makeEngine(csv)
    }()

    /// Spellings with and without accents, a placeholder in a mostly distinct column, and two usual names of one industry.
    static let spelled: Engine = {
        var csv = "id,province,state,website,industry\n1,Québec,District of Columbia,n/a,Healthcare\n2,Quebec,\"Washington, D.C.\",none,Health\n3,Ontario,Texas,,Retail\n"
        for row in 4...150 { csv += "\(row),Ontario,Texas,www.site\(row).example,Retail\n" }
        return makeEngine(csv)
    }()

    @Test func everySpellingOfAPlaceAndPlaceholdersAndUsualNamesAreSaid() {
        func summaries(_ sentence: String) -> [String] { Self.spelled.draft(sentence).parameters.map(\.parameter.summary) }
        #expect(summaries("Quebec companies") == ["province: filter, in [Quebec, Québec]"])
        #expect(summaries("companies in Washington DC") == [#"state: filter, in [District of Columbia, "Washington, D.C."]"#])
        let website = Self.spelled.draft("companies with a website")
        #expect(website.parameters.map(\.parameter.summary) == ["website: filter, exists true"])
        #expect(website.questions.contains { $0.contains("`n/a`") && $0.contains("`none`") }, "\(website.questions)")
        let health = Self.spelled.draft("healthcare companies")
        #expect(health.questions.contains { $0.contains("also has Health") }, "\(health.questions)")
    }

    static let demonymed: Engine = {
        let csv = "id,country,category\n1,South Korea,Food drink & tobacco\n2,South Africa,Banking\n3,Netherlands,Banking\n4,Korea,Media\n5,Germany,Media\n6,Netherlands/ Germany,Food drink & tobacco\n"
        return makeEngine(csv)
    }()

    @Test func aValueOfTwoColumnsIsAskedAboutAndAnUnreadIndustryWordIsReported() {
        let madrid = Self.places.draft("companies in Madrid")
        #expect(madrid.questions.contains { $0.contains("it is also") }, "\(madrid.questions)")
        #expect(Self.demonymed.draft("South Korean companies").parameters.map(\.parameter.summary) == ["country: filter, in [South Korea, Korea]"])
        let dutch = Self.demonymed.draft("Dutch companies")
        #expect(dutch.parameters.map(\.parameter.summary) == ["country: filter, in [Netherlands]"])
        #expect(dutch.questions.contains { $0.contains("Netherlands/ Germany") }, "\(dutch.questions)")
        #expect(Self.demonymed.draft("food, drink and tobacco companies").parameters.map(\.parameter.summary) == ["category: filter, in [Food drink & tobacco]"])
        // South San Francisco is another city: named, not taken.
        let sanFrancisco = Self.places.draft("exclude San Francisco")
        #expect(sanFrancisco.parameters.map(\.parameter.summary) == ["City: exclude, in [San Francisco]"])
        #expect(sanFrancisco.questions.contains { $0.contains("South San Francisco") }, "\(sanFrancisco.questions)")
        // "tech" is a filler in "tech stack"; here nothing of the data answers it, and it is said.
        let paris = Self.places.draft("Paris tech companies")
        #expect(paris.unmapped.contains { $0.words.hasPrefix("tech") }, "\(paris.unmapped)")
    }

    /// One row per funding round, with one money column.
    static let rounds: Engine = {
        let csv = "id,company,round,raisedAmt,fundedDate\n1,Acme,angel,300000,2007-05-01\n2,Acme,a,5000000,2008-01-15\n3,Bolt,seed,800000,2006-03-01\n4,Care,b,120000000,2007-11-30\n"
        return makeEngine(csv, today: CalendarDate(year: 2008, month: 8, day: 6)!)
    }()

    @Test func yearsAfterRaisedAreItsDateAndAmountsWithoutASignGoToTheMoneyColumn() {
        func summaries(_ sentence: String) -> [String] { Self.rounds.draft(sentence).parameters.map(\.parameter.summary) }
        #expect(summaries("rounds raised in 2007") == [#"fundedDate: filter, min "2007-01-01", max "2007-12-31""#])
        #expect(summaries("rounds of 100 million dollars or more") == ["raisedAmt: filter, min 100000000"])
        #expect(summaries("angel rounds under 500k") == ["round: filter, in [angel]", "raisedAmt: filter, max 499999"])
        #expect(Self.engine.draft("companies with a known headcount").parameters.map(\.parameter.summary) == ["numEmps: filter, exists true"])
        // A window with no date named: the one date column, asked about.
        let recent = Self.rounds.draft("Series A rounds in the last 12 months")
        #expect(recent.parameters.map(\.parameter.summary) == ["round: filter, in [a]", "fundedDate: filter, within_days 365"])
        #expect(recent.questions.contains { $0.contains("the only date column") }, "\(recent.questions)")
    }

    /// An engine over `csv`, keyed by `id`, with `fields` declared.
    static func makeEngine(_ csv: String, fields: String = "", today: CalendarDate = CalendarDate(year: 2026, month: 11, day: 1)!) -> Engine {
        let config = WorkspaceDocument(text: "datasets: {accounts: data.csv}\nkeys: {account_id: id}\n" + fields).config
        let store = try! DatasetLoader.load(Array(csv.utf8), name: "data.csv", format: .csv, options: DatasetOptions(config: config))
        return Engine(accounts: store, settings: EvaluationSettings(config: config, today: today))
    }

    private func summaries(_ sentence: String) -> [String] {
        Self.engine.draft(sentence).parameters.map(\.parameter.summary)
    }

    @Test func anIndustryWordReadsTheCodesOfItsStandard() {
        let draft = Self.engine.draft("retailers")
        // NAICS first in column order: 44 and 45 are retail trade.
        #expect(draft.parameters.map(\.parameter.summary).first?.hasPrefix(#"NAICS: filter, in ["44", "45"]"#) == true, "\(draft.parameters.map(\.parameter.summary))")
        #expect(draft.questions.contains { $0.contains("sic also holds") || $0.contains("also holds") }, "\(draft.questions)")
    }

    @Test func aCoarserColumnIsAskedAbout() {
        // Hospitals are NAICS 622; a column of two-digit sectors has only 62, which holds more.
        let draft = Self.engine.draft("hospitals")
        #expect(draft.questions.contains { $0.contains("no narrower code") || $0.contains("also holds") }, "\(draft.questions)")
    }

    @Test func theLegalFormComesFirstForUnionsAndCharities() {
        #expect(summaries("labor unions").first?.hasPrefix(#"SUBSECTION: filter, in ["05"]"#) == true, "\(summaries("labor unions"))")
        #expect(summaries("501(c)(3) organizations").first?.hasPrefix(#"SUBSECTION: filter, in ["03"]"#) == true, "\(summaries("501(c)(3) organizations"))")
        #expect(summaries("501c6s").first?.hasPrefix(#"SUBSECTION: filter, in ["06"]"#) == true, "\(summaries("501c6s"))")
    }

    @Test func nteeGroupsByTheirFirstLetter() {
        #expect(summaries("arts nonprofits").first?.hasPrefix("NTEE_CD: filter, in [A20, A51]") == true, "\(summaries("arts nonprofits"))")
    }

    @Test func fiveDigitSicCodesAreNotReadAsTheUSStandard() {
        // UKSicCodes holds the UK's SIC 2007, where 62020 is IT consultancy: no US SIC reading of it.
        let draft = Self.engine.draft("IT consultancies")
        #expect(!draft.parameters.contains { $0.parameter.field == "UKSicCodes" })
    }

    @Test func shortenedNamesAndSeriesLettersAreRead() {
        #expect(summaries("companies with fewer than 50 employees") == ["numEmps: filter, max 49"])
        #expect(summaries("Series B or later rounds") == ["round: filter, in [b, c, d]"])
        // "rounds" names the column; it is not the value `debt_round`.
        #expect(summaries("rounds that raised over $5M") == ["raisedAmt: filter, min 5000000"])
    }

    @Test func aScaledAmountIsWrittenInTheColumnsUnit() {
        #expect(summaries("companies worth more than 100bn") == ["marketvalue: filter, min 100"])
        // Numbers in words: before a magnitude, and after a comparison.
        #expect(summaries("companies with a market value of more than a trillion dollars") == ["marketvalue: filter, min 1000"])
        #expect(summaries("companies with at least one employee") == ["numEmps: filter, min 1"])
        #expect(summaries("companies with more than two billion dollars in market value") == ["marketvalue: filter, min 2"])
    }

    @Test func anAccountIsNamedByItsNameOrItsNameWithoutCorporateWords() {
        #expect(summaries("software companies except Soft Inc").contains(#"name: exclude, in ["Soft Inc"]"#) || summaries("software companies except Soft Inc").contains("name: exclude, in [Soft Inc]"),
                "\(summaries("software companies except Soft Inc"))")
        let bolt = Self.engine.draft("exclude Bolt")
        #expect(bolt.parameters.map(\.parameter.summary) == ["name: exclude, in [Bolt Stores]"])
        #expect(bolt.notes.contains { $0.contains("Bolt Stores") }, "\(bolt.notes)")
        // "Acme" begins `Acme Retail`, but `Retail` is more than a corporate word: not read as that
        // name without a question.
        let acme = Self.engine.draft("exclude Acme")
        #expect(acme.parameters.isEmpty || !acme.questions.isEmpty, "\(acme.parameters.map(\.parameter.summary))")
    }

    @Test func refineFindsAParameterByAWordOfItsMeasure() throws {
        let file = "icp: base\nparameters:\n  - field: numEmps\n    mode: filter\n    min: 10\n  - field: round\n    mode: filter\n    in: [a, b]\n"
        let refined = try Self.engine.refine(file, format: .yaml, instruction: "cap staff at 50").get()
        #expect(refined.text.contains("max: 50"), "\(refined.text)")
    }
}
