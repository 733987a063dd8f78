/// What a sentence may be mapped onto: the dataset's columns, the words of their names, the
/// roles those names and values suggest (size, region, tech...), and the values of each text
/// and list column. Nothing outside it ever becomes a parameter.
struct DraftVocabulary: Sendable {
    struct Field: Sendable {
        let name: String
        let type: ColumnType
        /// The name split into lowercase words: `revenue_usd` is `revenue usd`.
        let words: [String]
        let roles: Set<DraftLexicon.Role>
        /// Every value holds a whole number, so "over 200" can mean at least 201.
        let isIntegral: Bool
        /// The values look like fractions (growth of 0.2 for 20%).
        let isFraction: Bool
        /// Too many distinct values to name (names, domains, descriptions): never matched by value.
        let isNearlyUnique: Bool
        /// Text values (list elements), most frequent first, as written.
        let values: [String]
    }

    struct ValueRef: Sendable, Hashable {
        let field: Int
        let value: String
        let count: Int
    }

    let fields: [Field]
    /// A value's key (lowercase words) → where it is held.
    let valueIndex: [String: [ValueRef]]
    /// Keys of one word of five or more letters, for spelling tolerance.
    let fuzzyKeys: [String]

    /// Fields with more distinct values than this are not indexed by value.
    static let maximumIndexedValues = 5_000

    init(engine: Engine) {
        let settings = engine.settings
        let excluded = Set([settings.outcome?.field, settings.accountIDField, settings.createdField].compactMap { $0 })
        var fields: [Field] = []
        var index: [String: [ValueRef]] = [:]
        for column in engine.accounts.columns where !excluded.contains(column.name) {
            guard let profile = engine.profile(of: column.name) else { continue }
            let distinct = profile.values.count
            let nearlyUnique = (column.type == .text || column.type == .list) && distinct > 100 && Double(distinct) > 0.5 * Double(max(profile.present, 1))
            let values = nearlyUnique || distinct > Self.maximumIndexedValues || ![.text, .list].contains(column.type) ? [] : profile.values.map(\.text)
            var integral = true, fraction = true
            if case .number(let numbers) = column.cells {
                for code in 1..<max(numbers.count, 1) where column.counts[code] > 0 {
                    integral = integral && numbers[code] == numbers[code].rounded()
                    fraction = fraction && abs(numbers[code]) <= 5
                }
            }
            let words = Self.words(ofName: column.name)
            let field = Field(name: column.name, type: column.type, words: words,
                              roles: Self.roles(words: words, type: column.type, values: values),
                              isIntegral: integral, isFraction: fraction && column.type == .number, isNearlyUnique: nearlyUnique, values: values)
            for (value, count) in zip(values, profile.values.map(\.count)) {
                index[Self.key(value), default: []].append(ValueRef(field: fields.count, value: value, count: count))
            }
            fields.append(field)
        }
        self.fields = fields
        self.valueIndex = index
        self.fuzzyKeys = index.keys.filter { !$0.contains(" ") && $0.count >= 5 }.sorted()
    }

    /// How values and phrases meet: lowercase, `-` and `_` as spaces, other marks dropped except `+` and `&`.
    static func key(_ text: some StringProtocol) -> String {
        var result = ""
        for character in text.lowercased() {
            if character.isLetter || character.isNumber || character == "+" || character == "&" {
                result.append(character)
            } else if character == " " || character == "-" || character == "_" || character == "/" {
                if !result.isEmpty, result.last != " " { result.append(" ") }
            }
        }
        return result.hasSuffix(" ") ? String(result.dropLast()) : result
    }

    /// `tech_stack` → `tech stack`; `annualRevenue` → `annual revenue`.
    static func words(ofName name: String) -> [String] {
        var spaced = ""
        var previous: Character?
        for character in name {
            if character.isUppercase, let previous, previous.isLowercase { spaced.append(" ") }
            spaced.append(character)
            previous = character
        }
        return key(spaced).split(separator: " ").map(String.init)
    }

    private static func roles(words: [String], type: ColumnType, values: [String]) -> Set<DraftLexicon.Role> {
        let nameWords = Set(words)
        let keys = Set(values.map { key($0) })
        var roles: Set<DraftLexicon.Role> = []
        func named(_ role: DraftLexicon.Role) -> Bool { !nameWords.isDisjoint(with: DraftLexicon.roleWords[role] ?? []) }
        switch type {
        case .number:
            if named(.growth) { roles.insert(.growth) }
            else if named(.revenue) { roles.insert(.revenue) }
            else if named(.founded) { roles.insert(.founded) }
            else if named(.size) && !nameWords.contains("hires") { roles.insert(.size) }
        case .date:
            if named(.founded) { roles.insert(.founded) }
            else if named(.fundingDate) { roles.insert(.fundingDate) }
        case .text, .list:
            let regionNames = Set(DraftLexicon.regions.flatMap(\.names))
            let countryKeys = Set(DraftLexicon.countries.flatMap { [$0.code.lowercased()] + $0.names })
            let countryShare = keys.isEmpty ? 0 : Double(keys.filter(countryKeys.contains).count) / Double(keys.count)
            if !keys.isDisjoint(with: regionNames) || (named(.region) && countryShare < 0.5) { roles.insert(.region) }
            else if countryShare >= 0.5 || named(.country) { roles.insert(.country) }
            if keys.contains(where: { $0.hasPrefix("series ") || $0 == "seed" }) { roles.insert(.stage) }
            if named(.industry) { roles.insert(.industry) }
            if type == .list || (named(.tech) && !named(.industry)) { roles.insert(.tech) }
        case .boolean:
            break
        }
        return roles
    }

    /// The first field with `role`, in column order.
    func field(withRole role: DraftLexicon.Role) -> Int? {
        fields.indices.first { fields[$0].roles.contains(role) }
    }

    /// A number or date field whose name shares a word with `words` (`engineering hires` meets
    /// `engineering_hires_12m`): the one sharing most, then the first.
    func measureField(named words: [String]) -> (field: Int, matched: Int)? {
        let wanted = Set(words.filter { !Self.genericNameWords.contains($0) }.map(Self.stem))
        var best: (field: Int, matched: Int)?
        for (position, field) in fields.enumerated() where field.type == .number || field.type == .date {
            let shared = Set(field.words.map(Self.stem)).intersection(wanted).count
            if shared > 0, shared > (best?.matched ?? 0) { best = (position, shared) }
        }
        return best
    }

    /// Words of column names that say nothing of what is counted.
    static let genericNameWords: Set<String> = ["last", "first", "date", "at", "of", "the", "in", "on", "is", "has", "number", "count", "total", "num", "usd", "eur", "id", "value", "amount", "12m", "year"]

    /// A word without a plural or verb ending, so `hires`, `hire` and `hiring` meet.
    static func stem(_ word: String) -> String {
        for suffix in ["ing", "es", "s", "ed"] where word.count > suffix.count + 2 && word.hasSuffix(suffix) {
            return String(word.dropLast(suffix.count))
        }
        return word
    }
}
