import FoundationEssentials
import ICPLanguage
import ICPEngine
import ICPBuilders
import ICPInsights

/// Why a builder (draft, refine) wrote nothing: said the same way by `icp` and the editor.
public struct BuilderFailure: Error, Sendable, CustomStringConvertible {
    public let description: String
    /// Words of the sentence that fit no column (a draft with no parameter lists them).
    public let unmapped: [String]

    init(_ description: String, unmapped: [String] = []) {
        self.description = description
        self.unmapped = unmapped
    }
}

/// A draft as `icp draft` prints it and the editor's `icp.draft` returns it: the text of the
/// new file, what it was made of, and its figures as `icp preview` will give them once written.
public struct DraftOutcome: Sendable {
    public let text: String
    public let code: String
    public let draft: ICPDraft
    /// The file as written, evaluated on the data it runs on, with its overlap.
    public let preview: ICPPreview
    public let datasetName: String
}

/// A refinement as `icp refine` prints it and the editor's `icp.refine` returns it: the new
/// text and its edit, and the figures before and after, each on the file's own data.
public struct RefineOutcome: Sendable {
    public let refinement: Refinement
    public let before: ICPPreview?
    public let after: ICPPreview?
    public let datasetName: String
}

extension WorkspaceSession {
    /// The data a new file at `file` runs on (it has no `dataset` of its own: its workspace's,
    /// or the built-in sample), read now if needed; a failure when its workspace file has an
    /// error or the data cannot be read.
    public func dataForNewFile(at file: URL) -> Result<EvaluationData, BuilderFailure> {
        if let blocking = FileChecker.blockingError(of: workspace(for: file), provider: provider) {
            return .failure(BuilderFailure("\(blocking.described(display: display)) Fix the workspace file first (`icp check` lists every error)."))
        }
        return data(for: ICP(range: SourceRange(at: .start)), at: file).mapError { BuilderFailure($0.error.description) }
    }

    /// `icp draft` and `icp.draft`: `sentence` drafted on the data of the new file at `target`
    /// (its workspace's: a draft has no `dataset`), with `code` (else the first free `draft`,
    /// `draft-2`... that `accepts`), checked as that file before anything is written.
    public func draft(_ sentence: String, at target: URL, code asked: String? = nil, name: String? = nil,
                      accepts: (String) -> Bool = { _ in true }) -> Result<DraftOutcome, BuilderFailure> {
        let data: EvaluationData
        switch dataForNewFile(at: target) {
        case .success(let loaded): data = loaded
        case .failure(let failure): return .failure(failure)
        }
        let draft = data.engine.draft(sentence)
        guard !draft.parameters.isEmpty else {
            return .failure(BuilderFailure("no words of the sentence map onto a column or value of \(data.datasetName)", unmapped: draft.unmapped.map(\.described)))
        }
        guard draft.conflicts.isEmpty else {
            return .failure(BuilderFailure("the sentence contradicts itself: \(draft.conflicts.joined(separator: "; "))"))
        }
        let code = asked ?? freeCode(base: "draft", near: target, accepts: accepts)
        let format = SourceFormat(fileName: target.lastPathComponent)
        let file = draft.file(code: code, name: name ?? draft.suggestedName)
        let text = format == .json ? file.json : file.yaml
        // Checked as the file it will be, data checks included; a code the caller asked for that
        // another file uses is the caller's to warn of.
        let analysis = analysis(of: ICPDocument(text: text, format: format), at: target, readsData: true)
        let errors = analysis.diagnostics.filter { $0.severity == .error && (asked == nil || $0.code != .duplicateCode) }
        guard errors.isEmpty, let icp = ICPDocument(text: text, format: format).icp, let evaluation = analysis.evaluation else {
            return .failure(BuilderFailure("the draft does not pass its own checks (\(errors.first?.message ?? "it cannot be evaluated")); this is a bug in icp draft, please report it"))
        }
        var preview = ICPPreview(icp: icp, evaluation: evaluation)
        preview.overlap = analysis.overlap
        return .success(DraftOutcome(text: text, code: code, draft: draft, preview: preview, datasetName: data.datasetName))
    }

    /// `icp refine` and `icp.refine`: `text` (the file at `file`, as open or read) changed by
    /// `instruction` on the file's own data, refused when the result would have an error the
    /// text did not; the figures before and after, as `icp preview` gives them.
    public func refine(_ text: String, at file: URL, instruction: String) -> Result<RefineOutcome, BuilderFailure> {
        let format = SourceFormat(fileName: file.lastPathComponent)
        let original = ICPDocument(text: text, format: format)
        guard let icp = original.icp else { return .failure(BuilderFailure("the file cannot be read as an ICP; fix its syntax first (`icp check`)")) }
        let data: EvaluationData
        switch self.data(for: icp, at: file) {
        case .success(let loaded): data = loaded
        case .failure(let failure): return .failure(BuilderFailure(failure.error.description))
        }
        let refinement: Refinement
        switch data.engine.refine(text, format: format, instruction: instruction, checkedIn: workspace(for: file).checkContext(today: today)) {
        case .success(let done): refinement = done
        case .failure(let failure): return .failure(BuilderFailure(failure.description))
        }
        func preview(_ text: String) -> ICPPreview? {
            let document = ICPDocument(text: text, format: format)
            let analysis = analysis(of: document, at: file, readsData: true)
            guard let icp = document.icp, let evaluation = analysis.evaluation else { return nil }
            var preview = ICPPreview(icp: icp, evaluation: evaluation)
            preview.overlap = analysis.overlap
            return preview
        }
        return .success(RefineOutcome(refinement: refinement, before: preview(refinement.original), after: preview(refinement.text), datasetName: data.datasetName))
    }
}
