import FoundationEssentials
import ICPLanguage
import ICPEngine
import ICPBuilders
import ICPInsights

struct SelectionRangeParams: Codable, Sendable {
    var textDocument: TextDocumentIdentifier
    var positions: [LSPPosition]
}

/// One step of "expand selection", with the larger range around it.
final class SelectionRange: Encodable, Sendable {
    let range: LSPRange
    let parent: SelectionRange?

    init(range: LSPRange, parent: SelectionRange?) {
        self.range = range
        self.parent = parent
    }
}

struct DocumentLink: Codable, Sendable, Equatable {
    var range: LSPRange
    var target: String
}

/// The document's structure for the editor: selection ranges and links to data files.
extension LanguageServer {
    /// `textDocument/selectionRange`: for each position, value → list → condition → parameter →
    /// parameters → document. Needs no data.
    func selectionRanges(_ params: SelectionRangeParams) throws -> [SelectionRange] {
        let document = try openDocument(params.textDocument.uri)
        let source = document.source
        return params.positions.prefix(10_000).map { position in
            let offset = encoding.offset(position, in: source)
            let ranges = document.document.tree.enclosingRanges(at: offset)
            var chain: SelectionRange?
            for range in ranges.reversed() { chain = SelectionRange(range: encoding.range(range, in: source), parent: chain) }
            // A position outside every node (a blank line) is its own empty range.
            return chain ?? SelectionRange(range: LSPRange(start: position, end: position), parent: nil)
        }
    }

    /// `textDocument/documentLink`: the data files the workspace file's `datasets` and an ICP's
    /// `dataset` name, resolved from the file's folder (whether the file exists is not looked at:
    /// no disk access on the actor; opening a missing one shows the editor's own message).
    func documentLinks(_ params: DocumentParams) throws -> [DocumentLink] {
        let document = try openDocument(params.textDocument.uri)
        let paths: [Located<String>]
        switch document.kind {
        case .workspace:
            let config = WorkspaceDocument(text: document.text).config
            paths = [config.accounts, config.contacts].compactMap { $0 }
        case .icp:
            paths = [document.document.icp?.dataset].compactMap { $0 }
        }
        let folder = document.url.deletingLastPathComponent()
        return paths.filter { !$0.value.isEmpty }.map { path in
            let file = URL(fileURLWithPath: path.value, relativeTo: folder).standardizedFileURL
            return DocumentLink(range: encoding.range(path.range, in: document.source), target: file.absoluteString)
        }
    }
}
