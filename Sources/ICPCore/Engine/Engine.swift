/// The settings evaluation needs beyond the ICP: the date, outcomes, keys (SPEC §4).
public struct EvaluationSettings: Sendable {
    public var asOf: CalendarDate
    public var outcome: OutcomeConfig?
    public var createdField: String?
    public var accountIDField: String
    public var contactAccountField: String

    public init(asOf: CalendarDate, outcome: OutcomeConfig? = nil, createdField: String? = nil,
                accountIDField: String = "id", contactAccountField: String = "account_id") {
        self.asOf = asOf
        self.outcome = outcome
        self.createdField = createdField
        self.accountIDField = accountIDField
        self.contactAccountField = contactAccountField
    }

    public init(config: WorkspaceConfig, today: CalendarDate) {
        self.init(asOf: config.asOf ?? today, outcome: config.outcome, createdField: config.createdField,
                  accountIDField: config.accountIDField, contactAccountField: config.contactAccountField)
    }
}

/// Evaluates ICPs over one dataset (accounts, and contacts for personas).
///
/// Holds the dataset, the settings and the caches: match sets per (field, condition), and what
/// every evaluation shares (outcome sets, the contact-to-account join). Safe to share across
/// tasks; re-evaluating an ICP after one parameter changed rescans only that parameter's column.
public final class Engine: Sendable {
    public let accounts: ColumnStore
    public let contacts: ColumnStore?
    public let settings: EvaluationSettings
    let accountMatches = MatchCache()
    let contactMatches = MatchCache()
    /// For each contact, the row of its account, or -1.
    let accountRowOfContact: [Int32]?
    let outcomeSets: OutcomeSets?

    public init(accounts: ColumnStore, contacts: ColumnStore? = nil, settings: EvaluationSettings) {
        self.accounts = accounts
        self.contacts = contacts
        self.settings = settings
        self.accountRowOfContact = contacts.map { Self.join(contacts: $0, accounts: accounts, settings: settings) }
        self.outcomeSets = settings.outcome.flatMap { OutcomeSets(config: $0, accounts: accounts) }
    }

    /// Records of `store` whose `field` meets `condition`; a field that is not a column is missing everywhere.
    func matches(_ field: String, _ condition: Condition, in store: ColumnStore, cache: MatchCache) -> Bitset {
        cache.value(for: MatchCache.key(field: field, condition: condition)) {
            guard let column = store.column(named: field) else {
                return BoundCondition.missingColumn(condition) ? .all(store.rowCount) : Bitset(count: store.rowCount)
            }
            let bound = BoundCondition(condition, range: SourceRange(at: .start), column: column, asOf: settings.asOf)
            return Bitset(codes: column.codes, matching: bound.table)
        }
    }

    /// Accounts whose `field` meets `condition`.
    public func accountsMatching(_ field: String, _ condition: Condition) -> Bitset {
        matches(field, condition, in: accounts, cache: accountMatches)
    }

    /// Rows of `store` where `field` has a value.
    func presence(_ field: String, in store: ColumnStore, cache: MatchCache) -> Bitset {
        matches(field, .exists(true), in: store, cache: cache)
    }

    /// The first account whose id (`keys.account_id`) is `id`, compared like a join key.
    public func row(ofAccount id: String) -> Int? {
        guard let column = accounts.column(named: settings.accountIDField) else { return nil }
        let wanted = Self.joinKey(id)
        guard let code = column.values.indices.dropFirst().first(where: { Self.joinKey(column.values[$0]) == wanted }) else { return nil }
        return column.codes.firstIndex(of: UInt32(code))
    }

    /// The join key of an id cell: compared like text, and numbers by value (`7` and `7.0` meet).
    static func joinKey(_ text: String) -> String {
        if let number = ScalarReading.number(text) { return "#\(number)" }
        return TextNormalization.normalize(text)
    }

    private static func join(contacts: ColumnStore, accounts: ColumnStore, settings: EvaluationSettings) -> [Int32] {
        guard let ids = accounts.column(named: settings.accountIDField),
              let links = contacts.column(named: settings.contactAccountField) else {
            return [Int32](repeating: -1, count: contacts.rowCount)
        }
        var rowOfKey: [String: Int32] = [:]
        var rowOfCode = [Int32](repeating: -1, count: ids.values.count)
        for (row, code) in ids.codes.enumerated() where code != 0 && rowOfCode[Int(code)] < 0 {
            rowOfCode[Int(code)] = Int32(row)
        }
        for code in 1..<max(ids.values.count, 1) where rowOfCode[code] >= 0 {
            let key = joinKey(ids.values[code])
            if rowOfKey[key] == nil { rowOfKey[key] = rowOfCode[code] }
        }
        let accountOfLinkCode = links.values.enumerated().map { code, text in code == 0 ? -1 : rowOfKey[joinKey(text)] ?? -1 }
        return links.codes.map { accountOfLinkCode[Int($0)] }
    }
}

/// Won, lost and churned accounts by the workspace's outcome field.
struct OutcomeSets: Sendable {
    let won: Bitset
    let lost: Bitset
    let churned: Bitset

    init?(config: OutcomeConfig, accounts: ColumnStore) {
        guard let column = accounts.column(named: config.field) else { return nil }
        func set(_ labels: [String]) -> Bitset {
            let wanted = Set(labels.map(TextNormalization.normalize))
            let table = column.values.enumerated().map { code, text in code != 0 && wanted.contains(TextNormalization.normalize(text)) }
            return Bitset(codes: column.codes, matching: table)
        }
        won = set(config.won)
        lost = set(config.lost)
        churned = set(config.churned)
    }

    func metrics(for qualified: Bitset) -> OutcomeMetrics {
        func ratio(_ part: Int, _ whole: Int) -> Double? { whole == 0 ? nil : Double(part) / Double(whole) }
        let qualifiedWon = qualified.intersectionCount(won)
        let qualifiedLost = qualified.intersectionCount(lost)
        let qualifiedChurned = qualified.intersectionCount(churned)
        let allWon = won.cardinality
        let winRate = ratio(qualifiedWon, qualifiedWon + qualifiedLost)
        let baseline = ratio(allWon, allWon + lost.cardinality)
        let lift: Double? = if let winRate, let baseline, baseline > 0 { winRate / baseline } else { nil }
        return OutcomeMetrics(
            winRate: winRate,
            baselineWinRate: baseline,
            lift: lift,
            wonCoverage: ratio(qualifiedWon, allWon),
            churnRate: ratio(qualifiedChurned, qualifiedWon + qualifiedChurned),
            baselineChurnRate: ratio(churned.cardinality, allWon + churned.cardinality)
        )
    }
}
