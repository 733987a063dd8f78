import ICPLanguage
import ICPEngine
import ICPBuilders
import ICPInsights

/// One completion: what is shown, and the text that replaces `range` when it is taken.
public struct CompletionCandidate: Sendable, Equatable {
    public enum Kind: Sendable {
        case key, snippet, choice, field, value
    }

    public let label: String
    public let kind: Kind
    public var detail: String?
    /// Beside the label (the column's type and count, a value's count).
    public var description: String?
    /// Markdown.
    public var documentation: String?
    public let sortText: String
    public var filterText: String?
    public let range: SourceRange
    public var newText: String
    public var isSnippet = false
}

/// The completions at a position, and whether the list is complete (else the client asks again
/// as more is typed); `needsData`: fields and values come from data not read yet.
public struct CompletionAnswer: Sendable {
    public var items: [CompletionCandidate]
    public var isIncomplete = false
    public var needsData = false
}

/// `textDocument/completion`: keys valid at the cursor (with a snippet for a whole parameter),
/// `mode` and `status` values, fields from the dataset, and values from the data, most frequent
/// first. The same in YAML and JSON files: only how the text is written differs.
public enum CompletionFeature {
    /// The most values one answer offers; past it the list is marked incomplete, so the client
    /// asks again as more is typed and a rare value is reached by its first letters.
    public static let maximumValueItems = 200

    public static func completions(at offset: Int, in snapshot: FileSnapshot) -> CompletionAnswer {
        let source = snapshot.source
        let format = snapshot.format
        let found = format == .yaml ? CursorContext(source: source, offset: offset) : CursorContext(json: source, offset: offset)
        guard let context = found else { return CompletionAnswer(items: []) }
        let range = source.range(from: context.wordStart, to: context.wordEnd)
        let writer = CompletionText(format: format, context: context, source: source)
        switch context.slot {
        case .key:
            return CompletionAnswer(items: keyItems(context, range: range, writer: writer))
        case .value(let key):
            return valueItems(key, context, at: offset, range: range, snapshot: snapshot, writer: writer)
        }
    }

    private static func keyItems(_ context: CursorContext, range: SourceRange, writer: CompletionText) -> [CompletionCandidate] {
        let present = Set(context.siblings.keys)
        func item(_ key: String, _ help: String?, rank: Int) -> CompletionCandidate {
            CompletionCandidate(label: key, kind: .key, documentation: help, sortText: CFormat.padded(rank, width: 3), filterText: key,
                                range: range, newText: writer.key(key))
        }
        if context.ancestors.last == ICPKey.parameters.rawValue, context.inListItem {
            var keys = ParameterKey.allCases.filter { !present.contains($0.rawValue) }
            let conditions = Set(ParameterKey.conditionKeys.map(\.rawValue))
            if present.contains(where: { conditions.contains($0) }) {
                let hasBound = present.contains(ParameterKey.min.rawValue) || present.contains(ParameterKey.max.rawValue)
                keys = keys.filter { !conditions.contains($0.rawValue) || (hasBound && ($0 == .min || $0 == .max)) }
            }
            var items = keys.enumerated().map { item($1.rawValue, KeyDocumentation.parameter[$1], rank: $0 + 1) }
            if present.isEmpty {
                items.insert(CompletionCandidate(label: "parameter", kind: .snippet, detail: "field, mode and a condition", description: "snippet",
                                                 sortText: "000", filterText: "parameter field", range: range, newText: writer.parameterSnippet, isSnippet: true), at: 0)
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
                entry.newText = writer.parametersSnippet
                entry.isSnippet = true
            }
            return entry
        }
    }

    private static func valueItems(_ key: String, _ context: CursorContext, at offset: Int, range: SourceRange, snapshot: FileSnapshot,
                                   writer: CompletionText) -> CompletionAnswer {
        func plain(_ values: [String], docs: [String: String] = [:], bare: Bool = false) -> CompletionAnswer {
            CompletionAnswer(items: values.enumerated().map { rank, value in
                CompletionCandidate(label: value, kind: .choice, documentation: docs[value], sortText: CFormat.padded(rank, width: 3),
                                    range: range, newText: writer.value(value, bare: bare))
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
        // Fields and values come from the data: while it is not read, an empty list marked
        // incomplete, so the client asks again rather than keep it.
        guard let data = snapshot.shown?.evaluated.data ?? snapshot.data else { return CompletionAnswer(items: [], isIncomplete: true, needsData: true) }
        let onContacts = context.ancestors.first == ICPKey.personas.rawValue
        guard let store = onContacts ? data.engine.contacts : data.engine.accounts else { return CompletionAnswer(items: []) }
        if key == ParameterKey.field.rawValue {
            return CompletionAnswer(items: store.columns.enumerated().map { rank, column in
                let coverage = column.rowCount == 0 ? 0 : Double(column.presentCount) / Double(column.rowCount)
                return CompletionCandidate(label: column.name, kind: .field, detail: "\(column.type.rawValue) · \(CountFormat.percent(coverage, digits: 0)) present",
                                           description: "\(column.type.rawValue), \(CountFormat.grouped(column.presentCount)) records",
                                           sortText: CFormat.padded(rank, width: 4), filterText: column.name, range: range, newText: writer.value(column.name))
            })
        }
        let valueKeys = [ParameterKey.is, .in, .allOf, .containsAny].map(\.rawValue)
        guard valueKeys.contains(key), let field = context.field, let profile = data.engine.profile(of: field, onContacts: onContacts) else { return CompletionAnswer(items: []) }
        let bare = [.number, .boolean].contains(store.column(named: field)?.type)
        // What is typed so far picks the values: those starting with it first, then those holding
        // it, each most frequent first; values already in the list are not offered again.
        let typed = TextNormalization.normalize(String(decoding: snapshot.source.bytes[min(context.wordStart, offset)..<offset], as: UTF8.self).drop { $0 == "\"" || $0 == "'" })
        let listed = valuesListed(around: offset, in: snapshot.document)
        var starting: [ColumnProfile.Value] = [], holding: [ColumnProfile.Value] = []
        for value in profile.values {
            let normalized = TextNormalization.normalize(value.text)
            guard !listed.contains(normalized) else { continue }
            if typed.isEmpty || normalized.hasPrefix(typed) { starting.append(value) } else if normalized.contains(typed) { holding.append(value) }
        }
        let matching = starting + holding
        let items = matching.prefix(maximumValueItems).enumerated().map { rank, value in
            CompletionCandidate(label: value.text, kind: .value, detail: "\(CountFormat.grouped(value.count)) records", description: "\(CountFormat.grouped(value.count)) records",
                                sortText: CFormat.padded(rank, width: 5), filterText: value.text, range: range, newText: writer.value(value.text, bare: bare))
        }
        return CompletionAnswer(items: Array(items), isIncomplete: matching.count > maximumValueItems)
    }

    /// The values (normalized) already written in the condition the cursor is in, but for the one being typed.
    private static func valuesListed(around offset: Int, in document: ICPDocument) -> Set<String> {
        guard let index = document.tree.location(at: offset)?.parameterIndex,
              let parameters = document.icp?.parameters, index < parameters.count,
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
        case .yaml: "parameters:\n  - \(parameterSnippet.replacing("\n", with: "\n  "))"
        case .json: "\"parameters\": [{\(parameterSnippet)}]"
        }
    }

    /// The text as a YAML value at the cursor: quoted when plain YAML would misread it.
    private func quotedIfNeeded(_ text: String) -> String {
        let escaped = text.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"")
        if context.quoted { return escaped }
        let specialStart = "-?:,[]{}#&*!|>'\"%@`".contains(text.first ?? " ")
        let flowBreaking = context.inFlowList && text.contains(where: { ",[]{}".contains($0) })
        let needs = text.isEmpty || specialStart || flowBreaking || text.contains(": ") || text.contains(" #")
            || text.first == " " || text.last == " " || text.last == ":"
        return needs ? "\"\(escaped)\"" : text
    }
}
