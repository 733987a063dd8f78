import ICPCore

/// `textDocument/completion`: keys valid at the cursor (with a snippet for a whole parameter),
/// `mode` and `status` values, fields from the dataset, and values from the data, most frequent
/// first. The same in YAML and JSON files: only how the text is written differs.
extension LanguageServer {
    func completion(_ params: TextDocumentPositionParams) throws -> CompletionList {
        let document = try document(params.textDocument.uri)
        guard document.kind == .icp else { return CompletionList(items: []) }
        let source = document.source
        let offset = encoding.offset(params.position, in: source)
        let format = SourceFormat(fileName: document.url.lastPathComponent)
        let found = format == .yaml ? CursorContext(source: source, offset: offset) : CursorContext(json: source, offset: offset)
        guard let context = found else { return CompletionList(items: []) }
        let range = encoding.range(source.range(from: context.wordStart, to: context.wordEnd), in: source)
        let writer = CompletionText(format: format, context: context, source: source)
        switch context.slot {
        case .key:
            return CompletionList(items: keyItems(context, range: range, writer: writer))
        case .value(let key):
            return try valueItems(key, context, at: offset, range: range, document: document, writer: writer)
        }
    }

    /// The most values one answer offers; past it the list is marked incomplete, so the client
    /// asks again as more is typed and a rare value is reached by its first letters.
    static let maximumValueItems = 200

    private func keyItems(_ context: CursorContext, range: LSPRange, writer: CompletionText) -> [CompletionItem] {
        let present = Set(context.siblings.keys)
        func item(_ key: String, _ help: String?, rank: Int) -> CompletionItem {
            CompletionItem(label: key, kind: CompletionItem.Kind.property, detail: nil, labelDetails: nil,
                           documentation: help.map { MarkupContent(value: $0) }, sortText: String(format: "%03d", rank),
                           filterText: key, textEdit: TextEdit(range: range, newText: writer.key(key)), insertTextFormat: nil)
        }
        let parameterSnippet = writer.parameterSnippet
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
                                            insertTextFormat: .snippet), at: 0)
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
                entry.textEdit?.newText = writer.parametersSnippet
                entry.insertTextFormat = .snippet
            }
            return entry
        }
    }

    private func valueItems(_ key: String, _ context: CursorContext, at offset: Int, range: LSPRange, document: OpenDocument, writer: CompletionText) throws -> CompletionList {
        func plain(_ values: [String], kind: Int = CompletionItem.Kind.enumMember, docs: [String: String] = [:], bare: Bool = false) -> CompletionList {
            CompletionList(items: values.enumerated().map { rank, value in
                CompletionItem(label: value, kind: kind, documentation: docs[value].map { MarkupContent(value: $0) },
                               sortText: String(format: "%03d", rank), textEdit: TextEdit(range: range, newText: writer.value(value, bare: bare)))
            })
        }
        switch key {
        case ParameterKey.mode.rawValue:
            return plain(ParameterMode.allCases.map(\.rawValue), docs: ["filter": "A record must match.", "score": "Matching adds the weight to the score.", "exclude": "A record that matches is out."])
        case ParameterKey.missing.rawValue where !context.ancestors.isEmpty:
            return plain(MissingPolicy.allCases.map(\.rawValue), docs: [
                "fail": "A missing value fails the condition (the default): a filter drops the record, a score earns nothing.",
                "pass": "A missing value counts as met: a filter keeps the record, a score earns its weight, an exclude removes it.",
                "neutral": "A missing value is not judged: a filter or exclude lets the record through, a score leaves its weight out of the record's total.",
            ])
        case ICPKey.status.rawValue where context.ancestors.isEmpty:
            return plain(ICPStatus.allCases.map(\.rawValue))
        case ParameterKey.exists.rawValue:
            return plain(["true", "false"], bare: true)
        default:
            break
        }
        guard let data = document.shown?.evaluated.data ?? document.data else {
            // Fields and values come from the data: wait for a read under way; if the wait runs
            // out, an empty list marked incomplete, so the client asks again rather than keep it.
            try waitForData(of: document)
            return CompletionList(isIncomplete: !document.waitingFor.isEmpty, items: [])
        }
        let onContacts = context.ancestors.first == ICPKey.personas.rawValue
        guard let store = onContacts ? data.engine.contacts : data.engine.accounts else { return CompletionList(items: []) }
        if key == ParameterKey.field.rawValue {
            return CompletionList(items: store.columns.enumerated().map { rank, column in
                let coverage = column.rowCount == 0 ? 0 : Double(column.presentCount) / Double(column.rowCount)
                return CompletionItem(label: column.name, kind: CompletionItem.Kind.field, detail: "\(column.type.rawValue) · \(CountFormat.percent(coverage, digits: 0)) present",
                                      labelDetails: CompletionItemLabelDetails(detail: nil, description: "\(column.type.rawValue), \(CountFormat.grouped(column.presentCount)) records"),
                                      documentation: nil, sortText: String(format: "%04d", rank), filterText: column.name,
                                      textEdit: TextEdit(range: range, newText: writer.value(column.name)))
            })
        }
        let valueKeys = [ParameterKey.is, .in, .allOf, .containsAny].map(\.rawValue)
        guard valueKeys.contains(key), let field = context.field, let profile = data.engine.profile(of: field, onContacts: onContacts) else { return CompletionList(items: []) }
        let bare = [.number, .boolean].contains(store.column(named: field)?.type)
        // What is typed so far picks the values: those starting with it first, then those holding
        // it, each most frequent first; values already in the list are not offered again.
        let typed = TextNormalization.normalize(String(decoding: document.source.bytes[min(context.wordStart, offset)..<offset], as: UTF8.self).drop { $0 == "\"" || $0 == "'" })
        let listed = valuesListed(around: offset, in: document)
        var starting: [ColumnProfile.Value] = [], holding: [ColumnProfile.Value] = []
        for value in profile.values {
            let normalized = TextNormalization.normalize(value.text)
            guard !listed.contains(normalized) else { continue }
            if typed.isEmpty || normalized.hasPrefix(typed) { starting.append(value) } else if normalized.contains(typed) { holding.append(value) }
        }
        let matching = starting + holding
        let items = matching.prefix(Self.maximumValueItems).enumerated().map { rank, value in
            CompletionItem(label: value.text, kind: CompletionItem.Kind.value, detail: "\(CountFormat.grouped(value.count)) records",
                           labelDetails: CompletionItemLabelDetails(detail: nil, description: "\(CountFormat.grouped(value.count)) records"),
                           documentation: nil, sortText: String(format: "%05d", rank), filterText: value.text,
                           textEdit: TextEdit(range: range, newText: writer.value(value.text, bare: bare)))
        }
        return CompletionList(isIncomplete: matching.count > Self.maximumValueItems, items: Array(items))
    }

    /// The values (normalized) already written in the condition the cursor is in, but for the one being typed.
    private func valuesListed(around offset: Int, in document: OpenDocument) -> Set<String> {
        guard let index = document.document.tree.location(at: offset)?.parameterIndex,
              let parameters = document.document.icp?.parameters, index < parameters.count,
              let values = parameters[index].condition?.value.values else { return [] }
        return Set(values.filter { !($0.range.start.offset...$0.range.end.offset).contains(offset) }.map { TextNormalization.normalize($0.text) })
    }
}

/// How a completion writes keys, values and snippets in the document's format.
struct CompletionText {
    let format: SourceFormat
    let context: CursorContext
    let source: SourceText

    /// `key: ` in YAML; `"key": ` in JSON (without the colon when one already follows).
    func key(_ key: String) -> String {
        guard format == .json else { return "\(key): " }
        var next = context.wordEnd
        while next < source.bytes.count, source.bytes[next] == UInt8(ascii: " ") { next += 1 }
        let colonFollows = next < source.bytes.count && source.bytes[next] == UInt8(ascii: ":")
        return key.jsonQuoted + (colonFollows ? "" : ": ")
    }

    /// A value as the format writes it; `bare` for numbers and booleans, which JSON does not quote.
    func value(_ text: String, bare: Bool = false) -> String {
        switch format {
        case .yaml: return quotedIfNeeded(text)
        case .json: return bare ? text : text.jsonQuoted
        }
    }

    /// The keys of one parameter, with tab stops for the field, the mode and the condition.
    var parameterSnippet: String {
        let conditions = "${3|in,is,min,max,contains_any,all_of,exists,within_days|}"
        switch format {
        case .yaml:
            let indent = String(repeating: " ", count: context.contentColumn)
            return "field: ${1}\n\(indent)mode: ${2|filter,score,exclude|}\n\(indent)\(conditions): $0"
        case .json:
            return "\"field\": \"${1}\", \"mode\": \"${2|filter,score,exclude|}\", \"\(conditions)\": $0"
        }
    }

    /// `parameters` with a first parameter to fill in.
    var parametersSnippet: String {
        switch format {
        case .yaml: "parameters:\n  - \(parameterSnippet.replacingOccurrences(of: "\n", with: "\n  "))"
        case .json: "\"parameters\": [{\(parameterSnippet)}]"
        }
    }

    /// The text as a YAML value at the cursor: quoted when plain YAML would misread it.
    private func quotedIfNeeded(_ text: String) -> String {
        let escaped = text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        if context.quoted { return escaped }
        let specialStart = "-?:,[]{}#&*!|>'\"%@`".contains(text.first ?? " ")
        let flowBreaking = context.inFlowList && text.contains(where: { ",[]{}".contains($0) })
        let needs = text.isEmpty || specialStart || flowBreaking || text.contains(": ") || text.contains(" #")
            || text.first == " " || text.last == " " || text.last == ":"
        return needs ? "\"\(escaped)\"" : text
    }
}
