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

    /// Rows in the lists' order: highest score first, then by key.
    static func ordered(_ rows: [Int], scores: [Double], table: ReferenceTable) -> [String] {
        rows.sorted {
            if abs(scores[$0] - scores[$1]) > 1e-9 { return scores[$0] > scores[$1] }
            return (table.value(table.rows[$0], "id") ?? "") < (table.value(table.rows[$1], "id") ?? "")
        }.map { table.value(table.rows[$0], "id") ?? "" }
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
        #expect(keys(.misses) == Self.ordered(misses, scores: truth.scores, table: table))
        let won = rows.filter { !truth.qualified[$0] && table.value(table.rows[$0], "stage")?.lowercased() == "closed_won" }
        #expect(!won.isEmpty)
        #expect(keys(.wonOutside) == Self.ordered(won, scores: truth.scores, table: table))
    }

    /// Each miss says what keeps it out, and by how much for a number.
    @Test func aMissSaysWhatKeepsItOutAndByHowMuch() throws {
        let csv = "id,industry,employees,stage\na,Software,150,won\nb,Retail,500,won\nc,Software,500,lost\nd,Software,2500,lost\n"
        let engine = try BacktestTests.engine(csv: csv)
        let icp = try #require(ICPDocument(text: "icp: m\nparameters:\n  - {field: industry, mode: filter, is: Software}\n  - {field: employees, mode: filter, min: 200, max: 2000}\n", format: .yaml).icp)
        let evaluation = engine.evaluate(icp)
        let misses = AccountList.accounts(.misses, icp: icp, evaluation: evaluation, engine: engine).map(\.reason)
        // All score 100 (no score parameter): by key, a, b, d.
        #expect(misses == ["fails employees: `150`, wants from 200 to 2000 (50 short)", "fails industry: `Retail`, wants Software",
                           "fails employees: `2500`, wants from 200 to 2000 (500 over)"])
        let won = AccountList.accounts(.wonOutside, icp: icp, evaluation: evaluation, engine: engine)
        #expect(won.count == 2)
        #expect(AccountList.accounts(.qualified, icp: icp, evaluation: evaluation, engine: engine).map(\.reason) == ["passes every filter"])
    }

    /// An account is found by key, else by exact name, else the nearest is suggested.
    @Test func accountsAreFoundByKeyOrName() throws {
        let csv = "permalink,name,stage\n/organization/angellist,AngelList,won\n/organization/stripe,Stripe,lost\n"
        var config = WorkspaceConfig()
        config.accountIDField = "permalink"
        let store = try DatasetLoader.load(Array(csv.utf8), name: "accounts", format: .csv, options: DatasetOptions(config: config))
        let engine = Engine(accounts: store, settings: EvaluationSettings(config: config, today: SampleDataset.asOf))
        #expect(engine.findAccount("/organization/stripe") == .key(row: 1))
        #expect(engine.findAccount("angellist") == .name(row: 0, column: "name"))
        #expect(engine.findAccount("Strpe") == .notFound(nearest: 1))
        #expect(engine.findAccount("Microsoft") == .notFound(nearest: nil))
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
