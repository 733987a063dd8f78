import ICPLanguage
import ICPEngine
import ICPBuilders
import ICPInsights

/// `textDocument/documentSymbol`: the ICP, its parameters and personas, for the outline.
extension LanguageServer {
    func documentSymbols(_ params: DocumentParams) throws -> [DocumentSymbol] {
        let document = try openDocument(params.textDocument.uri)
        guard document.kind == .icp, let icp = document.document.icp else { return [] }
        let source = document.source
        let asOf = snapshot(of: document).asOf ?? today
        func symbols(_ parameters: [Parameter]) -> [DocumentSymbol] {
            parameters.map { parameter in
                let mode = parameter.mode?.value.rawValue ?? "parameter"
                let field = parameter.field?.value ?? "?"
                return DocumentSymbol(name: "\(mode) \(field)", detail: parameter.condition.map { RecordExplanation.describe($0.value, asOf: asOf) },
                                      kind: DocumentSymbol.Kind.field, range: encoding.range(parameter.range, in: source),
                                      selectionRange: encoding.range(parameter.field?.range ?? parameter.range, in: source), children: nil)
            }
        }
        var children = symbols(icp.parameters)
        children += icp.personas.map { persona in
            DocumentSymbol(name: "persona \(persona.code?.value ?? "?")", detail: persona.name, kind: DocumentSymbol.Kind.object,
                           range: encoding.range(persona.range, in: source), selectionRange: encoding.range(persona.code?.range ?? persona.range, in: source),
                           children: symbols(persona.parameters))
        }
        let root = DocumentSymbol(name: icp.code?.value ?? "icp", detail: icp.name, kind: DocumentSymbol.Kind.module,
                                  range: encoding.range(icp.range, in: source), selectionRange: encoding.range(icp.code?.range ?? icp.range, in: source),
                                  children: children)
        return [root]
    }
}
