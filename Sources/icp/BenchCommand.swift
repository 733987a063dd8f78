import ArgumentParser
import FoundationEssentials
import ICPLanguage
import ICPEngine
import ICPBuilders
import ICPInsights
import ICPDataset

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure how fast icp works on this machine (prints figures; build with -c release).",
        // A tool for icp's own benchmarks (Documentation/performance.md), not for users' help.
        shouldDisplay: false,
        subcommands: [CheckBench.self, LoadBench.self, DeriveBench.self, DraftBench.self]
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

    @Option(parsing: .unconditional, help: "How many timed runs (after 50 warm-up runs).")
    var iterations = 2000

    func run() throws {
        let url = URL(fileURLWithPath: file)
        let text = try String(contentsOf: url, encoding: .utf8)
        let format = SourceFormat(fileName: url.lastPathComponent)
        let context = CheckContext(asOf: .today)
        var findings = 0
        for _ in 0..<50 { findings = ICPDocument(text: text, format: format).check(in: context).count }
        let timing = try Timing.measure(iterations) { findings = ICPDocument(text: text, format: format).check(in: context).count }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count
        print("file: \(file) (\(lines) lines, \(text.utf8.count) bytes, \(findings) findings)")
        print("parse+check ms: median \(timing.format(0.5, digits: 3))  p95 \(timing.format(0.95, digits: 3))  min \(timing.format(0, digits: 3))  (\(timing.count) runs)")
    }
}

/// Times reading one dataset file into a column store, in process.
struct LoadBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load",
        abstract: "Time reading a CSV or JSON Lines dataset into columns, in process.",
        discussion: "Two figures: cold, parsing the file each time without the cache; warm, reading the cache (written once, untimed, before the warm runs)."
    )

    @Argument(help: "The dataset file.")
    var file: String

    @Option(parsing: .unconditional, help: "How many timed runs.")
    var iterations = 3

    @Option(help: "Columns read as lists (separator ;), comma-separated.")
    var lists = "tech_stack"

    func run() throws {
        let url = URL(fileURLWithPath: file)
        let fields = Dictionary(uniqueKeysWithValues: lists.split(separator: ",").map { (String($0), FieldOverride(type: .list, separator: ";")) })
        let options = DatasetOptions(missingValues: ["N/A", "-"], fields: fields)
        var rows = 0
        let cold = try Timing.measure(iterations) { rows = try DatasetLoader.load(url, name: file, options: options, cache: false).rowCount }
        _ = try DatasetLoader.load(url, name: file, options: options)
        let warm = try Timing.measure(iterations) { rows = try DatasetLoader.load(url, name: file, options: options).rowCount }
        let bytes = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
        print("file: \(file) (\(CountFormat.grouped(rows)) rows, \(CountFormat.grouped(bytes)) bytes)")
        print("cold load ms (parse, no cache): median \(cold.format(0.5, digits: 1))  min \(cold.format(0, digits: 1))  (\(cold.count) runs)")
        print("warm load ms (from the cache): median \(warm.format(0.5, digits: 1))  min \(warm.format(0, digits: 1))  (\(warm.count) runs)")
    }
}

/// Wall-clock samples of repeated runs, in milliseconds, sorted.
struct Timing {
    let samples: [Double]

    var count: Int { samples.count }

    static func measure(_ iterations: Int, _ body: () throws -> Void) throws -> Timing {
        let clock = ContinuousClock()
        var samples: [Double] = []
        for _ in 0..<max(iterations, 1) {
            let elapsed = try clock.measure(body)
            samples.append(elapsed.seconds * 1e3)
        }
        return Timing(samples: samples.sorted())
    }

    /// The sample at `percentile` (0...1) with `digits` decimals.
    func format(_ percentile: Double, digits: Int) -> String {
        CountFormat.decimal(samples[min(samples.count - 1, Int(Double(samples.count) * percentile))], digits: digits)
    }
}
