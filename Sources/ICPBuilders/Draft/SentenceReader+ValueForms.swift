/// Values written in other forms than a plain phrase: codes after a column's name, labels with
/// commas, longer names in a list, a usual name's other values in the data.
extension SentenceReader {
    /// The usual names of `key` (``DraftLexicon/synonyms``) that the matched column also holds
    /// ("Health" beside `Healthcare`), named in a question when none is asked yet.
    func withSiblings(_ matched: Match, key: String, span: Range<Int>) -> Match {
        guard matched.question == nil, let candidates = DraftLexicon.synonyms[key],
              let (field, test) = matched.claims.first, case .values(let taken) = test else { return matched }
        let siblings = candidates.flatMap { vocabulary.valueIndex[DraftVocabulary.key($0)] ?? [] }
            .filter { $0.field == field && !taken.contains($0.value) }.map(\.value)
        guard !siblings.isEmpty else { return matched }
        var asked = matched
        asked.question = "read \"\(words(span))\" as \(vocabulary.fields[field].name) in [\(taken.joined(separator: ", "))]; the data also has \(siblings.prefix(5).joined(separator: ", ")): add the ones you mean"
        return asked
    }

    /// A value written with commas where the data has none, or the reverse: "food, drink and
    /// tobacco" for `Food drink & tobacco`. Only a whole value, up to eight tokens, commas aside.
    func commaWrittenValue(at index: Int) -> Match? {
        guard word(at: index) != nil else { return nil }
        for length in stride(from: Swift.min(8, tokens.count - index), through: 3, by: -1) {
            let span = index..<(index + length)
            guard word(at: span.upperBound - 1) != nil, span.contains(where: { tokens[$0].text == "," }),
                  span.allSatisfy({ tokens[$0].word != nil || tokens[$0].text == "," }) else { continue }
            let key = DraftVocabulary.key(span.compactMap { tokens[$0].word }.joined(separator: " "))
            if let refs = vocabulary.valueIndex[key] { return match(refs, length: length, previous: nil) }
        }
        return nil
    }

    /// Codes of a text or list column after a word of its name: "sic 85310", "SIC 85200 / 85310",
    /// "naics 5415". Each number must be a value of that column.
    func codePhrase(at index: Int) -> Match? {
        guard let name = word(at: index), name.count >= 3, !DraftLexicon.fillers.contains(name) else { return nil }
        let fields = vocabulary.fields.indices.filter { [.text, .list].contains(vocabulary.fields[$0].type) && vocabulary.fields[$0].words.contains(name) }
        guard fields.count == 1, let field = fields.first else { return nil }
        var position = index + 1
        if word(at: position) == "code" || word(at: position) == "codes" { position += 1 }
        let held = Set(vocabulary.fields[field].values)
        var values: [String] = []
        while position < tokens.count, tokens[position].number != nil, held.contains(tokens[position].text) {
            values.append(tokens[position].text)
            position += 1
            guard position + 1 < tokens.count, ["or", "and", ","].contains(tokens[position].word ?? tokens[position].text),
                  tokens[position + 1].number != nil, held.contains(tokens[position + 1].text) else { break }
            position += 1
        }
        return values.isEmpty ? nil : Match(length: position - index, claims: [(field, .values(values))])
    }

    /// Values of a list column that start with the words of `key` and go on ("tiger global" →
    /// `Tiger Global Management`), most held first.
    func longerNames(of key: String, in field: Int) -> [String] {
        vocabulary.fields[field].values.filter { value in
            let valueKey = DraftVocabulary.key(value)
            return valueKey != key && valueKey.hasPrefix(key + " ")
        }
    }
}
