import ICPLanguage
import ICPEngine

/// The values of a parameter's list as `icp refine` edits them: joined ("also allow X"),
/// removed ("take X out"), swapped ("swap X for Y") and rewritten, `is` and `in` alike.
extension Refiner {
    /// The key of a condition whose values a list may hold (`is`, `in`, `all_of`, `contains_any`).
    static func listKey(_ condition: Condition?) -> ParameterKey? {
        switch condition {
        case .equals?: .is
        case .oneOf?: .in
        case .allOf?: .allOf
        case .containsAny?: .containsAny
        default: nil
        }
    }

    /// The values of a drafted `is` or `in` condition.
    static func listValues(_ condition: Condition) -> [String]? {
        switch condition {
        case .equals(let value): [value.text]
        case .oneOf(let values): values.map(\.text)
        default: nil
        }
    }

    /// Parameter `item`'s condition rewritten to hold `values`: `is` for one, `in` for several
    /// (an `all_of` or `contains_any` keeps its key).
    func listChange(_ parameter: Parameter, item: Int, values: [String], editor: ParameterListEditor) -> TextChange? {
        guard let key = Self.listKey(parameter.condition?.value), let first = values.first else { return nil }
        let newKey: ParameterKey = key == .is || key == .in ? (values.count == 1 ? .is : .in) : key
        return editor.replacing(key.rawValue, with: newKey.rawValue, value: newKey == .is ? editor.written(first) : editor.writtenList(values), in: item)
    }

    /// The values of `parameter`'s list that `phrase` names: as written, or as the sentence reader
    /// maps them. Words naming the parameter itself ("the city filter", "the filter on city") name
    /// no value, though `SALT LAKE CITY` holds "city".
    private func named(in phrase: String, _ parameter: Parameter) -> [ConditionValue] {
        guard let field = parameter.field?.value, let values = parameter.condition?.value.values else { return [] }
        let phrase = Self.withoutParameterName(field, in: phrase)
        let said = " " + DraftVocabulary.key(phrase) + " "
        var mapped = Set<String>()
        if let column = vocabulary.fields.firstIndex(where: { $0.name == field }) {
            var reader = SentenceReader(phrase, vocabulary: vocabulary, asOf: engine.settings.asOf)
            reader.read()
            for claim in reader.claims where claim.field == column {
                if case .values(let found) = claim.test { mapped.formUnion(found.map(DraftVocabulary.key)) }
            }
        }
        return values.filter { mapped.contains(DraftVocabulary.key($0.text)) || said.contains(" " + DraftVocabulary.key($0.text) + " ") }
    }

    /// `phrase` without the words that name the parameter on `field` with a noun for a parameter:
    /// `city filter`, `filter on city`, `City score`.
    static func withoutParameterName(_ field: String, in phrase: String) -> String {
        let nouns: Set<String> = ["filter", "filters", "parameter", "condition", "criterion", "rule", "score", "exclude", "exclusion", "gate", "requirement"]
        let name = field.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        var words = phrase.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        let lowered = words.map { String($0.lowercased().filter { $0.isLetter || $0.isNumber }) }
        guard !name.isEmpty, words.count > name.count else { return phrase }
        for start in 0...(words.count - name.count) where Array(lowered[start..<(start + name.count)]) == name {
            let end = start + name.count
            if end < words.count, nouns.contains(lowered[end]) {
                words.removeSubrange(start...end)
                return words.joined(separator: " ")
            }
            if start >= 2, ["on", "for", "of"].contains(lowered[start - 1]), nouns.contains(lowered[start - 2]) {
                words.removeSubrange((start - 2)..<end)
                return words.joined(separator: " ")
            }
        }
        return phrase
    }

    /// "drop Germany" when Germany is one value of one parameter's list: the value leaves the list
    /// and the parameter stays. Nil when the words name no such value (the step drops parameters).
    mutating func valueRemoval(_ step: InstructionStep, in icp: ICP, editor: ParameterListEditor) -> TextChange? {
        let phrase = step.phrase.isEmpty ? String(step.text.split(separator: " ").dropFirst().joined(separator: " ")) : step.phrase
        // Only a list that keeps some value loses values; naming all of them drops the parameter.
        let found = lists(naming: phrase, in: icp, editor: editor).filter { $0.named.count < ($0.parameter.condition?.value.values.count ?? 0) }
        guard found.count == 1, let (parameter, item, named) = found.first else { return nil }
        let removed = Set(named.map(\.text))
        let kept = (parameter.condition?.value.values ?? []).map(\.text).filter { !removed.contains($0) }
        let field = parameter.field?.value ?? "?"
        edits.append("\(field) (line \(parameter.range.start.line + 1)): removed \(named.map(\.text).joined(separator: ", "))")
        previous = [field]
        return listChange(parameter, item: item, values: kept, editor: editor)
    }

    /// The parameters whose list holds values `phrase` names, with their item in the list and those values.
    private func lists(naming phrase: String, in icp: ICP, editor: ParameterListEditor) -> [(parameter: Parameter, item: Int, named: [ConditionValue])] {
        editor.sequence.items.enumerated().compactMap { item, node in
            guard let parameter = icp.parameters.first(where: { $0.range.start.offset == node.range.start.offset }),
                  Self.listKey(parameter.condition?.value) != nil else { return nil }
            let named = self.named(in: phrase, parameter)
            return named.isEmpty ? nil : (parameter, item, named)
        }
    }

    /// "swap Germany for France": the named values of one parameter's list replaced by others of its column.
    mutating func swap(_ old: String, for new: String, step: InstructionStep, in icp: ICP, editor: ParameterListEditor) -> RefinementFailure? {
        let found = lists(naming: old, in: icp, editor: editor)
        guard found.count == 1, let (parameter, item, named) = found.first, let field = parameter.field?.value else {
            return RefinementFailure(description: found.isEmpty
                ? "\"\(old)\" is not a value of any list in the file, in \"\(step.text)\""
                : "\"\(old)\" is a value of \(found.count) parameters (\(found.compactMap { $0.parameter.field?.value }.joined(separator: ", "))); name the field, in \"\(step.text)\"")
        }
        let added: [String]
        switch values(in: new, for: field) {
        case .success(let values): added = values
        case .failure(let failure): return failure
        }
        let removed = Set(named.map(\.text))
        var values = (parameter.condition?.value.values ?? []).map(\.text).filter { !removed.contains($0) }
        let present = Set(values.map(DraftVocabulary.key))
        values += added.filter { !present.contains(DraftVocabulary.key($0)) }
        guard let change = listChange(parameter, item: item, values: values, editor: editor) else { return nil }
        text = TextChange.apply([change], to: text)
        edits.append("\(field) (line \(parameter.range.start.line + 1)): \(named.map(\.text).joined(separator: ", ")) → \(added.joined(separator: ", "))")
        previous = [field]
        return nil
    }
}
