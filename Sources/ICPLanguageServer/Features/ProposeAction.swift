import ICPCore

/// The code action "Propose parameters from won deals": the parameters `icp derive` proposes on
/// the document's data for fields the ICP does not use yet, added at the end of its parameter
/// list with their evidence, and in the title what they would do to the qualified count and lift.
extension LanguageServer {
    func proposalAction(for document: OpenDocument) -> CodeAction? {
        guard let evaluated = document.current, let derivation = evaluated.data.engine.proposal(), derivation.caution == nil,
              parametersSequence(document.document.tree)?.items.isEmpty == false else { return nil }
        let engine = evaluated.data.engine
        let used = Set(evaluated.icp.parameters.compactMap { $0.field?.value })
        func adding(_ parameters: [DerivedParameter]) -> ICP {
            var icp = evaluated.icp
            icp.parameters += Derivation.model(code: "proposal", parameters: parameters, minScore: 0, tiers: []).parameters
            return icp
        }
        // A filter or exclude that removes no account the ICP qualifies now would only add lines.
        let missing = derivation.parameters.filter { parameter in
            !used.contains(parameter.field)
                && (parameter.mode == .score || engine.evaluate(adding([parameter])).qualifiedCount != evaluated.evaluation.qualifiedCount)
        }
        guard !missing.isEmpty else { return nil }
        let after = engine.evaluate(adding(missing))
        let fields = missing.map(\.field).joined(separator: ", ")
        var title = "Propose parameters from won deals: add \(fields) (qualified \(CountFormat.grouped(evaluated.evaluation.qualifiedCount)) → \(CountFormat.grouped(after.qualifiedCount))"
        if let before = evaluated.evaluation.outcomes?.lift, let now = after.outcomes?.lift {
            title += ", lift \(CountFormat.decimal(before, digits: 2))× → \(CountFormat.decimal(now, digits: 2))×"
        }
        title += ")"
        // Block YAML gets each parameter on its own lines under its evidence comment; a flow list
        // or JSON (which has no comments) gets `, {...}` items.
        guard let editor = ParameterListEditor(document.document.tree, format: SourceFormat(fileName: document.url.lastPathComponent)),
              let change = editor.insertion(of: missing.map(\.written)) else { return nil }
        return CodeAction(title: title, kind: "refactor.rewrite", diagnostics: nil, isPreferred: nil,
                          edit: workspaceEdit([textEdit(change, in: document.source)], in: document))
    }

    /// The `parameters` list of an ICP document, when it is one.
    func parametersSequence(_ tree: SyntaxTree) -> SequenceNode? {
        ParameterListEditor(tree, format: .yaml)?.sequence
    }

    /// A core text change as an LSP edit of `source`.
    func textEdit(_ change: TextChange, in source: SourceText) -> TextEdit {
        TextEdit(range: encoding.range(source.range(from: change.start, to: change.end), in: source), newText: change.text)
    }
}
