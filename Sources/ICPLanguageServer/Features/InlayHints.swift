import ICPCore

/// `textDocument/inlayHint`: the running funnel at the end of each parameter.
extension LanguageServer {
    func inlayHints(_ params: RangeParams) throws -> [InlayHint] {
        let document = try document(params.textDocument.uri)
        try waitForData(of: document)
        // Hints sit at positions of the current text, so only a current evaluation can place them.
        guard let evaluated = document.current else { return [] }
        let first = params.range?.start.line ?? 0
        let last = params.range?.end.line ?? Int.max
        let hints: [InlayHint] = evaluated.evaluation.parameters.compactMap { outcome in
            guard outcome.fieldExists else { return nil }
            let end = evaluated.icp.parameters[outcome.index].range.end
            let lineEnd = document.source.position(atOffset: document.source.lineEnd(end.line))
            guard lineEnd.line >= first, lineEnd.line <= last else { return nil }
            return InlayHint(position: encoding.position(lineEnd, in: document.source), label: Summary.hint(outcome, in: evaluated.evaluation),
                             tooltip: "matches \(CountFormat.grouped(outcome.matched.cardinality)) · without it \(CountFormat.grouped(outcome.without)) would qualify")
        }
        return hints
    }
}
