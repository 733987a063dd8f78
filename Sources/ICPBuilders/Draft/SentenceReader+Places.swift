import ICPLanguage
import ICPEngine

/// Places in a sentence read against the columns that hold them: a country, state, metro or US
/// region on the column of its kind, or as the parts of a location text.
extension SentenceReader {
    /// A place on the column of its kind, written as the data writes it: a metropolitan area as
    /// its cities, a state or province by code or name, a country by alpha-2, alpha-3 or name,
    /// a region as a value of the data or as the countries it covers.
    func placeMatch(_ key: String, length: Int, capitalized: Bool) -> Match? {
        /// The values of `field` whose keys are among `keys`, in the order of `keys`: every
        /// spelling of each (`Québec` and `Quebec`).
        func held(_ field: Int, _ keys: [String]) -> [String] {
            let values = Dictionary(grouping: vocabulary.fields[field].values, by: { DraftVocabulary.key($0) })
            var seen = Set<String>()
            return keys.flatMap { values[$0] ?? [] }.filter { seen.insert($0).inserted }
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
                guard let other = held(field, metro.names.filter { $0 != key }).first else { continue }
                // The data holds it by this name too (`New York` beside `New York City`): both, asked about.
                let named = held(field, [key]) + [other]
                guard var found = claim(field, named) else { continue }
                if named.count > 1 {
                    found.question = "read \"\(Self.titled(key))\" as \(vocabulary.fields[field].name) in [\(named.joined(separator: ", "))], the names the data gives it: keep the ones you mean"
                }
                return found
            }
            if let city = vocabulary.field(withRole: .city), var found = claim(city, held(city, [key])) {
                // "New York" is a city and a state: the city is read, and the state asked about.
                if let code = PlaceTables.state(named: key, capitalized: capitalized), let state = vocabulary.field(withRole: .state),
                   !held(state, PlaceTables.keys(ofState: code)).isEmpty {
                    found.question = "read \"\(Self.titled(key))\" as the city (\(vocabulary.fields[city].name)); say \"\(Self.titled(key)) state\" for the state (\(vocabulary.fields[state].name) \(code))"
                }
                return found
            }
            if let city = vocabulary.field(withRole: .city), var found = claim(city, held(city, metro.cities.map(DraftVocabulary.key))) {
                if case .values(let values)? = found.claims.first?.test, values.count > 1 {
                    found.question = "read \"\(key)\" as the cities \(values.joined(separator: ", ")) of \(vocabulary.fields[city].name): add or remove the ones you mean"
                }
                return found
            }
        }
        // The state on the first column of states that holds it (a province column may come first).
        if let code = PlaceTables.state(named: key, capitalized: capitalized) {
            for field in vocabulary.fields.indices where vocabulary.fields[field].roles.contains(.state) {
                if let found = claim(field, held(field, PlaceTables.keys(ofState: code))) { return found }
            }
        }
        if let states = PlaceTables.usRegion(named: key) {
            // A US region the data does not hold as a value: its states, on the state column or
            // inside a location text.
            let regionField = vocabulary.field(withRole: .region)
            if let regionField, let found = claim(regionField, held(regionField, [key, String(key.drop { $0 != " " }.dropFirst())].filter { !$0.isEmpty })) { return found }
            // Regions have no single definition: the states read are always said.
            let question = "read \"\(Self.titled(key))\" as the states \(states.joined(separator: ", ")): add or remove the ones you mean"
            if let field = vocabulary.field(withRole: .state), var found = claim(field, states.flatMap { PlaceTables.keys(ofState: $0) }.flatMap { held(field, [$0]) }) {
                found.question = question
                return found
            }
            if let field = vocabulary.field(withRole: .location) {
                let names = PlaceTables.usStates.filter { states.contains($0.code) }.map(\.name)
                let texts = vocabulary.fields[field].placeTexts
                let found = names.filter { name in texts.contains { " \($0) ".contains(" \(name) ") } }
                let (kept, inside) = Self.withoutInnerNames(found, texts: texts)
                if !kept.isEmpty {
                    return Match(length: length, claims: [(field, .contains(kept.map(Self.titled)))],
                                 question: question + (inside.isEmpty ? "" : "; left out \(inside.map(Self.titled).joined(separator: ", ")), whose name is inside another state's"))
                }
            }
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
        // Every spelling the data has for each country ("United States", "USA", "US"). Values
        // that name it with another (`Netherlands/ United Kingdom`, a company of both) are asked
        // about: whether a dual-listed company belongs is the reader's call.
        let keys = Set(place.codes.flatMap(PlaceTables.keys(ofCountry:)))
        let joint = vocabulary.fields[field].values.filter { value in
            value.contains("/") && value.split(separator: "/").contains { keys.contains(DraftVocabulary.key($0)) }
        }
        guard var found = claim(field, place.codes.flatMap { held(field, PlaceTables.keys(ofCountry: $0)) }) else { return nil }
        if !joint.isEmpty {
            found.question = "read \"\(Self.titled(key))\" as that country alone; these values name it beside another: \(joint.prefix(5).joined(separator: ", ")): add the ones you mean"
        }
        return found
    }

    /// Whether the words from `index` say the place before them is a state: "state" or "states"
    /// after it, or after a list of places it ends ("California or New York state"), or "state
    /// of" before it.
    func statedAsState(after index: Int) -> Bool {
        var position = index
        while position < Swift.min(tokens.count, index + 8) {
            guard let word = word(at: position) ?? (tokens[position].text == "," ? "," : nil) else { return false }
            if ["state", "states"].contains(word) { return true }
            if ["or", "and", ",", "either"].contains(word) || PlaceTables.stateByKey[word] != nil || word.first?.isLetter == true && tokens[position].text.first?.isUppercase == true {
                position += 1
                continue
            }
            return false
        }
        return false
    }

    /// A state, country or metropolitan area named inside the texts of a location column
    /// ("Saint Paul, Minnesota"), when no column of its own kind holds it: `contains_any`.
    func locationMatch(_ key: String, length: Int, capitalized: Bool, statesOnly: Bool = false) -> Match? {
        guard let field = vocabulary.field(withRole: .location) else { return nil }
        let texts = vocabulary.fields[field].placeTexts
        var names: [String] = []
        var metroGuess = false
        if let code = PlaceTables.state(named: key, capitalized: capitalized), statesOnly || vocabulary.field(withRole: .state) == nil {
            names = (PlaceTables.usStates + PlaceTables.canadianProvinces).filter { $0.code == code }.map(\.name)
        } else if statesOnly {
            return nil
        } else if let metro = PlaceTables.metros.first(where: { $0.names.contains(key) }), vocabulary.field(withRole: .city) == nil {
            names = metro.cities.map(DraftVocabulary.key)
            metroGuess = true
        } else if let place = PlaceTables.countries(named: key, capitalized: capitalized), !place.isRegion, vocabulary.field(withRole: .country) == nil {
            names = place.codes.compactMap { code in PlaceTables.countries.first { $0.alpha2 == code }?.names.first }
        }
        // A name counts where it stands as whole words in some text of the column.
        let found = names.filter { name in texts.contains { " \($0) ".contains(" \(name) ") } }
        guard !found.isEmpty else { return nil }
        var match = Match(length: length, claims: [(field, .contains(found.map(Self.titled)))])
        if metroGuess, found.count > 1 {
            match.question = "read \"\(key)\" as the cities \(found.map(Self.titled).joined(separator: ", ")) in \(vocabulary.fields[field].name): add or remove the ones you mean"
        }
        let (_, inside) = Self.withoutInnerNames(found, texts: texts)
        if !inside.isEmpty {
            match.question = "`contains_any` of \(inside.map(Self.titled).joined(separator: ", ")) also holds the texts naming \(Self.outerNames(of: inside, texts: texts).joined(separator: ", ")): check the accounts"
        } else if let ambiguous = Self.cityNamedLikeState[key], texts.contains(where: { $0.hasPrefix(key + " ") }) {
            match.question = "\"\(Self.titled(key))\" in \(vocabulary.fields[field].name) is the state and \(ambiguous) alike: narrow it to the cities you mean"
        }
        return match
    }

    /// States whose name is also a city others mean.
    private static let cityNamedLikeState = ["washington": "Washington, D.C.", "new york": "New York City"]

    /// State names that are not inside another state name the texts hold ("kansas" is inside
    /// "arkansas", "virginia" inside "west virginia"), and those that are.
    private static func withoutInnerNames(_ names: [String], texts: [String]) -> (kept: [String], inside: [String]) {
        let inside = names.filter { !outerNames(of: [$0], texts: texts).isEmpty }
        return (names.filter { !inside.contains($0) }, inside)
    }

    /// The state names the texts hold that contain one of `names` and are none of them.
    private static func outerNames(of names: [String], texts: [String]) -> [String] {
        let all = (PlaceTables.usStates + PlaceTables.canadianProvinces).map(\.name)
        return all.filter { outer in !names.contains(outer) && names.contains { outer != $0 && outer.contains($0) } && texts.contains { $0.contains(outer) } }.map(titled)
    }

    /// A key as a place is written: "new york" → "New York".
    static func titled(_ key: String) -> String {
        key.split(separator: " ").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
    }

    /// A value matched as written, widened to the values of its column that hold its words and
    /// more (`Semiconductors` and `Semiconductor Materials & Equipment`; `Professional Services`
    /// and `Professional Services Law`): narrower kinds of what was named, taken with a question.
    /// When more than a handful hold them, the value stays alone and the question names them.
    func widened(_ matched: Match, words phrase: Set<String>? = nil, span: Range<Int>) -> Match {
        guard let (field, test) = matched.claims.first, matched.claims.count == 1, case .values(let values) = test, values.count == 1,
              [.text, .list].contains(vocabulary.fields[field].type) else { return matched }
        let phrase = phrase ?? DraftVocabulary.looseWords(values[0])
        guard !phrase.isEmpty, let anchor = phrase.min(by: { (vocabulary.wordIndex[$0]?.count ?? 0) < (vocabulary.wordIndex[$1]?.count ?? 0) }),
              let entries = vocabulary.wordIndex[anchor] else { return matched }
        var narrower = entries.filter { $0.ref.field == field && $0.ref.value != values[0] && phrase.isSubset(of: $0.words) && $0.words != phrase }
            .map(\.ref).sorted { $0.count != $1.count ? $0.count > $1.count : $0.value < $1.value }.map(\.value)
        let name = vocabulary.fields[field].name
        // A place the data also writes abbreviated (`SALT LAKE CTY`, `W VALLEY CITY`): the same place.
        if !vocabulary.fields[field].roles.isDisjoint(with: [.city, .location, .region, .state]) {
            let short = spelledShort(phrase, in: field, besides: values[0])
            // A city whose name holds another's is another city (`South San Francisco`, `North
            // Ogden`): named in a question, not taken.
            if vocabulary.fields[field].roles.contains(.city), !narrower.isEmpty {
                var kept = matched
                kept.claims = [(field, .values(values + short))]
                kept.question = "read \"\(words(span))\" as \(name) in [\((values + short).joined(separator: ", "))]; other places hold its name: \(narrower.prefix(5).joined(separator: ", ")): add the ones you mean"
                return kept
            }
            narrower = short + narrower
        }
        guard !narrower.isEmpty else { return matched }
        var widened = matched
        if narrower.count <= 5 {
            widened.claims = [(field, .values(values + narrower))]
            widened.question = "read \"\(words(span))\" as \(name) in [\((values + narrower).joined(separator: ", "))], \(values[0]) and the values holding its words: keep the ones you mean"
        } else {
            widened.question = "read \"\(words(span))\" as \(name) \(values[0]); \(narrower.count) more values hold its words, such as \(narrower.prefix(3).joined(separator: ", ")): add the ones you mean"
        }
        return widened
    }

    /// Words a register abbreviates in place names, with what they stand for.
    static let placeAbbreviations: [String: String] = [
        "w": "west", "n": "north", "s": "south", "e": "east", "cty": "city", "st": "saint", "mt": "mount", "ft": "fort",
        "pt": "point", "hts": "heights", "spgs": "springs", "vly": "valley", "lk": "lake", "ctr": "center",
    ]

    /// The values of place column `field` that are `phrase`'s place written with abbreviated
    /// words (`W VALLEY CITY` for "West Valley City"), other than `value`, most accounts first.
    /// Every word may be the abbreviated one, so the column's values are all looked at.
    func spelledShort(_ phrase: Set<String>, in field: Int, besides value: String) -> [String] {
        func expanded(_ words: Set<String>) -> Set<String> { Set(words.map { Self.placeAbbreviations[$0] ?? $0 }) }
        // Words as written, single letters kept (`W`), which the vocabulary's word sets leave out.
        func written(_ text: String) -> Set<String> { Set(text.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init)) }
        let target = expanded(phrase)
        guard target.count > 1 else { return [] }
        let column = vocabulary.fields[field]
        return column.values.filter { $0 != value && written($0).count == target.count && expanded(written($0)) == target && written($0) != phrase }
    }
}
