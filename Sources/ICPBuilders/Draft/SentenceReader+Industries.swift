/// Industry words on a column of standard industry codes (``IndustryTaxonomy``): "retailers"
/// on `NAICS` is `in: [44, 45]`, "religious organizations" on `NTEE_CD` every code of group X.
extension SentenceReader {
    /// The longest industry phrase at `index` (up to five words, `&` read as "and"), mapped onto
    /// the data's code column. Always said in the output: which codes of which standard it read;
    /// a question when the column is coarser than the words (a sector for "hospitals") or when
    /// several code columns could take it.
    func industryPhrase(at index: Int) -> Match? {
        let columns = vocabulary.fields.indices.compactMap { field in vocabulary.fields[field].taxonomy.map { (field: field, kind: $0.kind, codes: $0.codes) } }
        guard !columns.isEmpty else { return nil }
        if let paragraph = exemptionParagraph(at: index) {
            guard let field = columns.first(where: { $0.kind == .exemption && $0.codes.contains(paragraph.code) })?.field else { return nil }
            return Match(length: paragraph.length, claims: [(field, .values([paragraph.code]))])
        }
        guard word(at: index) != nil else { return nil }
        var written: [String] = []
        var position = index
        while position < tokens.count, written.count < 5, let word = word(at: position) {
            written.append(word == "&" ? "and" : DraftVocabulary.looseSpelling(word))
            position += 1
        }
        guard let (length, concept) = IndustryConcept.phrases.lazy.compactMap({ entry -> (Int, IndustryConcept)? in
            guard entry.words.count <= written.count, Array(written.prefix(entry.words.count)) == entry.words else { return nil }
            // "it" is a pronoun unless written in capitals ("IT consultancies").
            if entry.words.first == "it", !self.tokens[index].isCapitalized { return nil }
            return (entry.words.count, entry.concept)
        }).first else { return nil }
        let found = columns.compactMap { column -> (field: Int, kind: IndustryTaxonomy, values: [String], isBroader: Bool)? in
            concept.matching(column.codes, in: column.kind).map { (column.field, column.kind, $0.values, $0.isBroader) }
        }
        // No code of the data is of this industry: the words may still be a value of another column.
        // Where the legal form says it (labor unions are 501(c)(5)), that column comes first.
        let ranked = found.sorted { ($0.kind == .exemption ? 0 : 1, $0.isBroader ? 1 : 0) < ($1.kind == .exemption ? 0 : 1, $1.isBroader ? 1 : 0) }
        guard let chosen = ranked.first else { return nil }
        let phrase = words(index..<(index + length))
        let column = vocabulary.fields[chosen.field]
        let kind = chosen.kind
        let shown = chosen.values.count > 8 ? chosen.values.prefix(8).joined(separator: ", ") + ", +\(chosen.values.count - 8) more" : chosen.values.joined(separator: ", ")
        let reading = "the \(kind.rawValue) codes of \(concept.name), \(column.name) in [\(shown)]"
        let others = found.filter { $0.field != chosen.field }.map { vocabulary.fields[$0.field].name }
        guard chosen.isBroader || !others.isEmpty else {
            return Match(length: length, claims: [(chosen.field, .values(chosen.values.sorted()))], readAs: reading)
        }
        var question = "read \"\(phrase)\" as \(reading)"
        if chosen.isBroader { question += ", the \(chosen.values.count == 1 ? "code" : "codes") holding it: \(column.name) has no narrower code for \(concept.name)" }
        if !others.isEmpty { question += "; \(others.joined(separator: ", ")) also holds such codes" }
        return Match(length: length, claims: [(chosen.field, .values(chosen.values.sorted()))], question: question + ": keep the ones you mean")
    }

    /// "501(c)(3)", "501c3s", "501 (c)(4) organizations": the paragraph as the IRS writes it
    /// (`03`), and how many tokens it takes.
    private func exemptionParagraph(at index: Int) -> (code: String, length: Int)? {
        guard tokens[index].number == 501, tokens[index].text.hasPrefix("501") else { return nil }
        var text = ""
        var position = tokens[index].start
        while position < characters.count, text.count < 12 {
            let character = characters[position]
            if !character.isWhitespace { text.append(Character(character.lowercased())) }
            position += 1
        }
        var rest = Substring(text)
        guard rest.hasPrefix("501") else { return nil }
        rest = rest.dropFirst(3)
        let bracketed = rest.hasPrefix("(c)(")
        if bracketed { rest = rest.dropFirst(4) } else if rest.hasPrefix("c") { rest = rest.dropFirst() } else { return nil }
        let digits = rest.prefix { $0.isNumber }
        guard let number = Int(digits), (1...99).contains(number) else { return nil }
        rest = rest.dropFirst(digits.count)
        if bracketed { guard rest.hasPrefix(")") else { return nil }; rest = rest.dropFirst() }
        if rest.hasPrefix("s"), rest.dropFirst().first.map({ !$0.isLetter }) ?? true { rest = rest.dropFirst() }
        // The tokens the written form spans: those starting before its end.
        let consumed = text.count - rest.count
        var seen = 0, end = tokens[index].start
        while end < characters.count, seen < consumed {
            if !characters[end].isWhitespace { seen += 1 }
            end += 1
        }
        let length = tokens[index...].prefix { $0.start < end }.count
        return (number < 10 ? "0\(number)" : "\(number)", length)
    }
}
