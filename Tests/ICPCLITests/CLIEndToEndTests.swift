import Foundation
import Testing
import ICPLanguage

/// Runs the built `icp` executable as a user would and checks what it prints and its exit code.
struct CLIEndToEndTests {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `icp` binary beside the test bundle (swift test builds it with the tests), or the one
    /// `ICP_TEST_BINARY` names (to run the tests against another build, such as the last release).
    static var executable: URL {
        if let named = ProcessInfo.processInfo.environment["ICP_TEST_BINARY"] { return URL(fileURLWithPath: named) }
        var folder = Bundle.main.bundleURL
        if folder.pathExtension == "xctest" { folder.deleteLastPathComponent() }
        for _ in 0..<3 {
            let candidate = folder.appendingPathComponent("icp")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder.deleteLastPathComponent()
        }
        return packageRoot.appendingPathComponent(".build/debug/icp")
    }

    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `icp` (or `program`) in `folder`. With `seconds`, a run still going then is ended and recorded as a
    /// failure (a blocked reader must fail the test, not hang it).
    static func icp(_ arguments: [String], in folder: URL = packageRoot, within seconds: Double? = nil, program: URL? = nil, input: Data? = nil,
                    environment: [String: String]? = nil) throws -> Output {
        let process = Process()
        process.executableURL = program ?? executable
        process.arguments = arguments
        process.currentDirectoryURL = folder
        if let environment { process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new } }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let feed = input.map { _ in Pipe() }
        if let feed { process.standardInput = feed }
        try process.run()
        if let feed, let input {
            feed.fileHandleForWriting.write(input)
            try? feed.fileHandleForWriting.close()
        }
        if let seconds {
            let deadline = Date().addingTimeInterval(seconds)
            while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
            if process.isRunning {
                process.terminate()
                Issue.record("icp \(arguments.joined(separator: " ")) did not finish within \(seconds) s")
            }
        }
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }

    @Test func textOutputIsCompilerStyleAndErrorsExitOne() throws {
        let result = try Self.icp(["check", "fixtures/checks/schema-unknown-key.icp.yaml"])
        #expect(result.status == 1)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains("fixtures/checks/schema-unknown-key.icp.yaml:5:38: error: `mdoe` is not a key of a parameter; did you mean `mode`? [schema]"))
        #expect(result.stderr.contains("5 errors, 1 information"))
    }

    @Test func warningsAloneExitZero() throws {
        let result = try Self.icp(["check", "fixtures/checks/weight-ignored.icp.yaml"])
        #expect(result.status == 0)
        #expect(result.stdout.contains(":6:13: warning: "))
    }

    @Test func cleanFileSaysNoProblems() throws {
        let result = try Self.icp(["check", "fixtures/checks/clean.icp.yaml"])
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("no problems"))
    }

    @Test func jsonOutputHasTheSpecFields() throws {
        let result = try Self.icp(["check", "--format", "json", "fixtures/checks/schema-bad-code.icp.yaml"])
        #expect(result.status == 1)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        // The two schema errors; no figure of a text with an error (the evaluation gate).
        #expect(rows.count == 2)
        let first = rows[0]
        #expect(Set(first.keys) == ["file", "line", "column", "end_line", "end_column", "severity", "code", "message"])
        #expect(first["file"] as? String == "fixtures/checks/schema-bad-code.icp.yaml")
        #expect(first["line"] as? Int == 1)
        #expect(first["column"] as? Int == 6)
        #expect(first["end_column"] as? Int == 18) // "Mid Market 🚀" is 12 characters
        #expect(first["severity"] as? String == "error")
        #expect(first["code"] as? String == "schema")
    }

    @Test func sarifOutputIsSARIF210() throws {
        let result = try Self.icp(["check", "--format", "sarif", "fixtures/checks/duplicate-code"])
        #expect(result.status == 1)
        let log = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(log["version"] as? String == "2.1.0")
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        #expect(run["columnKind"] as? String == "unicodeCodePoints")
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == 2)
        #expect(results.allSatisfy { $0["ruleId"] as? String == "duplicate-code" && $0["level"] as? String == "error" })
        let rules = try #require(((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
        let index = try #require(results[0]["ruleIndex"] as? Int)
        #expect(rules[index]["id"] as? String == "duplicate-code")
        let location = (results[0]["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any]
        #expect((location?["artifactLocation"] as? [String: Any])?["uri"] as? String == "fixtures/checks/duplicate-code/first.icp.yaml")
        #expect((location?["region"] as? [String: Any])?["startColumn"] as? Int == 6)
    }

    @Test func theShippedExamplesAreClean() throws {
        let result = try Self.icp(["check", "fixtures/icps"])
        #expect(result.status == 0, "\(result.stdout)")
        #expect(!result.stdout.contains("error:"))
    }

    @Test func versionAndUsageErrors() throws {
        // A build from source says so; a release names its commit (Scripts/release.sh, checked in CI).
        let version = try Self.icp(["--version"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(version == "icp \(ToolVersion.number) (built from source)", "\(version)")
        #expect(ToolVersion.number.split(separator: ".").count == 3)
        let bad = try Self.icp(["check", "--format", "xml"])
        #expect(bad.status != 0 && bad.status != 1)
        #expect(bad.stderr.contains("xml"))
    }
}

/// `icp check` on the data-check fixtures, compared with `fixtures/datachecks/expected.txt` line for line.
struct DataCheckFixtureTests {
    @Test func dataDrivenDiagnosticsMatchTheExpectedOutput() throws {
        let result = try CLIEndToEndTests.icp(["check", "fixtures/datachecks"])
        let expected = try String(contentsOf: CLIEndToEndTests.packageRoot.appendingPathComponent("fixtures/datachecks/expected.txt"), encoding: .utf8)
        #expect(result.status == 1)
        #expect(result.stdout == expected)
        let codes = Set(result.stdout.split(separator: "\n").compactMap { $0.split(separator: "[").last.map { String($0.dropLast()) } })
        for code in ["unknown-field", "type-mismatch", "value-not-found", "zero-qualified", "too-tight", "too-broad", "missing-data", "dataset", "enrichment"] {
            #expect(codes.contains(code), "no fixture shows \(code)")
        }
    }
}
