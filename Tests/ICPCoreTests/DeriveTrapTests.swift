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

/// Traps a real startup list set `icp derive` (issue 41): the newest funding dates look like a
/// reason to lose because their accounts have had no time to be acquired, and region numbers
/// look like places though `15` is a region in several countries.
struct DeriveMeaningTests {
    /// 3,000 accounts: a fifth funded in the last 200 days, nine in ten of them still operating and
    /// the few decided mostly closed (closing is quicker than being acquired); region codes
    /// `15` and `48` in four countries, where `15` loses more everywhere.
    static let engine: Engine? = {
        var state: UInt64 = 41
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        var lines = ["id,status,last_funding_at,country_code,state_code"]
        let asOf = CalendarDate(year: 2015, month: 12, day: 1)!.daysSinceEpoch
        for row in 0..<3_000 {
            let recent = row % 5 == 0
            let age = recent ? 10 + next(190) : 400 + next(1_800)
            let country = ["USA", "GBR", "DEU", "FRA", "ITA"][row % 5 == 0 ? next(5) : row % 5]
            let code = country == "USA" ? ["CA", "NY", "TX", "MA"][next(4)] : ["15", "48", "66"][next(3)]
            let undecided = recent ? next(10) < 9 : next(10) < 2
            let wins = recent ? next(10) < 2 : next(10) < (code == "15" ? 2 : 6)
            let status = undecided ? "operating" : (wins ? "acquired" : "closed")
            lines.append("c\(row),\(status),\(CalendarDate(daysSinceEpoch: asOf - age)),\(country),\(code)")
        }
        let config = WorkspaceDocument(text: "datasets:\n  accounts: data.csv\nkeys:\n  account_id: id\noutcome:\n  field: status\n  won: [acquired]\n  lost: [closed]\nas_of: 2015-12-01\n").config
        guard let store = try? DatasetLoader.load(Array((lines.joined(separator: "\n") + "\n").utf8), name: "data.csv", format: .csv, options: DatasetOptions(config: config)),
              let asOfDate = config.asOf else { return nil }
        return Engine(accounts: store, settings: EvaluationSettings(config: config, today: asOfDate))
    }()

    @Test func theNewestDatesAreTimingWhenTheirAccountsHaveNoOutcomeYet() throws {
        let engine = try #require(Self.engine)
        let derivation = try #require(engine.derive(DeriveOptions()))
        #expect(!derivation.parameters.contains { $0.field == "last_funding_at" }, "\(derivation.parameters.map(\.condition))")
        let reason = try #require(DeriveTrapTests.reasons(derivation)["last_funding_at"])
        #expect(reason.hasPrefix("timing, not fit: ") && reason.contains("have an outcome"), "\(reason)")
        var options = DeriveOptions()
        options.allowTiming = true
        let allowed = try #require(engine.derive(options))
        #expect(allowed.parameters.contains { $0.field == "last_funding_at" && $0.notes.contains { $0.hasPrefix("timing: ") } })
    }

    @Test func regionNumbersSharedByCountriesAreLeftOutWithTheirCountries() throws {
        let engine = try #require(Self.engine)
        let derivation = try #require(engine.derive(DeriveOptions()))
        #expect(!derivation.parameters.contains { $0.field == "state_code" }, "\(derivation.parameters.map { "\($0.field) \($0.mode) \($0.condition)" })")
        let reason = try #require(DeriveTrapTests.reasons(derivation)["state_code"])
        #expect(reason.contains("only together with country_code") && reason.contains("values of country_code (DEU, FRA"), "\(reason)")
    }

    /// A tag list where two kinds of account win, each with its own pair of tags that are held
    /// together (fintech with payments, biotech with genomics), and the rest lose: the proposed
    /// list names both pairs, and its comment says they are two groups.
    @Test func aListOfTwoUnrelatedGroupsIsNoted() throws {
        var lines = ["id,status,tags"]
        let kinds = ["fintech;payments", "biotech;genomics", "fintech", "genomics", "retail;media", "retail", "media;games", "games"]
        for row in 0..<2_000 {
            let kind = row % kinds.count
            let wins = kind < 4 ? row % 10 < 7 : row % 10 < 2
            lines.append("c\(row),\(wins ? "won" : "lost"),\(kinds[kind])")
        }
        let config = WorkspaceDocument(text: "datasets:\n  accounts: data.csv\nkeys:\n  account_id: id\noutcome:\n  field: status\n  won: [won]\n  lost: [lost]\n"
                                       + "as_of: 2015-12-01\nfields:\n  tags: {type: list, separator: \";\"}\n").config
        let store = try DatasetLoader.load(Array((lines.joined(separator: "\n") + "\n").utf8), name: "data.csv", format: .csv, options: DatasetOptions(config: config))
        let engine = Engine(accounts: store, settings: EvaluationSettings(config: config, today: try #require(config.asOf)))
        let derivation = try #require(engine.derive(DeriveOptions()))
        let tags = try #require(derivation.parameters.first { $0.field == "tags" && $0.mode != .exclude })
        // `biotech` adds no account to `genomics` (every biotech account holds both), so it may stay out.
        #expect(Set(tags.condition.values.map(\.text)).isSuperset(of: ["fintech", "payments", "genomics"]), "\(tags.condition)")
        let note = try #require(tags.notes.first { $0.hasPrefix("its values fall into 2 groups") }, "\(tags.notes)")
        #expect(note.contains("fintech, payments |") || note.contains("payments, fintech |"), "\(note)")
        // One tag per kind of account: nothing is held together, so nothing is said of groups.
        let single = ValueGroups([Category(text: "retail", codes: [1]), Category(text: "games", codes: [2])], column: store.columns[2])
        #expect(single.note == nil && single.groups.count == 1)
    }
}
