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
            if ["funded"].contains(word), position == index + 1, let field = vocabulary.field(withRole: .fundingDate) {
                return Match(length: 1, claims: [(field, .present)])
            }
        }
        if let stage = stagePhrase(at: index) { return stage }
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
            guard key.hasPrefix("series "), let (letter, open) = Self.seriesLetter(String(key.dropFirst(7))) else { return false }
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
        let previous = index > 0 ? word(at: index - 1) : nil
        for length in stride(from: Swift.min(4, tokens.count - index), through: 1, by: -1) {
            let span = index..<(index + length)
            // Words, and numbers inside a longer span: a band the data writes as text ("1000 to 4999").
            guard span.allSatisfy({ tokens[$0].word != nil || (length > 1 && tokens[$0].number != nil) }),
                  tokens[span.lowerBound].word != nil || length > 1 else { continue }
            let key = DraftVocabulary.key(span.map { tokens[$0].text }.joined(separator: " "))
            let capitalized = span.allSatisfy { tokens[$0].isCapitalized }
            if fuzzy {
                guard length == 1, key.count >= 5, !DraftLexicon.headNouns.contains(key), !DraftLexicon.fillers.contains(key) else { continue }
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
            if length == 1, !capitalized, DraftLexicon.fillers.contains(key) || DraftLexicon.headNouns.contains(key) { continue }
            if key.count <= 2, !capitalized { continue }
            if let place = placeMatch(key, length: length, capitalized: capitalized) { return place }
            let written = vocabulary.valueIndex[key] ?? (key.count > 4 && key.hasSuffix("s") ? vocabulary.valueIndex[String(key.dropLast())] : nil)
            if let refs = written?.filter({ capitalized || !Self.isCode($0.value) }), !refs.isEmpty {
                return match(refs, length: length, previous: previous)
            }
            if let candidates = DraftLexicon.synonyms[key], let refs = candidates.lazy.compactMap({ vocabulary.valueIndex[DraftVocabulary.key($0)] }).first {
                var matched = match(refs, length: length, previous: previous)
                if case .values(let values)? = matched.claims.first?.test, let value = values.first, DraftVocabulary.key(value) != key { matched.readAs = value }
                return matched
            }
        }
        return nil
    }

    /// A value written as a short code in capitals (`IN`, `ARE`, `NY`): met only by a word in capitals.
    private static func isCode(_ value: String) -> Bool {
        value.count <= 3 && value.allSatisfy { $0.isUppercase }
    }

    private func match(_ refs: [DraftVocabulary.ValueRef], length: Int, previous: String?) -> Match {
        let prefersTools = previous.map(Self.toolVerbs.contains) ?? false
        let best = refs.max { a, b in
            let aTool = vocabulary.fields[a.field].roles.contains(.tech), bTool = vocabulary.fields[b.field].roles.contains(.tech)
            if prefersTools, aTool != bTool { return bTool }
            return a.count != b.count ? a.count < b.count : a.field > b.field
        } ?? refs[0]
        return Match(length: length, claims: [(best.field, .values([best.value]))])
    }

    /// A place on the column of its kind, written as the data writes it: a metropolitan area as
    /// its cities, a state or province by code or name, a country by alpha-2, alpha-3 or name,
    /// a region as a value of the data or as the countries it covers.
    private func placeMatch(_ key: String, length: Int, capitalized: Bool) -> Match? {
        /// The values of `field` whose keys are among `keys`, in the order of `keys`.
        func held(_ field: Int, _ keys: [String]) -> [String] {
            let values = Dictionary(vocabulary.fields[field].values.map { (DraftVocabulary.key($0), $0) }, uniquingKeysWith: { first, _ in first })
            var seen = Set<String>()
            return keys.compactMap { values[$0] }.filter { seen.insert($0).inserted }
        }
        func claim(_ field: Int, _ values: [String]) -> Match? {
            values.isEmpty ? nil : Match(length: length, claims: [(field, .values(values))])
        }
        if let metro = PlaceTables.metros.first(where: { $0.names.contains(key) }) {
            // A metro the data holds by another of its names is that value ("New York City", "SF Bay
            // Area"); a city the data holds by this very name is that city ("Seattle", not Bellevue
            // too); else the cities of the metro that the city column holds.
            let placeFields = vocabulary.fields.indices.filter { !vocabulary.fields[$0].roles.isDisjoint(with: [.city, .region]) }
            for field in placeFields {
                if let found = claim(field, Array(held(field, metro.names.filter { $0 != key }).prefix(1))) { return found }
            }
            if let city = vocabulary.field(withRole: .city), let found = claim(city, held(city, [key])) { return found }
            if let city = vocabulary.field(withRole: .city), let found = claim(city, held(city, metro.cities.map(DraftVocabulary.key))) { return found }
        }
        if let code = PlaceTables.state(named: key, capitalized: capitalized), let field = vocabulary.field(withRole: .state),
           let found = claim(field, held(field, PlaceTables.keys(ofState: code))) {
            return found
        }
        if let found = locationMatch(key, length: length, capitalized: capitalized) { return found }
        guard let place = PlaceTables.countries(named: key, capitalized: capitalized) else { return nil }
        if place.isRegion, let region = PlaceTables.regions.first(where: { $0.names.contains(key) }) {
            // The region held as a value (APAC written "Asia Pacific"), in the region column first.
            let regionField = vocabulary.field(withRole: .region)
            if let regionField, let found = claim(regionField, Array(held(regionField, region.names).prefix(1))) { return found }
            if let refs = region.names.lazy.compactMap({ self.vocabulary.valueIndex[$0] }).first {
                return match(refs, length: length, previous: nil)
            }
        }
        guard let field = vocabulary.field(withRole: .country) else { return nil }
        // Every spelling the data has for each country ("United States", "USA", "US").
        return claim(field, place.codes.flatMap { held(field, PlaceTables.keys(ofCountry: $0)) })
    }

    /// A state, country or metropolitan area named inside the texts of a location column
    /// ("Saint Paul, Minnesota"), when no column of its own kind holds it: `contains_any`.
    private func locationMatch(_ key: String, length: Int, capitalized: Bool) -> Match? {
        guard let field = vocabulary.field(withRole: .location) else { return nil }
        let texts = vocabulary.fields[field].placeTexts
        var names: [String] = []
        if let code = PlaceTables.state(named: key, capitalized: capitalized), vocabulary.field(withRole: .state) == nil {
            names = (PlaceTables.usStates + PlaceTables.canadianProvinces).filter { $0.code == code }.map(\.name)
        } else if let metro = PlaceTables.metros.first(where: { $0.names.contains(key) }), vocabulary.field(withRole: .city) == nil {
            names = metro.cities.map(DraftVocabulary.key)
        } else if let place = PlaceTables.countries(named: key, capitalized: capitalized), !place.isRegion, vocabulary.field(withRole: .country) == nil {
            names = place.codes.compactMap { code in PlaceTables.countries.first { $0.alpha2 == code }?.names.first }
        }
        // A name counts where it stands as whole words in some text of the column.
        let found = names.filter { name in texts.contains { " \($0) ".contains(" \(name) ") } }
        guard !found.isEmpty else { return nil }
        let written = found.map { $0.split(separator: " ").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ") }
        return Match(length: length, claims: [(field, .contains(written))])
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
