import FoundationEssentials
import ICPLanguage
import ICPEngine
import ICPBuilders
import ICPInsights
import ICPWorkspace
import ICPDataset

/// An ICP evaluated on its dataset: what previews, hovers, hints and lenses show.
public struct Evaluated: Sendable {
    public let icp: ICP
    public let evaluation: ICPEvaluation
    public let data: EvaluationData
    public let source: SourceText
    /// Its overlap with the workspace's other ICPs on the same data.
    public var overlap: [ICPPreview.OverlapFigures]?

    public init(icp: ICP, evaluation: ICPEvaluation, data: EvaluationData, source: SourceText, overlap: [ICPPreview.OverlapFigures]? = nil) {
        self.icp = icp
        self.evaluation = evaluation
        self.data = data
        self.source = source
        self.overlap = overlap
    }
}

/// An open ICP file as it is at the merge-base of HEAD with the default branch: what its "vs
/// main" lens compares the text being typed with.
public struct BaseVersion: Sendable {
    /// `main`, as the lens names it.
    public let branch: String
    /// The file's text there; nil when the file is new since.
    public let text: String?

    public init(branch: String, text: String?) {
        self.branch = branch
        self.text = text
    }
}

/// Everything the features know of one open file, at one version: immutable, so a feature is a
/// function of it and can run anywhere. The server makes one per request from its state.
public struct FileSnapshot: Sendable {
    public let url: URL
    public let version: Int
    public let document: ICPDocument
    /// The findings last published for this version.
    public let diagnostics: [Diagnostic]
    /// The evaluation of this text (nil while it has an error or its data is not read).
    public let current: Evaluated?
    /// The last evaluation that was current, while the text has an error.
    public let lastGood: Evaluated?
    /// The data the file runs on, known even before its text first evaluates.
    public let data: EvaluationData?
    /// "Loading data: 42% ..." while data the file needs is being read.
    public let loadingNote: String?
    /// The file at the merge-base with the default branch (nil: unknown, or no repository).
    public let base: BaseVersion?

    public init(url: URL, version: Int, document: ICPDocument, diagnostics: [Diagnostic], current: Evaluated?, lastGood: Evaluated?,
                data: EvaluationData?, loadingNote: String?, base: BaseVersion?) {
        self.url = url
        self.version = version
        self.document = document
        self.diagnostics = diagnostics
        self.current = current
        self.lastGood = lastGood
        self.data = data
        self.loadingNote = loadingNote
        self.base = base
    }

    public var source: SourceText { document.source }
    public var format: SourceFormat { SourceFormat(fileName: url.lastPathComponent) }

    /// What figures show: the current evaluation, or the last valid one (stale) while the text
    /// has an error: never a text with an error measured as current (the evaluation gate).
    public var shown: (evaluated: Evaluated, stale: Bool)? {
        if let current { return (current, false) }
        return lastGood.map { ($0, true) }
    }
}

extension FileSnapshot {
    /// The date the figures are as of (the workspace's `as_of`, else the day they were made).
    public var asOf: CalendarDate? { shown?.evaluated.data.engine.settings.asOf }

    /// Where `column` is named in the header of the data file the accounts come from: the
    /// header's text before its cell and the cell as written (for a JSON Lines file, whose first
    /// line has no header, both empty). Nil when the data has no such column.
    public func headerCell(of column: String) -> (file: URL, before: String, cell: String)? {
        guard let data, let file = data.files.first else { return nil }
        let names = data.engine.accounts.columnNames
        guard let index = names.firstIndex(of: column) else { return nil }
        let isCSV = !["jsonl", "ndjson"].contains(file.pathExtension.lowercased())
        guard isCSV else { return (file, "", "") }
        return (file, names.prefix(index).map { CSVWriting.field($0) + "," }.joined(), CSVWriting.field(column))
    }
}
