import Foundation
import Testing
@testable import ICPLanguage
@testable import ICPEngine
@testable import ICPBuilders
@testable import ICPInsights
@testable import ICPWorkspace

/// `icp score --accounts`, `icp list` and `icp explain` by name, run as a user runs them, against
/// the account lists computed in process (which `AccountListTests` holds to the reference evaluator).
struct AccountCommandTests {
    static let root = CLIEndToEndTests.packageRoot
    static let icpPath = "fixtures/icps/midmarket-saas.icp.yaml"
    static let visitors = root.appendingPathComponent("fixtures/visitors/visitors.csv")

    /// The ICP evaluated in process, on the workspace's data or on `accounts`.
    static func evaluated(accounts: AccountsSource? = nil) throws -> (ICP, ICPEvaluation, Engine) {
        let run = EvaluationRun.run(paths: [icpPath], today: CalendarDate(year: 2026, month: 11, day: 30)!, currentFolder: root, accounts: accounts)
        let file = try #require(run.files.first)
        let (data, evaluation) = try file.result.get()
        return (try #require(file.document.icp), evaluation, data.engine)
    }

    static func lines(_ text: String) throws -> [[String: Any]] {
        try text.split(separator: "\n").map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
    }

    /// The brief's case in one command: 200 visitors down to the 12 worth calling.
    @Test func theVisitorListInOneCommand() throws {
        let result = try CLIEndToEndTests.icp(["score", Self.icpPath, "--accounts", "fixtures/visitors/visitors.csv", "--qualified", "--top", "12",
                                               "--columns", "name", "--why", "--format", "jsonl"])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = try Self.lines(result.stdout)
        let (icp, evaluation, engine) = try Self.evaluated(accounts: .file(Self.visitors))
        let expected = AccountList.accounts(.qualified, icp: icp, evaluation: evaluation, engine: engine).prefix(12)
        let ids = try #require(engine.accounts.column(named: "id"))
        let names = try #require(engine.accounts.column(named: "name"))
        #expect(rows.count == 12 && expected.count == 12)
        #expect(rows.map { $0["id"] as? String } == expected.map { ids.text(atRow: $0.row) })
        #expect(rows.map { $0["name"] as? String } == expected.map { names.text(atRow: $0.row) })
        #expect(rows.map { $0["icp_score"] as? Double } == expected.map { ScoreMath.rounded($0.score) })
        #expect(rows.map { $0["why"] as? String } == expected.map(\.reason))
        #expect(rows.allSatisfy { $0["icp_code"] as? String == "midmarket-saas" })
        // The same table from standard input, and as a table for a person.
        let piped = try CLIEndToEndTests.icp(["score", Self.icpPath, "--accounts", "-", "--qualified", "--top", "12", "--columns", "name", "--why", "--format", "jsonl"],
                                             input: try Data(contentsOf: Self.visitors))
        #expect(piped.stdout == result.stdout, "\(piped.stderr)")
        let table = try CLIEndToEndTests.icp(["score", Self.icpPath, "--accounts", "fixtures/visitors/visitors.csv", "--qualified", "--top", "12", "--columns", "name", "--format", "table"])
        #expect(table.stdout.hasPrefix("id") && table.stdout.split(separator: "\n").count == 13, "\(table.stdout)")
    }

    /// A column the ICP uses that the table lacks is named, and nothing is scored.
    @Test func aMissingColumnIsNamed() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("icp-accounts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = try String(contentsOf: Self.visitors, encoding: .utf8)
        let withoutSize = text.split(separator: "\n").map { line in line.split(separator: ",", omittingEmptySubsequences: false).enumerated().filter { $0.offset != 6 }.map(\.element).joined(separator: ",") }
        let file = folder.appendingPathComponent("visitors.csv")
        try (withoutSize.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
        let result = try CLIEndToEndTests.icp(["score", Self.icpPath, "--accounts", file.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("has no column `employees`, which fixtures/icps/midmarket-saas.icp.yaml uses"), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    /// `icp list`, its misses and the won accounts outside, in the order of the lists computed in process.
    @Test(arguments: [("", AccountList.Kind.qualified), ("--misses", .misses), ("--won-outside", .wonOutside)])
    func listGivesTheAccountsOfEachKind(flag: String, kind: AccountList.Kind) throws {
        let result = try CLIEndToEndTests.icp(["list", Self.icpPath, "--format", "jsonl"] + (flag.isEmpty ? [] : [flag]))
        #expect(result.status == 0, "\(result.stderr)")
        let rows = try Self.lines(result.stdout)
        let (icp, evaluation, engine) = try Self.evaluated()
        let expected = AccountList.accounts(kind, icp: icp, evaluation: evaluation, engine: engine)
        let ids = try #require(engine.accounts.column(named: "id"))
        #expect(!expected.isEmpty)
        #expect(rows.map { $0["id"] as? String } == expected.map { ids.text(atRow: $0.row) })
        #expect(rows.map { $0["why"] as? String } == expected.map(\.reason))
        #expect(rows.allSatisfy { ($0["icp_code"] as? String != nil) == (kind == .qualified) })
        #expect(result.stderr.contains("\(CountFormat.grouped(expected.count)) of 5,000 accounts"))
    }

    @Test func explainFindsAnAccountByNameAndSuggestsTheNearest() throws {
        let byName = try CLIEndToEndTests.icp(["explain", Self.icpPath, "--record", "merac health"])
        #expect(byName.status == 0 && byName.stdout.hasPrefix("A000001 qualifies"), "\(byName.stdout)\(byName.stderr)")
        #expect(byName.stderr.contains("found by name: `A000001` (Merac Health)"))
        let typo = try CLIEndToEndTests.icp(["explain", Self.icpPath, "--record", "Merac Helth"])
        #expect(typo.status == 1 && typo.stderr.contains("no account has id or name `Merac Helth` in the built-in sample; did you mean `A000001` (Merac Health)?"), "\(typo.stderr)")
    }
}
