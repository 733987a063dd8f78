import ICPLanguage
import ICPEngine
import ICPBuilders
import ICPInsights
import ICPFeatures

/// `textDocument/completion`: the feature layer's completions as LSP items.
extension LanguageServer {
    func completion(_ params: TextDocumentPositionParams) throws -> CompletionList {
        let document = try openDocument(params.textDocument.uri)
        guard document.kind == .icp else { return CompletionList(items: []) }
        let source = document.source
        let answer = CompletionFeature.completions(at: encoding.offset(params.position, in: source), in: snapshot(of: document))
        if answer.needsData {
            // Fields and values come from the data: wait for a read under way; if the wait runs
            // out, an empty list marked incomplete, so the client asks again rather than keep it.
            try waitForData(of: document)
            return CompletionList(isIncomplete: !document.waitingFor.isEmpty, items: [])
        }
        let items = answer.items.map { candidate in
            let kind = switch candidate.kind {
            case .key: CompletionItem.Kind.property
            case .snippet: CompletionItem.Kind.snippet
            case .choice: CompletionItem.Kind.enumMember
            case .field: CompletionItem.Kind.field
            case .value: CompletionItem.Kind.value
            }
            return CompletionItem(label: candidate.label, kind: kind, detail: candidate.detail,
                                  labelDetails: candidate.description.map { CompletionItemLabelDetails(detail: nil, description: $0) },
                                  documentation: candidate.documentation.map { MarkupContent(value: $0) }, sortText: candidate.sortText,
                                  filterText: candidate.filterText, textEdit: TextEdit(range: encoding.range(candidate.range, in: source), newText: candidate.newText),
                                  insertTextFormat: candidate.isSnippet ? .snippet : nil)
        }
        return CompletionList(isIncomplete: answer.isIncomplete, items: items)
    }
}
