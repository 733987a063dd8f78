import ArgumentParser
import FoundationEssentials
import ICPLanguage
import ICPEngine
import ICPBuilders
import ICPInsights
import ICPWorkspace

struct ColumnsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "columns",
        abstract: "Show how the workspace's accounts were read: the file's dialect, and per column its type, unit, values and role.",
        discussion: """
            First how the file was read (delimiter, quoting, header line, encoding), then for each column its type and unit, \
            the share present, distinct values, the most frequent values or the range, and what icp draft reads it as. \
            Then what the reading could not settle (dates that read both ways, a `-` among numbers...), each with the line \
            to add to icp.workspace.yaml. With --rows, the table itself as it was read: --format csv writes a typed table \
            (numbers in each column's unit, ISO dates, true/false, lists as JSON arrays) that a warehouse loads as \
            `icp sql --schema` declares it; --values written writes every cell as the file writes it.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, csv, jsonl
    }

    enum Values: String, ExpressibleByArgument, CaseIterable {
        case typed, written
    }

    @Argument(help: "The workspace folder (default: the current folder).")
    var folder: String?

    @Option(help: "The workspace folder, as the FOLDER argument gives it.")
    var workspace: String?

    @Option(help: "text (default), json (the reading and each column's type, unit and questions), or with --rows csv or jsonl (the rows as read).")
    var format: Format = .text

    @Option(help: "Write the table's rows as read: a number of rows, or `all`. Needs --format csv or jsonl.")
    var rows: String?

    @Option(help: "With --rows: typed (default) values, or every cell as written in the file.")
    var values: Values = .typed

    @Flag(name: .customLong("raw-csv"), help: "Write CSV cells as they are: without the leading ' that keeps a spreadsheet from running a cell starting with =, +, -, @ as a formula.")
    var rawCSV = false

    @OptionGroup var data: DataOptions

    func validate() throws {
        if rows != nil, format == .text || format == .json {
            throw ValidationError("--rows writes the table: give --format csv or --format jsonl.")
        }
        if rows == nil, format == .csv || format == .jsonl {
            throw ValidationError("--format \(format.rawValue) writes rows: give --rows N or --rows all.")
        }
        if let rows, rows != "all", Int(rows).map({ $0 < 0 }) ?? true {
            throw ValidationError("--rows takes a number of rows or `all`, not `\(rows)`.")
        }
    }

    func run() throws {
        let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let anchor = URL(fileURLWithPath: folder ?? workspace ?? ".", relativeTo: here).standardizedFileURL.appendingPathComponent("columns.icp.yaml")
        let loaded = try NewFileWorkspace.load(anchor: anchor, access: data.access)
        let engine = loaded.data.engine
        switch format {
        case .text:
            let (report, hints) = ColumnsReport.text(engine: engine, datasetName: loaded.data.datasetName)
            Output.write(report)
            if let hints { Output.note(hints) }
        case .json: Output.writeData(ColumnsReport.json(engine: engine, datasetName: loaded.data.datasetName) + "\n")
        case .csv, .jsonl:
            let count = rows == "all" ? engine.accounts.rowCount : min(Int(rows ?? "0") ?? 0, engine.accounts.rowCount)
            ColumnsReport.writeRows(engine.accounts, count: count, format: format, written: values == .written, guardingFormulas: !rawCSV)
        }
    }
}
