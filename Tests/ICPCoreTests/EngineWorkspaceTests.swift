import Foundation
import Testing
@testable import ICPLanguage
@testable import ICPEngine
@testable import ICPBuilders
@testable import ICPInsights
@testable import ICPDataset

/// Outcomes, personas, enrichment, the 30-day flow and workspace codes against the reference,
/// on the messy fixture workspace (which has contacts, outcomes with mixed-case labels and `keys.created`).
struct EngineWorkspaceTests {
    let folder = EngineReferenceTests.messyFolder
    let config: WorkspaceConfig
    let engine: Engine
    let reference: ReferenceEvaluator
    let contacts: ReferenceTable
    let icps: [ICP]

    init() throws {
        config = WorkspaceDocument(text: try String(contentsOf: folder.appendingPathComponent("icp.workspace.yaml"), encoding: .utf8)).config
        let options = DatasetOptions(config: config)
        let accountsText = try String(contentsOf: folder.appendingPathComponent("accounts.csv"), encoding: .utf8)
        let contactsText = try String(contentsOf: folder.appendingPathComponent("contacts.csv"), encoding: .utf8)
        let accounts = try DatasetLoader.load(Array(accountsText.utf8), name: "accounts.csv", format: .csv, options: options)
        let contactStore = try DatasetLoader.load(Array(contactsText.utf8), name: "contacts.csv", format: .csv, options: options)
        engine = Engine(accounts: accounts, contacts: contactStore, settings: EvaluationSettings(config: config, today: CalendarDate(daysSinceEpoch: 0)))
        reference = ReferenceEvaluator(table: ReferenceTable(csv: accountsText, missingValues: config.missingValues, overrides: ["tech stack": (.list, ";")]),
                                       asOf: try #require(config.asOf).daysSinceEpoch)
        contacts = ReferenceTable(csv: contactsText, missingValues: config.missingValues)
        icps = try EngineReferenceTests.icpFiles(in: folder).map { try #require(ICPDocument(text: $0, format: .yaml).icp) }
    }

    @Test func outcomeMetrics() throws {
        let outcome = try #require(config.outcome)
        for icp in icps {
            let qualified = reference.evaluate(icp).qualified
            let expected = reference.outcomes(qualified: qualified, field: outcome.field, won: outcome.won, lost: outcome.lost, churned: outcome.churned)
            let actual = try #require(engine.evaluate(icp).outcomes)
            let pairs: [(String, Double?)] = [("win_rate", actual.winRate), ("baseline_win_rate", actual.baselineWinRate), ("lift", actual.lift),
                                              ("won_coverage", actual.wonCoverage), ("churn_rate", actual.churnRate), ("baseline_churn_rate", actual.baselineChurnRate)]
            for (key, value) in pairs {
                let wanted = expected[key] ?? nil
                #expect((value == nil) == (wanted == nil), "\(icp.code!.value) \(key)")
                if let value, let wanted { #expect(abs(value - wanted) < 1e-12, "\(icp.code!.value) \(key)") }
            }
        }
    }

    @Test func enrichedAndLastThirtyDays() throws {
        for icp in icps {
            let qualified = reference.evaluate(icp).qualified
            let evaluation = engine.evaluate(icp)
            #expect(evaluation.enriched == reference.enriched(icp, qualified: qualified), "\(icp.code!.value)")
            #expect(evaluation.lastThirtyDays == reference.lastThirtyDays(qualified: qualified, field: "created_at"), "\(icp.code!.value)")
        }
    }

    @Test func personas() throws {
        let icp = try #require(icps.first { !$0.personas.isEmpty })
        let qualified = reference.evaluate(icp).qualified
        let evaluation = engine.evaluate(icp)
        for (persona, outcome) in zip(icp.personas, evaluation.personas) {
            let (contactCount, accountCount) = reference.persona(persona, contacts: contacts, qualified: qualified, idField: "id", linkField: "account_id")
            #expect(outcome.contacts == contactCount)
            #expect(outcome.accounts == accountCount)
            #expect(contactCount > 0)
        }
    }

    @Test func workspaceCodesFollowPriorityThenScoreThenCode() {
        let entries = icps.map { WorkspaceScoring.Entry(icp: $0, evaluation: engine.evaluate($0)) }
        let assigned = WorkspaceScoring.assign(entries, rowCount: engine.accounts.rowCount)
        #expect(assigned.map(\.code) == reference.codes(icps))
        #expect(assigned.contains { $0.code == "fintech" } && assigned.contains { $0.code == "software" } && assigned.contains { $0.code == "broad" })
        for (row, assignment) in assigned.enumerated() where assignment.code == nil {
            #expect(assignment.score == 0 && assignment.tier == nil, "row \(row)")
        }
    }

    /// Hand-computed on the messy fixture, so that the reference itself is pinned too.
    @Test func handComputedFigures() throws {
        let software = try #require(icps.first { $0.code?.value == "software" })
        let evaluation = engine.evaluate(software)
        // industry in [software, Marketing Tech]: rows 1, 2 ("software "), 4 (SOFTWARE), 8, 9 (marketing tech), 10, 12.
        #expect(evaluation.parameters[0].matched.cardinality == 7)
        // HQ country in Europe among those: 1 DE, 2 CH, 4 DE, 9 NL, 10 DE, 12 DE (8 is US).
        #expect(evaluation.parameters[1].remaining == 6)
        // is_customer: yes is only row 3 (Energy), so the exclude removes none of the six.
        #expect(evaluation.parameters.last?.remaining == 6)
        // within_days 365 of 2026-11-01 counts from 2025-11-01 to 2026-11-01 inclusive: rows 1, 4, 7, 8, 10, 12 (9 is 2025-10-31, 5 is 2026-11-02).
        #expect(evaluation.parameters[4].matched.cardinality == 6)
        // Row 1 (Acme): employees 250 (+2), salesforce (+3), funded 2026-05-01 (+1), revenue present (+1) = 7 of 7.
        #expect(evaluation.score(ofRow: 0) == 100)
        // Row 2: employees 1200 (+2), hubspot (+3), funding 2025-01-15 (no), revenue N/A (missing, no) = 5 of 7.
        #expect(abs(evaluation.score(ofRow: 1) - 500.0 / 7) < 1e-9)
        #expect(ScoreMath.rounded(evaluation.score(ofRow: 1)) == 71.4)
    }
}

/// A keystroke superseded by a newer one stops its evaluation: checked between parameters, each
/// of which may scan a column.
struct CancellationTests {
    @Test func aCancelledEvaluationStopsBeforeScanningItsColumns() async throws {
        let (engine, _, _) = try BacktestTests.sample(accounts: 2_000, seed: 5)
        let icp = try #require(ICPDocument(text: """
            icp: x
            parameters:
              - {field: industry, mode: filter, in: [Software, Fintech]}
              - {field: employees, mode: filter, min: 123}
              - {field: region, mode: score, is: EMEA}
            """, format: .yaml).icp)
        let task = Task.detached {
            withUnsafeCurrentTask { $0?.cancel() }
            return engine.evaluateUnlessCancelled(icp)
        }
        #expect(await task.value == nil)
        #expect(engine.accountMatches.count == 0, "a column was scanned after the cancellation")
        #expect(engine.evaluateUnlessCancelled(icp)?.total == 2_000)
        #expect(engine.accountMatches.count >= 3)
    }
}
