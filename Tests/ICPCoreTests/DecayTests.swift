import Foundation
import Testing
@testable import ICPLanguage
@testable import ICPEngine
@testable import ICPBuilders
@testable import ICPInsights
@testable import ICPDataset

/// `decay: {half_life_days: N}` beyond the counts (EngineReferenceTests checks those against the
/// reference evaluator): the points explain shows, and the checks on where it may stand.
struct DecayTests {
    static let csv = "id,visited,industry\na1,2026-10-02,Software\na2,2026-09-02,Software\na3,,Retail\n"
    static let asOf = CalendarDate(year: 2026, month: 11, day: 1)!

    @Test func explainShowsTheFadedPoints() throws {
        let store = try DatasetLoader.load(Array(Self.csv.utf8), name: "accounts", format: .csv, options: DatasetOptions())
        let engine = Engine(accounts: store, settings: EvaluationSettings(asOf: Self.asOf))
        let icp = try #require(ICPDocument(text: "icp: x\nparameters:\n  - {field: visited, mode: score, exists: true, weight: 3, decay: {half_life_days: 30}}\n  - {field: industry, mode: score, is: Software}\n", format: .yaml).icp)
        let evaluation = engine.evaluate(icp)
        // 30 days old: half of 3; 60 days old: a quarter.
        #expect(abs(evaluation.score(ofRow: 0) - 100 * (1.5 + 1) / 4) < 1e-9)
        #expect(abs(evaluation.score(ofRow: 1) - 100 * (0.75 + 1) / 4) < 1e-9)
        #expect(evaluation.score(ofRow: 2) == 0)
        let explained = RecordExplanation(icp: icp, evaluation: evaluation, accounts: store, row: 1, asOf: Self.asOf)
        #expect(explained.steps[0].verdict == "matches: +0.75 of 3 (60 days old, half-life 30 days)")
    }

    @Test func decayBelongsOnAScoreOverADate() throws {
        let filter = ICPDocument(text: "icp: x\nparameters:\n  - {field: visited, mode: filter, exists: true, decay: {half_life_days: 30}}\n", format: .yaml)
        #expect(filter.diagnostics.contains { $0.code == .schema && $0.message.hasPrefix("`decay` fades a score parameter's points") })
        let zero = ICPDocument(text: "icp: x\nparameters:\n  - {field: visited, mode: score, exists: true, decay: {half_life_days: 0}}\n", format: .yaml)
        #expect(zero.diagnostics.contains { $0.code == .schema })
        let store = try DatasetLoader.load(Array(Self.csv.utf8), name: "accounts", format: .csv, options: DatasetOptions())
        let engine = Engine(accounts: store, settings: EvaluationSettings(asOf: Self.asOf))
        let onText = try #require(ICPDocument(text: "icp: x\nparameters:\n  - {field: industry, mode: score, is: Software, decay: {half_life_days: 30}}\n", format: .yaml).icp)
        #expect(DataChecks.fieldsAndValues(of: onText, engine: engine, datasetName: "accounts").contains { $0.code == .typeMismatch })
        // Scores are continuous: no tier is called empty.
        let tiered = "icp: x\ntiers: {top: 90, low: 0}\nparameters:\n  - {field: visited, mode: score, exists: true, decay: {half_life_days: 30}}\n  - {field: industry, mode: score, is: Software}\n"
        #expect(!ICPDocument(text: tiered, format: .yaml).check(in: CheckContext(asOf: Self.asOf)).contains { $0.code == .emptyTier })
    }
}
