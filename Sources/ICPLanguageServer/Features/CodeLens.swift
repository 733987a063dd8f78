import ICPLanguage
import ICPEngine
import ICPBuilders
import ICPInsights
import ICPFeatures

/// `textDocument/codeLens` and `textDocument/inlayHint`: the feature layer's lenses and hints.
extension LanguageServer {
    static let previewCommand = LensFeature.previewCommand

    func codeLenses(_ params: DocumentParams) throws -> [CodeLens] {
        let document = try openDocument(params.textDocument.uri)
        guard document.kind == .icp else { return [] }
        return LensFeature.lenses(of: snapshot(of: document), document: document.uri).map { lens in
            CodeLens(range: encoding.range(lens.range, in: document.source), command: Command(title: lens.title, command: lens.command, arguments: lens.arguments.map(JSONValue.string)))
        }
    }

    func inlayHints(_ params: RangeParams) throws -> [InlayHint] {
        let document = try openDocument(params.textDocument.uri)
        return HintFeature.hints(in: snapshot(of: document), lines: params.range?.start.line ?? 0, params.range?.end.line ?? Int.max).map { hint in
            InlayHint(position: encoding.position(hint.position, in: document.source), label: hint.label, tooltip: hint.tooltip)
        }
    }
}
