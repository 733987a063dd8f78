import ICPLanguage
import ICPEngine

/// The number or date column a phrase names before its bounds: by its whole name, most of its
/// name's words, its initials, its measure or its role.
extension SentenceReader {
    /// A number or date field named at `index` by its whole name, most of its name, its
    /// initials, its measure or its role, before its bounds.
    func measureMention(at index: Int) -> (target: Target, length: Int)? {
        if let named = wholeName(at: index) { return (.field(named.field), named.length) }
        if let named = mostOfName(at: index) { return (.field(named.field), named.length) }
        if let field = initialsName(at: index) { return (.field(field), 1) }
        if let (target, length) = namedMeasure(at: index) {
            if case .field = target { return (target, length) }
            if let fallback = roleMention(at: index), vocabulary.fields[fallback.field].measure == nil { return (.field(fallback.field), fallback.length) }
            return (target, length)
        }
        return roleMention(at: index).map { (.field($0.field), $0.length) }
    }

    /// A number or date column named at `index` by all the words of its name (the longest).
    func wholeName(at index: Int) -> (field: Int, length: Int)? {
        // A column's whole name first: "headcount growth" is headcount_growth, not headcount.
        let named = vocabulary.fields.indices.filter { field in
            let words = vocabulary.fields[field].words
            return (vocabulary.fields[field].isQuantity || vocabulary.fields[field].type == .date) && words.count > 1 && matches(words, at: index)
        }
        return named.max(by: { vocabulary.fields[$0].words.count < vocabulary.fields[$1].words.count }).map { ($0, vocabulary.fields[$0].words.count) }
    }

    /// A number column named at `index` by two or more words of its name in a row, in any order
    /// and with their equivalents ("mean hourly pay gap" is `DiffMeanHourlyPercent`), when no
    /// other column shares as many. Nil on a tie ("median pay gap": hourly or bonus).
    private func mostOfName(at index: Int) -> (field: Int, length: Int)? {
        var said: [String] = []
        var position = index
        while position < Swift.min(tokens.count, index + 5), let word = word(at: position), bounds(at: position) == nil,
              !DraftLexicon.fillers.contains(word) || DraftLexicon.isMeasureWord(word) {
            said.append(DraftVocabulary.nameStem(word))
            position += 1
        }
        guard said.count >= 2 else { return nil }
        var best: (field: Int, length: Int, matched: Int)?
        var tied = false
        for (field, column) in vocabulary.fields.enumerated() where column.isQuantity && column.words.count > 1 {
            let name = Set(column.words.filter { !DraftVocabulary.genericNameWords.contains($0) }.map(DraftVocabulary.nameStem))
            // The run must start with a word of the name and end on one.
            guard let first = said.first, name.contains(first), let last = said.lastIndex(where: name.contains) else { continue }
            let matched = Set(said[...last].filter(name.contains)).count
            guard matched >= 2 else { continue }
            if matched == best?.matched { tied = true }
            if matched > (best?.matched ?? 0) { (best, tied) = ((field, last + 1, matched), false) }
        }
        guard let best, !tied else { return nil }
        return (best.field, best.length)
    }

    /// A number or date column named at `index` by the initials of the first words of its name,
    /// written in capitals: "YC" for `Y Combinator Year`. Nil unless exactly one column fits.
    private func initialsName(at index: Int) -> Int? {
        let initials = tokens[index].text
        guard tokens[index].isCapitalized, tokens[index].word != nil, (2...4).contains(initials.count), initials.allSatisfy(\.isLetter) else { return nil }
        let fields = vocabulary.fields.indices.filter { field in
            let words = vocabulary.fields[field].words
            return (vocabulary.fields[field].isQuantity || vocabulary.fields[field].type == .date) && words.count > initials.count
                && String(words.prefix(initials.count).compactMap(\.first)) == initials
        }
        return fields.count == 1 ? fields[0] : nil
    }

    /// A number or date column named at `index` by a word of its role or the last word of its name.
    private func roleMention(at index: Int) -> (field: Int, length: Int)? {
        guard let word = word(at: index) else { return nil }
        for role in [DraftLexicon.Role.size, .revenue, .funding, .founded, .growth] where DraftLexicon.roleWords[role]?.contains(word) == true {
            if let field = vocabulary.field(withRole: role, naming: word) { return (field, 1) }
        }
        if let field = vocabulary.fields.firstIndex(where: { ($0.isQuantity || $0.type == .date) && $0.words.last == word }) {
            return (field, 1)
        }
        return nil
    }
}
