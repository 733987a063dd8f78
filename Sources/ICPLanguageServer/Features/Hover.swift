import ICPLanguage
import ICPEngine
import ICPBuilders
import ICPInsights
import ICPFeatures

/// `textDocument/hover`: the feature layer's hover, as markdown or (for clients that prefer it)
/// plain text.
extension LanguageServer {
    func hover(_ params: TextDocumentPositionParams) throws -> Hover? {
        let document = try openDocument(params.textDocument.uri)
        guard document.kind == .icp else { return nil }
        guard let answer = HoverFeature.hover(at: encoding.offset(params.position, in: document.source), in: snapshot(of: document)) else { return nil }
        // Clients that prefer plain text (ALE, YouCompleteMe) print markdown as it is written.
        let contents = client.hoverMarkdown ? MarkupContent(value: answer.markdown) : MarkupContent(kind: "plaintext", value: HoverFeature.plainText(answer.markdown))
        return Hover(contents: contents, range: encoding.range(answer.range, in: document.source))
    }
}
