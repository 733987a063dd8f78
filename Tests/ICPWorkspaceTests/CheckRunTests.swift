import Foundation
import Testing
@testable import ICPLanguage
@testable import ICPEngine
@testable import ICPBuilders
@testable import ICPInsights
@testable import ICPWorkspace

struct CheckRunTests {
    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("fixtures")
    static let today = CalendarDate(year: 2030, month: 1, day: 1)!

    private func run(_ paths: [String]) -> CheckRun {
        CheckRun.run(paths: paths, today: Self.today, currentFolder: Self.fixtures)
    }

    @Test func duplicateCodesAcrossFilesNameEachOther() throws {
        let run = run(["checks/duplicate-code"])
        #expect(run.problems.isEmpty)
        let first = try #require(run.reports.first { $0.path == "checks/duplicate-code/first.icp.yaml" })
        let second = try #require(run.reports.first { $0.path == "checks/duplicate-code/second.icp.json" })
        let firstDuplicate = try #require(first.diagnostics.first { $0.code == .duplicateCode })
        let secondDuplicate = try #require(second.diagnostics.first { $0.code == .duplicateCode })
        #expect(firstDuplicate.message.contains("checks/duplicate-code/second.icp.json:3"))
        #expect(secondDuplicate.message.contains("checks/duplicate-code/first.icp.yaml:1"))
        #expect(firstDuplicate.range.start == SourcePosition(line: 0, column: 5, offset: 5))
        #expect(secondDuplicate.range.start.line == 2)
    }

    @Test func checkingOneFileStillSeesItsWorkspaceSiblings() throws {
        let run = run(["checks/duplicate-code/first.icp.yaml"])
        #expect(run.reports.map(\.path) == ["checks/duplicate-code/first.icp.yaml"])
        #expect(run.reports[0].diagnostics.contains { $0.code == .duplicateCode && $0.message.contains("second.icp.json") })
    }

    @Test func asOfComesFromTheWorkspace() throws {
        // The fixture workspace says as_of 2026-11-01; "today" here is 2030, which would make more findings stale.
        let run = run(["checks/stale.icp.yaml"])
        let stale = try #require(run.reports.first?.diagnostics.first { $0.code == .stale })
        #expect(stale.message.contains("290 days"))
    }

    @Test func workspaceFileDiagnostics() throws {
        let run = run(["checks/workspace-errors"])
        let report = try #require(run.reports.first { $0.path == "checks/workspace-errors/icp.workspace.yaml" })
        let lines = report.diagnostics.map { "\($0.range.start.line + 1) \($0.code.rawValue) \($0.message)" }
        let expected = [
            "2 schema `acounts` is not a key of `datasets`; did you mean `accounts`?",
            "2 schema `datasets` needs `accounts`: the accounts table, such as `accounts: data/accounts.csv`.",
            "6 schema `outcome` needs `field`: the accounts column holding the deal stage, such as `field: stage`.",
            "6 schema `won` takes a list; write `won: [closed_won]`.",
            "7 schema `as_of` must be a date (YYYY-MM-DD), not `2026-02-30`.",
            "10 schema `type` must be one of `text`, `number`, `boolean`, `date`, `list`, `range`, not `lst`; did you mean `list`?",
            "11 schema `separator` applies to list columns only; remove it or set `type: list`.",
            "13 schema `min_qualified` must be 0 or more, not -1.",
            "14 schema `max_share` must be between 0 and 1, not 1.5.",
        ]
        #expect(lines == expected)
        // The ICP governed by it is not evaluated on a guess: one `dataset` error points at the first problem.
        let governed = try #require(run.reports.first { $0.path.hasSuffix("ok.icp.yaml") }?.diagnostics)
        #expect(governed.map(\.code) == [.dataset])
        #expect(governed.first?.message.contains("(icp.workspace.yaml:2:3: `acounts` is not a key of `datasets`; did you mean `accounts`?)") == true)
    }

    @Test func missingPathsAndOtherFilesAreProblems() {
        let run = run(["no/such/place", "checks/icp.workspace.yaml", "checks/clean.icp.expected"])
        #expect(run.problems.count == 2)
        #expect(run.problems[0].contains("no such file or folder"))
        #expect(run.problems[1].contains("not an ICP file"))
        #expect(run.errorCount == 2)
    }

    @Test func invalidUTF8IsReportedWhereItIs() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("icp-utf8-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var bytes = Array("icp: x\nname: Zü".utf8)
        bytes += [0xFF, 0xFE]
        bytes += Array("\nparameters:\n  - {field: a, mode: exclude, is: b}\n".utf8)
        try Data(bytes).write(to: folder.appendingPathComponent("bad.icp.yaml"))
        let run = CheckRun.run(paths: ["."], today: Self.today, currentFolder: folder)
        let diagnostic = try #require(run.reports.first?.diagnostics.first { $0.code == .syntax })
        #expect(diagnostic.range.start.line == 1)
        #expect(run.reports[0].source.column(of: diagnostic.range.start, in: .unicodeScalars) == 8)
    }
}

extension CheckRunTests {
    @Test func datasetPathsStayInsideTheWorkspaceUnlessAllowed() throws {
        let confined = CheckRun.run(paths: ["datachecks/bad-data/own-dataset.icp.yaml"], today: Self.today, currentFolder: Self.fixtures)
        let finding = try #require(confined.reports.first { $0.path.hasSuffix("own-dataset.icp.yaml") }?.diagnostics.first { $0.code == .dataset })
        #expect(finding.message.contains("outside the workspace folder"))
        #expect(finding.range.start.line == 1)
        let allowed = CheckRun.run(paths: ["datachecks/bad-data/own-dataset.icp.yaml"], today: Self.today, currentFolder: Self.fixtures, access: DataAccess(allowOutsideWorkspace: true))
        let read = try #require(allowed.reports.first { $0.path.hasSuffix("own-dataset.icp.yaml") }?.diagnostics.first { $0.code == .dataset })
        #expect(!read.message.contains("outside the workspace folder"))
    }
}

/// Setup mistakes that gave wrong numbers with no warning (fixtures/setup): each is a warning on
/// the line to change, saying what to write.
extension CheckRunTests {
    @Test func setupTrapsAreDiagnosedWithTheirFix() throws {
        let run = CheckRun.run(paths: ["setup"], today: Self.today, currentFolder: Self.fixtures)
        func findings(_ file: String) -> [Diagnostic] { run.reports.first { $0.path == "setup/\(file)" }?.diagnostics ?? [] }
        let workspace = findings("icp.workspace.yaml")
        let key = try #require(workspace.first { $0.code == .missingKey })
        #expect(key.severity == .warning && key.range.start.line == 2, "on `datasets:`, as no `keys:` is written")
        #expect(key.message.contains("the account key is `id`") && key.message.contains("`keys: {account_id: permalink}`"), "\(key.message)")
        let asOf = try #require(workspace.first { $0.code == .asOfPastData })
        #expect(asOf.message.contains("as_of is not set, so it is today (2030-01-01)") && asOf.message.contains("add `as_of: 2015-09-18`"), "\(asOf.message)")

        let outcome = try #require(findings("outcome.icp.yaml").first { $0.code == .outcomeField })
        #expect(outcome.range.start.line == 5 && outcome.message.contains("`status` is the outcome column"))
        #expect(!findings("list.icp.yaml").contains { $0.code == .outcomeField })

        let list = try #require(findings("list.icp.yaml").first { $0.code == .undeclaredList })
        #expect(list.range.start.line == 4)
        #expect(list.message.contains("`fields: {category_list: {type: list, separator: \"|\"}}`"), "\(list.message)")

        let recent = try #require(findings("recent.icp.yaml").first { $0.code == .asOfPastData })
        #expect(recent.range.start.line == 4 && recent.message.contains("the newest `last_funding_at` is 2015-09-18"), "\(recent.message)")
    }

    /// Declared, keyed and dated, the same data gives none of them.
    @Test func aWorkspaceSetUpRightHasNoSetupFinding() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("icp-setup-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let setup = Self.fixtures.appendingPathComponent("setup")
        try FileManager.default.copyItem(at: setup.appendingPathComponent("accounts.csv"), to: folder.appendingPathComponent("accounts.csv"))
        try FileManager.default.copyItem(at: setup.appendingPathComponent("list.icp.yaml"), to: folder.appendingPathComponent("list.icp.yaml"))
        try FileManager.default.copyItem(at: setup.appendingPathComponent("recent.icp.yaml"), to: folder.appendingPathComponent("recent.icp.yaml"))
        try """
            datasets: {accounts: accounts.csv}
            keys: {account_id: permalink}
            as_of: 2015-10-01
            fields: {category_list: {type: list, separator: "|"}}
            outcome: {field: status, won: [acquired], lost: [closed]}
            """.write(to: folder.appendingPathComponent("icp.workspace.yaml"), atomically: true, encoding: .utf8)
        let run = CheckRun.run(paths: ["."], today: Self.today, currentFolder: folder)
        let setupCodes: Set<DiagnosticCode> = [.missingKey, .asOfPastData, .undeclaredList, .outcomeField]
        let found = run.reports.flatMap(\.diagnostics).filter { setupCodes.contains($0.code) }
        #expect(found.isEmpty, "\(found.map(\.message))")
    }
}

/// Precedence between live ICPs: the one that keeps too few of its accounts is told which ICP takes them.
extension CheckRunTests {
    @Test func aShadowedICPIsToldWhoTakesItsAccounts() throws {
        let run = CheckRun.run(paths: ["overlap"], today: Self.today, currentFolder: Self.fixtures)
        let findings = run.reports.flatMap(\.diagnostics).filter { $0.code == .shadowed }
        let shadowed = try #require(findings.first)
        #expect(findings.count == 1 && run.reports.first { $0.diagnostics.contains { $0.code == .shadowed } }?.path == "overlap/fintech.icp.yaml")
        #expect(shadowed.message.hasPrefix("`fintech` qualifies 460, of which 174 go to `saas` (priority 10); it keeps 286 (62.2%)"), "\(shadowed.message)")
        #expect(shadowed.range.start.line == 0)
    }
}
