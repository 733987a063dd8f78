import Foundation
import Testing
@testable import ICPLanguage
@testable import ICPEngine
@testable import ICPBuilders
@testable import ICPInsights
@testable import ICPLanguageServer
import ICPWorkspace

/// `icp draft`/`icp refine` and the editor's `icp.draft`/`icp.refine` are one use case of the
/// session each: the same text and the same figures, on the data of the file written (a file's
/// own `dataset` honoured), equal to `icp preview` of that file once written. The workspace's
/// accounts are `ws.csv` (200 rows); `own.icp.yaml` runs on `own.csv` (300 rows).
struct BuilderParityTests {
    static let today = ParityTests.today

    /// A copy of fixtures/parity, to write into.
    static func workspace() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("icp-builder-parity-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: TestClient.fixtures.appendingPathComponent("parity"), to: folder)
        return folder
    }

    static func json(_ value: some Encodable) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(value))
    }

    /// `icp preview --format json`'s figures of the file at `url` (without `last_modified` and
    /// `stale`, which a builder's preview does not give).
    static func preview(of url: URL, in folder: URL) throws -> JSONValue {
        let run = EvaluationRun.run(paths: [url.path], today: today, currentFolder: folder)
        let listing = try #require(run.files.first?.listing(change: nil), "\(run.problems)")
        return try json(listing.preview)
    }

    @Test func aDraftBesideAnICPWithItsOwnDatasetIsMeasuredOnTheDataItWillUse() async throws {
        let folder = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        let sentence = "software or fintech companies with at least 100 employees in EMEA"
        let target = folder.appendingPathComponent("draft.icp.yaml")
        let session = WorkspaceSession(clock: { Self.today })
        let cli = try session.draft(sentence, at: target).get()
        #expect(cli.datasetName.hasSuffix("ws.csv"), "\(cli.datasetName)")

        let client = TestClient(fileSystem: LocalFileSystem(), clock: { Self.today })
        _ = await client.initialize(root: folder)
        let own = folder.appendingPathComponent("own.icp.yaml")
        await client.open(own.absoluteString, try String(contentsOf: own, encoding: .utf8))
        let answer = await client.request("workspace/executeCommand", .object(["command": .string(LanguageServer.draftCommand),
                                                                             "arguments": .array([.string(sentence), .string(own.absoluteString)])]))
        let result = try #require(answer["result"], "\(answer)")
        #expect(result["uri"]?.stringValue == target.absoluteString)
        #expect(result["text"]?.stringValue == cli.text)
        #expect(result["preview"] == (try Self.json(cli.preview)))

        try cli.text.write(to: target, atomically: true, encoding: .utf8)
        #expect(try Self.preview(of: target, in: folder) == (try Self.json(cli.preview)))
    }

    @Test func aRefinementIsMeasuredOnTheFilesOwnDataset() async throws {
        let folder = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        let own = folder.appendingPathComponent("own.icp.yaml")
        let text = try String(contentsOf: own, encoding: .utf8)
        let instruction = "raise the employee floor to 500"
        let session = WorkspaceSession(clock: { Self.today })
        let cli = try session.refine(text, at: own, instruction: instruction).get()
        #expect(cli.datasetName.hasSuffix("own.csv"), "\(cli.datasetName)")
        #expect(cli.before?.total == 300 && cli.after?.total == 300)
        #expect(try Self.json(try #require(cli.before)) == (try Self.preview(of: own, in: folder)))

        let client = TestClient(fileSystem: LocalFileSystem(), clock: { Self.today })
        _ = await client.initialize(root: folder)
        await client.open(own.absoluteString, text)
        let answer = await client.request("workspace/executeCommand", .object(["command": .string(LanguageServer.refineCommand),
                                                                             "arguments": .array([.string(own.absoluteString), .string(instruction)])]))
        let result = try #require(answer["result"], "\(answer)")
        #expect(result["edits"] == .array(cli.refinement.edits.map(JSONValue.string)))
        #expect(result["before"] == (try Self.json(try #require(cli.before))))
        #expect(result["after"] == (try Self.json(try #require(cli.after))))

        try cli.refinement.text.write(to: own, atomically: true, encoding: .utf8)
        #expect(try Self.json(try #require(cli.after)) == (try Self.preview(of: own, in: folder)))
    }

    /// A file with a schema error has no figures in the editor either (`stale` with the last
    /// valid version's, or refused when it never had one), as `icp preview` refuses it.
    @Test func aBrokenTextHasNoCurrentFigures() async throws {
        let folder = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        let client = TestClient(fileSystem: LocalFileSystem(), clock: { Self.today })
        _ = await client.initialize(root: folder)
        let file = folder.appendingPathComponent("large.icp.yaml")
        let uri = file.absoluteString
        let valid = try String(contentsOf: file, encoding: .utf8)
        await client.open(uri, valid)
        let before = await client.request("icp/preview", .object(["textDocument": .object(["uri": .string(uri)])]))
        #expect(before["result"]?["stale"] == .bool(false))
        await client.notify("textDocument/didChange", .object([
            "textDocument": .object(["uri": .string(uri), "version": .int(2)]),
            "contentChanges": .array([.object(["text": .string(valid.replacingOccurrences(of: "mode: exclude", with: "mode: exclud"))])]),
        ]))
        let after = await client.request("icp/preview", .object(["textDocument": .object(["uri": .string(uri)])]))
        #expect(after["result"]?["stale"] == .bool(true))
        #expect(after["result"]?["qualified"] == before["result"]?["qualified"])
        let broken = folder.appendingPathComponent("broken.icp.yaml")
        await client.open(broken.absoluteString, try String(contentsOf: broken, encoding: .utf8))
        let refused = await client.request("icp/preview", .object(["textDocument": .object(["uri": .string(broken.absoluteString)])]))
        #expect(refused["error"]?["message"]?.stringValue?.contains("filtr") == true, "\(refused)")
    }
}
