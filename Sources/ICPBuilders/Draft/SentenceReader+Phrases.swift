import ICPLanguage
import ICPEngine
/// Known phrases (sizes, growth, funding, stages, customers) and values of the data (with
/// synonyms, places and spelling tolerance).
extension SentenceReader {
    private static let fundingVerbs: Set<String> = ["raised", "funded", "raise", "raising", "funding", "round", "financing"]
    private static let toolVerbs: Set<String> = ["using", "uses", "use", "on", "with", "runs", "running", "run", "via", "have", "has"]
    private static let customerPhrases: [([String], Bool)] = [
        (["existing", "customers"], true), (["current", "customers"], true), (["existing", "customer"], true), (["paying", "customers"], true),
        (["net", "new"], false), (["new", "logos"], false), (["net", "new", "logos"], false), (["prospects"], false), (["non", "customers"], false),
    ]

    /// A phrase of the lexicon at `index`, mapped onto the column of its role.
    func knownPhrase(at index: Int) -> Match? {
        if let band = longest(DraftLexicon.sizeBands.map { ($0.0, ($0.1, $0.2)) }, at: index) {
            return onRole(.size, length: band.length) { _ in .range(min: band.entry.0, max: band.entry.1) }
        }
        if let growth = longest(DraftLexicon.growth.map { ($0.0, $0.1) }, at: index) {
            return onRole(.growth, length: growth.length) { field in
                .range(min: vocabulary.fields[field].isFraction ? growth.entry / 100 : growth.entry, max: nil)
            }
        }
        if let recent = longest(DraftLexicon.recentFunding.map { ($0, ()) }, at: index) {
            return onRole(.fundingDate, length: recent.length) { _ in .withinDays(365) }
        }
        if let word = word(at: index), Self.fundingVerbs.contains(word) || word == "founded" {
            var position = index + 1
            while let next = self.word(at: position), ["a", "round", "money", "capital", "funding"].contains(next) { position += 1 }
            if let window = timeWindow(at: position) {
                let role: DraftLexicon.Role = word == "founded" ? .founded : .fundingDate
                let length = position - index + window.length
                return onRole(role, length: length) { field in
                    vocabulary.fields[field].type == .date ? .withinDays(window.days) : .range(min: Double(asOf.components.year - window.days / 365), max: nil)
                }
            }
            // "raised in 2007", "funded before 2005", "founded since 2015": years on the date of that event.
            if let bounds = bounds(at: position, lone: true), bounds.isYears,
               let field = vocabulary.field(withRole: word == "founded" ? .founded : .fundingDate), vocabulary.fields[field].type == .date,
               let test = test(bounds, on: field) {
                return Match(length: position + bounds.length - index, claims: [(field, test)])
            }
            if ["funded"].contains(word), position == index + 1, let field = vocabulary.field(withRole: .fundingDate) {
                return Match(length: 1, claims: [(field, .present)])
            }
        }
        if let window = timeWindow(at: index) {
            // "in the last 12 months" with no date named: the data's one date column, said.
            let dates = vocabulary.fields.indices.filter { vocabulary.fields[$0].type == .date }
            guard dates.count == 1, let field = dates.first else { return nil }
            return Match(length: window.length, claims: [(field, .withinDays(window.days))],
                         question: "read \"\(words(index..<(index + window.length)))\" as \(vocabulary.fields[field].name), the only date column")
        }
        if let stage = stagePhrase(at: index) { return stage }
        if let rank = rankPhrase(at: index) { return rank }
        if let flag = flagPhrase(at: index) { return flag }
        if let presence = presencePhrase(at: index) { return presence }
        if let customers = longest(Self.customerPhrases, at: index),
           let field = vocabulary.fields.firstIndex(where: { $0.type == .boolean && $0.words.contains("customer") }) {
            // "net new" and "prospects" keep the customers out: an exclude of the flag.
            return Match(length: customers.length, claims: [(field, .flag(true))], negates: !customers.entry)
        }
        return nil
    }

    /// A match of `length` tokens on the field of `role`, or those tokens quoted as unmapped.
    private func onRole(_ role: DraftLexicon.Role, length: Int, _ test: (Int) -> DraftClaim.Test) -> Match {
        guard let field = vocabulary.field(withRole: role) else {
            return Match(length: length, unmappedClosest: .some(nil))
        }
        return Match(length: length, claims: [(field, test(field))])
    }

    /// "Series B+", "Series B or later", "Series B or C", "growth-stage", "early-stage".
    private func stagePhrase(at index: Int) -> Match? {
        var letters: ClosedRange<Int>?
        var seed = false
        var length = 0
        if let set = longest(DraftLexicon.stageSets.map { ($0.0, ($0.1, $0.2)) }, at: index) {
            (letters, seed, length) = (set.entry.0, set.entry.1, set.length)
        } else if word(at: index) == "series", let (letter, open) = word(at: index + 1).flatMap(Self.seriesLetter) {
            length = 2
            var upper = letter
            if open {
                upper = 26
            } else if let later = longest([(["or", "later"], ()), (["or", "above"], ()), (["and", "above"], ()), (["and", "later"], ()),
                                           (["and", "beyond"], ()), (["or", "beyond"], ()), (["and", "up"], ())], at: index + 2) {
                upper = 26
                length += later.length
            } else {
                // "Series B or C", "Series B and C", "Series B, C": further letters.
                var position = index + 2
                while let joiner = word(at: position), ["or", "and"].contains(joiner) || tokens[position].text == ",",
                      let (next, _) = word(at: position + 1).flatMap(Self.seriesLetter) {
                    upper = Swift.max(upper, next)
                    position += 2
                    length = position - index
                }
            }
            letters = letter...upper
        }
        guard let letters, length > 0 else { return nil }
        guard let field = vocabulary.field(withRole: .stage) else { return Match(length: length, unmappedClosest: .some(nil)) }
        let values = vocabulary.fields[field].values.filter { value in
            let key = DraftVocabulary.key(value)
            if key == "seed" || key == "pre seed" { return seed }
            // `Series B`, `series_b`, or the letter alone in a column of stages (`b` beside `seed`).
            let letterKey = key.hasPrefix("series ") ? String(key.dropFirst(7)) : key
            guard letterKey.count <= 2, let (letter, open) = Self.seriesLetter(letterKey) else { return false }
            return letters.contains(letter) || (open && letter <= letters.upperBound)
        }
        guard !values.isEmpty else { return Match(length: length, unmappedClosest: .some(vocabulary.fields[field].name)) }
        return Match(length: length, claims: [(field, .values(values.sorted { DraftVocabulary.key($0) < DraftVocabulary.key($1) }))])
    }

    /// `b` → 2; `b+` → 2, open-ended.
    private static func seriesLetter(_ word: String) -> (Int, Bool)? {
        let open = word.hasSuffix("+")
        let letter = open ? String(word.dropLast()) : word
        guard letter.count == 1, let scalar = letter.unicodeScalars.first, ("a"..."z").contains(scalar) else { return nil }
        return (Int(scalar.value) - 96, open)
    }

    /// A value of the data at `index`, in up to four words: a place (country, region, state,
    /// metropolitan area) on the column of its kind, then a value as written, singular, or by a
    /// synonym; with `fuzzy`, one word misspelled by one letter (two from nine letters). A lone
    /// common word never maps by value ("are" is not the United Arab Emirates' code, "startups"
    /// not a category), and a code (`IN`, `ARE`) matches only when written in capitals.
    func valuePhrase(at index: Int, fuzzy: Bool) -> Match? {
        if !fuzzy, let codes = codePhrase(at: index) { return codes }
        if !fuzzy, let listed = commaWrittenValue(at: index) { return listed }
        let previous = index > 0 ? word(at: index - 1) : nil
        for length in stride(from: Swift.min(4, tokens.count - index), through: 1, by: -1) {
            let span = index..<(index + length)
            // Words, and numbers inside a longer span: a band the data writes as text ("1000 to 4999").
            guard span.allSatisfy({ tokens[$0].word != nil || (length > 1 && tokens[$0].number != nil) }),
                  tokens[span.lowerBound].word != nil || length > 1 else { continue }
            let key = DraftVocabulary.key(span.map { tokens[$0].text }.joined(separator: " "))
            let capitalized = span.allSatisfy { tokens[$0].isCapitalized }
            if fuzzy {
                guard length == 1, key.count >= 5, !DraftLexicon.headNouns.contains(key), !DraftLexicon.fillers.contains(key),
                      !DraftLexicon.roleWords.values.contains(where: { $0.contains(key) }), !DraftLexicon.isMeasureWord(key) else { continue }
                if let found = closestKey(key, in: vocabulary.fuzzyKeys), let refs = vocabulary.valueIndex[found] {
                    var matched = match(refs, length: length, previous: previous)
                    matched.readAs = refs.first?.value
                    return matched
                }
                if let name = closestKey(key, in: Self.placeNames), var place = placeMatch(name, length: length, capitalized: false) {
                    place.readAs = name
                    return place
                }
                continue
            }
            // "uk", and "us" where it cannot be the pronoun ("in the us", "us companies"), are countries.
            let country = length == 1 && (key == "uk" || key == "us" && (index == 0 || ["the", "in", "non", "outside", "from", "across", "and", "or", "of"].contains(previous ?? "")))
            if country, let place = placeMatch(key, length: length, capitalized: true) { return place }
            // A filler that is also a usual name ("tech") reads as one unless a tool list follows ("tech stack").
            let usualName = DraftLexicon.synonyms[key] != nil && word(at: span.upperBound) != "stack"
            if length == 1, !capitalized, (DraftLexicon.fillers.contains(key) && !usualName) || DraftLexicon.headNouns.contains(key) { continue }
            if key.count <= 2, !capitalized, DraftLexicon.synonyms[key] == nil { continue }
            if statedAsState(after: span.upperBound) {
                // "New York state", "California or New York state": a state, never a city or a country.
                if let code = PlaceTables.state(named: key, capitalized: capitalized) {
                    let next = word(at: span.upperBound).map { ["state", "states"].contains($0) } ?? false
                    let total = length + (next ? 1 : 0)
                    if let field = vocabulary.field(withRole: .state) {
                        let values = vocabulary.fields[field].values.filter { PlaceTables.keys(ofState: code).contains(DraftVocabulary.key($0)) }
                        if !values.isEmpty { return Match(length: total, claims: [(field, .values(values))]) }
                    }
                    if let found = locationMatch(key, length: total, capitalized: capitalized, statesOnly: true) { return found }
                    return Match(length: total, unmappedClosest: .some("no column of the data holds this state"))
                }
            } else if let place = placeMatch(key, length: length, capitalized: capitalized) { return place }
            let written = vocabulary.valueIndex[key] ?? (key.count > 4 && key.hasSuffix("s") ? vocabulary.valueIndex[String(key.dropLast())] : nil)
            if let refs = written?.filter({ capitalized || !Self.isCode($0.value) }), !refs.isEmpty {
                var matched = match(refs, length: length, previous: previous)
                if let (field, test) = matched.claims.first, case .values(let values) = test, vocabulary.fields[field].type == .list {
                    // A name in a list of names also stands for its longer forms: "Tiger Global" and
                    // `Tiger Global Management`, "SoftBank" and `SoftBank Group`.
                    let longer = longerNames(of: key, in: field)
                    if !longer.isEmpty {
                        matched.claims = [(field, .values(values + longer))]
                        matched.question = "read \"\(words(span))\" as \(vocabulary.fields[field].name) in [\((values + longer).joined(separator: ", "))], the names starting with those words: keep the ones you mean"
                    }
                }
                return withSiblings(widened(matched, span: span), key: key, span: span)
            }
            if let field = vocabulary.field(withRole: .location), key.count >= 4, !DraftLexicon.fillers.contains(key), (vocabulary.fields[field].placeParts[key] ?? 0) >= 2 {
                // A town written as a part of the location texts ("Glasgow" in "..., Glasgow, G2 1AB");
                // a county by its name alone, as texts write it several ways ("Co. Meath", "County Meath").
                let name = DraftVocabulary.placeNames(inPart: words(span)).min { $0.count < $1.count } ?? key
                return Match(length: length, claims: [(field, .contains([name == key ? words(span) : Self.titled(name)]))])
            }
            if let candidates = DraftLexicon.synonyms[key], let refs = candidates.lazy.compactMap({ vocabulary.valueIndex[DraftVocabulary.key($0)] }).first {
                var matched = withSiblings(match(refs, length: length, previous: previous), key: key, span: span)
                if case .values(let values)? = matched.claims.first?.test, let value = values.first, DraftVocabulary.key(value) != key {
                    matched.readAs = value
                    return widened(matched, words: DraftVocabulary.looseWords(value), span: span)
                }
                return widened(matched, span: span)
            }
        }
        return nil
    }

    /// Values of the data that hold every content word of the phrase at `index` (up to three
    /// words), spelled loosely: "gas and electric utilities" is `Utilities: Gas and Electric`,
    /// "software" is `Application Software` and `Systems Software` together. Values with exactly
    /// the phrase's words win; otherwise every value holding them, on the column where they
    /// cover most records, and the choice is a question. A word in more than a handful of
    /// values is too vague to read: it is quoted as unmapped with the column it fits.
    func valuePhrase(inOtherWords index: Int) -> Match? {
        for length in stride(from: Swift.min(3, tokens.count - index), through: 1, by: -1) {
            let span = index..<(index + length)
            guard span.allSatisfy({ tokens[$0].word != nil }),
                  let first = word(at: span.lowerBound), let last = word(at: span.upperBound - 1),
                  !DraftLexicon.fillers.contains(first), !DraftLexicon.fillers.contains(last),
                  !DraftLexicon.headNouns.contains(last), !DraftLexicon.isMeasureWord(last), !DraftLexicon.isMeasureWord(first) else { continue }
            var phrase = DraftVocabulary.looseWords(span.map { tokens[$0].text }.joined(separator: " "))
            // A shortened word ("telecom", "pharma") is the value's word it begins, when only one does.
            phrase = Set(phrase.map { word in
                guard vocabulary.wordIndex[word] == nil, word.count >= 4 else { return word }
                let longer = word.count >= 5 ? vocabulary.wordKeys.filter { $0.hasPrefix(word) } : []
                if longer.count == 1 { return longer[0] }
                // "retailers" for `Retailing`, "insurers" for `Insurance`: the one word of the same root.
                let rooted = vocabulary.rootIndex[DraftVocabulary.root(word)] ?? []
                return rooted.count == 1 ? rooted[0] : word
            })
            guard !phrase.isEmpty, phrase.reduce(0, { $0 + $1.count }) >= 4,
                  let anchor = phrase.min(by: { (vocabulary.wordIndex[$0]?.count ?? 0) < (vocabulary.wordIndex[$1]?.count ?? 0) }),
                  let entries = vocabulary.wordIndex[anchor] else { continue }
            // "rounds" where the column is `round` and one value `debt_round`: the words name the
            // column, whose rows they count, not that value.
            let naming = { (field: Int) in self.vocabulary.fields[field].words.map(DraftVocabulary.looseSpelling) == Array(phrase) }
            var holding = entries.filter { phrase.isSubset(of: $0.words) && !naming($0.ref.field) }
            if holding.isEmpty, phrase.count > 1 {
                // "mobile and telecom" for `Mobile & telecommunications`: a word that begins a word of
                // a value holding the others.
                // Such a value holds one of the words as it is: only the values of those words are read.
                holding = phrase.compactMap { vocabulary.wordIndex[$0] }.joined().filter { entry in
                    !naming(entry.ref.field) && phrase.allSatisfy { word in entry.words.contains(word) || (word.count >= 4 && entry.words.contains { $0.count > word.count && $0.hasPrefix(word) }) }
                }
                var seen = Set<DraftVocabulary.ValueRef>()
                holding = holding.filter { seen.insert($0.ref).inserted }
            }
            guard !holding.isEmpty else { continue }
            let exact = holding.filter { $0.words == phrase }
            if !exact.isEmpty {
                var matched = match(exact.map(\.ref), length: length, previous: nil)
                if case .values(let values)? = matched.claims.first?.test { matched.readAs = values.first }
                return widened(matched, words: phrase, span: span)
            }
            let byField = Dictionary(grouping: holding.map(\.ref), by: \.field)
            guard let (field, refs) = byField.max(by: { a, b in
                let (countA, countB) = (a.value.reduce(0) { $0 + $1.count }, b.value.reduce(0) { $0 + $1.count })
                return countA != countB ? countA < countB : a.key > b.key
            }) else { continue }
            let name = vocabulary.fields[field].name
            let words = self.words(span)
            // "REITs" for `Retail REITs`, `Office REITs`...: kinds of what was named, when it is the
            // last word of every one of them (the noun they all qualify), up to 20.
            let heads = refs.allSatisfy { ref in DraftVocabulary.key(ref.value).split(separator: " ").last.map { phrase.contains(DraftVocabulary.looseSpelling(String($0))) } ?? false }
            guard refs.count <= 6 || (heads && refs.count <= 20) else {
                return Match(length: length, unmappedClosest: .some("\(name): \"\(words)\" is in \(refs.count) of its values, such as \(refs.sorted { $0.count > $1.count }.prefix(3).map(\.value).joined(separator: ", ")); name the ones you mean"))
            }
            let values = refs.sorted { $0.count != $1.count ? $0.count > $1.count : $0.value < $1.value }.map(\.value)
            let elsewhere = byField.keys.filter { $0 != field }.map { vocabulary.fields[$0].name }.sorted()
            // Values that hold more than the words said are a guess, always asked.
            let question = "read \"\(words)\" as \(name) in [\(values.joined(separator: ", "))], the values holding those words"
                + (elsewhere.isEmpty ? "" : "; \(elsewhere.joined(separator: ", ")) also hold them")
                + ": keep the ones you mean"
            return Match(length: length, claims: [(field, .values(values))], readAs: values.count == 1 ? values[0] : nil, question: question)
        }
        return nil
    }

    /// A value written as a short code in capitals (`IN`, `ARE`, `NY`): met only by a word in capitals.
    private static func isCode(_ value: String) -> Bool {
        value.count <= 3 && value.allSatisfy { $0.isUppercase }
    }

    func match(_ refs: [DraftVocabulary.ValueRef], length: Int, previous: String?) -> Match {
        let prefersTools = previous.map(Self.toolVerbs.contains) ?? false
        let best = refs.max { a, b in
            let aTool = vocabulary.fields[a.field].roles.contains(.tech), bTool = vocabulary.fields[b.field].roles.contains(.tech)
            if prefersTools, aTool != bTool { return bTool }
            return a.count != b.count ? a.count < b.count : a.field > b.field
        } ?? refs[0]
        // Every spelling of the value in that column: `Québec` beside `Quebec`, `SOFTWARE` beside `Software`.
        let spellings = refs.filter { $0.field == best.field }.sorted { $0.count > $1.count }.map(\.value)
        var matched = Match(length: length, claims: [(best.field, .values(spellings))])
        // "Madrid" is a city and a province: the value held most is read, the others named.
        let others = refs.filter { $0.field != best.field }
        if !others.isEmpty {
            let elsewhere = others.map { "\(vocabulary.fields[$0.field].name) `\($0.value)` (\($0.count))" }.joined(separator: ", ")
            matched.question = "read \"\(best.value)\" as \(vocabulary.fields[best.field].name) (\(best.count) records); it is also \(elsewhere): say which you mean"
        }
        return matched
    }

    /// Country, region and state names of five letters or more, for spelling tolerance.
    private static let placeNames = PlaceTables.allNames.filter { $0.count >= 5 }
    /// Fillers of five letters or more: a misspelled filler ("companis") is still a filler.
    private static let longFillers = DraftLexicon.fillers.filter { $0.count >= 5 }.sorted()

    /// Whether `word` is a filler misspelled by one letter.
    func isMisspelledFiller(_ word: String) -> Bool {
        word.count >= 5 && closestKey(word, in: Self.longFillers) != nil
    }

    /// The key nearest `word` by one edit (two from nine letters), if any.
    private func closestKey(_ word: String, in keys: [String]) -> String? {
        let target = Array(word.unicodeScalars)
        let limit = word.count >= 9 ? 2 : 1
        var best: (key: String, distance: Int)?
        for key in keys where abs(key.count - word.count) <= limit {
            let distance = ClosestMatch.distance(target, Array(key.unicodeScalars))
            if distance <= limit, distance < (best?.distance ?? .max) { best = (key, distance) }
        }
        return best?.key
    }

    /// The column unmapped words come closest to: one whose role or name they use, or the
    /// column of categories (or tools) when they are a known name of one.
    func closestField(to words: [String]) -> String? {
        let meaningful = words.filter { word in !DraftLexicon.fillers.contains(word) || DraftLexicon.roleWords.values.contains { $0.contains(word) } }
        for word in meaningful {
            for role in DraftLexicon.Role.allCases where DraftLexicon.roleWords[role]?.contains(word) == true {
                if let field = vocabulary.field(withRole: role) { return describe(field) }
            }
            if !DraftVocabulary.genericNameWords.contains(word), let field = vocabulary.fields.firstIndex(where: { $0.words.map(DraftVocabulary.stem).contains(DraftVocabulary.stem(word)) }) {
                return describe(field)
            }
            if DraftLexicon.synonyms[word] != nil, let field = vocabulary.field(withRole: .industry) {
                return describe(field)
            }
        }
        return nil
    }

    private func describe(_ field: Int) -> String {
        let column = vocabulary.fields[field]
        guard !column.values.isEmpty else { return column.name }
        return "\(column.name), whose values include \(column.values.prefix(3).joined(separator: ", "))"
    }
}
