import ArgumentParser
import Foundation
import ICPCore
import ICPDataset

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure how fast icp works on this machine (prints figures; build with -c release).",
        subcommands: [CheckBench.self, LoadBench.self]
    )
}

/// Times parse + lower + every data-free check of one ICP file, in process, as the editor will on each keystroke.
struct CheckBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Time parsing and checking one ICP file, in process."
    )

    @Argument(help: "The ICP file to time.")
    var file: String

    @Option(help: "How many timed runs (after 50 warm-up runs).")
    var iterations = 2000

    func run() throws {
        let url = URL(fileURLWithPath: file)
        let text = try String(contentsOf: url, encoding: .utf8)
        let format = SourceFormat(fileName: url.lastPathComponent)
        let context = CheckContext(asOf: .today)
        var findings = 0
        for _ in 0..<50 { findings = ICPDocument(text: text, format: format).check(in: context).count }
        let clock = ContinuousClock()
        var samples: [Double] = []
        samples.reserveCapacity(iterations)
        for _ in 0..<max(iterations, 1) {
            let elapsed = clock.measure { findings = ICPDocument(text: text, format: format).check(in: context).count }
            samples.append(Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1e3)
        }
        samples.sort()
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count
        func percentile(_ p: Double) -> String {
            String(format: "%.3f", samples[min(samples.count - 1, Int(Double(samples.count) * p))])
        }
        print("file: \(file) (\(lines) lines, \(text.utf8.count) bytes, \(findings) findings)")
        print("parse+check ms: median \(percentile(0.5))  p95 \(percentile(0.95))  min \(percentile(0))  (\(samples.count) runs)")
    }
}

/// Times reading one dataset file into a column store, in process.
struct LoadBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load",
        abstract: "Time reading a CSV or JSON Lines dataset into columns, in process."
    )

    @Argument(help: "The dataset file.")
    var file: String

    @Option(help: "How many timed runs.")
    var iterations = 3

    @Option(help: "Columns read as lists (separator ;), comma-separated.")
    var lists = "tech_stack"

    func run() throws {
        let url = URL(fileURLWithPath: file)
        let fields = Dictionary(uniqueKeysWithValues: lists.split(separator: ",").map { (String($0), FieldOverride(type: .list, separator: ";")) })
        let options = DatasetOptions(missingValues: ["N/A", "-"], fields: fields)
        let clock = ContinuousClock()
        var rows = 0
        var samples: [Double] = []
        for _ in 0..<max(iterations, 1) {
            let elapsed = try clock.measure { rows = try DatasetLoader.load(url, name: file, options: options).rowCount }
            samples.append(Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1e3)
        }
        samples.sort()
        let bytes = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
        print("file: \(file) (\(CountFormat.grouped(rows)) rows, \(CountFormat.grouped(bytes)) bytes)")
        print("load ms: median \(String(format: "%.1f", samples[samples.count / 2]))  min \(String(format: "%.1f", samples[0]))  (\(samples.count) runs)")
    }
}
