import ICPLanguage
import ICPEngine
import ICPBuilders
import ICPInsights

struct SemanticTokensParams: Codable, Sendable {
    var textDocument: TextDocumentIdentifier
    var previousResultId: String?
}

struct SemanticTokens: Encodable, Sendable {
    var resultId: String
    var data: [Int]
}

struct SemanticTokensDelta: Encodable, Sendable {
    struct Edit: Encodable, Sendable {
        var start: Int
        var deleteCount: Int
        var data: [Int]
    }

    var resultId: String
    var edits: [Edit]
}

/// `textDocument/semanticTokens/full` and `full/delta`: keys, columns, modes, codes and values
/// as the LSP's standard token types, each with the mode of its parameter as a modifier, and
/// `missing` on a column or value the data lacks (the document's own `unknown-field` and
/// `value-not-found` findings, so the colour and the diagnostic always agree).
extension LanguageServer {

    func semanticTokens(_ params: SemanticTokensParams) throws -> SemanticTokens {
        let (resultId, data) = try tokens(for: params.textDocument.uri)
        return SemanticTokens(resultId: resultId, data: data)
    }

    /// The change from the tokens last sent (one edit between their common start and end), or
    /// all of them when the client's `previousResultId` is not the last one sent.
    func semanticTokensDelta(_ params: SemanticTokensParams) throws -> JSONValue {
        let previous = sentTokens[params.textDocument.uri]
        let (resultId, data) = try tokens(for: params.textDocument.uri)
        guard let previous, previous.resultId == params.previousResultId else {
            return try JSONValue(encoding: SemanticTokens(resultId: resultId, data: data))
        }
        let old = previous.data
        var prefix = 0
        while prefix < old.count, prefix < data.count, old[prefix] == data[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < old.count - prefix, suffix < data.count - prefix, old[old.count - 1 - suffix] == data[data.count - 1 - suffix] { suffix += 1 }
        let edits = old == data ? [] : [SemanticTokensDelta.Edit(start: prefix, deleteCount: old.count - suffix - prefix, data: Array(data[prefix..<(data.count - suffix)]))]
        return try JSONValue(encoding: SemanticTokensDelta(resultId: resultId, edits: edits))
    }

    /// The document's tokens in the LSP's relative encoding, remembered for the next delta.
    private func tokens(for uri: String) throws -> (String, [Int]) {
        let document = try openDocument(uri)
        let source = document.source
        let missing = document.diagnostics.filter { $0.code == .unknownField || $0.code == .valueNotFound }.map(\.range)
        let highlights = Highlighting.highlights(of: document.document.tree, file: document.kind == .icp ? .icp : .workspace, missing: missing)
        var data: [Int] = []
        data.reserveCapacity(highlights.count * 5)
        var (line, character) = (0, 0)
        for highlight in highlights {
            let start = encoding.position(highlight.range.start, in: source)
            let end = encoding.position(highlight.range.end, in: source)
            data += [start.line - line, start.line == line ? start.character - character : start.character, end.character - start.character,
                     highlight.kind.rawValue, highlight.modifiers.rawValue]
            (line, character) = (start.line, start.character)
        }
        nextTokensID += 1
        let resultId = String(nextTokensID)
        sentTokens[uri] = (resultId, data)
        return (resultId, data)
    }
}
