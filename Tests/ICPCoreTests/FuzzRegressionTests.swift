import Foundation
import Testing
@testable import ICPCore
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
}
