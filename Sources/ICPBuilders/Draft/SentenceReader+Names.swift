/// Accounts named in a sentence: "exclude Citigroup", "retailers except Wal-Mart", "Facebook's
/// rounds", on the column that names accounts (``DraftVocabulary/accountNames``).
extension SentenceReader {
    /// Words of a company's legal or trading name after the name people say: `Wal-Mart Stores`,
    /// `Citigroup Inc`.
    private static let corporateWords: Set<String> = [
        "inc", "incorporated", "corp", "corporation", "co", "company", "companies", "group", "holdings", "holding", "ltd", "limited",
        "plc", "llc", "lp", "llp", "ag", "sa", "se", "nv", "bv", "gmbh", "spa", "ab", "asa", "oyj", "stores", "international", "intl",
    ]

    /// Up to five words each written with a capital at `index` that are a name of the data: the
    /// whole name, or the start of one name that goes on only with corporate words (read as that
    /// name, and said). "S&P" is not `S&P Global`: a start that other words follow names nothing.
    func accountNamePhrase(at index: Int) -> Match? {
        guard let names = vocabulary.accountNames else { return nil }
        var end = index
        while end < tokens.count, end - index < 5, tokens[end].word != nil, characters[tokens[end].start].isUppercase { end += 1 }
        for stop in stride(from: end, to: index, by: -1) {
            let span = index..<stop
            if span.count == 1, let only = word(at: index), DraftLexicon.fillers.contains(only) || DraftLexicon.headNouns.contains(only) { continue }
            let key = DraftVocabulary.key(words(span))
            guard key.count >= 3 else { continue }
            if let exact = names.byKey[key] { return Match(length: span.count, claims: [(names.field, .values(exact))]) }
            let prefix = key + " "
            var position = lowerBound(of: prefix, in: names.keys)
            var longer: [String] = []
            while position < names.keys.count, names.keys[position].hasPrefix(prefix), longer.count < 2 {
                longer.append(names.keys[position])
                position += 1
            }
            guard longer.count == 1, longer[0].dropFirst(prefix.count).split(separator: " ").allSatisfy({ Self.corporateWords.contains(String($0)) }),
                  let values = names.byKey[longer[0]] else { continue }
            return Match(length: span.count, claims: [(names.field, .values(values))], readAs: values[0])
        }
        return nil
    }

    /// The first position in sorted `keys` not before `key`.
    private func lowerBound(of key: String, in keys: [String]) -> Int {
        var (low, high) = (0, keys.count)
        while low < high {
            let middle = (low + high) / 2
            if keys[middle] < key { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
