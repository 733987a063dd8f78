import ICPCore

/// `textDocument/completion`: keys valid at the cursor (with a snippet for a whole parameter),
/// `mode` and `status` values, fields from the dataset, and values from the data, most frequent first.
extension LanguageServer {
    func completion(_ params: TextDocumentPositionParams) throws -> JSONValue {
        let document = try document(params.textDocument.uri)
        guard document.kind == .icp, SourceFormat(fileName: document.url.lastPathComponent) == .yaml else {
            return try JSONValue(encoding: CompletionList(items: []))
        }
        let source = document.source
        let offset = encoding.offset(params.position, in: source)
        guard let context = CursorContext(source: source, offset: offset) else { return try JSONValue(encoding: CompletionList(items: [])) }
        let range = encoding.range(source.range(from: context.wordStart, to: context.wordEnd), in: source)
        let items: [CompletionItem]
        switch context.slot {
        case .key: items = keyItems(context, range: range)
        case .value(let key): items = valueItems(key, context, range: range, document: document)
        }
        return try JSONValue(encoding: CompletionList(items: items))
    }

    private func keyItems(_ context: CursorContext, range: LSPRange) -> [CompletionItem] {
        let present = Set(context.siblings.keys)
        func item(_ key: String, _ help: String?, rank: Int) -> CompletionItem {
            CompletionItem(label: key, kind: CompletionItem.Kind.property, detail: nil, labelDetails: nil,
                           documentation: help.map { MarkupContent(value: $0) }, sortText: String(format: "%03d", rank),
                           filterText: key, textEdit: TextEdit(range: range, newText: "\(key): "), insertTextFormat: nil)
        }
        let indent = String(repeating: " ", count: context.contentColumn)
        let parameterSnippet = "field: ${1}\n\(indent)mode: ${2|filter,score,exclude|}\n\(indent)${3|in,is,min,max,contains_any,all_of,exists,within_days|}: $0"
        if context.ancestors.last == ICPKey.parameters.rawValue, context.inListItem {
            var keys = ParameterKey.allCases.filter { !present.contains($0.rawValue) }
            let conditions = Set(ParameterKey.conditionKeys.map(\.rawValue))
            if present.contains(where: { conditions.contains($0) }) {
                let hasBound = present.contains(ParameterKey.min.rawValue) || present.contains(ParameterKey.max.rawValue)
                keys = keys.filter { !conditions.contains($0.rawValue) || (hasBound && ($0 == .min || $0 == .max)) }
            }
            var items = keys.enumerated().map { item($1.rawValue, KeyDocumentation.parameter[$1], rank: $0 + 1) }
            if present.isEmpty {
                items.insert(CompletionItem(label: "parameter", kind: CompletionItem.Kind.snippet, detail: "field, mode and a condition",
                                            labelDetails: CompletionItemLabelDetails(detail: nil, description: "snippet"), documentation: nil,
                                            sortText: "000", filterText: "parameter field", textEdit: TextEdit(range: range, newText: parameterSnippet),
                                            insertTextFormat: 2), at: 0)
            }
            return items
        }
        if context.ancestors == [ICPKey.personas.rawValue], context.inListItem {
            return PersonaKey.allCases.filter { !present.contains($0.rawValue) }.enumerated().map { item($1.rawValue, KeyDocumentation.persona[$1], rank: $0) }
        }
        guard context.ancestors.isEmpty else { return [] }
        return ICPKey.allCases.filter { !present.contains($0.rawValue) }.enumerated().map { rank, key in
            var entry = item(key.rawValue, KeyDocumentation.icp[key], rank: rank)
            if key == .parameters {
                entry.textEdit?.newText = "parameters:\n  - \(parameterSnippet.replacingOccurrences(of: "\n", with: "\n  "))"
                entry.insertTextFormat = 2
            }
            return entry
        }
    }

    private func valueItems(_ key: String, _ context: CursorContext, range: LSPRange, document: OpenDocument) -> [CompletionItem] {
        func plain(_ values: [String], kind: Int = CompletionItem.Kind.enumMember, docs: [String: String] = [:]) -> [CompletionItem] {
            values.enumerated().map { rank, value in
                CompletionItem(label: value, kind: kind, documentation: docs[value].map { MarkupContent(value: $0) },
                               sortText: String(format: "%03d", rank), textEdit: TextEdit(range: range, newText: value))
            }
        }
        switch key {
        case ParameterKey.mode.rawValue:
            return plain(ParameterMode.allCases.map(\.rawValue), docs: ["filter": "A record must match.", "score": "Matching adds the weight to the score.", "exclude": "A record that matches is out."])
        case ICPKey.status.rawValue where context.ancestors.isEmpty:
            return plain(ICPStatus.allCases.map(\.rawValue))
        case ParameterKey.exists.rawValue:
            return plain(["true", "false"])
        default:
            break
        }
        guard let data = document.shown?.evaluated.data else { return [] }
        let onContacts = context.ancestors.first == ICPKey.personas.rawValue
        guard let store = onContacts ? data.engine.contacts : data.engine.accounts else { return [] }
        if key == ParameterKey.field.rawValue {
            return store.columns.enumerated().map { rank, column in
                let coverage = column.rowCount == 0 ? 0 : Double(column.presentCount) / Double(column.rowCount)
                return CompletionItem(label: column.name, kind: CompletionItem.Kind.field, detail: "\(column.type.rawValue) · \(CountFormat.percent(coverage, digits: 0)) present",
                                      labelDetails: CompletionItemLabelDetails(detail: nil, description: "\(column.type.rawValue), \(CountFormat.grouped(column.presentCount)) records"),
                                      documentation: nil, sortText: String(format: "%04d", rank), filterText: column.name,
                                      textEdit: TextEdit(range: range, newText: quotedIfNeeded(column.name, context)))
            }
        }
        let valueKeys = [ParameterKey.is, .in, .allOf, .containsAny].map(\.rawValue)
        guard valueKeys.contains(key), let field = context.field, let profile = data.engine.profile(of: field, onContacts: onContacts) else { return [] }
        return profile.values.prefix(200).enumerated().map { rank, value in
            CompletionItem(label: value.text, kind: CompletionItem.Kind.value, detail: "\(CountFormat.grouped(value.count)) records",
                           labelDetails: CompletionItemLabelDetails(detail: nil, description: "\(CountFormat.grouped(value.count)) records"),
                           documentation: nil, sortText: String(format: "%05d", rank), filterText: value.text,
                           textEdit: TextEdit(range: range, newText: quotedIfNeeded(value.text, context)))
        }
    }

    /// The text as a YAML value at the cursor: quoted when plain YAML would misread it.
    private func quotedIfNeeded(_ text: String, _ context: CursorContext) -> String {
        let escaped = text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        if context.quoted { return escaped }
        let specialStart = "-?:,[]{}#&*!|>'\"%@`".contains(text.first ?? " ")
        let flowBreaking = context.inFlowList && text.contains(where: { ",[]{}".contains($0) })
        let needs = text.isEmpty || specialStart || flowBreaking || text.contains(": ") || text.contains(" #")
            || text.first == " " || text.last == " " || text.last == ":"
        return needs ? "\"\(escaped)\"" : text
    }
}
