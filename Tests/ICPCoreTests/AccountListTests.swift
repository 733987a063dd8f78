import Foundation
import Testing
@testable import ICPLanguage
@testable import ICPEngine
@testable import ICPBuilders
@testable import ICPInsights
@testable import ICPDataset

/// `icp list` and `icp score --top`'s accounts against the reference evaluator, row by row: who
/// qualifies and in what order, who misses by exactly one thing, which won accounts are outside.
struct AccountListTests {
    static let icpText = (try? String(contentsOf: FixturePaths.root.appendingPathComponent("icps/midmarket-saas.icp.yaml"), encoding: .utf8)) ?? ""

    /// The reference's verdicts for one ICP: per row, the gate parameters failed and the score.
    struct Verdicts {
        let failures: [Int]
        let scores: [Double]
        let qualified: [Bool]
    }

    static func verdicts(_ icp: ICP, reference: ReferenceEvaluator, table: ReferenceTable) -> Verdicts {
        let result = reference.evaluate(icp)
        let gates = icp.parameters.filter { $0.isComplete && $0.mode?.value != .score }
        let failures = table.rows.map { row in
            gates.filter { gate in
                let meets = reference.meets(row, gate.field!.value, gate.condition!.value)
                return gate.mode?.value == .filter ? !meets : meets
            }.count
        }
        return Verdicts(failures: failures, scores: result.scores, qualified: result.qualified)
    }

    /// Rows in the qualified list's order: highest score first, then by key.
    static func ordered(_ rows: [Int], scores: [Double], table: ReferenceTable) -> [String] {
        ordered(rows, scores: scores, table: table) { _ in (0, 0) }
    }

    /// Rows in the order of the lists of accounts outside: fewest obstacles, smallest summed
    /// distance, highest score, key. `nearness` gives a row's obstacles and distance.
    static func ordered(_ rows: [Int], scores: [Double], table: ReferenceTable, nearness: (Int) -> (Int, Double)) -> [String] {
        rows.sorted {
            let (left, right) = (nearness($0), nearness($1))
            if left.0 != right.0 { return left.0 < right.0 }
            if abs(left.1 - right.1) > 1e-9 { return left.1 < right.1 }
            if abs(scores[$0] - scores[$1]) > 1e-9 { return scores[$0] > scores[$1] }
            return (table.value(table.rows[$0], "id") ?? "") < (table.value(table.rows[$1], "id") ?? "")
        }.map { table.value(table.rows[$0], "id") ?? "" }
    }

    /// The midmarket ICP's obstacles for one row, by hand from the file: each failed category
    /// filter or met exclude is 1, the employees filter (200 to 2000) its gap over the bound,
    /// at most 1, or 1 when missing; a score short of min_score 30 its gap over 30.
    static func midmarketNearness(_ row: Int, icp: ICP, truth: Verdicts, reference: ReferenceEvaluator, table: ReferenceTable) -> (Int, Double) {
        var count = 0
        var distance = 0.0
        for gate in icp.parameters where gate.isComplete && gate.mode?.value != .score {
            let meets = reference.meets(table.rows[row], gate.field!.value, gate.condition!.value)
            guard gate.mode?.value == .filter ? !meets : meets else { continue }
            count += 1
            if gate.field!.value == "employees", let employees = table.value(table.rows[row], "employees").flatMap(Double.init) {
                distance += employees < 200 ? min(1, (200 - employees) / 200) : min(1, (employees - 2000) / 2000)
            } else {
                distance += 1
            }
        }
        if truth.scores[row] < icp.minScore - 1e-9 {
            count += 1
            distance += (icp.minScore - truth.scores[row]) / icp.minScore
        }
        return (count, distance)
    }

    @Test func qualifiedMissesAndWonOutsideEqualTheReference() throws {
        let (engine, table, reference) = try BacktestTests.sample(accounts: 2_000, seed: 9)
        let icp = try #require(ICPDocument(text: Self.icpText, format: .yaml).icp)
        let evaluation = engine.evaluate(icp)
        let truth = Self.verdicts(icp, reference: reference, table: table)
        let ids = try #require(engine.accounts.column(named: "id"))
        func keys(_ kind: AccountList.Kind) -> [String] {
            AccountList.accounts(kind, icp: icp, evaluation: evaluation, engine: engine).map { ids.text(atRow: $0.row) ?? "" }
        }
        let rows = Array(table.rows.indices)
        let qualified = rows.filter { truth.qualified[$0] }
        #expect(keys(.qualified) == Self.ordered(qualified, scores: truth.scores, table: table))
        let reached = { (row: Int) in truth.scores[row] >= icp.minScore - 1e-9 }
        let misses = rows.filter { !truth.qualified[$0] && ((truth.failures[$0] == 1 && reached($0)) || (truth.failures[$0] == 0 && !reached($0))) }
        #expect(!misses.isEmpty)
        let nearness = { (row: Int) in Self.midmarketNearness(row, icp: icp, truth: truth, reference: reference, table: table) }
        #expect(keys(.misses) == Self.ordered(misses, scores: truth.scores, table: table, nearness: nearness))
        let won = rows.filter { !truth.qualified[$0] && table.value(table.rows[$0], "stage")?.lowercased() == "closed_won" }
        #expect(Set(won.map { nearness($0).0 }).count > 1, "won accounts outside with one and with several obstacles")
        #expect(keys(.wonOutside) == Self.ordered(won, scores: truth.scores, table: table, nearness: nearness))
    }

    /// Each miss says what keeps it out, and by how much for a number; the nearest come first
    /// (2% short, then 25% over, then a category), whatever their keys.
    @Test func aMissSaysWhatKeepsItOutAndByHowMuch() throws {
        let csv = "id,industry,employees,stage\na,Retail,500,won\nb,Software,2500,lost\nc,Software,500,lost\nd,Software,196,won\n"
        let engine = try BacktestTests.engine(csv: csv)
        let icp = try #require(ICPDocument(text: "icp: m\nparameters:\n  - {field: industry, mode: filter, is: Software}\n  - {field: employees, mode: filter, min: 200, max: 2000}\n", format: .yaml).icp)
        let evaluation = engine.evaluate(icp)
        let misses = AccountList.accounts(.misses, icp: icp, evaluation: evaluation, engine: engine).map(\.reason)
        #expect(misses == ["fails employees: `196`, wants from 200 to 2000 (4 short)", "fails employees: `2500`, wants from 200 to 2000 (500 over)",
                           "fails industry: `Retail`, wants Software"])
        let won = AccountList.accounts(.wonOutside, icp: icp, evaluation: evaluation, engine: engine)
        #expect(won.count == 2)
        #expect(AccountList.accounts(.qualified, icp: icp, evaluation: evaluation, engine: engine).map(\.reason) == ["passes every filter"])
    }

    /// A won account outside says everything that keeps it out, not only the first thing, and
    /// what it would score; it shows the score `icp score` gives it, 0; one thing in the way
    /// comes before two.
    @Test func aWonAccountOutsideSaysEverythingInItsWay() throws {
        let csv = "id,industry,employees,is_customer,stage\na,Biotech,500,true,won\nb,Biotech,500,false,won\nc,Software,500,false,won\n"
        let engine = try BacktestTests.engine(csv: csv)
        let text = "icp: m\nmin_score: 0\nparameters:\n  - {field: industry, mode: filter, is: Software}\n  - {field: is_customer, mode: exclude, is: true}\n"
            + "  - {field: employees, mode: score, min: 100, weight: 2}\n  - {field: industry, mode: score, is: Fintech}\n"
        let icp = try #require(ICPDocument(text: text, format: .yaml).icp)
        let won = AccountList.accounts(.wonOutside, icp: icp, evaluation: engine.evaluate(icp), engine: engine)
        #expect(won.map(\.reason) == ["fails industry: `Biotech`, wants Software; would score 66.7",
                                       "fails industry: `Biotech`, wants Software; excluded: is_customer is `true`; would score 66.7"])
        let shown: [Double] = won.map(\.shownScore), reached: [Double] = won.map(\.score)
        let twoThirds: Double = 200.0 / 3
        #expect(shown == [0, 0])
        #expect(reached.allSatisfy { abs($0 - twoThirds) < 1e-9 })
    }

    /// An account is found by key, else by exact name, else the nearest is suggested.
    /// An engine over `csv` keyed by its `permalink` column.
    static func keyedByPermalink(_ csv: String) throws -> Engine {
        var config = WorkspaceConfig()
        config.accountIDField = "permalink"
        let store = try DatasetLoader.load(Array(csv.utf8), name: "accounts", format: .csv, options: DatasetOptions(config: config))
        return Engine(accounts: store, settings: EvaluationSettings(config: config, today: SampleDataset.asOf))
    }

    @Test func accountsAreFoundByKeyOrName() throws {
        let engine = try Self.keyedByPermalink("permalink,name,stage\n/organization/angellist,AngelList,won\n/organization/stripe,Stripe,lost\n")
        #expect(engine.findAccount("/organization/stripe") == .key(row: 1))
        #expect(engine.findAccount("angellist") == .name(row: 0, column: "name"))
        #expect(engine.findAccount("Strpe") == .notFound(nearest: 1))
        #expect(engine.findAccount("Microsoft") == .notFound(nearest: nil))
    }

    /// A name typed short or a key's last part finds the account a person meant before a typo
    /// of another: `Plansource` is PlanSource Holdings, not Clipsource.
    @Test func theSuggestionIsTheNameThatStartsWithWhatWasTyped() throws {
        let engine = try Self.keyedByPermalink("permalink,name\n/organization/clipsource,Clipsource\n/organization/plansource-2,PlanSource Holdings\n"
                                               + "/organization/plan,Plan Source Group Ltd\n/organization/kiva,Kiva Systems\n")
        #expect(engine.findAccount("Plansource") == .notFound(nearest: 1))
        #expect(engine.findAccount("plan source") == .notFound(nearest: 2))
        #expect(engine.findAccount("KIVA") == .notFound(nearest: 3))
        #expect(engine.findAccount("Clipsorce") == .notFound(nearest: 0))
    }
}

extension AccountListTests {
    /// The visitor list of the README (fixtures/visitors/visitors.csv, read with the sample's
    /// settings as `icp score --accounts` reads it): who qualifies, in order, as the reference says.
    @Test func theVisitorListEqualsTheReference() throws {
        let csv = try String(contentsOf: FixturePaths.root.appendingPathComponent("visitors/visitors.csv"), encoding: .utf8)
        var config = SampleDataset.workspaceConfig
        config.asOf = SampleDataset.asOf
        let store = try DatasetLoader.load(Array(csv.utf8), name: "visitors.csv", format: .csv, options: DatasetOptions(config: config))
        let engine = Engine(accounts: store, settings: EvaluationSettings(config: config, today: SampleDataset.asOf))
        let table = ReferenceTable(csv: csv, missingValues: config.missingValues, overrides: ["tech_stack": (.list, ";")])
        let reference = ReferenceEvaluator(table: table, asOf: SampleDataset.asOf.daysSinceEpoch)
        let icp = try #require(ICPDocument(text: Self.icpText, format: .yaml).icp)
        let truth = Self.verdicts(icp, reference: reference, table: table)
        let ids = try #require(engine.accounts.column(named: "id"))
        let listed = AccountList.accounts(.qualified, icp: icp, evaluation: engine.evaluate(icp), engine: engine).map { ids.text(atRow: $0.row) ?? "" }
        let expected = Self.ordered(Array(table.rows.indices).filter { truth.qualified[$0] }, scores: truth.scores, table: table)
        #expect(listed.count >= 12)
        #expect(listed == expected)
    }
}
