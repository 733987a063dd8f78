import ArgumentParser
import FoundationEssentials
import ICPLanguage
import ICPEngine
import ICPBuilders
import ICPInsights
import ICPWorkspace

struct FmtCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fmt",
        abstract: "Rewrite ICP and workspace files in one canonical layout.",
        discussion: """
        Formats the given files and folders (folders recursively, for *.icp.yaml, *.icp.yml, *.icp.json and \
        icp.workspace.yaml), or the current folder. Only the layout changes: key order, indentation, \
        quotes, inline or block lists (Documentation/format.md, Layout); comments, the byte order mark and line \
        endings stay. A file that is not valid YAML or JSON is left as it is, with the error. Exits 1 on an error, \
        and with --check or --diff when a file is not in the layout.
        """
    )

    @Argument(help: "ICP files, workspace files or folders (default: the current folder).")
    var paths: [String] = []

    @Flag(help: "Change nothing; list the files not in the layout (for CI).")
    var check = false

    @Flag(help: "Change nothing; print the changes as a unified diff.")
    var diff = false

    func run() throws {
        let selection = FileSelection(paths: paths, currentFolder: URL(fileURLWithPath: FileManager.default.currentDirectoryPath), nestedWorkspaces: true)
        for problem in selection.problems { Output.error(problem) }
        var failures = selection.problems.count
        var changed: [String] = []
        let files = selection.workspaceFiles + selection.icpFiles
        for url in files {
            let shown = selection.display(url)
            let name = url.lastPathComponent
            let source: SourceFile
            do {
                source = try SourceFile.read(url)
            } catch {
                Output.error("\(shown) \(error.message)")
                failures += 1
                continue
            }
            if let invalid = source.encodingDiagnostic {
                Output.error("\(shown):\(invalid.range.start.line + 1): \(invalid.message) icp fmt rewrites text and would replace those bytes; the file is left as it is.")
                failures += 1
                continue
            }
            switch ICPFormatter.format(source.text, format: SourceFormat(fileName: name), file: FormattedFile(fileName: name)) {
            case .syntaxError(let error):
                let text = SourceText(source.text)
                let column = text.column(of: error.range.start, in: .unicodeScalars) + 1
                Output.error("\(shown):\(error.range.start.line + 1):\(column): \(error.message) The file is left as it is.")
                failures += 1
            case .refused(let reason):
                Output.error("\(shown): \(reason).")
                failures += 1
            case .formatted(let text):
                guard text != source.text else { continue }
                changed.append(shown)
                if diff {
                    Output.writeData(LineDiff(from: source.text, to: text).unified(path: shown))
                } else if check {
                    Output.write(shown)
                } else {
                    do {
                        try OutputFile.update(Data(text.utf8), at: url, expecting: source.text)
                    } catch {
                        Output.error(error.description)
                        failures += 1
                        changed.removeLast()
                    }
                }
            }
        }
        let total = "\(files.count) file\(files.count == 1 ? "" : "s")"
        if check || diff {
            Output.note(changed.isEmpty ? "\(total) in the layout" : "\(changed.count) of \(total) not in the layout; run icp fmt to rewrite \(changed.count == 1 ? "it" : "them")")
        } else {
            Output.note("\(changed.count) of \(total) rewritten")
        }
        if failures > 0 || ((check || diff) && !changed.isEmpty) { throw ExitCode(1) }
    }
}
