import ICPCore

/// The code action "Propose parameters from won deals": the parameters `icp derive` proposes on
/// the document's data for fields the ICP does not use yet, added at the end of its parameter
/// list with their evidence, and in the title what they would do to the qualified count and lift.
extension LanguageServer {
    func proposalAction(for document: OpenDocument) -> CodeAction? {
        guard let evaluated = document.current, let derivation = evaluated.data.engine.proposal(), derivation.caution == nil,
              let sequence = parametersSequence(document.document.tree), let last = sequence.items.last else { return nil }
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
        let edit = insertion(of: missing, after: last, in: sequence, document: document)
        return CodeAction(title: title, kind: "refactor.rewrite", diagnostics: nil, isPreferred: nil, edit: WorkspaceEdit(changes: [document.uri: [edit]]))
    }

    /// The `parameters` list of an ICP document, when it is one.
    func parametersSequence(_ tree: SyntaxTree) -> SequenceNode? {
        tree.root?.mapping?.entries.first { $0.key.scalar?.text == ICPKey.parameters.rawValue }?.value.sequence
    }

    /// Block YAML gets each parameter on its own lines, at the list's indentation, under its
    /// evidence comment; a flow list or JSON gets `, {...}` after the last item (JSON has no comments).
    private func insertion(of parameters: [DerivedParameter], after last: SyntaxNode, in sequence: SequenceNode, document: OpenDocument) -> TextEdit {
        let source = document.source
        let isJSON = SourceFormat(fileName: document.url.lastPathComponent) == .json
        if sequence.isFlow || isJSON {
            func quote(_ text: String) -> String { isJSON ? text.jsonQuoted : DerivedICPText.yamlText(text) }
            let items = parameters.map { parameter in
                var pairs = [("field", quote(parameter.field)), ("mode", quote(parameter.mode.rawValue))]
                pairs += DerivedICPText.condition(parameter.condition, quote: quote).map { ($0.key, $0.value) }
                if let weight = parameter.weight { pairs.append(("weight", CountFormat.plain(weight))) }
                return "{" + pairs.map { "\(isJSON ? $0.0.jsonQuoted : $0.0): \($0.1)" }.joined(separator: ", ") + "}"
            }
            let at = source.range(from: last.range.end.offset, to: last.range.end.offset)
            return TextEdit(range: encoding.range(at, in: source), newText: ", " + items.joined(separator: ", "))
        }
        let firstLine = sequence.items.first?.range.start.line ?? last.range.start.line
        let indent = String(source.line(firstLine).prefix { $0 == " " })
        var lines: [String] = []
        for parameter in parameters {
            lines.append("\(indent)# \(parameter.evidence.summary)")
            lines.append("\(indent)- field: \(DerivedICPText.yamlText(parameter.field))")
            lines.append("\(indent)  mode: \(parameter.mode.rawValue)")
            lines += DerivedICPText.condition(parameter.condition, quote: DerivedICPText.yamlText).map { "\(indent)  \($0.key): \($0.value)" }
            if let weight = parameter.weight { lines.append("\(indent)  weight: \(CountFormat.plain(weight))") }
        }
        let endLine = last.range.end.offset > 0 && last.range.end.column == 0 ? last.range.end.line - 1 : last.range.end.line
        let offset = endLine + 1 < source.lineCount ? source.lineStarts[endLine + 1] : source.bytes.count
        let needsBreak = offset == source.bytes.count && source.bytes.last != UInt8(ascii: "\n")
        let at = source.range(from: offset, to: offset)
        return TextEdit(range: encoding.range(at, in: source), newText: (needsBreak ? "\n" : "") + lines.joined(separator: "\n") + "\n")
    }
}
