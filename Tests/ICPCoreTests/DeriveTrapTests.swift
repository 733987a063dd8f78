import Foundation
import Testing
@testable import ICPLanguage
@testable import ICPEngine
@testable import ICPBuilders
@testable import ICPInsights
@testable import ICPDataset

/// `icp derive` on a Crunchbase-style startup list with planted traps (fixtures/derive/startups,
/// written by Scripts/make-derive-fixtures.py, whose header says what each column truly does):
/// timing columns, columns whose being filled predicts the outcome, a long tail of categories,
/// an effect that is one-sided. Each test failed before the guard it checks.
struct DeriveTrapTests {
    static let folder = FixturePaths.root.appendingPathComponent("derive/startups")

    struct Startups {
        let engine: Engine
        let reference: ReferenceEvaluator
        let table: ReferenceTable
    }

    static let startups: Startups? = {
        guard let csv = try? String(contentsOf: folder.appendingPathComponent("data.csv"), encoding: .utf8),
              let workspace = try? String(contentsOf: folder.appendingPathComponent("icp.workspace.yaml"), encoding: .utf8) else { return nil }
        let config = WorkspaceDocument(text: workspace).config
        guard let store = try? DatasetLoader.load(Array(csv.utf8), name: "data.csv", format: .csv, options: DatasetOptions(config: config)),
              let asOf = config.asOf else { return nil }
        let table = ReferenceTable(csv: csv, missingValues: config.missingValues, overrides: ["category_list": (.list, "|")])
        return Startups(engine: Engine(accounts: store, settings: EvaluationSettings(config: config, today: asOf)),
                        reference: ReferenceEvaluator(table: table, asOf: asOf.daysSinceEpoch), table: table)
    }()

    static func reasons(_ derivation: Derivation) -> [String: String] {
        Dictionary(derivation.leftOut.map { ($0.field, $0.reason) }, uniquingKeysWith: { first, _ in first })
    }

    /// Founding and first-funding dates predict the outcome only through age: left out, named as
    /// timing, with the trend; `allowTiming` lets them in, each with the trend as a note.
    @Test func timingColumnsAreLeftOutWithTheirTrend() throws {
        let startups = try #require(Self.startups)
        let derivation = try #require(startups.engine.derive(DeriveOptions()))
        let used = Set(derivation.parameters.map(\.field))
        #expect(used.isDisjoint(with: ["founded_at", "first_funding_at"]), "\(used)")
        for field in ["founded_at", "first_funding_at"] {
            let reason = try #require(Self.reasons(derivation)[field])
            #expect(reason.hasPrefix("timing, not fit: the win rate falls from"), "\(reason)")
            #expect(reason.contains("--allow-timing"))
        }
        var options = DeriveOptions()
        options.allowTiming = true
        let allowed = try #require(startups.engine.derive(options))
        let founded = allowed.parameters.filter { $0.field == "founded_at" || $0.field == "first_funding_at" }
        #expect(!founded.isEmpty)
        #expect(founded.allSatisfy { $0.notes.contains { $0.hasPrefix("timing: ") } })
        // A column's rule on the other side is not "the same as" the column by name.
        #expect(!allowed.leftOut.contains { $0.reason.contains("says the same as \($0.field) ") })
    }

    /// Country (and city) are filled for most won accounts and few closed ones, and say nothing
    /// among accounts that have them: a data-quality finding, never a filter of 22 codes.
    @Test func aFieldWhoseBeingFilledPredictsIsAFindingNotARule() throws {
        let startups = try #require(Self.startups)
        let derivation = try #require(startups.engine.derive(DeriveOptions()))
        let used = Set(derivation.parameters.map(\.field))
        #expect(used.isDisjoint(with: ["country_code", "city"]), "\(used)")
        let findings = Dictionary(derivation.dataQuality.map { ($0.field, $0.reason) }, uniquingKeysWith: { first, _ in first })
        #expect(findings["country_code"]?.contains("where filled") == true, "\(findings)")
        #expect(Self.reasons(derivation)["country_code"]?.contains("only whether it is filled") == true)
    }

    /// Of 70 categories three carry the lift: the list names those, not forty.
    @Test func aLongTailGivesACompactList() throws {
        let startups = try #require(Self.startups)
        let derivation = try #require(startups.engine.derive(DeriveOptions()))
        let categories = try #require(derivation.parameters.first { $0.field == "category_list" && $0.mode != .exclude })
        #expect(DeriveTests.texts(categories.condition) == ["software", "analytics", "security"])
    }

    /// Two or more rounds win more, and no more from there on: `min: 2`, no upper bound.
    @Test func aOneSidedEffectGivesAOneSidedBound() throws {
        let startups = try #require(Self.startups)
        let derivation = try #require(startups.engine.derive(DeriveOptions()))
        let rounds = try #require(derivation.parameters.first { $0.field == "funding_rounds" })
        guard case .range(let min?, nil) = rounds.condition else { Issue.record("funding_rounds: \(rounds.condition)"); return }
        #expect(min.text == "2")
    }

    /// The chosen cut keeps at least 60% of the wins by default, and its row of the gains table
    /// is what the reference evaluator counts on the written file, row by row.
    @Test func theGainsTableAndTheCutAgreeWithTheReference() throws {
        let startups = try #require(Self.startups)
        let derivation = try #require(startups.engine.derive(DeriveOptions()))
        let text = DerivedICPText(derivation, code: "derived", name: "Derived", header: []).yaml
        let icp = try #require(ICPDocument(text: text, format: .yaml).icp)
        let result = startups.reference.evaluate(icp)
        let chosen = try #require(derivation.gains.first { $0.minScore == derivation.minScore })
        let table = startups.table
        let qualified = result.qualified.indices.filter { result.qualified[$0] }
        let won = qualified.filter { ["acquired", "ipo"].contains(table.value(table.rows[$0], "status") ?? "") }.count
        let lost = qualified.filter { table.value(table.rows[$0], "status") == "closed" }.count
        #expect(chosen.accounts == qualified.count)
        #expect(chosen.tally == OutcomeTally(won: won, lost: lost))
        #expect(chosen.wonShare >= 0.6)
        // Every row: more accounts at a lower cut, never fewer wins.
        for (higher, lower) in zip(derivation.gains, derivation.gains.dropFirst()) {
            #expect(higher.minScore > lower.minScore && higher.accounts <= lower.accounts && higher.tally.won <= lower.tally.won)
        }
    }

    /// `min_score` and tiers in words: the smallest sets of score parameters that reach each.
    @Test func theCutIsExplainedInWords() {
        func score(_ field: String, _ weight: Double) -> DerivedParameter {
            DerivedParameter(field: field, mode: .score, condition: .exists(true), weight: weight,
                             evidence: DeriveEvidence(inside: OutcomeTally(), total: OutcomeTally()), strength: 0)
        }
        let derivation = Derivation(parameters: [score("founded", 14), score("country", 8), score("rounds", 5), score("size", 3)], minScore: 79,
                                    tiers: [("A", 100), ("B", 79)], leftOut: [], total: OutcomeTally(), trainingAccounts: 0, minimumWon: 10, caution: nil)
        #expect(derivation.scoreCutInWords == [
            "A score is the share of the score weight an account matches: founded 14, country 8, rounds 5, size 3 (30 points).",
            "min_score 79 needs 23.7 of the 30 points: founded and country and rounds, or founded and country and size.",
            "Tier A from 100 needs 30 of the 30 points: every score parameter.",
        ])
    }
}
