import Foundation
import Testing
@testable import ICPLanguage
@testable import ICPEngine
@testable import ICPBuilders
@testable import ICPInsights
@testable import ICPDataset

/// `missing: fail | pass | neutral` beyond the counts (which EngineReferenceTests checks against
/// the reference evaluator): what explain says, the checks that reason about scores and missing
/// values, and how the key is read.
struct MissingPolicyTests {
    static let csv = "id,revenue_usd,stage,country\na1,,Series B,DE\na2,5000000,Seed,\na3,200,,FR\n"
    static let asOf = CalendarDate(year: 2026, month: 11, day: 1)!

    static func engine(_ policy: MissingPolicy = .fail) throws -> Engine {
        let store = try DatasetLoader.load(Array(csv.utf8), name: "accounts", format: .csv, options: DatasetOptions())
        return Engine(accounts: store, settings: EvaluationSettings(asOf: asOf, missingPolicy: policy))
    }

    static func icp(_ text: String) throws -> ICP {
        try #require(ICPDocument(text: text, format: .yaml).icp)
    }

    @Test func explainSaysWhichPolicyDecided() throws {
        let icp = try Self.icp("""
            icp: x
            parameters:
              - {field: revenue_usd, mode: score, min: 1000000, weight: 3, missing: neutral}
              - {field: stage, mode: score, is: Series B, weight: 2}
              - {field: country, mode: exclude, in: [FR], missing: pass}
            """)
        let engine = try Self.engine()
        let evaluation = engine.evaluate(icp)
        let first = RecordExplanation(icp: icp, evaluation: evaluation, accounts: engine.accounts, row: 0, asOf: Self.asOf)
        #expect(first.steps[0].verdict == "`revenue_usd` is missing: neutral, left out of the score (scored over the parameters it has data for)")
        #expect(first.score == 100, "2 of the 2 points it is scored on")
        #expect(first.qualifies)
        let second = RecordExplanation(icp: icp, evaluation: evaluation, accounts: engine.accounts, row: 1, asOf: Self.asOf)
        #expect(second.steps[2].verdict == "`country` is missing: pass, counted as met, so the exclude removes this record")
        #expect(!second.qualifies && second.steps[2].blocks)
        #expect(abs(second.score - 60) < 1e-9, "3 of 5")
    }

    @Test func theWorkspaceDefaultAppliesWhereAParameterSaysNothing() throws {
        let icp = try Self.icp("icp: x\nparameters:\n  - {field: revenue_usd, mode: filter, min: 1000000}\n  - {field: stage, mode: filter, exists: true}\n")
        #expect(try Self.engine(.fail).evaluate(icp).qualifiedCount == 1)
        // a1 lacks revenue and now passes; a3 has 200, which still fails; `exists` takes no policy.
        #expect(try Self.engine(.neutral).evaluate(icp).qualifiedCount == 2)
        let written = try Self.icp("icp: x\nparameters:\n  - {field: revenue_usd, mode: filter, min: 1000000, missing: fail}\n")
        #expect(try Self.engine(.neutral).evaluate(written).qualifiedCount == 1, "a parameter's own policy wins")
    }

    @Test func checksReasonWithThePolicy() throws {
        // Weights 3, 2, 2 give 0, 28.6, 42.9, 57.1, 71.4 and 100; a record without the neutral
        // one is scored over 2 + 2, which adds 50: tier `mid` (50 to 57) is reachable only so.
        let tiered = "icp: x\ntiers: {top: 57, mid: 50, rest: 0}\nparameters:\n  - {field: revenue_usd, mode: score, min: 1, weight: 3, missing: neutral}\n"
            + "  - {field: stage, mode: score, is: Seed, weight: 2}\n  - {field: country, mode: score, is: DE, weight: 2}\n"
        let failing = tiered.replacingOccurrences(of: ", missing: neutral", with: "")
        let context = CheckContext(asOf: Self.asOf)
        #expect(!ICPDocument(text: tiered, format: .yaml).check(in: context).contains { $0.code == .emptyTier })
        #expect(ICPDocument(text: failing, format: .yaml).check(in: context).contains { $0.code == .emptyTier })
        #expect(!ICPDocument(text: failing, format: .yaml).check(in: CheckContext(asOf: Self.asOf, missingPolicy: .neutral)).contains { $0.code == .emptyTier },
                "the workspace default counts as the parameter's own")
        #expect(EmptyTierCheck.possibleScores(try Self.icp(tiered).parameters, missing: .fail)?.contains(50) == true)
        #expect(EmptyTierCheck.possibleScores(try Self.icp(failing).parameters, missing: .fail)?.contains(50) == false)

        // 33 neutral score parameters take 66 bits: too many.
        let many = "icp: x\nparameters:\n" + (0..<33).map { "  - {field: f\($0), mode: score, is: y}\n" }.joined()
        #expect(ICPDocument(text: many, format: .yaml).check(in: CheckContext(asOf: Self.asOf, missingPolicy: .neutral)).contains { $0.code == .schema })
        #expect(!ICPDocument(text: many, format: .yaml).check(in: context).contains { $0.code == .schema })

        // missing-data is about filters that fail on a missing value.
        let engine = try Self.engine()
        let filter = try Self.icp("icp: x\nparameters:\n  - {field: country, mode: filter, in: [DE, FR], missing: neutral}\n  - {field: stage, mode: filter, exists: true}\n")
        var thresholds = CheckThresholds()
        thresholds.maxMissingShare = 0.2
        let findings = DataChecks.counts(of: filter, evaluation: engine.evaluate(filter), accounts: engine.accounts, thresholds: thresholds)
        #expect(findings.filter { $0.code == .missingData }.map(\.range.start.line) == [3], "only `stage`, whose filter fails on a missing value")
    }

    @Test func theKeyIsReadWithItsChoices() throws {
        let document = ICPDocument(text: "icp: x\nparameters:\n  - {field: a, mode: filter, is: b, missing: ignore}\n", format: .yaml)
        let problem = try #require(document.diagnostics.first { $0.code == .schema })
        #expect(problem.message.contains("fail") && problem.message.contains("neutral"), "\(problem.message)")
        #expect(WorkspaceDocument(text: "missing: neutral\n").config.missingPolicy == .neutral)
        #expect(WorkspaceDocument(text: "missing: sometimes\n").diagnostics.contains { $0.code == .schema })
    }
}

extension MissingPolicyTests {
    /// The kept evaluations of the other ICPs: the same meaning gives the same figures however
    /// written, a changed policy or condition a fresh evaluation, never a stale one.
    @Test func keptEvaluationsFollowTheMeaning() throws {
        let engine = try Self.engine()
        let written = try Self.icp("icp: x\nparameters:\n  - {field: stage, mode: filter, in: [Seed, Series B]}\n")
        let reformatted = try Self.icp("# the same\nicp: x\nparameters:\n  - field: stage\n    mode: filter\n    in: [series b, seed]\n")
        let neutral = try Self.icp("icp: x\nparameters:\n  - {field: stage, mode: filter, in: [Seed, Series B], missing: neutral}\n")
        #expect(engine.evaluateUnchanged(written).qualifiedCount == 2)
        #expect(engine.evaluateUnchanged(reformatted).qualifiedCount == 2)
        #expect(engine.evaluateUnchanged(neutral).qualifiedCount == 3, "a3 has no stage")
        #expect(engine.evaluateUnchanged(written).qualifiedCount == engine.evaluate(written).qualifiedCount)
    }
}
