/// The column a measure word names ("revenue", "staff"), among several the one the sentence
/// tells, and the one money column.
extension SentenceReader {
    /// The measure named at `index` ("profit", "market cap", "revenue growth", "change in rank"),
    /// on the column that measures it, and the words it takes. Nil when no measure is named, or
    /// when none of the columns measures it and an older reading may still place the word.
    func namedMeasure(at index: Int) -> (target: Target, length: Int)? {
        let words = tokens.map(\.word)
        var position = index
        var change = false
        // "change in rank", "growth in revenue", "increase in sales".
        if let word = word(at: index), ["change", "growth", "increase", "rise"].contains(word), let joiner = self.word(at: index + 1), ["in", "of"].contains(joiner),
           DraftMeasure.named(in: words, at: index + 2) != nil {
            change = true
            position = index + 2
        }
        guard let (measure, length) = DraftMeasure.named(in: words, at: position) else { return nil }
        var end = position + length
        // "revenue growth", "sales change", "headcount grew".
        if !change, let next = word(at: end), ["growth", "change", "grew", "growing", "increase", "increased", "rise", "rose", "declined", "decline", "yoy"].contains(next) {
            change = true
            end += 1
        }
        let word = self.word(at: position) ?? ""
        switch vocabulary.column(measuring: measure, change: change, word: word) {
        case .field(let field): return (.field(field), end - index)
        case .none(let why):
            // A column of no known measure may still be it by role ("employees" on `Size`).
            return (.refused("\"\(self.words(index..<end))\": \(why)"), end - index)
        case .several(let fields):
            if let field = settle(fields) { return (.field(field), end - index) }
            let names = fields.map { vocabulary.fields[$0].name }.joined(separator: " or ")
            return (.refused("\"\(self.words(index..<end))\" could be \(names); name the column"), end - index)
        }
    }

    /// Among columns of one measure, the one the sentence tells: the only one a word of the
    /// sentence names apart from the others ("staff on site" for `Employees On Site`; "$" or
    /// "dollars" for `Revenue in U.S. Dollars` beside `Revenue Local Currency`), else the only
    /// total (`Employees Total` beside `Employees On Site`). Nil when nothing tells.
    func settle(_ fields: [Int]) -> Int? {
        var said = Set(tokens.compactMap(\.word).map(DraftVocabulary.nameStem))
        if tokens.contains(where: { $0.isMoney && characters[$0.start] == "$" }) || !said.isDisjoint(with: ["dollar", "usd"]) {
            said.formUnion(["dollar", "usd"])
        }
        let names = fields.map { Set(vocabulary.fields[$0].words.map(DraftVocabulary.nameStem)) }
        let shared = names.dropFirst().reduce(names.first ?? []) { $0.intersection($1) }
        let told = fields.indices.filter { position in
            let own = names[position].subtracting(shared).subtracting(DraftLexicon.glue).subtracting(["u", "s"])
            return !own.isDisjoint(with: said)
        }
        if told.count == 1 { return fields[told[0]] }
        guard told.isEmpty else { return nil }
        let totals = fields.filter { vocabulary.fields[$0].words.contains("total") }
        return totals.count == 1 ? totals[0] : nil
    }

    /// When a word names two number columns and the bounds do not tell which (a plain number
    /// after "funding": the amount raised or the number of rounds), the candidates, for the report.
    func ambiguity(of field: Int, named word: String, bounds: Bounds) -> String? {
        let chosen = vocabulary.fields[field]
        guard !bounds.isMoney, chosen.isMoney else { return nil }
        let stem = DraftVocabulary.stem(word)
        let others = vocabulary.fields.indices.filter { other in
            other != field && vocabulary.fields[other].isQuantity && !vocabulary.fields[other].isMoney
                && vocabulary.fields[other].words.map(DraftVocabulary.stem).contains(stem)
        }
        guard !others.isEmpty else { return nil }
        let names = ["\(chosen.name) (money)"] + others.map { "\(vocabulary.fields[$0].name) (a count)" }
        return "\"\(word)\" could be " + names.joined(separator: " or ") + "; write \"$\" for an amount, or the column's name"
    }

    /// The one money column, when the data has exactly one.
    var onlyMoneyField: Int? {
        let money = vocabulary.fields.indices.filter { vocabulary.fields[$0].isMoney }
        return money.count == 1 ? money[0] : nil
    }
}
