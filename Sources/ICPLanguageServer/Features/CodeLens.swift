import ICPCore

/// `textDocument/codeLens`: the ICP's headline above its `icp` line.
extension LanguageServer {
    static let previewCommand = "icp.preview"

    func codeLenses(_ params: DocumentParams) throws -> [CodeLens] {
        let document = try document(params.textDocument.uri)
        try waitForData(of: document)
        guard document.kind == .icp, let shown = document.shown else { return [] }
        let range = document.document.icp?.code?.range ?? SourceRange(at: .start)
        let title = Summary.headline(shown.evaluated.evaluation) + (shown.stale ? " (last valid version)" : "")
        let lens = CodeLens(range: encoding.range(range, in: document.source),
                            command: Command(title: title, command: Self.previewCommand, arguments: [.string(document.uri)]))
        return [lens]
    }
}
