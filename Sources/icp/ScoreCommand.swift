import ArgumentParser
import FoundationEssentials
import SystemPackage
import ICPLanguage
import ICPEngine
import ICPBuilders
import ICPInsights
import ICPDataset
import ICPWorkspace

struct ScoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Stamp every account with icp_code, icp_score and icp_tier across the live ICPs.",
        discussion: """
            Among the live ICPs an account qualifies for, the lowest priority wins, then the higher score, then the \
            code in ascending order. Accounts that qualify for none get an empty code, score 0 and no tier. \
            With --qualified or --top the accounts come highest score first; otherwise in the data's order. \
            --accounts scores another table (a list of website visitors, say) with the workspace's column settings: \
            icp score midmarket.icp.yaml --accounts visitors.csv --qualified --top 12 --columns name --format table. \
            With --out the file is written whole or not at all.
            """
    )

    @OptionGroup var workspace: WorkspaceOptions

    @OptionGroup var selection: AccountSelection

    @Flag(help: "Only the accounts that qualify for an ICP.")
    var qualified = false

    @Flag(help: "Add why: the score parameters matched, or what keeps the account out.")
    var why = false

    @Option(help: "Write to this file instead of standard output.")
    var out: String?

    @Option(help: "Output format: csv (id,icp_code,icp_score,icp_tier), jsonl or table.")
    var format: AccountOutput.Format = .csv

    func run() throws {
        let source = try selection.source()
        let run = EvaluationRun.here(workspace.paths, access: workspace.data.access, accounts: source)
        for problem in run.problems { Output.error(problem) }
        var entries: [WorkspaceScoring.Entry] = []
        var engine: Engine?
        var inputs = run.files.map(\.url)
        for file in run.files {
            switch file.result {
            case .failure(let failure):
                Output.error(failure.description)
                throw ExitCode(1)
            case .success(let (data, evaluation)):
                guard let icp = file.document.icp, icp.status == .live else { continue }
                if let engine, engine !== data.engine {
                    Output.error("\(file.path) runs on \(data.datasetName), not on the dataset of the other live ICPs; score one dataset at a time.")
                    throw ExitCode(1)
                }
                engine = data.engine
                inputs += data.files
                entries.append(WorkspaceScoring.Entry(icp: icp, evaluation: evaluation))
            }
        }
        guard let engine else {
            Output.error("no live ICP found (set `status: live` on the ICPs that should assign codes).")
            throw ExitCode(1)
        }
        if engine.accountKeyName == "row", source == nil {
            Output.error("the accounts have no `\(engine.settings.accountIDField)` column to identify them; set keys.account_id in icp.workspace.yaml.")
            throw ExitCode(1)
        }
        // Files name the key `id`, as format.md promises; a table, read by a person, by its own name.
        var fields = [format == .table ? engine.accountKeyName : "id"]
        fields += ["icp_code", "icp_score", "icp_tier"]
        let extra = try AccountOutput.extraColumns(selection.columns, in: engine.accounts, besides: fields + (why ? ["why"] : []))
        let assignments = WorkspaceScoring.assign(entries, rowCount: engine.accounts.rowCount)
        let key = engine.accountKey
        var rows = Array(assignments.indices)
        if qualified { rows = rows.filter { assignments[$0].code != nil } }
        // A list a person reads (`--qualified`, `--top`) is ranked; a whole file keeps the data's order.
        if qualified || selection.top != nil {
            rows.sort { a, b in
                let (x, y) = (assignments[a], assignments[b])
                if abs(x.score - y.score) > ScoreMath.tolerance { return x.score > y.score }
                if x.code != y.code { return (x.code ?? "\u{10FFFF}") < (y.code ?? "\u{10FFFF}") }
                return (key(a) ?? "", a) < (key(b) ?? "", b)
            }
            rows = Array(rows.prefix(selection.top ?? rows.count))
        }
        fields += extra.map(\.name) + (why ? ["why"] : [])
        let lines = rows.map { row -> [AccountOutput.Value] in
            let assignment = assignments[row]
            var values: [AccountOutput.Value] = [.text(key(row)), .text(assignment.code), .score(assignment.score), .text(assignment.tier)]
            values += extra.map { .text($0.text(atRow: row)) }
            if why { values.append(.text(reason(row, assignment: assignment, entries: entries, engine: engine))) }
            return values
        }
        let text = try AccountOutput.render(fields: fields, rows: lines, format: format, guardingFormulas: !selection.rawCSV)
        if let out {
            try ScoredOutput.write(text, to: URL(fileURLWithPath: out), inputs: inputs, session: run.session)
            let coded = rows.filter { assignments[$0].code != nil }.count
            Output.note("wrote \(CountFormat.grouped(rows.count)) accounts (\(CountFormat.grouped(coded)) with a code) to \(out)")
        } else if format == .table {
            Output.write(text)
        } else {
            Output.writeData(text)
        }
    }

    /// Why: the assigned ICP's reason, or, for an account no ICP takes, the first live ICP's
    /// (by priority, then code), named when there are several.
    private func reason(_ row: Int, assignment: RecordAssignment, entries: [WorkspaceScoring.Entry], engine: Engine) -> String {
        let live = entries.filter { $0.icp.status == .live }.sorted {
            $0.icp.priority != $1.icp.priority ? $0.icp.priority < $1.icp.priority : ($0.icp.code?.value ?? "") < ($1.icp.code?.value ?? "")
        }
        guard let entry = live.first(where: { $0.icp.code?.value == assignment.code }) ?? live.first else { return "" }
        let described = AccountList.describe(row, icp: entry.icp, evaluation: entry.evaluation, engine: engine).reason
        return assignment.code == nil && live.count > 1 ? "\(entry.icp.code?.value ?? ""): \(described)" : described
    }

}

/// The accounts `icp score` and `icp list` work on and how many: another table (`--accounts`),
/// `--top N`, and `--columns` to add.
struct AccountSelection: ParsableArguments {
    @Option(help: "The accounts of this CSV or JSON Lines file (- for standard input) instead of the workspace's dataset.")
    var accounts: String?

    @Option(help: "The N highest scores (then by code, then by key).")
    var top: Int?

    @Option(help: "Columns of the accounts to add, separated by commas (name,domain).")
    var columns: String?

    @Flag(name: .customLong("raw-csv"), help: "Write CSV cells as they are: without the leading ' that keeps a spreadsheet from running a cell starting with =, +, -, @ as a formula.")
    var rawCSV = false

    func validate() throws {
        if let top, top < 1 { throw ValidationError("--top takes a positive number of accounts") }
    }

    /// `--accounts`: `-` is standard input; anything else a file.
    func source() throws -> AccountsSource? {
        guard let accounts else { return nil }
        guard accounts == "-" else {
            return .file(URL(fileURLWithPath: accounts, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL)
        }
        return .standardInput(try Self.standardInput())
    }

    /// Standard input, read in blocks up to the size of the largest data file (2 GB): `yes | icp
    /// score --accounts -` is refused once past it, instead of taking all memory. The blocks are
    /// joined once, at their final size, each let go once copied.
    private static func standardInput(limit: Int = DatasetLoader.maximumFileSize) throws -> [UInt8] {
        var blocks: [[UInt8]] = []
        var total = 0
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = try buffer.withUnsafeMutableBytes { try FileDescriptor.standardInput.read(into: $0, retryOnInterrupt: true) }
            guard count > 0 else { break }
            let block = Array(buffer[0..<count])
            total += block.count
            guard total <= limit else {
                Output.error("standard input holds more than \(limit / 1_048_576) MB, the most icp reads as data; give it a sample of the accounts (for example every tenth row).")
                throw ExitCode(1)
            }
            blocks.append(block)
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(total)
        blocks.reverse()
        while let block = blocks.popLast() { bytes += block }
        return bytes
    }
}
