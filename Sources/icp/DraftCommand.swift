import ArgumentParser
import FoundationEssentials
import ICPLanguage
import ICPEngine
import ICPBuilders
import ICPInsights
import ICPWorkspace

struct DraftCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "draft",
        abstract: "Draft an ICP from one sentence, mapped onto the columns and values of your data.",
        discussion: """
            Reads the sentence against the workspace's dataset: sizes and bands, places and regions, industries \
            (with synonyms and spelling tolerance), tools, funding stage and growth, and the words that set each \
            parameter's mode (must/only: filter; ideally/prefer/bonus: score; excluding/not/no: exclude). Words that \
            fit no column are kept as comments and named, never turned into a column. Without --out the file goes to \
            stdout and the summary to stderr. The same sentence and data give the same file. See Documentation/draft.md.
            """
    )

    @Argument(help: "Who your best customer is, in one sentence.")
    var sentence: String

    @Option(help: "Write the ICP to this new file (refused if it exists); .icp.json gives JSON. Default: stdout.")
    var out: String?

    @Option(help: "The ICP code (default: draft, or draft-2 and on when the workspace uses it).")
    var code: String?

    @Option(help: "The ICP's display name (default: the sentence's first words).")
    var name: String?

    @Option(help: "The workspace folder, when there is no --out (default: the current folder).")
    var workspace = "."

    @OptionGroup var data: DataOptions

    func validate() throws {
        guard ICP.isValidCode(code ?? "draft") else { throw ValidationError("--code must look like `draft` or `mid-market_2`: lowercase letters, digits, - and _, starting with a letter or digit") }
        guard !sentence.trimmingWhitespace().isEmpty else { throw ValidationError("give a sentence, such as \"SaaS companies in EMEA with 51-500 employees\"") }
        guard sentence.utf8.count <= ICPDraft.maximumSentenceBytes else {
            throw ValidationError("the sentence is over \(CountFormat.grouped(ICPDraft.maximumSentenceBytes)) bytes; one sentence is enough")
        }
    }

    func run() throws {
        let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let target = out.map { URL(fileURLWithPath: $0, relativeTo: here).standardizedFileURL }
        let anchor = target ?? URL(fileURLWithPath: workspace, relativeTo: here).standardizedFileURL.appendingPathComponent("draft.icp.yaml")
        let session = WorkspaceSession.here(access: data.access)
        if let problem = session.resolveNow(anchor) { Output.error(problem) }
        switch session.draft(sentence, at: anchor, code: code, name: name) {
        case .failure(let failure):
            Output.error(failure.description + (failure.description.hasPrefix("the sentence contradicts") ? ". Nothing was written." : "."))
            if !failure.unmapped.isEmpty { Output.note(failure.unmapped.map { "  not mapped: \($0)" }.joined(separator: "\n")) }
            throw ExitCode(failure.description.contains("this is a bug") ? 70 : 1)
        case .success(let outcome):
            if code != nil { NewFileWorkspace.warnIfTaken(outcome.code, used: session.members(sharingWorkspaceWith: anchor).filter { $0.file != anchor }, display: session.display) }
            let report = DraftReport.summary(outcome.draft, preview: outcome.preview, dataset: outcome.datasetName)
            try NewFileWorkspace.deliver(outcome.text, report: report, out: out, relativeTo: here)
        }
    }
}
