import ArgumentParser
import FoundationEssentials
import ICPLanguage
import ICPEngine
import ICPBuilders
import ICPInsights
import ICPWorkspace

struct DeriveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "derive",
        abstract: "Propose an ICP from won and lost deals: the values and ranges won accounts have in common.",
        discussion: """
            Reads the workspace's accounts and outcome column and writes a draft ICP: filters for what nearly every \
            won account has, weighted scores for what is over-represented among won accounts, excludes for what is \
            over-represented among lost ones, each with its evidence. Without --out the file goes to stdout and the \
            summary to stderr. --validate learns on part of the accounts and backtests on the rest. The same data \
            and options give the same file. See Documentation/derive.md.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case yaml, json
    }

    @Argument(help: "The workspace folder (default: the current folder).")
    var folder = "."

    @Option(help: "Write the ICP to this new file (refused if it exists); default: stdout.")
    var out: String?

    @Option(help: "The ICP file's format.")
    var format: Format = .yaml

    @Option(help: "The ICP code (default: derived, or derived-2 and on when the workspace uses it).")
    var code: String?

    @Option(help: "The ICP's display name.")
    var name = "Derived from won deals"

    @Option(help: "Learn only from accounts created on or after this date (YYYY-MM-DD; keys.created).")
    var since: String?

    @Option(help: "Learn only from accounts created in this period before as_of: 90d, 26w, 12m, 2y.")
    var last: String?

    @Option(parsing: .unconditional, help: "At most this many parameters.")
    var maxParameters = 8

    @Option(parsing: .unconditional, help: "min_score keeps at least this share (0 to 1) of the won accounts; among such cuts, the one with the best win rate.")
    var coverage = DeriveOptions().coverage

    @Flag(help: "Use date and year columns whose win rate follows account age (left out by default: timing, not fit).")
    var allowTiming = false

    @Option(help: "A column never to use (repeatable).")
    var ignore: [String] = []

    @Option(help: "Churned accounts count as lost, or are left out.")
    var churned: BacktestCommand.Churned = .lost

    @Flag(name: .customLong("validate"), help: "Learn on all but a held-out share of the accounts, then backtest the proposal on that share.")
    var validating = false

    @Option(parsing: .unconditional, help: "The share held out by --validate.")
    var holdout = 0.3

    @Option(parsing: .unconditional, help: "The seed picking the held-out accounts.")
    var seed: UInt64 = 1

    @OptionGroup var data: DataOptions

    func validate() throws {
        guard (1...64).contains(maxParameters) else { throw ValidationError("--max-parameters takes 1 to 64") }
        if !(coverage.isFinite && coverage > 0 && coverage <= 1) { throw ValidationError("--coverage takes a share above 0 and at most 1, such as 0.5") }
        guard holdout.isFinite, holdout > 0, holdout < 1 else { throw ValidationError("--holdout takes a share above 0 and below 1, such as 0.3") }
        guard ICP.isValidCode(code ?? "derived") else { throw ValidationError("--code must look like `derived` or `mid-market_2`: lowercase letters, digits, - and _, starting with a letter or digit") }
        if since != nil, last != nil { throw ValidationError("give --since or --last, not both") }
    }

    func run() throws {
        let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let folderURL = URL(fileURLWithPath: folder, relativeTo: here).standardizedFileURL
        guard LocalFileSystem().isFolder(folderURL) == true else {
            Output.error("\(folder) is not a folder; give the workspace folder (the one holding icp.workspace.yaml).")
            throw ExitCode(1)
        }
        let loaded = try NewFileWorkspace.load(anchor: folderURL.appendingPathComponent("derived.icp.yaml"), access: data.access)
        let code = loaded.code(self.code, base: "derived")
        let evaluationData = loaded.data
        let engine = evaluationData.engine
        let options = try deriveOptions(asOf: engine.settings.asOf)
        guard let derivation = engine.derive(options) else {
            Output.error("the workspace names no outcome column (outcome.field in icp.workspace.yaml), so there are no won deals to learn from.")
            throw ExitCode(1)
        }
        guard derivation.caution == nil, !derivation.parameters.isEmpty else {
            Output.error(derivation.caution ?? "no column separates won from lost accounts clearly enough to propose a parameter (\(CountFormat.grouped(derivation.total.won)) won, \(CountFormat.grouped(derivation.total.lost)) lost). See the notes below.")
            Output.note(DeriveReport.leftOut(derivation))
            throw ExitCode(1)
        }
        let file = DerivedICPText(derivation, code: code, name: name, header: header(derivation, options: options, dataset: evaluationData.datasetName))
        let text = format == .yaml ? file.yaml : file.json
        let icp = try loaded.checked(text, format: format == .yaml ? .yaml : .json, at: folderURL.appendingPathComponent("derived.icp.yaml"), builder: "derive")
        let evaluation = engine.evaluate(icp)
        var report = DeriveReport.summary(derivation, icp: icp, evaluation: evaluation, dataset: evaluationData.datasetName)
        if validating, let result = engine.backtest(evaluation, split: .holdout(fraction: holdout, seed: seed), churnedAsLost: churned == .lost) {
            report += "\n\nOn the held-out \(CountFormat.percent(holdout, digits: 0)) (seed \(seed)), which the derivation did not see:\n"
            report += BacktestCommand.table([(icp, result)])
        }
        try NewFileWorkspace.deliver(text, report: report, out: out, relativeTo: here)
    }

    private func deriveOptions(asOf: CalendarDate) throws -> DeriveOptions {
        var options = DeriveOptions()
        if let since {
            guard let day = CalendarDate(parsing: since) else { throw ValidationError("--since takes a date written YYYY-MM-DD, not `\(since)`") }
            options.since = day
        }
        if let last {
            guard let day = PeriodBack.start(of: last, endingAt: asOf) else { throw ValidationError("--last takes a period such as 90d, 26w, 12m or 2y, not `\(last)`") }
            options.since = day
        }
        if validating { options.heldOut = (holdout, seed) }
        options.maximumParameters = maxParameters
        options.coverage = coverage
        options.allowTiming = allowTiming
        options.ignoredFields = Set(ignore)
        options.churnedAsLost = churned == .lost
        return options
    }

    private func header(_ derivation: Derivation, options: DeriveOptions, dataset: String) -> [String] {
        var scope = "of \(CountFormat.grouped(derivation.trainingAccounts)) accounts in \(dataset)"
        if let since = options.since { scope += ", created on or after \(since)" }
        if let held = options.heldOut { scope += ", \(CountFormat.percent(held.fraction, digits: 0)) held out (seed \(held.seed))" }
        return [
            "\(DerivedICPText.marker) from \(CountFormat.grouped(derivation.total.won)) won and \(CountFormat.grouped(derivation.total.lost)) lost accounts (\(scope)).",
            "Above each parameter: the share of won and of lost accounts it matches, the lift of their win rate over",
            "the baseline with its 95% interval, and how many decided accounts it matches. A draft: review before going live.",
        ]
    }
}

/// The start of a period written `90d`, `26w`, `12m` or `2y` that ends at a day.
enum PeriodBack {
    static func start(of text: String, endingAt end: CalendarDate) -> CalendarDate? {
        guard let unit = text.last, let count = Int(text.dropLast()), (1...1200).contains(count) else { return nil }
        switch unit {
        case "d": return end.adding(days: -count)
        case "w": return end.adding(days: -7 * count)
        case "m", "y":
            let months = unit == "y" ? 12 * count : count
            let parts = end.components
            let index = parts.year * 12 + (parts.month - 1) - months
            let year = index / 12, month = index % 12 + 1
            return CalendarDate(year: year, month: month, day: min(parts.day, CalendarDate.daysIn(month: month, year: year)))
        default: return nil
        }
    }
}
