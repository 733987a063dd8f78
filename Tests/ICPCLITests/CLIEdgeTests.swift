import Foundation
import Testing

/// What a careless user or an attacker can point `icp` at: pipes, devices, huge files, files it
/// must never replace, a terminal it must not drive. Each gets a message and no damage.
struct CLIEdgeTests {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("icp-edge-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "datasets:\n  accounts: accounts.csv\n".write(to: file("icp.workspace.yaml"), atomically: true, encoding: .utf8)
        try "icp: x\nstatus: live\nparameters:\n  - {field: industry, mode: score, is: Software}\n".write(to: file("x.icp.yaml"), atomically: true, encoding: .utf8)
    }

    private func file(_ name: String) -> URL { folder.appendingPathComponent(name) }

    private func writeAccounts(_ text: String) throws {
        try text.write(to: file("accounts.csv"), atomically: true, encoding: .utf8)
    }

    private func icp(_ arguments: [String], within seconds: Double = 60) throws -> CLIEndToEndTests.Output {
        try CLIEndToEndTests.icp(arguments, in: folder, within: seconds)
    }

    @Test func aPipeOrADeviceAsTheDatasetIsRefusedAtOnce() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(mkfifo(file("accounts.csv").path, 0o644) == 0)
        let fifo = try icp(["check", "."], within: 20)
        #expect(fifo.status == 1)
        #expect(fifo.stdout.contains("icp.workspace.yaml:2:13: error: accounts.csv: is a named pipe (FIFO), not a regular file"), "\(fifo.stdout)")

        try FileManager.default.removeItem(at: file("accounts.csv"))
        try FileManager.default.createSymbolicLink(atPath: file("accounts.csv").path, withDestinationPath: "/dev/zero")
        // The link leads outside the workspace, so that is allowed first; then what it points to counts.
        let device = try icp(["preview", ".", "--allow-outside-workspace"], within: 20)
        #expect(device.status == 1)
        #expect(device.stderr.contains("accounts.csv: is a device, not a regular file"), "\(device.stderr)")
    }

    @Test func aHugeICPFileIsRefusedWithoutBeingRead() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try writeAccounts("id,industry\n1,Software\n")
        // A sparse gigabyte: reading it would take seconds and a gigabyte of memory.
        #expect(FileManager.default.createFile(atPath: file("huge.icp.yaml").path, contents: nil))
        let handle = try FileHandle(forWritingTo: file("huge.icp.yaml"))
        try handle.truncate(atOffset: 1 << 30)
        try handle.close()
        let result = try icp(["check", "huge.icp.yaml"], within: 20)
        #expect(result.status == 1)
        #expect(result.stderr.contains("huge.icp.yaml: cannot be read (is 1024.0 MB; icp reads ICP and workspace files up to 8 MB"), "\(result.stderr)")
    }

    @Test func aHeaderOfMillionsOfColumnsIsRefused() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try writeAccounts((0..<1_000_000).map { "c\($0)" }.joined(separator: ",") + "\n")
        let result = try icp(["check", "."], within: 60)
        #expect(result.status == 1)
        #expect(result.stdout.contains("accounts.csv:1: more than 2,000 columns"), "\(result.stdout.prefix(400))")
    }

    /// `a,,column_2`: the unnamed column gets a name the header does not use.
    @Test func generatedColumnNamesDoNotCollide() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try writeAccounts("id,industry,,column_2\n1,Software,x,y\n")
        try "icp: x\nparameters:\n  - {field: column_2, mode: filter, is: y}\n  - {field: column_3_2, mode: exclude, is: x}\n".write(to: file("x.icp.yaml"), atomically: true, encoding: .utf8)
        let result = try icp(["check", "x.icp.yaml"])
        #expect(!result.stdout.contains("appears twice"), "\(result.stdout)")
        #expect(result.stdout.contains("`column_3_2` is not a column"), "\(result.stdout)")
        let renamed = try icp(["preview", "x.icp.yaml", "--format", "json"])
        #expect(renamed.status == 0)
    }

    @Test func scoreNeverReplacesAFileOfTheWorkspaceOrANonRegularFile() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try writeAccounts("id,industry\n1,Software\n2,Retail\n")
        try FileManager.default.createDirectory(at: file("sub"), withIntermediateDirectories: true)
        try "keep".write(to: file("real.csv"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: file("link.csv").path, withDestinationPath: "real.csv")
        let protected: [(String, String)] = [
            ("icp.workspace.yaml", "is a workspace file"),
            ("x.icp.yaml", "is an input of this run or a dataset of its workspace"),
            ("new.icp.json", "is named like an ICP file"),
            ("sub/icp.workspace.yaml", "is a workspace file"),
            ("accounts.csv", "is an input of this run or a dataset of its workspace"),
            (".icp-cache/accounts.csv.icpcache", "is in the dataset cache"),
            ("link.csv", "is a symbolic link"),
            ("sub", "is a folder"),
            ("/dev/null", "is not a regular file"),
        ]
        for (target, message) in protected {
            let before = try? Data(contentsOf: target.hasPrefix("/") ? URL(fileURLWithPath: target) : file(target))
            let result = try icp(["score", "--out", target])
            #expect(result.status == 1, "\(target)")
            #expect(result.stderr.contains(message), "\(target): \(result.stderr)")
            let after = try? Data(contentsOf: target.hasPrefix("/") ? URL(fileURLWithPath: target) : file(target))
            #expect(before == after, "\(target) was changed")
        }
        var info = stat()
        #expect(lstat("/dev/null", &info) == 0 && info.st_mode & S_IFMT == S_IFCHR, "/dev/null must still be a device")
        #expect(try String(contentsOf: file("real.csv"), encoding: .utf8) == "keep")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
    }

    @Test func anExistingOutputKeepsItsMode() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try writeAccounts("id,industry\n1,Software\n2,Retail\n")
        try "old".write(to: file("scored.csv"), atomically: true, encoding: .utf8)
        #expect(chmod(file("scored.csv").path, 0o600) == 0)
        let result = try icp(["score", "--out", "scored.csv"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try String(contentsOf: file("scored.csv"), encoding: .utf8).hasPrefix("id,icp_code,icp_score,icp_tier\n1,x,100.0,"))
        var info = stat()
        #expect(stat(file("scored.csv").path, &info) == 0)
        #expect(info.st_mode & 0o777 == 0o600)
    }

    /// An escape sequence in an ICP file (here in a value and a name) reaches the terminal as text.
    @Test func controlCharactersFromFilesAreEscapedInTextOutput() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try writeAccounts("id,industry\n1,Software\n")
        // A control character in a value is a `schema` error (it could change icp sql's meaning), said without echoing it.
        try "icp: v\nparameters:\n  - {field: industry, mode: filter, is: \"\\e[31mRetail\\r\"}\n".write(to: file("v.icp.yaml"), atomically: true, encoding: .utf8)
        let check = try icp(["check", "v.icp.yaml"])
        #expect(check.status == 1 && check.stdout.contains("v.icp.yaml:3:41: error: A value holds a control character (U+001B, character 1)"), "\(check.stdout)")
        try "icp: x\nname: \"\\e]0;pwned\\a\\e[2J\"\nparameters:\n  - {field: industry, mode: filter, is: Retail}\n".write(to: file("x.icp.yaml"), atomically: true, encoding: .utf8)
        let explain = try icp(["explain", "x.icp.yaml", "--record", "1"])
        #expect(explain.stdout.contains("(\\u{1B}]0;pwned\\u{7}\\u{1B}[2J)"), "\(explain.stdout)")
        for output in [check.stdout, check.stderr, explain.stdout, explain.stderr] {
            #expect(!output.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{7}" || $0 == "\r" })
        }
        // Machine output keeps the value exactly (JSON escapes it its own way).
        let json = try icp(["preview", "x.icp.yaml", "--format", "json"])
        #expect(json.stdout.contains("\\u001b]0;pwned\\u0007"), "\(json.stdout)")
    }

    /// SIGINT or SIGTERM while `score --out` writes leaves no temporary file and no half output.
    /// inotify tells the moment the temporary file appears, so the signal lands mid-write.
    @Test(arguments: [SIGINT, SIGTERM])
    func aSignalDuringTheWriteLeavesNothingBehind(signal: Int32) throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let rows = (1...300_000).map { "a\($0),\($0 % 3 == 0 ? "Software" : "Retail")" }
        try writeAccounts("id,industry\n" + rows.joined(separator: "\n") + "\n")
        // A first run builds the dataset cache, so the watched folder sees only the output's files.
        _ = try CLIEndToEndTests.icp(["preview", "."], in: folder)

        let watcher = inotify_init1(Int32(IN_CLOEXEC))
        #expect(watcher >= 0)
        defer { close(watcher) }
        #expect(inotify_add_watch(watcher, folder.path, UInt32(IN_CREATE)) >= 0)
        let process = Process()
        process.executableURL = CLIEndToEndTests.executable
        process.arguments = ["score", "--out", "scored.csv"]
        process.currentDirectoryURL = folder
        process.standardError = FileHandle.nullDevice
        try process.run()
        // The first file created in the folder is the output's temporary file: signal at once.
        var buffer = [UInt8](repeating: 0, count: 4096)
        var ready = pollfd(fd: watcher, events: Int16(POLLIN), revents: 0)
        let created = poll(&ready, 1, 60_000) > 0 ? buffer.withUnsafeMutableBytes { read(watcher, $0.baseAddress, $0.count) } : 0
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        #expect(created > 0, "no file was created within 60 s")
        #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == signal)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        // The signal can land after the rename (the write is fast and the test cannot hold the
        // process inside it): then `scored.csv` is there, and must be whole. Never a temporary
        // file, never a partial output.
        if names.contains("scored.csv") {
            let written = try String(contentsOf: folder.appendingPathComponent("scored.csv"), encoding: .utf8)
            #expect(written.split(separator: "\n").count == 300_001, "a partial output was left")
        }
        #expect(names.filter { $0 != "scored.csv" } == [".icp-cache", "accounts.csv", "icp.workspace.yaml", "x.icp.yaml"], "left behind: \(names)")
    }
}
