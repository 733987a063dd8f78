import ICPCore

/// `textDocument/codeLens`: the ICP's headline above its `icp` line, and its accounts (qualifying, won outside).
extension LanguageServer {
    static let previewCommand = "icp.preview"

    func codeLenses(_ params: DocumentParams) throws -> [CodeLens] {
        let document = try document(params.textDocument.uri)
        try waitForData(of: document)
        guard document.kind == .icp, let shown = document.shown else { return [] }
        let range = document.document.icp?.code?.range ?? SourceRange(at: .start)
        let title = Summary.headline(shown.evaluated.evaluation) + (shown.stale ? " (last valid version)" : "")
        let lspRange = encoding.range(range, in: document.source)
        let evaluation = shown.evaluated.evaluation
        var lenses = [CodeLens(range: lspRange, command: Command(title: title, command: Self.previewCommand, arguments: [.string(document.uri)]))]
        // The accounts behind the counts, as documents: who qualifies, and the won deals it misses.
        lenses.append(CodeLens(range: lspRange, command: Command(title: "\(CountFormat.grouped(evaluation.qualifiedCount)) accounts",
                                                                  command: Self.accountsCommand, arguments: [.string(document.uri), .string(AccountList.Kind.qualified.rawValue)])))
        if !shown.stale, let title = baseLensTitle(shown.evaluated, url: document.url) {
            lenses.append(CodeLens(range: lspRange, command: Command(title: title, command: Self.previewCommand, arguments: [.string(document.uri)])))
        }
        if let outside = evaluation.outcomes?.wonOutside {
            lenses.append(CodeLens(range: lspRange, command: Command(title: "\(CountFormat.grouped(outside)) won outside",
                                                                      command: Self.accountsCommand, arguments: [.string(document.uri), .string(AccountList.Kind.wonOutside.rawValue)])))
        }
        return lenses
    }
}
