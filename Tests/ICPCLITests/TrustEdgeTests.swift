import Foundation
import Testing

/// The builders, refine and the data files as an attacker or a careless user would try them:
/// every refusal leaves the files as they were, every number a clear message.
struct TrustEdgeTests {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("icp-trust-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "datasets:\n  accounts: accounts.csv\n".write(to: file("icp.workspace.yaml"), atomically: true, encoding: .utf8)
        try "id,industry,employees,tech_stack\n1,Software,120,aws\n2,Retail,40,gcp\n3,Software,900,aws\n".write(to: file("accounts.csv"), atomically: true, encoding: .utf8)
    }

    private func file(_ name: String) -> URL { folder.appendingPathComponent(name) }

    private func icp(_ arguments: [String], within seconds: Double = 60) throws -> CLIEndToEndTests.Output {
        try CLIEndToEndTests.icp(arguments, in: folder, within: seconds)
    }

    private func bytes(_ name: String) throws -> Data { try Data(contentsOf: file(name)) }

    /// Starts `icp arguments` in the folder and returns once a file whose name holds `marker` is
    /// created there (inotify), or 30 s pass: the process is then mid-write.
    private func runUntilCreated(_ arguments: [String], marker: String, stderr: Pipe? = nil) throws -> (process: Process, created: Bool) {
        let watcher = inotify_init1(Int32(IN_CLOEXEC))
        defer { close(watcher) }
        #expect(inotify_add_watch(watcher, folder.path, UInt32(IN_CREATE)) >= 0)
        let process = Process()
        process.executableURL = CLIEndToEndTests.executable
        process.arguments = arguments
        process.currentDirectoryURL = folder
        process.standardError = stderr ?? FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        var ready = pollfd(fd: watcher, events: Int16(POLLIN), revents: 0)
        var buffer = [UInt8](repeating: 0, count: 4096)
        while poll(&ready, 1, 30_000) > 0 {
            let count = buffer.withUnsafeMutableBytes { read(watcher, $0.baseAddress, $0.count) }
            if count > 0, String(decoding: buffer[0..<count], as: UTF8.self).contains(marker) { return (process, true) }
        }
        return (process, false)
    }

    @Test func draftsOfHugeNumbersAndContradictionsAreMessages() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let huge = try icp(["draft", "software companies founded in the last 9223372036854775807 days"])
        #expect(huge.status != 132 && !huge.stderr.contains("Fatal error"), "\(huge.stderr)")
        let contradiction = try icp(["draft", "enterprise companies with fewer than 500 employees", "--out", "d.icp.yaml"])
        #expect(contradiction.status == 1)
        #expect(contradiction.stderr.contains("the sentence contradicts itself: \"enterprise\" and \"fewer than 500 employees\" cannot both hold"), "\(contradiction.stderr)")
        #expect(!FileManager.default.fileExists(atPath: file("d.icp.yaml").path))
        let negative = try icp(["sample", "--seed", "-1", "--out", "s"])
        #expect(negative.status == 64 && negative.stderr.contains("The value '-1' is invalid for '--seed <seed>'"), "\(negative.stderr)")
    }

    /// A word read as another spelling is said in the report, under "Check:", and in the file's comment.
    @Test func aMisspellingReadAsAValueIsReported() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let draft = try icp(["draft", "softwre companies"])
        #expect(draft.status == 0)
        #expect(draft.stderr.contains("Check:\n  read \"softwre\" as Software: check that this is what you meant"), "\(draft.stderr)")
        #expect(draft.stdout.contains("# from \"softwre\" (read as Software)"), "\(draft.stdout)")
    }

    @Test func refineRefusesAFileThatIsNotUTF8AndLeavesItByteForByte() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        var latin1 = Data("icp: x\n# caf".utf8)
        latin1.append(0xE9) // é in Latin-1
        latin1.append(Data("\nparameters:\n  - field: employees\n    mode: filter\n    min: 5\n".utf8))
        try latin1.write(to: file("x.icp.yaml"))
        for arguments in [["refine", "x.icp.yaml", "raise the employee floor to 10"], ["refine", "x.icp.yaml", "raise the employee floor to 10", "--dry-run"]] {
            let result = try icp(arguments)
            #expect(result.status == 1)
            #expect(result.stderr.contains("x.icp.yaml:2: The file is not valid UTF-8 here (byte 13)"), "\(result.stderr)")
            #expect(try bytes("x.icp.yaml") == latin1)
        }
    }

    /// A `.yaml` named directly is read, as format.md says for every command; the workspace file is not an ICP.
    @Test func refineEditsAYAMLFileNamedDirectly() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try "icp: x\nparameters:\n  - field: employees\n    mode: filter\n    min: 5\n".write(to: file("scratch.yaml"), atomically: true, encoding: .utf8)
        let result = try icp(["refine", "scratch.yaml", "raise the employee floor to 10"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try String(contentsOf: file("scratch.yaml"), encoding: .utf8).contains("min: 10"))
        let workspace = try icp(["refine", "icp.workspace.yaml", "raise the employee floor to 10"])
        #expect(workspace.status == 1 && workspace.stderr.contains("is not an ICP file"), "\(workspace.stderr)")
    }

    @Test func refineRefusesAReadOnlyFile() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = "icp: x\nparameters:\n  - field: employees\n    mode: filter\n    min: 5\n"
        try text.write(to: file("x.icp.yaml"), atomically: true, encoding: .utf8)
        #expect(chmod(file("x.icp.yaml").path, 0o444) == 0)
        let result = try icp(["refine", "x.icp.yaml", "raise the employee floor to 10"])
        #expect(result.status == 1 && result.stderr.contains("x.icp.yaml is read-only; nothing was written"), "\(result.stderr)")
        #expect(try String(contentsOf: file("x.icp.yaml"), encoding: .utf8) == text)
        var info = stat()
        #expect(stat(file("x.icp.yaml").path, &info) == 0 && info.st_mode & 0o777 == 0o444)
    }

    /// `patch` applies what `--dry-run` prints, to CRLF files and files without a final newline.
    @Test(arguments: ["icp: d\r\nparameters:\r\n  - field: employees\r\n    mode: filter\r\n    min: 5\r\n",
                      "icp: d\nparameters:\n  - field: employees\n    mode: filter\n    min: 5"])
    func theDryRunDiffIsOnePatchApplies(text: String) throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        guard FileManager.default.fileExists(atPath: "/usr/bin/patch") else { return }
        try Data(text.utf8).write(to: file("d.icp.yaml"))
        let diff = try icp(["refine", "d.icp.yaml", "add a uses aws boost; raise the employee floor to 10", "--dry-run"])
        #expect(diff.status == 0, "\(diff.stderr)")
        try Data(diff.stdout.utf8).write(to: file("d.diff"))
        let dry = try bytes("d.icp.yaml")
        #expect(dry == Data(text.utf8))
        let patch = Process()
        patch.executableURL = URL(fileURLWithPath: "/usr/bin/patch")
        patch.arguments = ["-s", "d.icp.yaml", "d.diff"]
        patch.currentDirectoryURL = folder
        try patch.run()
        patch.waitUntilExit()
        #expect(patch.terminationStatus == 0, "\(diff.stdout)")
        try Data(text.utf8).write(to: file("e.icp.yaml"))
        _ = try icp(["refine", "e.icp.yaml", "add a uses aws boost; raise the employee floor to 10"])
        #expect(try bytes("d.icp.yaml") == bytes("e.icp.yaml"))
    }

    /// A save by another program while refine writes is kept: the moment refine's temporary file
    /// appears (inotify), the "editor" rewrites the file; refine must notice and write nothing.
    @Test func aSaveDuringTheWriteIsNeverLost() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let original = "icp: x\nparameters:\n  - field: employees\n    mode: filter\n    min: 5\n"
        let saved = original.replacingOccurrences(of: "min: 5", with: "min: 7  # saved by the editor")
        for _ in 0..<5 {
            try original.write(to: file("x.icp.yaml"), atomically: false, encoding: .utf8)
            let err = Pipe()
            // The dataset cache may be created first: wait for refine's own temporary file.
            let (process, sawTemporary) = try runUntilCreated(["refine", "x.icp.yaml", "raise the employee floor to 10"], marker: ".x.icp.yaml.icp-", stderr: err)
            // The editor saves in place, as many do.
            let handle = try FileHandle(forWritingTo: file("x.icp.yaml"))
            try handle.truncate(atOffset: 0)
            try handle.write(contentsOf: Data(saved.utf8))
            try handle.close()
            process.waitUntilExit()
            let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            #expect(sawTemporary)
            #expect(try String(contentsOf: file("x.icp.yaml"), encoding: .utf8) == saved, "refine said: \(message)")
            // Either refine saw the save and wrote nothing, or it finished first and the save landed on
            // its result: the user's text stays in both, which is the guarantee.
            #expect(process.terminationStatus == 0 || message.contains("changed while icp was rewriting it"), "\(message)")
        }
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".tmp") }
        #expect(left.isEmpty, "left behind: \(left)")
    }

    @Test func aHangupDuringTheWriteLeavesNoTemporaryFile() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let rows = (1...600_000).map { "a\($0),Software,\($0 % 900),aws" }
        try ("id,industry,employees,tech_stack\n" + rows.joined(separator: "\n") + "\n").write(to: file("accounts.csv"), atomically: true, encoding: .utf8)
        try "icp: x\nstatus: live\nparameters:\n  - {field: industry, mode: score, is: Software}\n".write(to: file("x.icp.yaml"), atomically: true, encoding: .utf8)
        // A first run builds the dataset cache, so the watched folder sees only the output's files.
        _ = try icp(["preview", "."])
        let (process, created) = try runUntilCreated(["score", "--out", "scored.csv"], marker: "scored.csv")
        #expect(created)
        kill(process.processIdentifier, SIGHUP)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGHUP)
        let temporary = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".tmp") }
        #expect(temporary.isEmpty, "left behind: \(temporary)")
        // On a busy machine the signal can land after the rename: then the output is whole, never half.
        if let written = try? String(contentsOf: file("scored.csv"), encoding: .utf8) {
            #expect(written.split(separator: "\n").count == rows.count + 1)
        }
    }

    /// A 1.5 GB file that is one field (a sparse file: no disk is used) is refused after a
    /// megabyte is read; reading it whole would fail under this memory limit.
    @Test func anOverlongFieldIsRefusedBeforeTheFileIsReadWhole() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, expected) in [("huge.csv", "huge.csv:1: a field over 1 MB with no line break"), ("huge.jsonl", "huge.jsonl:1: a line over 1 MB with no line break")] {
            #expect(FileManager.default.createFile(atPath: file(name).path, contents: nil))
            #expect(truncate(file(name).path, 1_500_000_000) == 0)
            try "datasets:\n  accounts: \(name)\n".write(to: file("icp.workspace.yaml"), atomically: true, encoding: .utf8)
            try "icp: x\nparameters:\n  - {field: industry, mode: score, is: Software}\n".write(to: file("x.icp.yaml"), atomically: true, encoding: .utf8)
            let result = try CLIEndToEndTests.icp(["-c", "ulimit -v 900000; exec \"$0\" preview . --no-cache", CLIEndToEndTests.executable.path],
                                                  in: folder, within: 120, program: URL(fileURLWithPath: "/bin/sh"))
            #expect(result.status == 1)
            #expect(result.stderr.contains(expected), "\(result.stderr)")
            try FileManager.default.removeItem(at: file(name))
        }
    }

    /// A cloned repository can ship `.icp-cache` as a link to anywhere: nothing is written through it.
    @Test func aCacheFolderThatIsALinkIsNeverWrittenThrough() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let elsewhere = folder.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: file(".icp-cache").path, withDestinationPath: elsewhere.path)
        try "icp: x\nparameters:\n  - {field: industry, mode: score, is: Software}\n".write(to: file("x.icp.yaml"), atomically: true, encoding: .utf8)
        let result = try icp(["preview", "."])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path).isEmpty)
    }

    /// The key header of the right file's cache, copied onto another dataset's cache, is not trusted.
    @Test func aCacheHeaderCopiedOntoAnotherBodyIsNotTrusted() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try "icp: x\nparameters:\n  - {field: industry, mode: score, is: Software}\n".write(to: file("x.icp.yaml"), atomically: true, encoding: .utf8)
        let three = try bytes("accounts.csv")
        _ = try icp(["preview", "."])
        let cache = file(".icp-cache/accounts.csv.icpcache")
        let small = try Data(contentsOf: cache)
        let rows = (1...5).map { "\($0),Software,\($0),aws" }.joined(separator: "\n")
        try ("id,industry,employees,tech_stack\n" + rows + "\n").write(to: file("accounts.csv"), atomically: true, encoding: .utf8)
        _ = try icp(["preview", "."])
        let five = try Data(contentsOf: cache)
        // The five-row cache's key (magic, version, size, modified, hash, options) on the three-row body.
        try three.write(to: file("accounts.csv"))
        var forged = small
        forged.replaceSubrange(0..<44, with: five[0..<44])
        try forged.write(to: cache)
        try ("id,industry,employees,tech_stack\n" + rows + "\n").write(to: file("accounts.csv"), atomically: true, encoding: .utf8)
        // Same size, modification time and content as when the five-row cache was written.
        var times = [timespec](repeating: timespec(), count: 2)
        five.withUnsafeBytes { raw in
            let modified = raw.loadUnaligned(fromByteOffset: 20, as: UInt64.self)
            times[0] = timespec(tv_sec: Int(modified / 1_000_000_000), tv_nsec: Int(modified % 1_000_000_000))
            times[1] = times[0]
        }
        _ = utimensat(AT_FDCWD, file("accounts.csv").path, &times, 0)
        let result = try icp(["preview", "."])
        #expect(result.stdout.contains("5 of 5 "), "\(result.stdout)")
    }
}
