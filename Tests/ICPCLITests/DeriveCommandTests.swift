import Foundation
import Testing

/// `icp derive` run as a user would: on the built-in sample (a folder without a workspace file).
struct DeriveCommandTests {
    private func emptyFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("icp-derive-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func writesANewFileThatChecksCleanAndTheSameEveryRun() throws {
        let folder = try emptyFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = try CLIEndToEndTests.icp(["derive", "--validate", "--out", "derived.icp.yaml"], in: folder)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("Left out:") && first.stdout.contains("is_customer: `true`"), "\(first.stdout)")
        #expect(first.stdout.contains("On the held-out 30% (seed 1)"), "\(first.stdout)")
        let written = try String(contentsOf: folder.appendingPathComponent("derived.icp.yaml"), encoding: .utf8)
        #expect(written.contains("status: draft") && written.contains("  # won "))
        let check = try CLIEndToEndTests.icp(["check", "derived.icp.yaml"], in: folder)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        // Never over an existing file, and the file is left as it was.
        let again = try CLIEndToEndTests.icp(["derive", "--validate", "--out", "derived.icp.yaml"], in: folder)
        #expect(again.status == 1 && again.stderr.contains("already exists; nothing was written"), "\(again.stderr)")
        #expect(try String(contentsOf: folder.appendingPathComponent("derived.icp.yaml"), encoding: .utf8) == written)
        // To stdout: the same bytes, with a code of its own since `derived` is now taken.
        let printed = try CLIEndToEndTests.icp(["derive", "--validate"], in: folder)
        #expect(printed.status == 0)
        #expect(printed.stdout == written.replacingOccurrences(of: "icp: derived\n", with: "icp: derived-2\n"))
    }

    /// A backtest of a derived file on the accounts it was learned from says it is in-sample, and
    /// with which options it is not; on its held-out share it says nothing.
    @Test func aBacktestOfADerivedFileSaysWhenItIsInSample() throws {
        let folder = try emptyFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try CLIEndToEndTests.icp(["derive", "--validate", "--out", "derived.icp.yaml"], in: folder)
        _ = try CLIEndToEndTests.icp(["derive", "--out", "all.icp.yaml"], in: folder)
        let inSample = try CLIEndToEndTests.icp(["backtest", "derived.icp.yaml"], in: folder)
        #expect(inSample.stderr.contains("derived: derived with 30% held out (seed 1): this run includes the accounts it was learned from (in-sample); `--holdout 0.3 --seed 1` measures it on the held-out ones"), "\(inSample.stderr)")
        let heldOut = try CLIEndToEndTests.icp(["backtest", "derived.icp.yaml", "--holdout", "0.3", "--seed", "1"], in: folder)
        #expect(!heldOut.stderr.contains("in-sample"), "\(heldOut.stderr)")
        let everything = try CLIEndToEndTests.icp(["backtest", "all.icp.yaml"], in: folder)
        #expect(everything.stderr.contains("derived from every decided account: this backtest is in-sample"), "\(everything.stderr)")
    }

    @Test func badRequestsAreRefusedWithTheReason() throws {
        let folder = try emptyFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let cases: [([String], String)] = [
            (["derive", "--since", "2026-01-01", "--last", "12m"], "give --since or --last, not both"),
            (["derive", "--last", "12q"], "--last takes a period such as 90d, 26w, 12m or 2y"),
            (["derive", "--coverage", "2"], "--coverage takes a share above 0 and at most 1"),
            (["derive", "--code", "Not A Code"], "--code must look like"),
            (["derive", "no/such/folder"], "is not a folder"),
            (["derive", "--since", "2099-01-01"], "too few decided accounts to derive from: 0 won and 0 lost"),
        ]
        for (arguments, message) in cases {
            let result = try CLIEndToEndTests.icp(arguments, in: folder)
            #expect(result.status != 0 && result.stderr.contains(message), "\(arguments): \(result.stderr)")
            #expect(result.stdout.isEmpty)
        }
        let noOutcome = try CLIEndToEndTests.icp(["derive", "fixtures/datachecks"])
        #expect(noOutcome.status == 1 && noOutcome.stderr.contains("names no outcome column"), "\(noOutcome.stderr)")
    }
}
