import Foundation
import Testing
@testable import ICPLanguage
@testable import ICPEngine
@testable import ICPBuilders
@testable import ICPInsights
@testable import ICPDataset

/// `icp diff`'s comparison of two versions of an ICP, against the reference evaluator row by row.
struct ICPComparisonTests {
    static let base = AccountListTests.icpText

    static func icp(_ text: String) throws -> ICP {
        try #require(ICPDocument(text: text, format: .yaml).icp)
    }

    static func compare(_ before: String, _ after: String, engine: Engine) throws -> ICPComparison {
        let (old, new) = (try icp(before), try icp(after))
        return ICPComparison.compare(base: (old, engine.evaluate(old)), head: (new, engine.evaluate(new)), engine: engine)
    }

    /// Added and removed accounts are those the reference qualifies on one side only, and every
    /// one of them is counted once in the "why".
    @Test(arguments: [
        ("    min: 200", "    min: 500", ICPComparison.Change.narrowing),
        ("    in: [EMEA, North America]", "    in: [EMEA, North America, APAC]", .widening),
        ("    in: [Software, Fintech, Marketing Tech]", "    in: [Software, Healthcare]", .reshuffle),
        ("min_score: 30", "min_score: 60", .narrowing),
    ])
    func addedAndRemovedEqualTheReference(old: String, new: String, change: ICPComparison.Change) throws {
        let (engine, table, reference) = try BacktestTests.sample(accounts: 3_000, seed: 21)
        let after = Self.base.replacingOccurrences(of: old, with: new)
        #expect(after != Self.base)
        let comparison = try Self.compare(Self.base, after, engine: engine)
        #expect(comparison.change == change)
        let before = reference.evaluate(try Self.icp(Self.base)).qualified, now = reference.evaluate(try Self.icp(after)).qualified
        let rows = Array(table.rows.indices)
        #expect(comparison.added == rows.filter { now[$0] && !before[$0] })
        #expect(comparison.removed == rows.filter { before[$0] && !now[$0] })
        for (side, accounts) in [("added", comparison.added), ("removed", comparison.removed)] {
            #expect(comparison.explainedBy.filter { $0.side == side }.map(\.count).reduce(0, +) == accounts.count, "\(side): \(comparison.explainedBy)")
        }
    }

    /// A `missing` policy or a `decay` changes who qualifies and how they score: never "no change".
    @Test func aMissingPolicyOrADecayIsAChange() throws {
        let (engine, _, _) = try BacktestTests.sample(accounts: 1_000, seed: 3)
        let policy = Self.base.replacingOccurrences(of: "    within_days: 365", with: "    within_days: 365\n    missing: neutral")
        let decayed = Self.base.replacingOccurrences(of: "  - field: employees", with: "  - field: last_funding_date\n    mode: score\n    within_days: 365\n    decay: {half_life_days: 30}\n  - field: employees")
        let decayedLonger = decayed.replacingOccurrences(of: "half_life_days: 30", with: "half_life_days: 90")
        #expect(policy != Self.base && decayed != Self.base)
        #expect(try Self.compare(Self.base, policy, engine: engine).change != .none)
        #expect(try Self.compare(decayed, decayedLonger, engine: engine).change != .none)
        #expect(try Self.icp(decayed).meaning != Self.icp(decayedLonger).meaning)
    }

    @Test func theWhyNamesTheRequirementAndWhatItWas() throws {
        let (engine, _, _) = try BacktestTests.sample(accounts: 3_000, seed: 21)
        let comparison = try Self.compare(Self.base, Self.base.replacingOccurrences(of: "    min: 200", with: "    min: 500"), engine: engine)
        let reason = try #require(comparison.explainedBy.first)
        #expect(reason.reason == "fail only filter employees from 500 to 2000 (was from 200 to 2000)")
        #expect(reason.count == comparison.removed.count)
    }

    /// A comment, a reformatting, values reordered or `200.0` for `200` change nothing; a new
    /// name changes only metadata.
    @Test func formattingAndCommentsAreNoChange() throws {
        let (engine, _, _) = try BacktestTests.sample(accounts: 1_000, seed: 3)
        let commented = "# reviewed by the team\n" + Self.base.replacingOccurrences(of: "  - field: employees", with: "  # size band\n  - field: employees")
        let reformatted = Self.base.replacingOccurrences(of: "    in: [Software, Fintech, Marketing Tech]", with: "    in:\n      - Marketing Tech\n      - Software\n      - Fintech")
            .replacingOccurrences(of: "    min: 200", with: "    min: 200.0")
        for text in [commented, reformatted] {
            let comparison = try Self.compare(Self.base, text, engine: engine)
            #expect(comparison.change == .none)
            #expect(comparison.added.isEmpty && comparison.removed.isEmpty)
        }
        let renamed = try Self.compare(Self.base, Self.base.replacingOccurrences(of: "name: Mid-market SaaS", with: "name: Mid-market software"), engine: engine)
        #expect(renamed.change == .metadataOnly)
    }

    /// Gates over the figures: what trips and what does not.
    @Test func gatesFollowTheirGrammar() throws {
        let (engine, _, _) = try BacktestTests.sample(accounts: 3_000, seed: 21)
        let comparison = try Self.compare(Self.base, Self.base.replacingOccurrences(of: "    min: 200", with: "    min: 500"), engine: engine)
        let removedShare = Double(comparison.removed.count) / Double(try #require(comparison.base?.qualified))
        #expect(removedShare > 0.3 && removedShare < 0.7)
        func trips(_ text: String) throws -> Bool { try DiffGate(parsing: text).trips(comparison, code: "midmarket-saas") }
        #expect(try trips("removed > 30%"))
        #expect(try !trips("removed > 70%"))
        #expect(try trips("added == 0"))
        #expect(try !trips("other: removed > 0"))
        #expect(try trips("midmarket-saas: qualified < \(comparison.base!.qualified)"))
        let dropped = (comparison.base?.won_coverage ?? 0) - (comparison.head?.won_coverage ?? 0)
        #expect(try trips("won_coverage drops by \(dropped - 0.001)"))
        #expect(try !trips("won_coverage drops by \(dropped + 0.001)"))
        #expect(try !trips("lift rises by 10"))
        for bad in ["removed is 5", "speed > 3", "removed > lots"] {
            #expect(throws: DiffGate.GateError.self) { try DiffGate(parsing: bad) }
        }
    }
}

extension ICPComparisonTests {
    /// Tier moves are the reference's: accounts qualifying on both sides whose tier changed.
    @Test func tierMovesEqualTheReference() throws {
        let (engine, table, reference) = try BacktestTests.sample(accounts: 3_000, seed: 21)
        let after = Self.base.replacingOccurrences(of: "    weight: 3", with: "    weight: 1")
        let comparison = try Self.compare(Self.base, after, engine: engine)
        func tiers(_ text: String) throws -> (qualified: [Bool], tiers: [String?]) {
            let icp = try Self.icp(text)
            let result = reference.evaluate(icp)
            let ladder = icp.tiers.enumerated().sorted { $0.element.minimum != $1.element.minimum ? $0.element.minimum > $1.element.minimum : $0.offset < $1.offset }
            return (result.qualified, result.scores.map { score in ladder.first { score >= $0.element.minimum - 1e-9 }?.element.name.value })
        }
        let (old, new) = (try tiers(Self.base), try tiers(after))
        var expected: [String: Int] = [:]
        for row in table.rows.indices where old.qualified[row] && new.qualified[row] && old.tiers[row] != new.tiers[row] {
            expected["\(old.tiers[row] ?? "none")→\(new.tiers[row] ?? "none")", default: 0] += 1
        }
        #expect(!expected.isEmpty)
        #expect(comparison.tierMoves == expected)
    }
}
