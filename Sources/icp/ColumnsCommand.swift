import ArgumentParser
import Foundation
import ICPLanguage
import ICPEngine
import ICPBuilders
import ICPInsights
import ICPWorkspace

struct ColumnsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "columns",
        abstract: "Show how the workspace's accounts were read: per column its type, values and role.",
        discussion: "For each column: its type, the share present, distinct values, the most frequent values or the range, and what icp draft reads it as (country, size, money raised...). A text column most of whose cells hold a separator is flagged with the fields line that reads it as a list."
    )

    @Argument(help: "The workspace folder (default: the current folder).")
    var folder: String?

    @Option(help: "The workspace folder, as the FOLDER argument gives it.")
    var workspace: String?

    @OptionGroup var data: DataOptions

    func run() throws {
        let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let anchor = URL(fileURLWithPath: folder ?? workspace ?? ".", relativeTo: here).standardizedFileURL.appendingPathComponent("columns.icp.yaml")
        let loaded = try NewFileWorkspace.load(anchor: anchor, access: data.access)
        // A cell of the table stays on its line (Output.write escapes the other control characters).
        func oneLine(_ text: String) -> String { text.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\t", with: " ") }
        var rows = [["column", "type", "present", "distinct", "values", "read as"]]
        var hints: [String] = []
        for column in loaded.data.engine.columnSummaries() {
            let share = column.total == 0 ? 0 : Double(column.present) / Double(column.total)
            let values = column.spread.map { "\($0.minimum) … \($0.median) … \($0.maximum)" }
                ?? column.top.map { "\(oneLine(String($0.text.prefix(24)))) (\(CountFormat.grouped($0.count)))" }.joined(separator: ", ")
            rows.append([oneLine(column.name), column.type.rawValue, CountFormat.percent(share, digits: 0), CountFormat.grouped(column.distinct),
                         values, column.roles.joined(separator: ", ")])
            if let separator = column.likelySeparator {
                hints.append("`\(column.name)` looks like a list separated by `\(separator)`; to read it as one, add to icp.workspace.yaml:\n  fields:\n    \(ICPFileText.yamlText(column.name)): {type: list, separator: \"\(separator)\"}")
            }
        }
        Output.write(PreviewTable.align(rows) + "\non \(loaded.data.datasetName)")
        if !hints.isEmpty { Output.note(hints.joined(separator: "\n")) }
    }
}
