import Foundation
import Testing

/// A wrong workspace setting is an error for every command, at its line, never a silent
/// fallback to the built-in sample or a quietly dropped figure.
struct MisconfigurationTests {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("icp-misconfig-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "id,industry,status\nC01,Software,won\nC02,Retail,lost\nC03,Software,lost\n".write(to: file("accounts.csv"), atomically: true, encoding: .utf8)
        try "id,account_id,role\np1,C01,VP\n".write(to: file("contacts.csv"), atomically: true, encoding: .utf8)
        try "icp: x\nstatus: live\nparameters:\n  - {field: industry, mode: score, is: Software}\n  - {field: industry, mode: exclude, is: Gambling}\n"
            .write(to: file("x.icp.yaml"), atomically: true, encoding: .utf8)
    }

    private func file(_ name: String) -> URL { folder.appendingPathComponent(name) }

    private func icp(_ arguments: [String]) throws -> CLIEndToEndTests.Output {
        try CLIEndToEndTests.icp(arguments, in: folder, within: 60)
    }

    private func workspace(_ text: String) throws {
        try text.write(to: file("icp.workspace.yaml"), atomically: true, encoding: .utf8)
    }

    /// Each broken or misspelled workspace file: `check` shows the error at its line, and every
    /// evaluating command refuses with that same line, said once.
    @Test(arguments: [
        ("datasets:\n  accounts: accounts.csv\n  contacts contacts.csv\n", "icp.workspace.yaml:3:3:", "Expected `key: value`"),
        ("datasets:\n  acounts: accounts.csv\n", "icp.workspace.yaml:2:3:", "`acounts` is not a key of `datasets`; did you mean `accounts`?"),
        ("dataset:\n  accounts: accounts.csv\n", "icp.workspace.yaml:1:1:", "`dataset` is not a key of the workspace file; did you mean `datasets`?"),
        ("datasets:\n  accounts: accounts.csv\nkeys:\n  account_id: idd\n", "icp.workspace.yaml:4:15:", "`keys.account_id` names `idd`, which is not a column of accounts.csv; did you mean `id`?"),
        ("datasets:\n  accounts: accounts.csv\nkeys:\n  created: created_at\n", "icp.workspace.yaml:4:12:", "`keys.created` names `created_at`, which is not a column of accounts.csv"),
        ("datasets:\n  accounts: accounts.csv\n  contacts: contacts.csv\nkeys:\n  contact_account: acount_id\n", "icp.workspace.yaml:5:20:", "`keys.contact_account` names `acount_id`, which is not a column of the contacts table; did you mean `account_id`?"),
        ("datasets:\n  accounts: accounts.csv\noutcome:\n  field: stauts\n  won: [won]\n", "icp.workspace.yaml:4:10:", "`outcome.field` names `stauts`, which is not a column of accounts.csv; did you mean `status`?"),
    ])
    func aWrongWorkspaceIsAnErrorForEveryCommand(text: String, location: String, message: String) throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try workspace(text)
        let check = try icp(["check", "."])
        #expect(check.status == 1)
        #expect(check.stdout.contains("\(location) error: \(message)"), "\(check.stdout)")
        #expect(check.stdout.contains("x.icp.yaml:1:6: error: The workspace file has an error, so the data this ICP runs on is unknown (\(location) \(message)"), "\(check.stdout)")
        #expect(!check.stdout.contains("unknown-field] \n") && !check.stdout.contains("built-in sample"), "no findings about the sample")
        for command in [["preview", "."], ["score"], ["explain", "x.icp.yaml", "--record", "C01"], ["sql", "x.icp.yaml"]] {
            let result = try icp(command)
            #expect(result.status == 1, "\(command)")
            #expect(result.stdout.isEmpty, "\(command) printed \(result.stdout.prefix(200))")
            let lines = result.stderr.split(separator: "\n").filter { $0.contains(location) }
            #expect(lines.count == 1 && lines[0].contains(message), "\(command): \(result.stderr)")
        }
    }

    @Test func anOutcomeValueNoRecordHasIsAWarningWithTheClosestValue() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try workspace("datasets:\n  accounts: accounts.csv\noutcome:\n  field: status\n  won: [wom]\n  lost: [lost]\n")
        let check = try icp(["check", "icp.workspace.yaml", "x.icp.yaml"])
        #expect(check.stdout.contains("icp.workspace.yaml:5:9: warning: No record has `status` = `wom`, so it counts no deal; did you mean `won` (1 records)? [value-not-found]"), "\(check.stdout)")
        #expect(check.status == 0, "a warning alone does not block: \(check.stdout)")
    }

    @Test func aDatasetErrorIsSaidOncePerRun() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try workspace("datasets:\n  accounts: missing.csv\n")
        try "icp: y\nparameters:\n  - {field: industry, mode: filter, is: Software}\n".write(to: file("y.icp.yaml"), atomically: true, encoding: .utf8)
        let preview = try icp(["preview", "."])
        #expect(preview.status == 1)
        #expect(preview.stderr.components(separatedBy: "missing.csv: no such file").count == 2, "\(preview.stderr)")
    }

    @Test func scoreCountsTheErrorsCheckCounts() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let broken = CLIEndToEndTests.packageRoot.appendingPathComponent("fixtures/broken/broken.icp.yaml")
        let check = try CLIEndToEndTests.icp(["check", broken.path])
        let errors = check.stdout.split(separator: "\n").filter { $0.contains(": error: ") }.count
        let score = try CLIEndToEndTests.icp(["score", broken.path])
        #expect(score.status == 1)
        #expect(score.stderr.contains("has \(errors) errors"), "check: \(errors), score: \(score.stderr)")
    }

    @Test func explainPrintsTheIdAsStored() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try workspace("datasets:\n  accounts: accounts.csv\n")
        let result = try icp(["explain", "x.icp.yaml", "--record", " c01 "])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("C01 qualifies for x"), "\(result.stdout)")
    }

    @Test func checkNamesWhatItCouldNotReadAndWhatItPassedOver() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try workspace("datasets:\n  accounts: accounts.csv\n")
        try "icp: saas\nparameters:\n  - {field: industy, mode: filter, is: Software}\n".write(to: file("saas-core.yaml"), atomically: true, encoding: .utf8)
        try "{}".write(to: file("notes.json"), atomically: true, encoding: .utf8)
        let missing = try icp(["check", "does/not/exist"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("icp: error: does/not/exist: no such file or folder"))
        #expect(!missing.stderr.contains("no problems"), "\(missing.stderr)")
        #expect(missing.stderr.contains("1 error"))
        let named = try icp(["check", "saas-core.yaml"])
        #expect(named.stdout.contains("saas-core.yaml:3:13: error: `industy` is not a column of accounts.csv; did you mean `industry`?"), "\(named.stdout)")
        let folderRun = try icp(["check", "."])
        #expect(folderRun.stderr.contains("passed over 2 YAML/JSON files not named *.icp.yaml, *.icp.yml or *.icp.json: notes.json, saas-core.yaml"), "\(folderRun.stderr)")
    }

    @Test func lspHelpListsVersionOnce() throws {
        let help = try CLIEndToEndTests.icp(["lsp", "--help"])
        #expect(help.stdout.components(separatedBy: "--version").count == 2, "\(help.stdout)")
        let version = try CLIEndToEndTests.icp(["lsp", "--version"])
        #expect(version.status == 0 && !version.stdout.isEmpty)
    }
}
