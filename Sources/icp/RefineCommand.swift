import ArgumentParser
import FoundationEssentials
import ICPLanguage
import ICPEngine
import ICPBuilders
import ICPInsights
import ICPWorkspace

struct RefineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "refine",
        abstract: "Edit an ICP file by an instruction in words, keeping its comments and formatting.",
        discussion: """
            Steps are split at ';' and before 'and'/'then' followed by a verb: drop the geo filter; make industry a \
            hard filter; replace it with a score; add a uses Snowflake boost; exclude companies with fewer than 20 \
            engineering hires; raise the employee floor to 100; double the weight of tech. Words it cannot map onto \
            the file or the data are an error that names them, and nothing is written. Prints the preview before and \
            after; --dry-run prints the change as a diff and writes nothing. See Documentation/draft.md.
            """
    )

    @Argument(help: "The ICP file to edit.")
    var file: String

    @Argument(help: "What to change, in words.")
    var instruction: String

    @Flag(help: "Print the change as a unified diff; write nothing.")
    var dryRun = false

    @OptionGroup var data: DataOptions

    func run() throws {
        let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let url = URL(fileURLWithPath: file, relativeTo: here).standardizedFileURL
        // A file named directly is read whatever its name, as format.md says, if it is YAML or JSON.
        guard ICPFileName.isYAMLOrJSON(url.lastPathComponent), url.lastPathComponent != WorkspaceKey.fileName else {
            Output.error("\(file) is not an ICP file: name a YAML or JSON file (*.icp.yaml, *.icp.yml, *.icp.json, or any .yaml, .yml or .json named directly).")
            throw ExitCode(1)
        }
        let source: SourceFile
        do {
            source = try SourceFile.read(url)
        } catch {
            Output.error("\(file) \(error.message)")
            throw ExitCode(1)
        }
        if let invalid = source.encodingDiagnostic {
            // Refine edits text: the bytes that are not UTF-8 would come back as U+FFFD.
            Output.error("\(file):\(invalid.range.start.line + 1): \(invalid.message) icp refine rewrites text and would replace those bytes; nothing was changed.")
            throw ExitCode(1)
        }
        let session = WorkspaceSession.here(access: data.access)
        if let problem = session.resolveNow(url) { Output.error(problem) }
        let outcome: RefineOutcome
        switch session.refine(source.text, at: url, instruction: instruction) {
        case .success(let done): outcome = done
        case .failure(let failure):
            Output.error("\(file): \(failure.description); nothing was changed.")
            throw ExitCode(1)
        }
        let refinement = outcome.refinement
        if dryRun {
            Output.writeData(LineDiff(from: refinement.original, to: refinement.text).unified(path: file))
            Output.note(refinement.edits.map { "  \($0)" }.joined(separator: "\n") + Self.questions(refinement))
            return
        }
        do {
            try OutputFile.update(Data(refinement.text.utf8), at: url, expecting: source.text)
        } catch {
            Output.error(error.description)
            throw ExitCode(1)
        }
        let rows = [("before", outcome.before), ("after", outcome.after)].compactMap { label, preview in preview.map { $0.labelled(label) } }
        Output.write(refinement.edits.map { "  \($0)" }.joined(separator: "\n") + Self.questions(refinement) + "\n\n" + PreviewTable.render(rows)
                     + "\non \(outcome.datasetName)\nwrote \(file)")
    }

    /// What the edit guessed, to confirm: never left unsaid.
    private static func questions(_ refinement: Refinement) -> String {
        refinement.questions.isEmpty ? "" : "\n\nQuestions (guesses to confirm):\n" + refinement.questions.map { "  \($0)" }.joined(separator: "\n")
    }
}
