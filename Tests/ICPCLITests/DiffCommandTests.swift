import Foundation
import Testing
@testable import ICPLanguage
@testable import ICPEngine
@testable import ICPBuilders
@testable import ICPInsights

/// `icp diff` on a temporary git repository with several commits, run as a reviewer runs it.
struct DiffCommandTests {
    /// A repository holding the example ICPs (on the built-in sample): commit 1 as they are,
    /// commit 2 raises midmarket-saas's employee floor, commit 3 only adds comments and reflows
    /// a list; the working tree then widens the region filter.
    static func repository() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("icp-diff-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let icps = CLIEndToEndTests.packageRoot.appendingPathComponent("fixtures/icps")
        for name in try FileManager.default.contentsOfDirectory(atPath: icps.path) {
            try FileManager.default.copyItem(at: icps.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        try git(["init", "-q", "-b", "main"], in: folder)
        try git(["config", "user.email", "review@example.com"], in: folder)
        try git(["config", "user.name", "Reviewer"], in: folder)
        try commit("ICPs", in: folder)
        try edit(folder, "midmarket-saas.icp.yaml") { $0.replacingOccurrences(of: "    min: 200", with: "    min: 500") }
        try commit("Raise the floor", in: folder)
        try edit(folder, "enterprise.icp.yaml") { "# Owned by the enterprise team.\n" + $0 }
        try edit(folder, "midmarket-saas.icp.yaml") {
            $0.replacingOccurrences(of: "    in: [Software, Fintech, Marketing Tech]", with: "    in:\n      - Software\n      - Fintech\n      - Marketing Tech")
        }
        try commit("Comments and layout", in: folder)
        try edit(folder, "midmarket-saas.icp.yaml") { $0.replacingOccurrences(of: "    in: [EMEA, North America]", with: "    in: [EMEA, North America, APAC]") }
        return folder
    }

    static func git(_ arguments: [String], in folder: URL) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        process.currentDirectoryURL = folder
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "git \(arguments)")
    }

    static func commit(_ message: String, in folder: URL) throws {
        try git(["add", "-A"], in: folder)
        try git(["commit", "-q", "-m", message], in: folder)
    }

    static func edit(_ folder: URL, _ name: String, _ change: (String) -> String) throws {
        let file = folder.appendingPathComponent(name)
        try change(try String(contentsOf: file, encoding: .utf8)).write(to: file, atomically: true, encoding: .utf8)
    }

    static func json(_ output: CLIEndToEndTests.Output) throws -> [String: [String: Any]] {
        let document = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any], "\(output.stderr)")
        let icps = try #require(document["icps"] as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: icps.map { ($0["icp"] as? String ?? "", $0) })
    }

    @Test func eachCommitIsReportedByWhatItDoes() throws {
        let folder = try Self.repository()
        defer { try? FileManager.default.removeItem(at: folder) }
        let raised = try Self.json(try CLIEndToEndTests.icp(["diff", "HEAD~2..HEAD~1", "--format", "json"], in: folder))
        let midmarket = try #require(raised["midmarket-saas"])
        #expect(midmarket["change"] as? String == "narrowing")
        #expect(midmarket["added"] as? Int == 0)
        let removed = try #require(midmarket["removed"] as? Int)
        #expect((midmarket["base"] as? [String: Any])?["qualified"] as? Int == 381)
        #expect((midmarket["head"] as? [String: Any])?["qualified"] as? Int == 381 - removed)
        let why = try #require(midmarket["explained_by"] as? [[String: Any]])
        #expect(why.compactMap { $0["count"] as? Int }.reduce(0, +) == removed, "the why adds up")
        #expect(raised["enterprise"]?["change"] as? String == "none")
        // Comments and a reflowed list: no change at all.
        let layout = try Self.json(try CLIEndToEndTests.icp(["diff", "HEAD~1..HEAD", "--format", "json"], in: folder))
        #expect(layout.values.allSatisfy { $0["change"] as? String == "none" }, "\(layout.mapValues { $0["change"] ?? "" })")
        // The working tree against HEAD: the region widened.
        let widened = try Self.json(try CLIEndToEndTests.icp(["diff", "HEAD", "--format", "json"], in: folder))
        #expect(widened["midmarket-saas"]?["change"] as? String == "widening")
        // Against the merge-base with main (HEAD itself here), named in the output with its commit.
        let text = try CLIEndToEndTests.icp(["diff"], in: folder)
        #expect(text.status == 0 && text.stdout.hasPrefix("icp diff: main (merge-base with HEAD) at "), "\(text.stdout)\(text.stderr)")
        #expect(text.stdout.contains("midmarket-saas (midmarket-saas.icp.yaml): widening"))
        #expect(text.stdout.contains("unchanged: enterprise, fintech-expansion"))
    }

    @Test func gatesGiveTheirExitCodes() throws {
        let folder = try Self.repository()
        defer { try? FileManager.default.removeItem(at: folder) }
        let tripped = try CLIEndToEndTests.icp(["diff", "HEAD~2..HEAD~1", "--fail-if", "removed > 5%"], in: folder)
        #expect(tripped.status == 1)
        #expect(tripped.stderr.contains("gate tripped for midmarket-saas: removed > 5%"))
        let held = try CLIEndToEndTests.icp(["diff", "HEAD~2..HEAD~1", "--fail-if", "removed > 90%", "--fail-if", "qualified == 0"], in: folder)
        #expect(held.status == 0, "\(held.stderr)")
        let bad = try CLIEndToEndTests.icp(["diff", "--fail-if", "removed is many"], in: folder)
        #expect(bad.status == 64 && bad.stderr.contains("`removed is many`"))
    }

    @Test func outsideARepositoryOrAnUnknownRevisionIsSaid() throws {
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("icp-nogit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: outside) }
        let none = try CLIEndToEndTests.icp(["diff"], in: outside)
        #expect(none.status == 1 && none.stderr.contains("is not in a git repository"), "\(none.stderr)")
        let folder = try Self.repository()
        defer { try? FileManager.default.removeItem(at: folder) }
        let unknown = try CLIEndToEndTests.icp(["diff", "no-such-branch"], in: folder)
        #expect(unknown.status == 1 && unknown.stderr.contains("git does not know the revision `no-such-branch`"), "\(unknown.stderr)")
    }

    /// A change that moves 100,000 accounts: the comment stays under GitHub's 65,535 characters,
    /// samples cut first, and it says so.
    @Test func theMarkdownOfAHugeChangeStaysUnderTheCommentLimit() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("icp-diff-big-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let sample = try CLIEndToEndTests.icp(["sample", "--accounts", "100000", "--out", folder.path])
        #expect(sample.status == 0, "\(sample.stderr)")
        try "icp: everyone\nstatus: live\nparameters:\n  - {field: is_customer, mode: exclude, is: true}\n"
            .write(to: folder.appendingPathComponent("everyone.icp.yaml"), atomically: true, encoding: .utf8)
        try Self.git(["init", "-q", "-b", "main"], in: folder)
        try Self.git(["config", "user.email", "review@example.com"], in: folder)
        try Self.git(["config", "user.name", "Reviewer"], in: folder)
        try Self.commit("Everyone", in: folder)
        try Self.edit(folder, "everyone.icp.yaml") { $0 + "  - {field: employees, mode: filter, min: 100000}\n" }
        let result = try CLIEndToEndTests.icp(["diff", "HEAD", "--format", "markdown", "--sample", "all"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.count <= 65_535, "\(result.stdout.count) characters")
        #expect(result.stdout.contains("narrowing"))
        #expect(result.stdout.contains("Samples cut to"))
    }
}

extension DiffCommandTests {
    /// `icp preview` says when each file last changed and by whom, and which have uncommitted changes.
    @Test func previewSaysWhenEachFileLastChanged() throws {
        let folder = try Self.repository()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CLIEndToEndTests.icp(["preview", "--format", "json", "."], in: folder)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]], "\(result.stderr)")
        let changes = Dictionary(uniqueKeysWithValues: rows.map { ($0["icp"] as? String ?? "", $0["last_modified"] as? [String: Any]) })
        #expect(changes["midmarket-saas"]??["uncommitted"] as? Bool == true)
        #expect(changes["enterprise"]??["uncommitted"] as? Bool == false)
        #expect(changes["enterprise"]??["author"] as? String == "Reviewer")
        let text = try CLIEndToEndTests.icp(["preview", "."], in: folder)
        #expect(text.stdout.split(separator: "\n").first?.hasSuffix("modified                 by") == true, "\(text.stdout)")
        #expect(text.stdout.contains("modified, not committed  Reviewer"))
        // Outside a repository the columns are not there, and `last_modified` is null.
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("icp-nogit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: outside) }
        try "icp: plain\nparameters:\n  - {field: industry, mode: filter, is: Software}\n".write(to: outside.appendingPathComponent("plain.icp.yaml"), atomically: true, encoding: .utf8)
        let plain = try CLIEndToEndTests.icp(["preview", "."], in: outside)
        #expect(plain.status == 0 && !plain.stdout.contains("modified"), "\(plain.stdout)\(plain.stderr)")
        let plainJSON = try CLIEndToEndTests.icp(["preview", "--format", "json", "."], in: outside)
        #expect(plainJSON.stdout.contains("\"last_modified\" : null"))
    }
}
