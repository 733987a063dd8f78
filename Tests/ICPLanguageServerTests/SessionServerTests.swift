import Foundation
import Synchronization
import Testing
@testable import ICPLanguage
@testable import ICPEngine
@testable import ICPBuilders
@testable import ICPInsights
@testable import ICPLanguageServer
import ICPWorkspace
import ICPDataset

/// The disk, watched: counts data reads per file, can hold them until released, and notes any
/// call made by the server's actor itself (``ActorContext``).
final class WatchedFileSystem: FileSystem {
    private let disk = LocalFileSystem()
    private let state = Mutex(State())
    private let gate = DispatchSemaphore(value: 0)
    private let holdsReads: Bool

    struct State {
        var reads: [String: Int] = [:]
        var onActor: [String] = []
    }

    init(holdsReads: Bool = false) {
        self.holdsReads = holdsReads
    }

    var onActor: [String] { state.withLock { $0.onActor } }
    func reads(of url: URL) -> Int { state.withLock { $0.reads[url.standardizedFileURL.path, default: 0] } }
    var readsStarted: Int { state.withLock { $0.reads.values.reduce(0, +) } }
    /// Lets one held read go on.
    func release() { gate.signal() }

    private func note(_ call: String, _ url: URL) {
        if ActorContext.isOnActor { state.withLock { $0.onActor.append("\(call) \(url.lastPathComponent)") } }
    }

    func readSource(_ url: URL) throws -> SourceFile { note("readSource", url); return try disk.readSource(url) }
    func fileExists(_ url: URL) -> Bool { note("fileExists", url); return disk.fileExists(url) }
    func isFolder(_ url: URL) -> Bool? { note("isFolder", url); return disk.isFolder(url) }
    func contentHash(of url: URL) throws -> (bytes: Int, hex: String) { note("contentHash", url); return try disk.contentHash(of: url) }
    func scan(_ folder: URL) -> FolderScan { note("scan", folder); return disk.scan(folder) }
    func icpFiles(in folder: URL) -> [URL] { note("icpFiles", folder); return disk.icpFiles(in: folder) }
    func resolvingSymlinks(_ url: URL) -> URL { note("resolvingSymlinks", url); return disk.resolvingSymlinks(url) }
    func isCurrent(_ file: LoadedFile) -> Bool { note("isCurrent", file.load.url); return disk.isCurrent(file) }
    func readDataset(_ load: FileLoad, useCache: Bool, progress: LoadProgress?) -> LoadedFile {
        note("readDataset", load.url)
        state.withLock { $0.reads[load.url.standardizedFileURL.path, default: 0] += 1 }
        if holdsReads { gate.wait() }
        return disk.readDataset(load, useCache: useCache, progress: progress)
    }
}

/// The server on the analysis layer: file access off its actor, reads not repeated, the date
/// read as the session goes, new codes and refined texts checked against the whole workspace.
struct SessionServerTests {
    /// A workspace folder with a small accounts table (signup dates in November 2026) and one ICP.
    static func workspace(_ files: [String: String] = [:]) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("icp-session-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var csv = "id,industry,employees,signup\n"
        for row in 1...40 { csv += "a\(row),\(row % 2 == 0 ? "Software" : "Retail"),\(row * 10),2026-11-\(String(format: "%02d", row % 28 + 1))\n" }
        let all = ["accounts.csv": csv, "icp.workspace.yaml": "datasets:\n  accounts: accounts.csv\n"].merging(files) { _, new in new }
        for (name, text) in all { try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return folder
    }

    static let recent = "icp: recent\nparameters:\n  - {field: signup, mode: filter, within_days: 30}\n  - {field: industry, mode: exclude, is: Retail}\n"

    func codes(_ client: TestClient, _ uri: String) -> [String] {
        client.diagnostics(uri)?["diagnostics"]?.arrayValue?.compactMap { $0["code"]?.stringValue } ?? []
    }

    @Test func noFileIsTouchedOnTheActor() async throws {
        let folder = try Self.workspace(["other.icp.yaml": "icp: other\nparameters:\n  - {field: industry, mode: filter, is: Software}\n"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let fileSystem = WatchedFileSystem()
        let client = TestClient(fileSystem: fileSystem, clock: { CalendarDate(year: 2026, month: 11, day: 30)! })
        _ = await client.initialize()
        let uri = folder.appendingPathComponent("recent.icp.yaml").absoluteString
        await client.open(uri, Self.recent)
        #expect(codes(client, uri).isEmpty, "\(codes(client, uri))")
        _ = await client.request("textDocument/hover", TestClient.document(uri, at: TestClient.position(0, 6)))
        _ = await client.request("textDocument/completion", TestClient.document(uri, at: TestClient.position(2, 12)))
        _ = await client.codeActions(uri, at: TestClient.position(2, 12))
        await client.notify("workspace/didChangeWatchedFiles", .object(["changes": .array([
            .object(["uri": .string(folder.appendingPathComponent("other.icp.yaml").absoluteString), "type": .int(2)]),
            .object(["uri": .string(folder.appendingPathComponent("accounts.csv").absoluteString), "type": .int(2)]),
        ])]))
        _ = await client.request("icp/preview", .object(["textDocument": .object(["uri": .string(uri)])]))
        #expect(fileSystem.readsStarted >= 1, "the data was read, in the background")
        #expect(fileSystem.onActor.isEmpty, "\(fileSystem.onActor)")
    }

    /// A settings change while the data is being read does not read it again.
    @Test func aSettingsChangeDuringALoadReadsTheFileOnce() async throws {
        let folder = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fileSystem = WatchedFileSystem(holdsReads: true)
        let client = TestClient(fileSystem: fileSystem, clock: { CalendarDate(year: 2026, month: 11, day: 30)! })
        _ = await client.initialize()
        let uri = folder.appendingPathComponent("recent.icp.yaml").absoluteString
        _ = await client.server.handle(.notification(method: "textDocument/didOpen", params: .object(["textDocument": .object([
            "uri": .string(uri), "languageId": .string("yaml"), "version": .int(1), "text": .string(Self.recent),
        ])])))
        while fileSystem.readsStarted == 0 { try await Task.sleep(for: .milliseconds(5)) }
        for cache in [false, true, false] {
            _ = await client.server.handle(.notification(method: "workspace/didChangeConfiguration", params: .object(["settings": .object(["icp": .object(["cache": .bool(cache)])])])))
        }
        fileSystem.release()
        for _ in 0..<3 { fileSystem.release() }  // a second read, if any, is not held
        await client.server.waitUntilIdle()
        #expect(fileSystem.reads(of: folder.appendingPathComponent("accounts.csv")) == 1)
        let preview = await client.request("icp/preview", .object(["textDocument": .object(["uri": .string(uri)])]))
        #expect(preview["result"]?["total"]?.intValue == 40)
    }

    /// A load that outlasts the first wait: a client that cannot be told to ask again
    /// (YouCompleteMe's one inlay-hint request) gets the hints when the data is in, not an
    /// empty answer at the first deadline; a client that can be told is answered at once.
    @Test(arguments: [false, true])
    func aLongLoadIsWaitedForByClientsThatCannotBeToldToAskAgain(canRefresh: Bool) async throws {
        let folder = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fileSystem = WatchedFileSystem(holdsReads: true)
        let client = TestClient(fileSystem: fileSystem, clock: { CalendarDate(year: 2026, month: 11, day: 30)! })
        let capabilities: JSONValue = canRefresh ? .object(["workspace": .object(["inlayHint": .object(["refreshSupport": .bool(true)])])]) : .object([:])
        _ = await client.initialize(capabilities: capabilities)
        await client.server.setDataWaits(first: .milliseconds(100), longest: .seconds(30))
        let uri = folder.appendingPathComponent("recent.icp.yaml").absoluteString
        _ = await client.server.handle(.notification(method: "textDocument/didOpen", params: .object(["textDocument": .object([
            "uri": .string(uri), "languageId": .string("yaml"), "version": .int(1), "text": .string(Self.recent),
        ])])))
        while fileSystem.readsStarted == 0 { try await Task.sleep(for: .milliseconds(5)) }
        let range: JSONValue = .object(["start": TestClient.position(0, 0), "end": TestClient.position(9, 0)])
        _ = await client.server.handle(.request(id: .number(901), method: "textDocument/inlayHint",
                                                params: .object(["textDocument": .object(["uri": .string(uri)]), "range": range])))
        func answer() -> JSONValue? { client.messages.first { $0["id"]?.intValue == 901 && $0["method"] == nil } }
        if canRefresh {
            // Answered with what there is once the first wait runs out, the read still held.
            for _ in 0..<200 where answer() == nil { try await Task.sleep(for: .milliseconds(50)) }
            #expect(answer() != nil, "a client told to ask again is answered at the first deadline")
        } else {
            try await Task.sleep(for: .milliseconds(600))
            #expect(answer() == nil, "after six first waits: \(String(describing: answer()))")
        }
        for _ in 0..<4 { fileSystem.release() }
        await client.server.waitUntilIdle()
        try await Task.sleep(for: .milliseconds(150))
        if !canRefresh { #expect(answer()?["result"]?.arrayValue?.isEmpty == false, "the hints, once the data is in: \(String(describing: answer()))") }
    }

    /// Past midnight the session counts `within_days` from the new date.
    @Test func aSessionPastMidnightUsesTheNewDate() async throws {
        let folder = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        let today = Mutex(CalendarDate(year: 2026, month: 11, day: 30)!)
        let client = TestClient(fileSystem: LocalFileSystem(), clock: { today.withLock { $0 } })
        _ = await client.initialize()
        let uri = folder.appendingPathComponent("recent.icp.yaml").absoluteString
        await client.open(uri, Self.recent)
        let before = await client.request("icp/preview", .object(["textDocument": .object(["uri": .string(uri)])]))["result"]?["qualified"]?.intValue
        #expect(before == 20)
        today.withLock { $0 = CalendarDate(year: 2027, month: 1, day: 15)! }
        let after = await client.request("icp/preview", .object(["textDocument": .object(["uri": .string(uri)])]))["result"]?["qualified"]?.intValue
        #expect(after == 0)
        #expect(codes(client, uri).contains("zero-qualified"), "the diagnostics follow the new date too")
    }

    /// A draft beside a file takes a code no ICP file of the folder uses, open or closed.
    @Test func theEditorsDraftNeverReusesAClosedFilesCode() async throws {
        let folder = try Self.workspace(["draft.icp.yaml": "icp: draft\nparameters:\n  - {field: industry, mode: filter, is: Software}\n"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let client = TestClient(fileSystem: LocalFileSystem(), clock: { CalendarDate(year: 2026, month: 11, day: 30)! })
        _ = await client.initialize()
        let uri = folder.appendingPathComponent("recent.icp.yaml").absoluteString
        await client.open(uri, Self.recent)
        let result = await client.request("workspace/executeCommand", .object(["command": .string("icp.draft"),
                                                                               "arguments": .array([.string("software companies"), .string(uri)])]))["result"]
        let text = try #require(result?["text"]?.stringValue, "\(String(describing: result))")
        #expect(text.contains("icp: draft-2"), "\(text)")
        #expect(result?["uri"]?.stringValue?.hasSuffix("/draft-2.icp.yaml") == true)
    }

    /// The editor's refine refuses an edit that leaves an error, as `icp refine` does.
    @Test func theEditorsRefineRefusesAnEditThatLeavesAnError() async throws {
        let folder = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        let client = TestClient(fileSystem: LocalFileSystem(), clock: { CalendarDate(year: 2026, month: 11, day: 30)! })
        _ = await client.initialize()
        let uri = folder.appendingPathComponent("sized.icp.yaml").absoluteString
        await client.open(uri, "icp: sized\nparameters:\n  - {field: employees, mode: filter, min: 200, max: 1000}\n  - {field: industry, mode: exclude, is: Retail}\n")
        let response = await client.request("workspace/executeCommand", .object(["command": .string("icp.refine"),
                                                                                 "arguments": .array([.string(uri), .string("raise the employees floor to 5000")])]))
        #expect(response["result"] == nil)
        #expect(response["error"]?["message"]?.stringValue?.contains("would have an error") == true, "\(response)")
        #expect(!client.messages.contains { $0["method"]?.stringValue == "workspace/applyEdit" })
    }
}

extension SessionServerTests {
    /// A message that holds the actor past the limit is logged with its method and time.
    @Test func aSlowMessageIsLogged() async throws {
        let client = TestClient()
        _ = await client.initialize()
        await client.server.setSlowMessageLimit(.zero)
        await client.open("file:///tmp/icp-slow/slow.icp.yaml", Self.recent)
        let logs = client.messages.filter { $0["method"]?.stringValue == "window/logMessage" }.compactMap { $0["params"]?["message"]?.stringValue }
        #expect(logs.contains { $0.hasPrefix("textDocument/didOpen took ") && $0.contains("other messages waited") }, "\(logs)")
    }
}

extension SessionServerTests {
    /// Edits in quick succession: an evaluation made moot by a newer text never lands, so the
    /// versions published only go up and the last findings are the last text's.
    @Test func aNewerTextCancelsTheEvaluationOfAnOlderOne() async throws {
        let folder = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        let client = TestClient(fileSystem: LocalFileSystem(), clock: { CalendarDate(year: 2026, month: 11, day: 30)! })
        _ = await client.initialize()
        let uri = folder.appendingPathComponent("recent.icp.yaml").absoluteString
        await client.open(uri, Self.recent)
        for version in 2...30 {
            // Odd versions name a column that does not exist; the last one (30) names a real one.
            let field = version % 2 == 1 ? "signupp" : "signup"
            let text = Self.recent.replacingOccurrences(of: "field: signup", with: "field: \(field)")
            _ = await client.server.handle(.notification(method: "textDocument/didChange", params: .object([
                "textDocument": .object(["uri": .string(uri), "version": .int(version)]),
                "contentChanges": .array([.object(["text": .string(text)])]),
            ])))
        }
        await client.server.waitUntilIdle()
        let versions = client.messages.filter { $0["method"]?.stringValue == "textDocument/publishDiagnostics" && $0["params"]?["uri"]?.stringValue == uri }
            .compactMap { $0["params"]?["version"]?.intValue }
        #expect(versions == versions.sorted(), "\(versions)")
        #expect(versions.last == 30)
        #expect(!codes(client, uri).contains("unknown-field"))
        let preview = await client.request("icp/preview", .object(["textDocument": .object(["uri": .string(uri)])]))
        #expect(preview["result"]?["qualified"]?.intValue == 20)
    }
}

extension SessionServerTests {
    static func git(_ arguments: [String], in folder: URL) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-c", "user.email=review@example.com", "-c", "user.name=Reviewer"] + arguments
        process.currentDirectoryURL = folder
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "git \(arguments)")
    }

    /// The lens compares the text being typed with the file at the merge-base with main.
    @Test func aLensSaysWhatTheEditDoesAgainstMain() async throws {
        let folder = try Self.workspace(["recent.icp.yaml": Self.recent])
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.git(["init", "-q", "-b", "main"], in: folder)
        try Self.git(["add", "-A"], in: folder)
        try Self.git(["commit", "-q", "-m", "ICP"], in: folder)
        let client = TestClient(fileSystem: LocalFileSystem(), clock: { CalendarDate(year: 2026, month: 11, day: 30)! })
        _ = await client.initialize()
        let uri = folder.appendingPathComponent("recent.icp.yaml").absoluteString
        func lensTitles() async -> [String] {
            await client.request("textDocument/codeLens", .object(["textDocument": .object(["uri": .string(uri)])]))["result"]?.arrayValue?
                .compactMap { $0["command"]?["title"]?.stringValue } ?? []
        }
        await client.open(uri, Self.recent)
        let unchanged = await lensTitles()
        #expect(unchanged.contains("vs main: unchanged"), "\(unchanged)")
        // A narrower window: the accounts signed up 11 to 30 days ago leave.
        await client.notify("textDocument/didChange", .object([
            "textDocument": .object(["uri": .string(uri), "version": .int(2)]),
            "contentChanges": .array([.object(["text": .string(Self.recent.replacingOccurrences(of: "within_days: 30", with: "within_days: 10"))])]),
        ]))
        let titles = await lensTitles()
        let lens = try #require(titles.first { $0.hasPrefix("vs main: ") }, "\(titles)")
        let preview = await client.request("icp/preview", .object(["textDocument": .object(["uri": .string(uri)])]))["result"]?["qualified"]?.intValue
        #expect(lens == "vs main: +0 / −\(20 - (preview ?? 0)) accounts")
    }
}
