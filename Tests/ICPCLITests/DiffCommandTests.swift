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
    /// The review comment a reviewer trusts: each tier's row adds up (base + newly qualifying −
    /// no longer qualifying + moved in − moved out = head), samples carry names with won
    /// accounts and high scores first, the data line says what it is, and ICP files git ignores
    /// stay out while new ones not yet added are named.
    @Test func theReviewCommentAddsUpAndLeavesOutWhatGitIgnores() throws {
        let folder = try Self.repository()
        defer { try? FileManager.default.removeItem(at: folder) }
        let markdown = try CLIEndToEndTests.icp(["diff", "HEAD~2..HEAD~1", "--format", "markdown"], in: folder)
        #expect(markdown.status == 0, "\(markdown.stderr)")
        let rows = markdown.stdout.split(separator: "\n").filter { $0.hasPrefix("| `") }.map { line in
            line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
        }
        let tiers = rows.filter { $0.count == 7 }
        #expect(tiers.count == 3, "\(markdown.stdout)")
        func number(_ cell: String) -> Int { Int(cell.replacingOccurrences(of: ",", with: "").replacingOccurrences(of: "+", with: "").replacingOccurrences(of: "−", with: "")) ?? -1 }
        for tier in tiers {
            let (base, head, added, removed, movedIn, movedOut) = (number(tier[1]), number(tier[2]), number(tier[3]), number(tier[4]), number(tier[5]), number(tier[6]))
            #expect(base + added - removed + movedIn - movedOut == head, "\(tier)")
        }
        #expect(tiers.contains { number($0[4]) > 0 }, "the raised floor removes accounts from some tier")
        #expect(markdown.stdout.contains("accounts, base and head measured on the same rows"), "\(markdown.stdout.prefix(600))")
        let json = try Self.json(try CLIEndToEndTests.icp(["diff", "HEAD~2..HEAD~1", "--format", "json", "--sample", "all"], in: folder))
        let removed = try #require((json["midmarket-saas"]?["samples"] as? [String: Any])?["removed"] as? [[String: Any]])
        #expect(removed.allSatisfy { $0["name"] is String }, "samples carry the company's name")
        let wonFirst = removed.map { ($0["stage"] as? String) == "closed_won" }
        #expect(wonFirst.contains(true) && wonFirst.contains(false) && wonFirst == wonFirst.sorted { $0 && !$1 }, "won accounts first: \(wonFirst)")
        // A scratch folder git ignores, and a new file not yet added.
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("scratch"), withIntermediateDirectories: true)
        try "icp: scratch-idea\nparameters:\n  - {field: industry, mode: filter, is: Software}\n".write(to: folder.appendingPathComponent("scratch/idea.icp.yaml"), atomically: true, encoding: .utf8)
        try "scratch/\n".write(to: folder.appendingPathComponent(".gitignore"), atomically: true, encoding: .utf8)
        try "icp: fresh\nparameters:\n  - {field: industry, mode: filter, is: Fintech}\n".write(to: folder.appendingPathComponent("fresh.icp.yaml"), atomically: true, encoding: .utf8)
        let output = try CLIEndToEndTests.icp(["diff", "HEAD", "--format", "json"], in: folder)
        let working = try Self.json(output)
        #expect(working["scratch-idea"] == nil && working["fresh"]?["change"] as? String == "added", "\(working.keys)")
        let notes = try #require((try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])?["notes"] as? [String])
        #expect(notes.contains { $0.hasPrefix("left out, as git ignores them: scratch/idea.icp.yaml") }, "\(notes)")
        #expect(notes.contains { $0.contains("not yet tracked by git") && $0.contains("fresh.icp.yaml") }, "\(notes)")
    }

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
