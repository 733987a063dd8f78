import ICPLanguage
import ICPEngine
import ICPBuilders
import ICPInsights

/// `textDocument/formatting` and `textDocument/rangeFormatting`: `icp fmt`'s layout as edits.
/// The client's `options` (tab size, spaces) are read and not used: the layout is two spaces,
/// as `icp fmt` writes it, so the editor and CI agree.
struct FormattingParams: Codable, Sendable {
    var textDocument: TextDocumentIdentifier
    var range: LSPRange?
}

extension LanguageServer {
    /// The whole document in the layout, as one edit per run of changed lines, so the cursor,
    /// folds and marks elsewhere stay. Needs no data, so it never waits for a load.
    func formatting(_ params: FormattingParams) throws -> [TextEdit] {
        let document = try openDocument(params.textDocument.uri)
        let name = document.url.lastPathComponent
        let format = SourceFormat(fileName: name)
        let result: FormatResult
        if let range = params.range {
            let source = document.source
            result = ICPFormatter.formatParameters(document.text, format: format, file: FormattedFile(fileName: name),
                                                   from: encoding.offset(range.start, in: source), to: encoding.offset(range.end, in: source))
        } else {
            result = ICPFormatter.format(document.text, format: format, file: FormattedFile(fileName: name))
        }
        switch result {
        case .formatted(let text):
            // Edits are in the text without its byte order mark, which the layout keeps.
            let withoutMark = document.source.hadByteOrderMark ? String(text.unicodeScalars.dropFirst()) : text
            return LineDiff(from: document.source.text, to: withoutMark).changes.map { textEdit($0, in: document.source) }
        case .syntaxError(let error):
            throw ResponseError(.requestFailed, "not formatted: line \(error.range.start.line + 1) is not valid \(format == .json ? "JSON" : "YAML") (\(error.message)); the formatter never guesses")
        case .refused(let reason):
            throw ResponseError(.requestFailed, "not formatted: \(reason)")
        }
    }
}
