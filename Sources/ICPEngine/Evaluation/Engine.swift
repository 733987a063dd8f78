/// The settings evaluation needs beyond the ICP: the date, outcomes, keys (format.md, The workspace file).
public struct EvaluationSettings: Sendable {
    public var asOf: CalendarDate
    public var outcome: OutcomeConfig?
    public var createdField: String?
    public var syncedField: String?
    public var accountIDField: String
    public var contactAccountField: String
    /// The `missing` policy of parameters that do not say their own.
    public var missingPolicy: MissingPolicy

    public init(asOf: CalendarDate, outcome: OutcomeConfig? = nil, createdField: String? = nil, syncedField: String? = nil,
                accountIDField: String = "id", contactAccountField: String = "account_id", missingPolicy: MissingPolicy = .fail) {
        self.asOf = asOf
        self.outcome = outcome
        self.createdField = createdField
        self.syncedField = syncedField
        self.accountIDField = accountIDField
        self.contactAccountField = contactAccountField
        self.missingPolicy = missingPolicy
    }

    public init(config: WorkspaceConfig, today: CalendarDate) {
        self.init(asOf: config.asOf ?? today, outcome: config.outcome, createdField: config.createdField, syncedField: config.syncedField,
                  accountIDField: config.accountIDField, contactAccountField: config.contactAccountField, missingPolicy: config.missingPolicy)
    }
}

import Synchronization
import ICPLanguage

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
    /// For each contact, the row of its account, or -1; built on first use (personas need it).
    var accountRowOfContact: [Int32]? {
        guard let contacts else { return nil }
        if let known = derived.withLock({ $0.join }) { return known }
        let join = Self.join(contacts: contacts, accounts: accounts, settings: settings)
        derived.withLock { $0.join = join }
        return join
    }
    package let outcomeSets: OutcomeSets?
    /// Computed on first use and kept: value catalogs per column, the 30 day-sets of `keys.created`.
    private let derived = Mutex(Derived())

    private struct Derived {
        var catalogs: [String: ValueCatalog] = [:]
        var profiles: [String: ColumnProfile] = [:]
        var days: [Bitset]?
        var synced: Bitset??
        var createdOrder: [Int32]??
        var join: [Int32]?
        /// Whether each text column looks like a list nobody declared.
        var lists: [String: UndeclaredList?] = [:]
        /// Evaluations of ICPs other than the one being edited, by what they mean (``ICP/meaning``).
        var evaluations: [String: ICPEvaluation] = [:]
        /// The last ``RivalRanking`` built, with the meanings of its ICPs.
        var ranking: (key: String, ranking: RivalRanking)?
        /// The last evaluations of a set of peers (``evaluations(of:key:)``), with its key.
        var peerEvaluations: (key: String, evaluations: [ICPEvaluation])?
    }

    /// How many evaluations ``evaluateUnchanged(_:)`` keeps: a workspace's live ICPs, a few
    /// megabytes each at a million accounts; more on small data (about 128 MB in all), so that
    /// a workspace of hundreds of ICPs does not evaluate each again for every other.
    var keptEvaluations: Int { max(16, (1 << 27) / max(accounts.rowCount * 16, 1)) }

    /// ``evaluate(_:)`` for an ICP that rarely changes (the other live ICPs a `shadowed` check
    /// compares with on every keystroke): kept by what it means, so an edit elsewhere costs
    /// nothing for it.
    public func evaluateUnchanged(_ icp: ICP) -> ICPEvaluation {
        let key = icp.meaning
        if let known = derived.withLock({ $0.evaluations[key] }) { return known }
        let evaluation = evaluate(icp)
        derived.withLock { derived in
            if derived.evaluations.count >= keptEvaluations { derived.evaluations.removeAll() }
            derived.evaluations[key] = evaluation
        }
        return evaluation
    }

    /// The evaluations of `icps` (each as ``evaluateUnchanged(_:)`` does), kept for the last set
    /// asked, by `key` (what they mean, which the caller keeps): every file of a workspace asks
    /// for the same set of its peers.
    public func evaluations(of icps: [ICP], key: String) -> [ICPEvaluation] {
        if let known = derived.withLock({ $0.peerEvaluations }), known.key == key { return known.evaluations }
        let evaluations = icps.map(evaluateUnchanged)
        derived.withLock { $0.peerEvaluations = (key, evaluations) }
        return evaluations
    }

    /// The ranking of `icps` (each evaluated as ``evaluateUnchanged(_:)`` does), kept for the
    /// last set asked, by `key` (what they mean, ``ICP/meaning``, which the caller keeps):
    /// every file of a workspace, and every keystroke in one, asks for the same set.
    public func rivalRanking(of icps: [ICP], key: String) -> RivalRanking {
        if let known = derived.withLock({ $0.ranking }), known.key == key { return known.ranking }
        let ranking = RivalRanking(icps.map { WorkspaceScoring.Entry(icp: $0, evaluation: evaluateUnchanged($0)) }, rowCount: accounts.rowCount)
        derived.withLock { $0.ranking = (key, ranking) }
        return ranking
    }

    public init(accounts: ColumnStore, contacts: ColumnStore? = nil, settings: EvaluationSettings) {
        self.accounts = accounts
        self.contacts = contacts
        self.settings = settings
        self.outcomeSets = settings.outcome.flatMap { OutcomeSets(config: $0, accounts: accounts) }
    }

    /// `condition` on `field` of `store`: the records it matches (a field that is not a column is
    /// missing everywhere) and the values that do not fit the column, cached by condition text.
    func binding(_ field: String, _ condition: Condition, in store: ColumnStore, cache: MatchCache) -> Binding {
        cache.value(for: MatchCache.key(field: field, condition: condition)) {
            guard let column = store.column(named: field) else {
                let matches: Bitset = BoundCondition.missingColumn(condition) ? .all(store.rowCount) : Bitset(count: store.rowCount)
                return Binding(matches: matches, problems: [])
            }
            let bound = BoundCondition(condition, column: column, asOf: settings.asOf)
            return Binding(matches: Bitset(codes: column.codes, matching: bound.table), problems: bound.problems)
        }
    }

    func matches(_ field: String, _ condition: Condition, in store: ColumnStore, cache: MatchCache) -> Bitset {
        binding(field, condition, in: store, cache: cache).matches
    }

    /// The binding of a parameter's condition: to the contacts for persona parameters, else to the accounts.
    func binding(_ field: String, _ condition: Condition, onContacts: Bool) -> Binding? {
        if onContacts {
            guard let contacts else { return nil }
            return binding(field, condition, in: contacts, cache: contactMatches)
        }
        return binding(field, condition, in: accounts, cache: accountMatches)
    }

    /// How many records `condition` alone matches on `field` (a persona's on the contacts): a
    /// value's count as hover shows it, from the match sets the evaluation uses.
    public func matchCount(_ field: String, _ condition: Condition, onContacts: Bool = false) -> Int? {
        binding(field, condition, onContacts: onContacts)?.matches.cardinality
    }

    /// The values of a column with their record counts, built once per column.
    func catalog(of column: Column, onContacts: Bool) -> ValueCatalog {
        let key = (onContacts ? "c:" : "a:") + column.name
        if let known = derived.withLock({ $0.catalogs[key] }) { return known }
        let catalog = ValueCatalog(column)
        derived.withLock { $0.catalogs[key] = catalog }
        return catalog
    }

    /// What a column holds (type, coverage, values by frequency, spread), built once per column;
    /// nil when `field` is not a column (of the contacts, for persona parameters).
    public func profile(of field: String, onContacts: Bool = false) -> ColumnProfile? {
        guard let store = onContacts ? contacts : accounts, let column = store.column(named: field) else { return nil }
        let key = (onContacts ? "c:" : "a:") + field
        if let known = derived.withLock({ $0.profiles[key] }) { return known }
        let profile = ColumnProfile(column, catalog: catalog(of: column, onContacts: onContacts))
        derived.withLock { $0.profiles[key] = profile }
        return profile
    }

    /// Whether an accounts text column looks like an undeclared list (``ColumnSummary``), found
    /// once per column.
    public func likelyList(_ field: String) -> UndeclaredList? {
        if let known = derived.withLock({ $0.lists[field] }) { return known }
        guard let column = accounts.column(named: field), let profile = profile(of: field) else { return nil }
        let found = Self.likelyList(in: column, profile: profile)
        derived.withLock { $0.lists[field] = .some(found) }
        return found
    }

    /// For each of the 30 days ending at `as_of`, oldest first, the accounts created that day; nil without `keys.created`.
    func dayRows() -> [Bitset]? {
        if let known = derived.withLock({ $0.days }) { return known }
        guard let field = settings.createdField, let column = accounts.column(named: field), case .date(let days) = column.cells else { return nil }
        let first = settings.asOf.daysSinceEpoch - 29
        let sets = (0..<30).map { offset in
            let table = (0..<column.values.count).map { code in code != 0 && Int(days[code]) == first + offset }
            return Bitset(codes: column.codes, matching: table)
        }
        derived.withLock { $0.days = sets }
        return sets
    }

    /// Accounts already in the CRM (`keys.synced`): a boolean column's true values, any other
    /// column's filled cells that do not say no (`false`, `no`, `0`); nil without the setting.
    func syncedRows() -> Bitset? {
        if let known = derived.withLock({ $0.synced }) { return known }
        var found: Bitset?
        if let field = settings.syncedField, let column = accounts.column(named: field) {
            let table: [Bool] = switch column.cells {
            case .boolean(let flags): flags
            default: column.values.enumerated().map { code, text in
                code != 0 && !["false", "no", "n", "0", "not synced", "none"].contains(TextNormalization.normalize(text))
            }
            }
            found = Bitset(codes: column.codes, matching: table)
        }
        derived.withLock { $0.synced = .some(found) }
        return found
    }

    /// The newest `keys.created` date among `rows`; nil without the setting or a dated row.
    /// Rows are ranked newest first once, so an answer usually reads a few of them.
    func newestCreated(among rows: Bitset) -> CalendarDate? {
        guard let field = settings.createdField, let column = accounts.column(named: field), case .date(let days) = column.cells else { return nil }
        let order: [Int32]
        if let known = derived.withLock({ $0.createdOrder }), let known {
            order = known
        } else {
            // Rows bucketed by their date's rank, newest first: linear in the rows.
            let ranked = (1..<max(days.count, 1)).sorted { days[$0] > days[$1] }
            var counts = [Int](repeating: 0, count: days.count + 1)
            for code in column.codes where code != 0 { counts[Int(code)] += 1 }
            var next = 0
            var offsets = [Int](repeating: 0, count: days.count)
            for code in ranked { (offsets[code], next) = (next, next + counts[code]) }
            var filled = [Int32](repeating: 0, count: next)
            for (row, code) in column.codes.enumerated() where code != 0 {
                filled[offsets[Int(code)]] = Int32(row)
                offsets[Int(code)] += 1
            }
            order = filled
            derived.withLock { $0.createdOrder = .some(order) }
        }
        guard let row = order.first(where: { rows.contains(Int($0)) }) else { return nil }
        return CalendarDate(daysSinceEpoch: Int(days[Int(column.codes[Int(row)])]))
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
}

/// Won, lost and churned accounts by the workspace's outcome field.
package struct OutcomeSets: Sendable {
    package let won: Bitset
    package let lost: Bitset
    package let churned: Bitset

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
            baselineChurnRate: ratio(churned.cardinality, allWon + churned.cardinality),
            wonOutside: allWon - qualifiedWon
        )
    }
}
