import Foundation
import Testing
@testable import ICPLanguage
@testable import ICPEngine
@testable import ICPBuilders
@testable import ICPInsights
@testable import ICPDataset

/// Inputs the fuzzers once crashed or hung on (Fuzz/regressions/), replayed on every test run.
struct FuzzRegressionTests {
    static let folder = FixturePaths.root.deletingLastPathComponent().appendingPathComponent("Fuzz/regressions")

    static func inputs(_ target: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(target).path)) ?? []).sorted()
    }

    private func bytes(_ target: String, _ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: Self.folder.appendingPathComponent(target).appendingPathComponent(name)))
    }

    @Test func thereAreRegressionsToReplay() {
        #expect(!Self.inputs("icp").isEmpty)
    }

    @Test("ICP inputs parse and check", arguments: inputs("icp"))
    func icp(name: String) throws {
        let text = String(decoding: try bytes("icp", name), as: UTF8.self)
        for format in [SourceFormat.yaml, .json] {
            _ = ICPDocument(text: text, format: format).check(in: CheckContext(asOf: CalendarDate(daysSinceEpoch: 20_758)))
        }
    }

    @Test("CSV inputs load or fail cleanly", arguments: inputs("csv"))
    func csv(name: String) throws {
        let input = try bytes("csv", name)
        for format in [DatasetFormat.csv, .jsonLines] {
            _ = try? DatasetLoader.load(input, name: name, format: format, options: DatasetOptions())
        }
    }

    /// Markdown and CSV writers: a code span is closed by its own fence only, counted in code
    /// points (a combining mark after a backtick does not hide it from the fence), and a CSV
    /// row reads back as its cells.
    @Test("writer inputs keep their structure", arguments: inputs("writers") + ["backtick-and-combining-mark"])
    func writers(name: String) throws {
        let text = name == "backtick-and-combining-mark" ? "`\u{32D} x" : String(decoding: try bytes("writers", name), as: UTF8.self)
        let code = Array(Markdown.code(text).unicodeScalars)
        let fence = code.prefix { $0 == "`" }.count
        #expect(code.isEmpty || (code.count >= 2 * fence && code.suffix(fence).allSatisfy { $0 == "`" }))
        var run = 0
        for scalar in code.dropFirst(fence).dropLast(fence) {
            run = scalar == "`" ? run + 1 : 0
            #expect(run < fence, "\(name): a code span holds its own fence")
        }
        for cell in text.split(separator: "\u{0}", omittingEmptySubsequences: false).map(String.init) {
            let written = CSVWriting.cell(cell)
            #expect(!written.unicodeScalars.contains { $0 == "\r" || $0 == "\n" } || written.hasPrefix("\""))
        }
    }
}
