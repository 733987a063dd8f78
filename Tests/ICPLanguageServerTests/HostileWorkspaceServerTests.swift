import Foundation
import Testing
@testable import ICPLanguage
@testable import ICPEngine
@testable import ICPBuilders
@testable import ICPInsights
@testable import ICPLanguageServer
import ICPWorkspace

/// The server in a workspace that strangers (or other programs) shaped: a clone that names
/// programs, closed files rewritten behind its back, anchors, thousands of files.
struct HostileWorkspaceServerTests {
    static let today = CalendarDate(year: 2026, month: 11, day: 30)!

    static func run(_ script: String, in folder: URL) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        process.currentDirectoryURL = folder
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(script)")
    }

    /// Opening an ICP file in a clone that commits a bare-repository layout (its `config`
    /// naming a signature program) runs nothing: the "vs main" lens asks git with a fixed
    /// configuration, which refuses the implicit bare repository.
    @Test func openingAFileInAHostileCloneRunsNothing() async throws {
        let top = FileManager.default.temporaryDirectory.appendingPathComponent("icp-hostile-clone-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: top, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: top) }
        let marker = top.appendingPathComponent("ran").path
        try Self.run("""
            set -e
            git init -q -b main scratch && cd scratch
            tree=$(git write-tree)
            commit=$(printf 'tree %s\\nauthor A <a@x> 1700000000 +0000\\ncommitter A <a@x> 1700000000 +0000\\ngpgsig -----BEGIN PGP SIGNATURE-----\\n \\n iQEz\\n -----END PGP SIGNATURE-----\\n\\nsigned\\n' "$tree" | git hash-object -t commit -w --stdin)
            cd .. && mkdir -p source/evil/refs/heads && cp -r scratch/.git/objects source/evil/objects
            echo "$commit" > source/evil/refs/heads/main && echo 'ref: refs/heads/main' > source/evil/HEAD
            printf '[core]\\n\\trepositoryformatversion = 0\\n\\tbare = false\\n\\tworktree = .\\n[log]\\n\\tshowSignature = true\\n[gpg]\\n\\tprogram = ./evil.sh\\n' > source/evil/config
            printf '#!/bin/sh\\necho ran >> %s\\n' '\(marker)' > source/evil/evil.sh && chmod +x source/evil/evil.sh
            printf 'icp: x\\nparameters:\\n  - {field: industry, mode: filter, is: Software}\\n' > source/evil/x.icp.yaml
            cd source && git init -q -b main && git add -A && git -c user.email=a@x -c user.name=A commit -q -m project && cd ..
            git clone -q source clone
            """, in: top)
        let client = TestClient(fileSystem: LocalFileSystem(), clock: { Self.today })
        _ = await client.initialize()
        let uri = top.appendingPathComponent("clone/evil/x.icp.yaml").absoluteString
        await client.open(uri, "icp: x\nparameters:\n  - {field: industry, mode: filter, is: Software}\n")
        let lenses = await client.request("textDocument/codeLens", .object(["textDocument": .object(["uri": .string(uri)])]))
        #expect(lenses["error"] == nil)
        #expect(!FileManager.default.fileExists(atPath: marker), "the server ran the clone's program")
        // The vector is live: git finds the folder as a repository of its own, and its log runs the program.
        try Self.run("test \"$(git rev-parse --show-toplevel)\" = \"$(pwd -P)\"", in: top.appendingPathComponent("clone/evil"))
        // The vector is live: plain git in that folder runs it.
        try Self.run("git log -1 || true", in: top.appendingPathComponent("clone/evil"))
        #expect(FileManager.default.fileExists(atPath: marker), "the test's clone does not exercise the vector")
    }

    static func workspace(_ files: [String: String]) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("icp-hostile-ws-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var all = files
        all["icp.workspace.yaml"] = all["icp.workspace.yaml"] ?? "datasets:\n  accounts: accounts.csv\n"
        all["accounts.csv"] = all["accounts.csv"] ?? "id,industry,employees\na1,Software,120\na2,Retail,900\n"
        for (name, text) in all { try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return folder
    }

    static func rename(_ client: TestClient, _ uri: String, at position: JSONValue, to name: String) async -> [String: [JSONValue]] {
        let result = await client.request("textDocument/rename", .object(["textDocument": .object(["uri": .string(uri)]), "position": position, "newName": .string(name)]))
        return (result["result"]?["changes"]?.objectValue ?? [:]).mapValues { $0.arrayValue ?? [] }
    }

    /// A client that watches no files: a closed ICP file rewritten on disk after the workspace
    /// was read is renamed at its positions now, not at the old ones.
    @Test func renameReadsClosedFilesAsTheyAreNow() async throws {
        let folder = try Self.workspace(["b.icp.yaml": "icp: b\nparameters:\n  - {field: industry, mode: filter, is: Software}\n"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let client = TestClient(fileSystem: LocalFileSystem(), clock: { Self.today })
        _ = await client.initialize()
        let uri = folder.appendingPathComponent("a.icp.yaml").absoluteString
        await client.open(uri, "icp: a\nparameters:\n  - field: industry\n    mode: filter\n    is: Software\n")
        // Another program rewrites the closed file: the column moves two lines down and right.
        let rewritten = "# Sectors we sell to.\n# Reviewed weekly.\nicp: b\nparameters:\n  - mode: filter\n    is: Software\n    field: industry\n"
        try rewritten.write(to: folder.appendingPathComponent("b.icp.yaml"), atomically: true, encoding: .utf8)
        let changes = await Self.rename(client, uri, at: TestClient.position(2, 12), to: "sector")
        let edits = try #require(changes.first { $0.key.hasSuffix("b.icp.yaml") }?.value, "\(changes)")
        let renamed = NavigationTests.apply(edits, to: rewritten)
        #expect(renamed == rewritten.replacingOccurrences(of: "field: industry", with: "field: sector"), "\(renamed)")
    }

    /// `field: &f industry` ... `field: *f`: one edit of the value, after the anchor, which both
    /// parameters then share.
    @Test func renameThroughAnAnchorEditsTheValueOnce() async throws {
        let folder = try Self.workspace([:])
        defer { try? FileManager.default.removeItem(at: folder) }
        let client = TestClient(fileSystem: LocalFileSystem(), clock: { Self.today })
        _ = await client.initialize()
        let uri = folder.appendingPathComponent("a.icp.yaml").absoluteString
        let text = "icp: a\nparameters:\n  - field: &f industry\n    mode: filter\n    is: Software\n  - field: *f\n    mode: exclude\n    is: Retail\n"
        await client.open(uri, text)
        let changes = await Self.rename(client, uri, at: TestClient.position(2, 15), to: "sector")
        let edits = try #require(changes[uri], "\(changes)")
        try #require(edits.count == 1, "\(edits)")
        let renamed = NavigationTests.apply(edits, to: text)
        #expect(renamed == text.replacingOccurrences(of: "&f industry", with: "&f sector"), "\(renamed)")
        let icp = try #require(ICPDocument(text: renamed, format: .yaml).icp)
        #expect(icp.parameters.map { $0.field?.value } == ["sector", "sector"])
    }

    /// `workspace/diagnostic` over thousands of closed files is worked out off the actor, with
    /// one index of codes: a hover sent right after it is answered first, and the report names
    /// every file and every duplicate code.
    @Test func workspaceDiagnosticsDoNotHoldTheServer() async throws {
        var files: [String: String] = [:]
        for index in 0..<2_000 {
            let code = index % 500 == 0 ? "twin" : "icp-\(index)"
            files["f\(index).icp.yaml"] = "icp: \(code)\nparameters:\n  - {field: industry, mode: filter, is: Software}\n"
        }
        let folder = try Self.workspace(files)
        defer { try? FileManager.default.removeItem(at: folder) }
        let client = TestClient(fileSystem: LocalFileSystem(), clock: { Self.today })
        let pull = JSONValue.object(["textDocument": .object(["diagnostic": .object([:])]), "workspace": .object(["diagnostics": .object(["refreshSupport": .bool(true)])])])
        _ = await client.initialize(capabilities: pull)
        let uri = folder.appendingPathComponent("open.icp.yaml").absoluteString
        await client.open(uri, "icp: open\nparameters:\n  - {field: industry, mode: filter, is: Software}\n")
        _ = await client.server.handle(.request(id: .number(1), method: "workspace/diagnostic", params: .object([:])))
        _ = await client.server.handle(.request(id: .number(2), method: "textDocument/hover", params: TestClient.document(uri, at: TestClient.position(2, 14))))
        await client.server.waitUntilIdle()
        let answered = client.messages.compactMap { $0["method"] == nil ? $0["id"]?.intValue : nil }.filter { $0 == 1 || $0 == 2 }
        #expect(answered == [2, 1], "\(answered)")
        let report = try #require(client.messages.first { $0["id"]?.intValue == 1 }?["result"]?["items"]?.arrayValue)
        #expect(report.count == 2_000)
        let twins = report.filter { item in (item["items"]?.arrayValue ?? []).contains { $0["code"]?.stringValue == "duplicate-code" } }
        #expect(twins.count == 4)
        let message = twins.first?["items"]?.arrayValue?.first?["message"]?.stringValue ?? ""
        #expect(message.contains("is also used by") && !message.contains("and "), "\(message)")
    }
}

extension HostileWorkspaceServerTests {
    /// A workspace opened through a linked folder (on macOS the temporary folder is one): the
    /// lens compares the file with its own committed text, not "new vs main".
    @Test func aLinkedWorkspaceHasItsLens() async throws {
        let folder = try SessionServerTests.workspace(["recent.icp.yaml": SessionServerTests.recent])
        let links = FileManager.default.temporaryDirectory.appendingPathComponent("icp-links-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: links, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder); try? FileManager.default.removeItem(at: links) }
        try Self.run("git init -q -b main && git add -A && git -c user.email=a@x -c user.name=A commit -q -m ICP", in: folder)
        let link = links.appendingPathComponent("repo")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: folder)
        let client = TestClient(fileSystem: LocalFileSystem(), clock: { Self.today })
        _ = await client.initialize()
        let uri = link.appendingPathComponent("recent.icp.yaml").absoluteString
        await client.open(uri, SessionServerTests.recent)
        let titles = await client.request("textDocument/codeLens", .object(["textDocument": .object(["uri": .string(uri)])]))["result"]?.arrayValue?
            .compactMap { $0["command"]?["title"]?.stringValue } ?? []
        #expect(titles.contains("vs main: unchanged"), "\(titles)")
    }
}

extension HostileWorkspaceServerTests {
    /// `textDocument/definition` sent right after `didOpen`, before the data is read: it waits
    /// for the data and lands on the column's header cell, rather than answering null.
    @Test func aDefinitionSentRightAfterOpeningWaitsForTheData() async throws {
        let folder = try Self.workspace([:])
        defer { try? FileManager.default.removeItem(at: folder) }
        let client = TestClient(fileSystem: LocalFileSystem(), clock: { Self.today })
        // A client that watches files: the definition does not read the workspace again first.
        _ = await client.initialize(capabilities: .object(["workspace": .object(["didChangeWatchedFiles": .object(["dynamicRegistration": .bool(true)])])]))
        let uri = folder.appendingPathComponent("a.icp.yaml").absoluteString
        let text = "icp: a\nparameters:\n  - field: employees\n    mode: filter\n    min: 100\n"
        _ = await client.server.handle(.notification(method: "textDocument/didOpen", params: .object(["textDocument": .object([
            "uri": .string(uri), "languageId": .string("yaml"), "version": .int(1), "text": .string(text)])])))
        _ = await client.server.handle(.request(id: .number(7), method: "textDocument/definition", params: TestClient.document(uri, at: TestClient.position(2, 14))))
        await client.server.waitUntilIdle()
        let answer = try #require(client.messages.first { $0["id"]?.intValue == 7 })
        #expect(NavigationTests.location(answer["result"]) == "accounts.csv 0:12-0:21", "\(answer)")
    }
}
