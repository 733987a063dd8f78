import FoundationEssentials
import ICPLanguage
import ICPEngine
import ICPBuilders
import ICPInsights
import ICPWorkspace
import ICPFeatures

/// A document the client has open, with its latest analysis.
struct OpenDocument {
    let uri: String
    /// The file it stands for (an untitled document gets a name in the current folder).
    let url: URL
    let kind: Kind
    var version: Int
    var text: String
    var document: ICPDocument
    var diagnostics: [Diagnostic] = []
    /// The evaluation of the current text, when it is complete and its data readable.
    var current: Evaluated?
    /// The last evaluation that was current, kept while the text is broken (previews say it is stale).
    var lastGood: Evaluated?
    /// The data the document runs on, known even before its text first evaluates (completions need it).
    var data: EvaluationData?
    /// Changed since its last analysis: changes that arrive together are analyzed once.
    var needsAnalysis = false
    /// Paths of the data files being read before the document's data checks can run.
    var waitingFor: [String] = []
    /// Its workspace is being looked up: nothing was analyzed yet.
    var awaitingWorkspace = false

    enum Kind {
        case icp, workspace
    }

    init?(uri: String, version: Int, text: String) {
        let url = Self.fileURL(uri)
        let name = url.lastPathComponent
        if ICPFileName.matches(name) {
            kind = .icp
        } else if name == WorkspaceKey.fileName {
            kind = .workspace
        } else {
            return nil
        }
        self.uri = uri
        self.url = url
        self.version = version
        self.text = text
        self.document = ICPDocument(text: text, format: SourceFormat(fileName: name))
    }

    var source: SourceText { document.source }

    /// What previews show: the current evaluation, or the last good one (stale) while the text is broken.
    var shown: (evaluated: Evaluated, stale: Bool)? {
        if let current { return (current, false) }
        return lastGood.map { ($0, true) }
    }

    static func fileURL(_ uri: String) -> URL {
        if let url = URL(string: uri), url.isFileURL { return url.standardizedFileURL }
        let name = uri.split(separator: "/").last.flatMap { PercentEncoding.decode(String($0)) } ?? "untitled.icp.yaml"
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(name)
    }

    /// Applies one change: the whole text when `range` is nil, else a replacement of that range.
    mutating func apply(_ change: TextDocumentContentChangeEvent, encoding: PositionEncoding) {
        guard let range = change.range else {
            text = change.text
            return
        }
        let source = SourceText(text)
        let bomShift = source.hadByteOrderMark ? 3 : 0
        let start = encoding.offset(range.start, in: source) + bomShift
        let end = max(start, encoding.offset(range.end, in: source) + bomShift)
        var bytes = Array(text.utf8)
        bytes.replaceSubrange(min(start, bytes.count)..<min(end, bytes.count), with: Array(change.text.utf8))
        text = String(decoding: bytes, as: UTF8.self)
    }
}
