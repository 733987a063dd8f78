import ArgumentParser
import FoundationEssentials
import ICPLanguage
import ICPEngine
import ICPBuilders
import ICPInsights
import ICPWorkspace

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Report problems in ICP files, like a compiler.",
        discussion: "Checks the given files and folders (folders recursively, for *.icp.yaml, *.icp.yml and *.icp.json), or the current folder. Exits 1 when any error is found."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, sarif
    }

    @OptionGroup var workspace: WorkspaceOptions

    @Option(help: "Output format: text (file:line:column: severity: message [code]), json or sarif (SARIF 2.1.0).")
    var format: Format = .text

    func run() throws {
        let run = CheckRun.run(paths: workspace.paths, today: .today, currentFolder: URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
                               access: workspace.data.access)
        for problem in run.problems { Output.error(problem) }
        let output: String
        switch format {
        case .text: output = TextFormat.render(run.reports)
        case .json: output = try JSONFormat.render(run.reports)
        case .sarif: output = try SARIFFormat.render(run.reports)
        }
        if !output.isEmpty { format == .text ? Output.write(output) : Output.writeData(output + "\n") }
        if !run.links.isEmpty, !run.foundNothing {
            let names = run.links.prefix(5).joined(separator: ", ") + (run.links.count > 5 ? ", ..." : "")
            Output.note("skipped \(run.links.count) ICP file\(run.links.count == 1 ? "" : "s") that \(run.links.count == 1 ? "is a symbolic link" : "are symbolic links"): \(names) (a link in a folder is not followed; name it to check it)")
        }
        if format == .text {
            if !run.passedOver.isEmpty {
                let names = run.passedOver.prefix(5).joined(separator: ", ") + (run.passedOver.count > 5 ? ", ..." : "")
                Output.note("passed over \(run.passedOver.count) YAML/JSON file\(run.passedOver.count == 1 ? "" : "s") not named *.icp.yaml, *.icp.yml or *.icp.json: \(names) (name a file to check it anyway)")
            }
            Output.note(TextFormat.summary(run.reports, otherErrors: run.problems.count))
        }
        if run.errorCount > 0 { throw ExitCode(1) }
    }
}

extension EvaluationRun {
    /// A run over `paths` relative to the current folder, as of today.
    static func here(_ paths: [String], access: DataAccess, accounts: AccountsSource? = nil) -> EvaluationRun {
        run(paths: paths, today: .today, currentFolder: URL(fileURLWithPath: FileManager.default.currentDirectoryPath), access: access, accounts: accounts)
    }

    /// One ICP file evaluated (`icp explain`, `icp list`): its file, ICP, data and evaluation,
    /// and the session that evaluated it; what went wrong is printed and ends the command with
    /// exit code 1.
    static func one(_ file: String, access: DataAccess, accounts: AccountsSource? = nil) throws
        -> (file: EvaluatedFile, icp: ICP, data: EvaluationData, evaluation: ICPEvaluation, session: WorkspaceSession) {
        let run = here([file], access: access, accounts: accounts)
        for problem in run.problems { Output.error(problem) }
        guard let evaluated = run.files.first, let icp = evaluated.document.icp else { throw ExitCode(1) }
        switch evaluated.result {
        case .success(let (data, evaluation)): return (evaluated, icp, data, evaluation, run.session)
        case .failure(let failure):
            Output.error(failure.description)
            throw ExitCode(1)
        }
    }
}
