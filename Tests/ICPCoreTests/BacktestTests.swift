import Foundation
import Testing
@testable import ICPLanguage
@testable import ICPEngine
@testable import ICPBuilders
@testable import ICPInsights
@testable import ICPDataset

/// `icp backtest`'s figures against a row-by-row computation from the reference evaluator and
/// the raw CSV text: qualification, outcome labels, split and AUC all decided independently.
struct BacktestTests {
    static let icps = EngineReferenceTests.icpFiles(in: FixturePaths.root.appendingPathComponent("icps")) + EngineReferenceTests.sampleICPs

    /// A generated sample with its outcomes, read by the engine and, apart, by the reference.
    static func sample(accounts: Int, seed: UInt64) throws -> (Engine, ReferenceTable, ReferenceEvaluator) {
        let sample = SampleDataset(accounts: accounts, seed: seed)
        let config = SampleDataset.workspaceConfig
        let store = try DatasetLoader.load(Array(sample.accountsCSV.utf8), name: "accounts", format: .csv, options: DatasetOptions(config: config))
        let engine = Engine(accounts: store, settings: EvaluationSettings(config: config, today: SampleDataset.asOf))
        let table = ReferenceTable(csv: sample.accountsCSV, missingValues: config.missingValues, overrides: ["tech_stack": (.list, ";")])
        return (engine, table, ReferenceEvaluator(table: table, asOf: SampleDataset.asOf.daysSinceEpoch))
    }

    /// An engine over a small CSV whose `stage` column says `won` or `lost`.
    static func engine(csv: String) throws -> Engine {
        var config = WorkspaceConfig()
        config.outcome = OutcomeConfig(field: "stage", won: ["won"], lost: ["lost"], churned: [])
        let store = try DatasetLoader.load(Array(csv.utf8), name: "accounts", format: .csv, options: DatasetOptions())
        return Engine(accounts: store, settings: EvaluationSettings(config: config, today: SampleDataset.asOf))
    }

    struct Expected {
        var decided = 0, won = 0, qualifiedDecided = 0, qualifiedWon = 0
        var auc: Double?
    }

    /// What the figures must be, from rows: `inSplit` chooses rows by their raw values.
    static func expected(_ icp: ICP, reference: ReferenceEvaluator, table: ReferenceTable, inSplit: ([String?]) -> Bool) -> Expected {
        let result = reference.evaluate(icp)
        var gateOnly = icp
        gateOnly.minScore = 0
        let gate = reference.evaluate(gateOnly).qualified
        var expected = Expected()
        var wonScores: [Double] = [], lostScores: [Double] = []
        for (row, values) in table.rows.enumerated() where inSplit(values) {
            let label = table.value(values, "stage")?.lowercased()
            let isWon = label == "closed_won"
            guard isWon || label == "closed_lost" || label == "churned" else { continue }
            expected.decided += 1
            if isWon { expected.won += 1 }
            if result.qualified[row] {
                expected.qualifiedDecided += 1
                if isWon { expected.qualifiedWon += 1 }
            }
            if gate[row] {
                if isWon { wonScores.append(result.scores[row]) } else { lostScores.append(result.scores[row]) }
            }
        }
        if !wonScores.isEmpty, !lostScores.isEmpty {
            var wins = 0.0
            for positive in wonScores {
                for negative in lostScores {
                    if abs(positive - negative) < 1e-9 { wins += 0.5 } else if positive > negative { wins += 1 }
                }
            }
            expected.auc = wins / Double(wonScores.count * lostScores.count)
        }
        return expected
    }

    @Test(arguments: ["all", "2026-06-01"])
    func figuresEqualTheRowByRowComputation(split: String) throws {
        let (engine, table, reference) = try Self.sample(accounts: 3_000, seed: 11)
        let day = CalendarDate(parsing: split)
        let chosen: BacktestSplit = day.map { .createdOnOrAfter($0) } ?? .all
        let inSplit: ([String?]) -> Bool = { values in
            guard let day else { return true }
            return table.value(values, "created_at").flatMap(ReferenceTable.date).map { $0 >= day.daysSinceEpoch } ?? false
        }
        for text in Self.icps {
            let icp = try #require(ICPDocument(text: text, format: text.hasPrefix("{") ? .json : .yaml).icp)
            let code = icp.code?.value ?? "?"
            let result = try #require(engine.backtest(engine.evaluate(icp), split: chosen))
            let expected = Self.expected(icp, reference: reference, table: table, inSplit: inSplit)
            #expect(expected.decided > 100, "the split keeps enough accounts to mean something")
            #expect(result.decided == expected.decided, "\(code): decided")
            #expect(result.won == expected.won, "\(code): won")
            #expect(result.qualifiedDecided == expected.qualifiedDecided, "\(code): qualified decided")
            #expect(result.qualifiedWon == expected.qualifiedWon, "\(code): qualified won")
            #expect(result.recall == (expected.won == 0 ? nil : Double(expected.qualifiedWon) / Double(expected.won)), "\(code): recall")
            switch (result.auc, expected.auc) {
            case (nil, nil): break
            case (let actual?, let wanted?): #expect(abs(actual - wanted) < 1e-9, "\(code): AUC \(actual) vs \(wanted)")
            default: Issue.record("\(code): AUC \(String(describing: result.auc)) vs \(String(describing: expected.auc))")
            }
            #expect(result.caution == nil)
        }
    }

    /// The held-out share is the same every run, close to the share asked for, and depends on the seed.
    @Test func holdoutIsSeededStableAndOfTheRightSize() {
        let ids = (0..<20_000).map { "A\(String(format: "%06d", $0))" }
        let first = ids.filter { BacktestSplit.isHeldOut($0, fraction: 0.3, seed: 7) }
        let again = ids.filter { BacktestSplit.isHeldOut($0, fraction: 0.3, seed: 7) }
        let otherSeed = ids.filter { BacktestSplit.isHeldOut($0, fraction: 0.3, seed: 8) }
        #expect(first == again)
        #expect(abs(Double(first.count) / Double(ids.count) - 0.3) < 0.02, "\(first.count)")
        #expect(first != otherSeed)
        #expect(ids.filter { BacktestSplit.isHeldOut($0, fraction: 0, seed: 7) }.isEmpty)
        #expect(ids.allSatisfy { BacktestSplit.isHeldOut($0, fraction: 1, seed: 7) })
    }

    @Test func tooFewDecidedAccountsAreSaidToBeTooFew() throws {
        let csv = "id,industry,stage\n1,Software,won\n2,Software,lost\n3,Retail,lost\n"
        let engine = try Self.engine(csv: csv)
        let icp = try #require(ICPDocument(text: "icp: s\nparameters:\n  - {field: industry, mode: filter, is: software}\n", format: .yaml).icp)
        let result = try #require(engine.backtest(engine.evaluate(icp), split: .all))
        #expect(result.precision == 0.5 && result.recall == 1)
        #expect(result.caution?.hasPrefix("too few decided accounts to say anything: 3 (1 won, 2 lost)") == true)
    }

    /// Cautions a reader needs beside the figures: few decided accounts behind the ICP although
    /// the total is large, a split by date without dates.
    @Test func cautionsSayWhyFiguresMeanLittle() throws {
        // 40 decided: Retail wins, Software loses; small companies lose more.
        let rows = (0..<40).map { index in
            let retail = index % 2 == 0
            let won = retail ? index % 4 == 0 || index % 3 == 0 : index % 10 == 1
            return "\(index),\(retail ? "Retail" : "Software"),\(retail ? 500 : 20),\(won ? "won" : "lost")"
        }
        let engine = try Self.engine(csv: "id,industry,employees,stage\n" + rows.joined(separator: "\n") + "\n")
        let few = try #require(ICPDocument(text: "icp: f\nparameters:\n  - {field: employees, mode: filter, max: 19}\n", format: .yaml).icp)
        let none = try #require(engine.backtest(engine.evaluate(few), split: .all))
        #expect(none.caution == "no decided account qualifies: win rate and lift cannot be measured")
        // A filter alone ranks nothing: no AUC, rather than 0.5.
        #expect(none.auc == nil && !none.hasScore)
        let upsideDown = try #require(ICPDocument(text: "icp: u\nparameters:\n  - {field: employees, mode: score, max: 100, weight: 1}\n", format: .yaml).icp)
        let byDate = try #require(engine.backtest(engine.evaluate(upsideDown), split: .createdOnOrAfter(SampleDataset.asOf)))
        #expect(byDate.caution?.hasPrefix("a split by date needs each account's creation date: set keys.created") == true)
    }

    /// A parameter's evidence on past deals, against the raw rows: won and decided accounts
    /// among those it lets through (an exclude: those it does not match) and those it holds back.
    @Test func aParameterSplitsPastDealsAsTheRowsSay() throws {
        let (engine, table, reference) = try Self.sample(accounts: 2_000, seed: 5)
        let text = "icp: e\nparameters:\n  - {field: industry, mode: filter, in: [Software, Fintech]}\n  - {field: is_customer, mode: exclude, is: true}\n"
        let icp = try #require(ICPDocument(text: text, format: .yaml).icp)
        let evaluation = engine.evaluate(icp)
        for (index, parameter) in icp.parameters.enumerated() {
            let split = try #require(engine.outcomesSplit(for: evaluation.parameters[index]))
            var through = (won: 0, decided: 0), held = (won: 0, decided: 0)
            for values in table.rows {
                let label = table.value(values, "stage")?.lowercased()
                guard ["closed_won", "closed_lost", "churned"].contains(label) else { continue }
                let meets = reference.meets(values, parameter.field!.value, parameter.condition!.value)
                let passes = parameter.mode?.value == .exclude ? !meets : meets
                if passes { through.decided += 1; if label == "closed_won" { through.won += 1 } } else { held.decided += 1; if label == "closed_won" { held.won += 1 } }
            }
            #expect(split.through == through && split.held == held, "parameter \(index)")
            #expect(through.decided > 0 && held.decided > 0)
        }
    }
}
