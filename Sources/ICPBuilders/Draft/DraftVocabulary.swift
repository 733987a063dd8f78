import ICPLanguage
import ICPEngine
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
        /// A number column of money (by its name: usd, revenue, funding, raised, amount...), as
        /// opposed to counts (rounds, employees) and years: where an amount may go.
        let isMoney: Bool
        /// Text values (list elements), most frequent first, as written.
        let values: [String]
        /// What a value of the column stands for (`Revenue ($M)`: millions): amounts are written in it.
        var unit: NumberUnit = .plain

        /// Numbers or bands of numbers: what a bound ("over 200", "$5M") may go on.
        var isQuantity: Bool { type == .number || type == .range }
        /// For a location column ("Headquarters Location": "Saint Paul, Minnesota"), the keys of
        /// its distinct values, kept even when nearly unique: places are found inside them.
        var placeTexts: [String] = []
    }

    struct ValueRef: Sendable, Hashable {
        let field: Int
        let value: String
        let count: Int
    }

    let fields: [Field]
    /// The outcome column (won/lost), mapped like any other but named in the report when used.
    let outcomeField: String?
    /// A value's key (lowercase words) → where it is held.
    let valueIndex: [String: [ValueRef]]
    /// Keys of one word of five or more letters, for spelling tolerance.
    let fuzzyKeys: [String]

    /// Fields with more distinct values than this are not indexed by value.
    static let maximumIndexedValues = 5_000

    init(engine: Engine) {
        let settings = engine.settings
        let excluded = Set([settings.accountIDField, settings.createdField].compactMap { $0 })
        outcomeField = settings.outcome?.field
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
            } else if case .range(let bands) = column.cells {
                // Bands of whole numbers (`51-200`): "over 200" starts at the next band, 201.
                for code in 1..<max(bands.count, 1) where column.counts[code] > 0 {
                    for end in [bands[code].lower, bands[code].upper] where end.isFinite { integral = integral && end == end.rounded() }
                }
                fraction = false
            }
            let words = Self.words(ofName: column.name)
            let roles = Self.roles(words: words, type: column.type, values: values)
            var field = Field(name: column.name, type: column.type, words: words,
                              roles: roles,
                              isIntegral: integral, isFraction: fraction && column.type == .number, isNearlyUnique: nearlyUnique,
                              isMoney: (column.type == .number || column.type == .range) && (Self.isMoneyName(words) || column.reading.unit.currency != nil), values: values,
                              unit: column.reading.unit)
            if roles.contains(.location) { field.placeTexts = profile.values.prefix(20_000).map { Self.key($0.text) } }
            for (value, count) in zip(values, profile.values.map(\.count)) {
                index[Self.key(value), default: []].append(ValueRef(field: fields.count, value: value, count: count))
            }
            fields.append(field)
        }
        self.fields = fields
        self.valueIndex = index
        self.fuzzyKeys = index.keys.filter { !$0.contains(" ") && $0.count >= 5 }.sorted()
    }

    /// How values and phrases meet: lowercase, `-` `_` `/` as spaces, `&` as the word `and`
    /// ("Food & Beverage" meets "food and beverage"), other marks dropped except `+`.
    static func key(_ text: some StringProtocol) -> String {
        var result = ""
        func space() { if !result.isEmpty, result.last != " " { result.append(" ") } }
        for character in text.lowercased() {
            if character.isLetter || character.isNumber || character == "+" {
                result.append(character)
            } else if character == "&" {
                space()
                result += "and "
            } else if character == " " || character == "-" || character == "_" || character == "/" {
                space()
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

    /// Words of a column's name that say it holds money, and words that say it counts.
    static let moneyNameWords: Set<String> = ["usd", "eur", "gbp", "dollars", "revenue", "revenues", "arr", "mrr", "funding", "raised", "amount", "amt",
                                              "money", "capital", "valuation", "sales", "turnover", "income", "spend", "budget", "price"]
    static let countNameWords: Set<String> = ["rounds", "round", "count", "number", "num", "employees", "employee", "hires", "headcount",
                                              "workers", "staff", "investors", "years", "year", "age", "seats", "users", "customers",
                                              "cd", "code", "codes", "zip", "rank"]

    static func isMoneyName(_ words: [String]) -> Bool {
        let names = Set(words)
        return !names.isDisjoint(with: moneyNameWords) && names.isDisjoint(with: countNameWords)
    }

    private static func roles(words: [String], type: ColumnType, values: [String]) -> Set<DraftLexicon.Role> {
        let nameWords = Set(words)
        let keys = Set(values.map { key($0) })
        var roles: Set<DraftLexicon.Role> = []
        func named(_ role: DraftLexicon.Role) -> Bool { !nameWords.isDisjoint(with: DraftLexicon.roleWords[role] ?? []) }
        func share(_ holds: (String) -> Bool) -> Double { keys.isEmpty ? 0 : Double(keys.filter(holds).count) / Double(keys.count) }
        switch type {
        case .number, .range:
            // A number column named a code (`INCOME_CD`, `naics_code`) holds categories, not amounts.
            guard nameWords.isDisjoint(with: ["cd", "code", "codes", "id", "zip"]) else { return roles }
            let money = isMoneyName(words)
            if named(.growth) { roles.insert(.growth) }
            else if money, named(.funding), !named(.revenue) { roles.insert(.funding) }
            else if named(.revenue) { roles.insert(.revenue) }
            else if named(.founded) { roles.insert(.founded) }
            else if named(.size) && !nameWords.contains("hires") { roles.insert(.size) }
        case .date:
            if named(.founded) { roles.insert(.founded) }
            else if named(.fundingDate) { roles.insert(.fundingDate) }
        case .text, .list:
            // Names decide first; values decide when names do not: alpha-3 codes are countries,
            // two-letter codes that are US states are states.
            let regionNames = Set(PlaceTables.regions.flatMap(\.names))
            let countryShare = share { PlaceTables.countryByKey[$0] != nil }
            let stateShare = share { PlaceTables.stateByKey[$0] != nil }
            // "Headquarters Location", "Address": several parts in one text; not a country, state or city column.
            let kinds: Set<String> = ["country", "countries", "state", "states", "province", "city", "cities", "region", "regions"]
            if named(.location), nameWords.isDisjoint(with: kinds) { roles.insert(.location) }
            else if named(.city) { roles.insert(.city) }
            else if named(.state) && !named(.country) { roles.insert(.state) }
            else if countryShare >= 0.5 && countryShare >= stateShare { roles.insert(.country) }
            else if stateShare >= 0.6 { roles.insert(.state) }
            else if !keys.isDisjoint(with: regionNames) || named(.region) { roles.insert(.region) }
            else if named(.country) { roles.insert(.country) }
            if keys.contains(where: { $0.hasPrefix("series ") || $0 == "seed" }) { roles.insert(.stage) }
            if named(.industry) { roles.insert(.industry) }
            if type == .list || (named(.tech) && !named(.industry)) { roles.insert(.tech) }
        case .boolean:
            break
        }
        return roles
    }

    /// The field with `role` whose name holds `word` ("revenue" picks `REVENUE_AMT` before
    /// `INCOME_AMT`), else ``field(withRole:)``.
    func field(withRole role: DraftLexicon.Role, naming word: String) -> Int? {
        let stem = Self.stem(word)
        return fields.indices.first { fields[$0].roles.contains(role) && fields[$0].words.map(Self.stem).contains(stem) } ?? field(withRole: role)
    }

    /// The field with `role`: the first in column order, but for dates of funding the latest
    /// one (`last_funding_at` before `first_funding_at`).
    func field(withRole role: DraftLexicon.Role) -> Int? {
        let candidates = fields.indices.filter { fields[$0].roles.contains(role) }
        guard role == .fundingDate || role == .stage else { return candidates.first }
        return candidates.first { !Set(fields[$0].words).isDisjoint(with: ["last", "latest", "recent", "most"]) }
            ?? candidates.first { !fields[$0].words.contains("first") } ?? candidates.first
    }

    /// A number or date field whose name shares a word with `words` (`engineering hires` meets
    /// `engineering_hires_12m`): the one sharing most, then the first.
    func measureField(named words: [String]) -> (field: Int, matched: Int)? {
        let wanted = Set(words.filter { !Self.genericNameWords.contains($0) }.map(Self.stem))
        var best: (field: Int, matched: Int)?
        for (position, field) in fields.enumerated() where field.isQuantity || field.type == .date {
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
