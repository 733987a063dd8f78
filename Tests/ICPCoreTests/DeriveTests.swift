import Foundation
import Testing
@testable import ICPLanguage
@testable import ICPEngine
@testable import ICPBuilders
@testable import ICPInsights
@testable import ICPDataset

/// `icp derive` on data whose outcomes come from a known rule: the sample generator's hidden ICP
/// (software-led, 200 to 2,000 people, North America or EMEA, Salesforce or HubSpot, funded in
/// the last 540 days), and small tables built to test one rule each.
struct DeriveTests {
    /// The hidden ICP as a person would write it from its description: five filters.
    static let hiddenICP = """
        icp: hidden
        parameters:
          - {field: industry, mode: filter, in: [Software, Fintech, Marketing Tech]}
          - {field: employees, mode: filter, min: 200, max: 2000}
          - {field: region, mode: filter, in: [North America, EMEA]}
          - {field: tech_stack, mode: filter, in: [salesforce, hubspot]}
          - {field: last_funding_date, mode: filter, within_days: 539}
        """

    static func heldOut(_ seed: UInt64) -> DeriveOptions {
        var options = DeriveOptions()
        options.heldOut = (0.3, seed)
        return options
    }

    static func parameter(_ derivation: Derivation, _ field: String) -> DerivedParameter? {
        derivation.parameters.first { $0.field == field && $0.mode != .exclude }
    }

    static func texts(_ condition: Condition) -> Set<String> {
        Set(condition.values.map { TextNormalization.normalize($0.text) })
    }

    /// On the built-in sample (5,000 accounts), learning on 70%: which parts of the hidden ICP come back.
    /// Recovered: the industries exactly, the two CRMs first, a size range around 200 to 2,000,
    /// and funding (a recent funding date). Not recovered: the region (+0.5 in the hidden fit; at
    /// this size its lift, 1.04, is within noise). Funding stage comes in as a proxy of size.
    @Test func theBuiltInSampleGivesBackTheHiddenICP() throws {
        let (engine, _, _) = try BacktestTests.sample(accounts: SampleDataset.builtInAccounts, seed: SampleDataset.builtInSeed)
        let derivation = try #require(engine.derive(Self.heldOut(1)))
        let industry = try #require(Self.parameter(derivation, "industry"))
        #expect(Self.texts(industry.condition) == ["software", "fintech", "marketing tech"])
        let tech = try #require(Self.parameter(derivation, "tech_stack"))
        // The CRMs lead the list; at this size a third tool (more common in larger companies) may follow.
        #expect(Set(tech.condition.values.prefix(2).map { $0.text.lowercased() }) == ["salesforce", "hubspot"], "\(tech.condition.values.map(\.text))")
        #expect(tech.condition.values.count <= 3)
        let size = try #require(Self.parameter(derivation, "employees"))
        guard case .range(let min?, let max?) = size.condition else { Issue.record("employees: \(size.condition)"); return }
        #expect((150...260).contains(Double(min.text) ?? 0), "employees min \(min.text)")
        #expect((1_000...2_600).contains(Double(max.text) ?? 0), "employees max \(max.text)")
        #expect(Self.parameter(derivation, "last_funding_date") != nil)
        // The outcome, the keys, names and the customer flag (customers are won by definition) are never used.
        let used = Set(derivation.parameters.map(\.field))
        #expect(used.isDisjoint(with: ["stage", "id", "created_at", "name", "domain", "is_customer"]))
        let reasons = Dictionary(derivation.leftOut.map { ($0.field, $0.reason) }, uniquingKeysWith: { first, _ in first })
        #expect(reasons["is_customer"]?.contains("restates the outcome") == true)
        #expect(reasons["domain"]?.contains("nearly unique") == true)
        #expect(reasons["stage"] == "the outcome itself")
        #expect(derivation.parameters.count <= 8)
        // The proposal beats the baseline on the 30% it never saw.
        let holdout = try #require(engine.backtest(engine.evaluate(derivation.icp(code: "derived")), split: .holdout(fraction: 0.3, seed: 1)))
        #expect((holdout.lift ?? 0) > 1.3, "holdout lift \(String(describing: holdout.lift))")
    }

    /// The lift on a holdout split is at least 90% of the hidden ICP's own, on the same split. On
    /// 5,000 accounts the hidden ICP qualifies about 25 held-out decided accounts, and its lift's 95%
    /// interval spans about ±0.4, so the comparison runs on 50,000 accounts of the same generator
    /// (`icp sample --accounts 50000`), where it qualifies about 340; three seeds. Lift trades
    /// against won coverage, so the two are compared at one operating point: the derivation's
    /// `min_score` keeps the share of the wins the hidden ICP keeps.
    @Test(arguments: [1, 2, 3] as [UInt64])
    func theLiftOnHeldOutDealsIsAtLeast90PercentOfTheHiddenICPs(seed: UInt64) throws {
        let engine = try #require(Self.large, "the 50,000-account sample loads")
        let split = BacktestSplit.holdout(fraction: 0.3, seed: seed)
        let hidden = try #require(ICPDocument(text: Self.hiddenICP, format: .yaml).icp)
        let hiddenResult = try #require(engine.backtest(engine.evaluate(hidden), split: split))
        let hiddenLift = try #require(hiddenResult.lift)
        var options = Self.heldOut(seed)
        options.coverage = try #require(hiddenResult.recall)
        let derivation = try #require(engine.derive(options))
        let derivedLift = try #require(engine.backtest(engine.evaluate(derivation.icp(code: "derived")), split: split)?.lift)
        #expect(derivedLift >= 0.9 * hiddenLift, "derived \(derivedLift) vs hidden \(hiddenLift)")
        let fields = Set(derivation.parameters.map(\.field))
        #expect(fields.isSuperset(of: ["industry", "tech_stack", "region"]), "\(fields.sorted())")
        #expect(!fields.isDisjoint(with: ["employees", "revenue_usd"]), "size, by headcount or by its twin revenue")
        #expect(!fields.isDisjoint(with: ["last_funding_date", "funding_stage"]), "funding")
    }

    /// Built once for the three seeds.
    static let large: Engine? = try? BacktestTests.sample(accounts: 50_000, seed: SampleDataset.builtInSeed).0

    /// Each parameter's evidence, recounted row by row by the reference evaluator on the raw CSV.
    @Test func evidenceEqualsTheRowByRowCount() throws {
        let (engine, table, reference) = try BacktestTests.sample(accounts: 3_000, seed: 11)
        let derivation = try #require(engine.derive(DeriveOptions()))
        #expect(!derivation.parameters.isEmpty)
        var won = 0, lost = 0
        for values in table.rows {
            switch table.value(values, "stage")?.lowercased() {
            case "closed_won": won += 1
            case "closed_lost", "churned": lost += 1
            default: break
            }
        }
        #expect(derivation.total == OutcomeTally(won: won, lost: lost))
        for parameter in derivation.parameters {
            var inside = OutcomeTally()
            for values in table.rows where reference.meets(values, parameter.field, parameter.condition) {
                switch table.value(values, "stage")?.lowercased() {
                case "closed_won": inside.won += 1
                case "closed_lost", "churned": inside.lost += 1
                default: break
                }
            }
            #expect(parameter.evidence.inside == inside, "\(parameter.field)")
        }
    }

    /// The same data gives the same file, whatever the order of its rows.
    @Test func theSameDataGivesTheSameFileInAnyRowOrder() throws {
        let sample = SampleDataset(accounts: 4_000, seed: 3)
        let lines = sample.accountsCSV.split(separator: "\n", omittingEmptySubsequences: true)
        let reversed = ([lines[0]] + lines.dropFirst().reversed()).joined(separator: "\n") + "\n"
        let files = try [sample.accountsCSV, sample.accountsCSV, reversed].map { csv in
            let config = SampleDataset.workspaceConfig
            let store = try DatasetLoader.load(Array(csv.utf8), name: "accounts", format: .csv, options: DatasetOptions(config: config))
            let engine = Engine(accounts: store, settings: EvaluationSettings(config: config, today: SampleDataset.asOf))
            let derivation = try #require(engine.derive(Self.heldOut(4)))
            return DerivedICPText(derivation, code: "derived", name: "Derived", header: []).yaml
        }
        #expect(files[0] == files[1])
        #expect(files[0] == files[2])
    }

    /// The file passes `check` with no error in YAML and JSON, and qualifies what the model does.
    @Test(arguments: [SourceFormat.yaml, .json])
    func theFileIsAValidICPThatQualifiesWhatTheModelDoes(format: SourceFormat) throws {
        let (engine, _, _) = try BacktestTests.sample(accounts: 3_000, seed: 11)
        let derivation = try #require(engine.derive(DeriveOptions()))
        let file = DerivedICPText(derivation, code: "derived", name: "Derived \"quoted\" #1", header: ["a header: with # marks"])
        let document = ICPDocument(text: format == .yaml ? file.yaml : file.json, format: format)
        let problems = document.check(in: CheckContext(asOf: SampleDataset.asOf))
        #expect(problems.filter { $0.severity == .error }.isEmpty, "\(problems.map(\.message))")
        let icp = try #require(document.icp)
        #expect(icp.status == .draft && icp.name == "Derived \"quoted\" #1")
        #expect(engine.evaluate(icp).qualified == engine.evaluate(derivation.icp(code: "derived")).qualified)
        if format == .yaml {
            let comments = file.yaml.split(separator: "\n").filter { $0.hasPrefix("  # won ") }
            #expect(comments.count == derivation.parameters.count, "one evidence comment per parameter")
        }
    }

    /// A value held by 3 won accounts and no lost one is noise, not a rule; a value that only won
    /// accounts hold, at scale, restates the outcome; a column of unique names is never used.
    @Test func supportLeaksAndNamesAreHandled() throws {
        var csv = "id,name,color,size,paid_plan,stage\n"
        for row in 0..<600 {
            let won = row % 3 == 0
            // `teal`: 3 accounts, all won. `red`: a real signal, 2 in 3 won. `paid_plan`: set on won accounts only.
            let color = row < 9 ? (won ? "teal" : "grey") : (row % 5 == 0 ? "red" : "blue")
            let stage = row % 5 == 0 && row >= 9 ? (row % 15 == 0 ? "won" : (row % 2 == 0 ? "won" : "lost")) : (won ? "won" : "lost")
            csv += "a\(row),Company \(row),\(color),\(row % 7 * 10),\(stage == "won" ? "yes" : ""),\(stage)\n"
        }
        let engine = try BacktestTests.engine(csv: csv)
        let derivation = try #require(engine.derive(DeriveOptions()))
        for parameter in derivation.parameters {
            #expect(!Self.texts(parameter.condition).contains("teal"), "3 accounts never make a rule")
        }
        let reasons = Dictionary(derivation.leftOut.map { ($0.field, $0.reason) }, uniquingKeysWith: { first, _ in first })
        #expect(reasons["paid_plan"]?.contains("restates the outcome") == true, "\(reasons)")
        #expect(reasons["name"]?.contains("nearly unique") == true)
        #expect(!derivation.parameters.contains { ["paid_plan", "name", "id", "stage"].contains($0.field) })
    }

    @Test func tooFewDecidedAccountsGiveACautionAndNoParameter() throws {
        let csv = "id,industry,stage\n1,Software,won\n2,Software,lost\n3,Retail,lost\n"
        let engine = try BacktestTests.engine(csv: csv)
        let derivation = try #require(engine.derive(DeriveOptions()))
        #expect(derivation.parameters.isEmpty)
        #expect(derivation.caution == "too few decided accounts to derive from: 1 won and 2 lost; at least 10 of each are needed")
    }

    @Test func roundNumbersKeepTwoSignificantDigits() {
        #expect(RangeSplit.roundNumber(1_234).text == "1200")
        #expect(RangeSplit.roundNumber(187).text == "190")
        #expect(RangeSplit.roundNumber(-187).text == "-190")
        #expect(RangeSplit.roundNumber(0.0346).text == "0.035")
        #expect(RangeSplit.roundNumber(7).text == "7")
        #expect(RangeSplit.roundNumber(0.5).text == "0.5")
        #expect(RangeSplit.roundNumber(0).text == "0")
    }
}
