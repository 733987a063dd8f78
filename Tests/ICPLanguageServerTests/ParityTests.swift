import Foundation
import Testing
@testable import ICPLanguage
@testable import ICPEngine
@testable import ICPBuilders
@testable import ICPInsights
@testable import ICPLanguageServer
import ICPWorkspace

/// `icp check` and the editor say the same of every file: each fixture folder is checked as the
/// command line checks it and opened file by file in the server (its root the fixtures folder,
/// so paths in messages read alike), and the findings must match in code, severity, range and
/// message. The folders include a broken workspace file and an unreadable dataset.
struct ParityTests {
    static let today = CalendarDate(year: 2026, month: 11, day: 30)!
    static let folders = ["checks", "checks/duplicate-code", "datachecks", "datachecks/bad-data", "broken", "icps", "setup", "overlap", "parity", "reading"]

    struct Finding: Hashable, CustomStringConvertible {
        let code: String
        let severity: Int
        let range: String
        let message: String
        var description: String { "\(range) \(severity) \(code): \(message)" }
    }

    @Test(arguments: folders)
    func checkAndTheEditorAgree(folder: String) async throws {
        let root = TestClient.fixtures
        let run = CheckRun.run(paths: [folder], today: Self.today, currentFolder: root)
        #expect(!run.reports.isEmpty)
        let client = TestClient(fileSystem: LocalFileSystem(), clock: { Self.today })
        _ = await client.initialize(root: root)
        let encoding = PositionEncoding(unit: .utf16)
        for report in run.reports {
            let url = root.appendingPathComponent(report.path)
            let text = try String(contentsOf: url, encoding: .utf8)
            let uri = url.absoluteString
            await client.open(uri, text)
            let expected = report.diagnostics.map { diagnostic in
                let range = encoding.range(diagnostic.range, in: report.source)
                let severity = switch diagnostic.severity {
                case .error: 1
                case .warning: 2
                case .information: 3
                }
                return Finding(code: diagnostic.code.rawValue, severity: severity,
                               range: "\(range.start.line):\(range.start.character)-\(range.end.line):\(range.end.character)", message: diagnostic.message)
            }
            let published = client.diagnostics(uri)?["diagnostics"]?.arrayValue ?? []
            let actual = published.map { item in
                let range = item["range"]
                let spot = [range?["start"]?["line"], range?["start"]?["character"], range?["end"]?["line"], range?["end"]?["character"]].map { $0?.intValue ?? -1 }
                return Finding(code: item["code"]?.stringValue ?? "", severity: item["severity"]?.intValue ?? 0,
                               range: "\(spot[0]):\(spot[1])-\(spot[2]):\(spot[3])", message: item["message"]?.stringValue ?? "")
            }
            #expect(actual == expected, "\(report.path)\n  check: \(expected)\n  editor: \(actual)")
        }
    }

    /// `icp preview --format json`'s object of each file equals the editor's `icp/preview` on the
    /// same text: the same figures, overlap and last change; a file the command line refuses (an
    /// error in it, its data unreadable) the editor refuses too. `parity` holds an ICP with a
    /// dataset of its own and one with a schema error.
    @Test(arguments: folders)
    func previewAndTheEditorAgree(folder: String) async throws {
        let root = TestClient.fixtures
        let run = EvaluationRun.run(paths: [folder], today: Self.today, currentFolder: root)
        let client = TestClient(fileSystem: LocalFileSystem(), clock: { Self.today })
        _ = await client.initialize(root: root)
        var history = FileHistory()
        for file in run.files {
            let uri = file.url.absoluteString
            await client.open(uri, try String(contentsOf: file.url, encoding: .utf8))
            let answer = await client.request("icp/preview", .object(["textDocument": .object(["uri": .string(uri)])]))
            guard let listing = file.listing(change: await history.lastChange(of: file.url)) else {
                #expect(answer["error"] != nil, "\(file.path): the command line refuses it, the editor answers \(answer)")
                continue
            }
            let expected = try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(listing))
            #expect(answer["result"] == expected, "\(file.path)\n  cli:    \(expected)\n  editor: \(answer)")
        }
        #expect(!run.files.isEmpty)
    }
}
