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
        /// What a number column measures by its name, and whether it is a change of it.
        var measure: (measure: DraftMeasure, isChange: Bool)?
        /// The industry classification the column's codes are of (`NAICS`, `sic_code`), with
        /// its distinct codes, most held first: where an industry word may go.
        var taxonomy: (kind: IndustryTaxonomy, codes: [String])?

        /// Numbers or bands of numbers: what a bound ("over 200", "$5M") may go on.
        var isQuantity: Bool { type == .number || type == .range }
        /// Values that stand for none (`n/a`, `none`), kept even when the column is nearly unique.
        var placeholders: [String] = []
        /// For a location column ("Headquarters Location": "Saint Paul, Minnesota"), the keys of
        /// its distinct values, kept even when nearly unique: places are found inside them.
        var placeTexts: [String] = []
        /// For a location column, the keys of the comma-separated parts of its values (a town in
        /// an address: "..., Glasgow, G2 1AB") and how many records hold each.
        var placeParts: [String: Int] = [:]
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
    /// A value's content words, spelled loosely (``looseWords(_:)``) → where it is held: for a
    /// phrase written in other words than the data's ("gas and electric utilities" for
    /// `Utilities: Gas and Electric`, "software" for `Application Software`).
    let wordIndex: [String: [(words: Set<String>, ref: ValueRef)]]
    /// The words of ``wordIndex``, sorted: for a phrase word that begins a value's word.
    let wordKeys: [String]
    /// The words of ``wordIndex`` by their ``root(_:)``.
    let rootIndex: [String: [String]]
    /// The column that names accounts (``Engine/nameColumn``) and its values by key, the keys
    /// sorted: "exclude Citigroup", "except Wal-Mart" (`Wal-Mart Stores`).
    let accountNames: (field: Int, byKey: [String: [String]], keys: [String])?

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
            // A list column's elements repeat across records (an investor in sixty): it is nearly
            // unique only when almost every element is held once.
            let nearlyUnique = column.type == .list
                ? distinct > 100 && Double(profile.values.filter { $0.count > 1 }.count) < 0.1 * Double(distinct)
                : column.type == .text && distinct > 100 && Double(distinct) > 0.5 * Double(max(profile.present, 1))
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
            if field.isQuantity, Self.nameWordsOK(words) { field.measure = DraftMeasure.of(nameWords: words) }
            if column.type == .text { field.placeholders = profile.values.map(\.text).filter { Self.placeholderKeys.contains(Self.key($0)) } }
            if let kind = IndustryTaxonomy.of(nameWords: words), [.number, .text, .list].contains(column.type), distinct <= Self.maximumIndexedValues {
                let codes = profile.values.map(\.text).filter(kind.looksLikeCode)
                // Most values must be codes: a column of descriptions named after the code is not one.
                if !codes.isEmpty, codes.count * 10 >= distinct * 8 { field.taxonomy = (kind, codes) }
            }
            if roles.contains(.location) {
                field.placeTexts = profile.values.prefix(20_000).map { Self.key($0.text) }
                for value in profile.values.prefix(20_000) {
                    // Parts are parted by commas, or by two spaces in exports that lost their line breaks.
                    for part in value.text.split(separator: ",").flatMap({ $0.split(separator: "  ") }) where part.contains(where: \.isLetter) {
                        for name in Self.placeNames(inPart: part) { field.placeParts[name, default: 0] += value.count }
                    }
                }
            }
            for (value, count) in zip(values, profile.values.map(\.count)) {
                index[Self.key(value), default: []].append(ValueRef(field: fields.count, value: value, count: count))
            }
            fields.append(field)
        }
        self.fields = fields
        self.valueIndex = index
        self.fuzzyKeys = index.keys.filter { !$0.contains(" ") && $0.count >= 5 }.sorted()
        var words: [String: [(words: Set<String>, ref: ValueRef)]] = [:]
        for refs in index.values {
            for ref in refs {
                let loose = Self.looseWords(ref.value)
                for word in loose { words[word, default: []].append((loose, ref)) }
            }
        }
        self.wordIndex = words
        self.wordKeys = words.keys.sorted()
        self.rootIndex = Dictionary(grouping: wordKeys, by: Self.root)
        if let column = engine.nameColumn, let field = fields.firstIndex(where: { $0.name == column.name }), let profile = engine.profile(of: column.name) {
            let byKey = Dictionary(grouping: profile.values.map(\.text), by: { Self.key($0) })
            accountNames = (field, byKey, byKey.keys.sorted())
        } else {
            accountNames = nil
        }
    }

    /// The names a part of an address stands for: the part itself, without a county word
    /// before it (`Co. Kerry`, `County Meath`) and without a postcode after it (`Belfast BT1 2AB`).
    static func placeNames(inPart part: some StringProtocol) -> Set<String> {
        let words = key(part).split(separator: " ").map(String.init)
        var names: Set<String> = [words.joined(separator: " ")]
        var trimmed = words
        if let first = trimmed.first, ["co", "county", "city"].contains(first), trimmed.count > 1 { trimmed.removeFirst() }
        // A town before a postcode: `Belfast BT1 3LZ`, `18 Boucher Way Belfast BT12 6RE`.
        if let code = trimmed.indices.dropFirst().first(where: { trimmed[$0].contains(where: \.isNumber) && trimmed[$0].contains(where: \.isLetter) }),
           !trimmed[code - 1].contains(where: \.isNumber) {
            names.insert(trimmed[code - 1])
        }
        trimmed = Array(trimmed.prefix { !$0.contains(where: \.isNumber) })
        if !trimmed.isEmpty { names.insert(trimmed.joined(separator: " ")) }
        return names.filter { !$0.isEmpty }
    }

    /// A number column named a code, an id or a zip holds categories, not a measure.
    private static func nameWordsOK(_ words: [String]) -> Bool {
        Set(words).isDisjoint(with: ["cd", "code", "codes", "id", "zip"])
    }

    /// Where a measure named in a sentence goes.
    enum MeasureColumn {
        case field(Int)
        /// No number column measures it: the words are quoted with why.
        case none(String)
        /// Several do and the words do not say which: none is chosen, all are named.
        case several([Int])
    }

    /// The number column of `measure` (or of its change): the one there is; among several, the
    /// one whose name holds `word`; else all of them, for a question.
    func column(measuring measure: DraftMeasure, change: Bool, word: String) -> MeasureColumn {
        let candidates = fields.indices.filter { fields[$0].measure?.measure == measure && fields[$0].measure?.isChange == change }
        if candidates.count == 1 { return .field(candidates[0]) }
        if candidates.isEmpty {
            let other = fields.indices.filter { fields[$0].measure?.measure == measure }.map { fields[$0].name }
            let kind = change ? "a change of \(measure.rawValue)" : measure.rawValue
            return .none("no number column measures \(kind)" + (other.isEmpty ? "" : "; \(other.joined(separator: ", ")) measures \(change ? "the level" : "its change")"))
        }
        let naming = candidates.filter { fields[$0].words.contains(word) }
        if naming.count == 1 { return .field(naming[0]) }
        if let latest = latest(of: candidates) { return .field(latest) }
        return .several(candidates)
    }

    /// Among columns of one measure, the current one: the only one named latest, current or
    /// updated; or, when their names differ only by a year (`Revenue 2019`, `Revenue 2016`), the
    /// latest year. Nil when neither tells.
    func latest(of candidates: [Int]) -> Int? {
        let current = candidates.filter { !Set(fields[$0].words).isDisjoint(with: ["latest", "current", "updated", "recent", "now", "today"]) }
        if current.count == 1 { return current[0] }
        // `rank` beside `prev_rank`, `previous_revenue`, `revenue_last_year`: the one not named as past.
        let past: Set<String> = ["prev", "previous", "prior", "old", "former", "earlier", "last", "ly"]
        let present = candidates.filter { Set(fields[$0].words).isDisjoint(with: past) }
        if present.count == 1, candidates.count > 1 { return present[0] }
        func year(_ field: Int) -> Int? { fields[field].words.compactMap { Int($0) }.first { (1900...2100).contains($0) } }
        func rest(_ field: Int) -> [String] { fields[field].words.filter { Int($0) == nil } }
        guard candidates.allSatisfy({ year($0) != nil && rest($0) == rest(candidates[0]) }) else { return nil }
        return candidates.max { year($0) ?? 0 < year($1) ?? 0 }
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
        let wanted = Set(words.filter { !Self.genericNameWords.contains($0) }.map(Self.nameStem))
        var best: (field: Int, matched: Int)?
        var tied = false
        for (position, field) in fields.enumerated() where field.isQuantity || field.type == .date {
            let shared = Set(field.words.map(Self.nameStem)).intersection(wanted).count
            if shared > 0, shared == best?.matched { tied = true }
            if shared > 0, shared > (best?.matched ?? 0) { (best, tied) = ((position, shared), false) }
        }
        // Two columns that share as many of the words ("bonus": `FemaleBonusPercent` and
        // `DiffMeanBonusPercent`) are not told apart: neither is chosen.
        return tied ? nil : best
    }

    /// Words of a sentence and of column names that mean the same: "women" and `Female`.
    private static let nameEquivalents: [String: String] = [
        "women": "female", "woman": "female", "females": "female", "men": "male", "man": "male", "males": "male",
        "employee": "employees", "staff": "employees", "headcount": "employees", "people": "employees",
        "gap": "diff", "difference": "diff",
    ]

    /// A word's stem, with the equivalents above.
    static func nameStem(_ word: String) -> String {
        stem(nameEquivalents[word] ?? word)
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
