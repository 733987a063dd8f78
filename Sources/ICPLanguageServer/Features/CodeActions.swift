import ICPCore

/// `textDocument/codeAction`: quick fixes for findings, and rewrites of the parameter under the cursor.
extension LanguageServer {
    func codeActions(_ params: CodeActionParams) throws -> [CodeAction] {
        let document = try document(params.textDocument.uri)
        guard document.kind == .icp else { return [] }
        let source = document.source
        let start = encoding.offset(params.range.start, in: source)
        let end = encoding.offset(params.range.end, in: source)
        var actions: [CodeAction] = []
        for diagnostic in document.diagnostics where diagnostic.range.start.offset <= end && start <= diagnostic.range.end.offset {
            let lsp = lspDiagnostic(diagnostic, in: source)
            if diagnostic.code == .weightIgnored, let removal = weightRemoval(at: diagnostic.range, in: document) {
                actions.append(action("Remove the ignored weight", kind: "quickfix", document, [removal], fixing: lsp))
            } else if let replacement = diagnostic.replacement, !replacement.isEmpty {
                let written = String(decoding: source.bytes[diagnostic.range.start.offset..<diagnostic.range.end.offset], as: UTF8.self)
                actions.append(action("Replace `\(written)` with `\(replacement)`", kind: "quickfix", document,
                                      [TextEdit(range: encoding.range(diagnostic.range, in: source), newText: replacement)], fixing: lsp))
                if diagnostic.code == .unknownField, let renaming = columnRenamingFix(at: diagnostic.range, to: replacement, in: document, fixing: lsp) {
                    actions.append(renaming)
                }
            } else if [.zeroQualified, .tooTight].contains(diagnostic.code), let removal = blockingParameterRemoval(document) {
                actions.append(CodeAction(title: removal.title, kind: "quickfix", diagnostics: [lsp], isPreferred: nil,
                                          edit: workspaceEdit([removal.edit], in: document)))
            }
        }
        if let conversion = modeConversion(at: start, in: document) { actions.append(conversion) }
        actions += refineActions(at: start, in: document)
        if let proposal = proposalAction(for: document) { actions.append(proposal) }
        if let only = params.context?.only, !only.isEmpty {
            actions = actions.filter { action in only.contains { action.kind == $0 || action.kind.hasPrefix($0 + ".") } }
        }
        return actions
    }

    /// A column the data no longer has, with a close one it has (`employees` gone,
    /// `employee_count` new): renamed in every ICP file of the workspace that uses it, when
    /// more than this one does.
    private func columnRenamingFix(at range: SourceRange, to replacement: String, in document: OpenDocument, fixing diagnostic: LSPDiagnostic) -> CodeAction? {
        guard let column = document.document.icp?.parameters.compactMap(\.field).first(where: { $0.range == range })?.value else { return nil }
        let changes = columnRenaming(column, to: replacement, near: document.url)
        let files = changes.keys.filter { !$0.hasSuffix("/" + WorkspaceKey.fileName) }.count
        guard files > 1 else { return nil }
        return CodeAction(title: "Rename `\(column)` to `\(replacement)` in \(files) ICP files", kind: "quickfix", diagnostics: [diagnostic],
                          isPreferred: nil, edit: WorkspaceEdit(changes: changes))
    }

    /// `edits` of `document` as a workspace edit, versioned where the client takes it.
    func workspaceEdit(_ edits: [TextEdit], in document: OpenDocument) -> WorkspaceEdit {
        guard client.documentChanges else { return WorkspaceEdit(changes: [document.uri: edits]) }
        return WorkspaceEdit(documentChanges: [TextDocumentEdit(textDocument: .init(uri: document.uri, version: document.version), edits: edits)])
    }

    private func action(_ title: String, kind: String, _ document: OpenDocument, _ edits: [TextEdit], fixing diagnostic: LSPDiagnostic) -> CodeAction {
        CodeAction(title: title, kind: kind, diagnostics: [diagnostic], isPreferred: true, edit: workspaceEdit(edits, in: document))
    }

    /// Removes the `weight` pair whose value is at `range`, as `icp refine` removes a key: its
    /// whole line in block style, else the pair and its comma.
    private func weightRemoval(at range: SourceRange, in document: OpenDocument) -> TextEdit? {
        guard let location = document.document.tree.location(at: range.start.offset), let index = location.parameterIndex,
              let editor = ParameterListEditor(document.document.tree, format: SourceFormat(fileName: document.url.lastPathComponent)),
              let removal = editor.removal(ofKey: ParameterKey.weight.rawValue, in: index) else { return nil }
        return textEdit(removal, in: document.source)
    }

    /// "Remove the filter on `x` (line N): M would qualify", for the parameter whose removal helps
    /// most: the item goes (with its comma in a flow list or JSON), as `icp refine`'s "drop" does.
    private func blockingParameterRemoval(_ document: OpenDocument) -> (title: String, edit: TextEdit)? {
        guard let evaluated = document.current,
              let editor = ParameterListEditor(document.document.tree, format: SourceFormat(fileName: document.url.lastPathComponent)) else { return nil }
        let current = evaluated.evaluation.qualifiedCount
        guard let best = evaluated.evaluation.parameters.filter({ $0.without > current }).max(by: { $0.without < $1.without }) else { return nil }
        let range = evaluated.icp.parameters[best.index].range
        guard let item = editor.sequence.items.firstIndex(where: { $0.range.start.offset == range.start.offset }),
              let removal = editor.removal(of: item) else { return nil }
        let title = "Remove the \(best.mode.rawValue) on `\(best.field)` (line \(range.start.line + 1)): \(CountFormat.grouped(best.without)) would qualify"
        return (title, textEdit(removal, in: document.source))
    }

    /// "Make this filter a score (N would qualify)" and back, for the parameter at `offset`.
    private func modeConversion(at offset: Int, in document: OpenDocument) -> CodeAction? {
        guard let location = document.document.tree.location(at: offset), let index = location.parameterIndex,
              var icp = document.document.icp, index < icp.parameters.count, let mode = icp.parameters[index].mode,
              let editor = ParameterListEditor(document.document.tree, format: SourceFormat(fileName: document.url.lastPathComponent)) else { return nil }
        let target: ParameterMode
        switch mode.value {
        case .filter: target = .score
        case .score: target = .filter
        case .exclude: return nil
        }
        // The same edit as `icp refine`'s: in JSON the new mode keeps its quotes.
        guard let change = editor.settingMode(target, in: index) else { return nil }
        icp.parameters[index].mode = Located(target, mode.range)
        var title = "Make this \(mode.value.rawValue) a \(target.rawValue)"
        if let evaluated = document.current {
            title += " (\(CountFormat.grouped(evaluated.data.engine.evaluate(icp).qualifiedCount)) would qualify, now \(CountFormat.grouped(evaluated.evaluation.qualifiedCount)))"
        }
        return CodeAction(title: title, kind: "refactor.rewrite", diagnostics: nil, isPreferred: nil,
                          edit: workspaceEdit([textEdit(change, in: document.source)], in: document))
    }
}
