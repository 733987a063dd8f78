import ArgumentParser
import Foundation
import ICPCore
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
        let format = SourceFormat(fileName: anchor.lastPathComponent)
        let loaded = try NewFileWorkspace.load(anchor: anchor, access: data.access)
        let engine = loaded.data.engine
        let draft = engine.draft(sentence)
        guard !draft.parameters.isEmpty else {
            Output.error("no words of the sentence map onto a column or value of \(loaded.data.datasetName).")
            Output.note(draft.unmapped.map { "  not mapped: \($0.described)" }.joined(separator: "\n"))
            throw ExitCode(1)
        }
        if !draft.conflicts.isEmpty {
            Output.error("the sentence contradicts itself: \(draft.conflicts.joined(separator: "; ")). Nothing was written.")
            throw ExitCode(1)
        }
        let file = draft.file(code: loaded.code(code, base: "draft"), name: name ?? draft.suggestedName)
        let text = format == .json ? file.json : file.yaml
        let icp = try loaded.checked(text, format: format, at: anchor, builder: "draft")
        let report = DraftReport.summary(draft, preview: ICPPreview(icp: icp, evaluation: engine.evaluate(icp)), dataset: loaded.data.datasetName)
        try NewFileWorkspace.deliver(text, report: report, out: out, relativeTo: here)
    }
}
