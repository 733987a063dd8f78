import ICPLanguage
import ICPEngine
/// One row of the qualification table: what `icp preview --format json` prints per ICP and
/// what the language server's `icp/preview` returns (format.md, Command-line output). Keys are encoded in the format's
/// names and order; outcome keys appear only when the workspace names an outcome field, and
/// `last_30_days` only when it names `keys.created`.
public struct ICPPreview: Sendable, Encodable {
    public struct FunnelStep: Sendable, Encodable {
        public let field: String
        public let mode: String
        /// The parameter in words, for people: its `label`, else its field and condition
        /// (`industry one of [Software, Fintech, +1 more]`).
        public let condition: String
        public let matched: Int
        public let remaining: Int
        public let without: Int
    }

    /// ``FieldEnrichment`` as figures: `would_qualify` is an upper bound.
    public struct EnrichmentFigures: Sendable, Encodable {
        public let field: String
        public let missing: Int
        public let candidates: Int
        public let would_qualify: Int
        public let tier_moves: [String: Int]
    }

    /// This ICP against another of the same run and dataset: accounts both qualify, their
    /// Jaccard share, this ICP's accounts that get the other's code (`taken_by`) and the other's
    /// accounts that get this one's (`takes`); only live ICPs stamp codes.
    public struct OverlapFigures: Sendable, Encodable {
        public let icp: String
        public let shared: Int
        public let jaccard: Double
        public let taken_by: Int
        public let takes: Int
    }

    public struct PersonaCount: Sendable, Encodable {
        public let persona: String
        @EncodedAsNull public var contacts: Int?
        @EncodedAsNull public var accounts: Int?
    }

    public private(set) var icp: String
    public let name: String
    public let status: String
    public let parameters: Int
    public let qualified: Int
    public let total: Int
    public let share: Double
    /// Tier name and count, in file order.
    public let tiers: [(name: String, count: Int)]
    public let personas: [PersonaCount]
    public let enriched: Double?
    public let funnel: [FunnelStep]
    public let enrichment: [EnrichmentFigures]
    /// Against the other ICPs of its workspace on the same data; nil when there are none.
    public var overlap: [OverlapFigures]?
    public let outcomes: OutcomeMetrics?
    /// Qualifying accounts already in the CRM, and their share (`keys.synced`); nil without it.
    public let synced: Int?
    public var syncedShare: Double? { synced.flatMap { qualified > 0 ? Double($0) / Double(qualified) : nil } }
    /// The newest `keys.created` date among qualifying accounts; nil without it or when none qualify.
    public let lastQualified: CalendarDate?
    public let lastThirtyDays: [Int]?

    /// The same figures under `code (label)`: a row of a before/after table.
    public func labelled(_ label: String) -> ICPPreview {
        var copy = self
        copy.icp = "\(icp) (\(label))"
        return copy
    }

    /// A parameter as a reader names it: its label, else field and condition, two values of a list shown.
    static func words(_ parameter: Parameter) -> String {
        if let label = parameter.label { return label }
        let field = parameter.field?.value ?? "?"
        guard let condition = parameter.condition?.value else { return field }
        return "\(field) \(RecordExplanation.describe(condition, asOf: nil, listed: 2))"
    }

    public init(icp: ICP, evaluation: ICPEvaluation) {
        self.icp = icp.code?.value ?? ""
        self.name = icp.displayName
        self.status = icp.status.rawValue
        self.parameters = icp.parameters.count
        self.qualified = evaluation.qualifiedCount
        self.total = evaluation.total
        self.share = evaluation.share
        self.tiers = evaluation.tiers.map { ($0.name, $0.count) }
        self.personas = evaluation.personas.map { PersonaCount(persona: $0.code, contacts: $0.contacts, accounts: $0.accounts) }
        self.enriched = evaluation.enriched
        self.funnel = evaluation.parameters.map {
            FunnelStep(field: $0.field, mode: $0.mode.rawValue, condition: Self.words(icp.parameters[$0.index]),
                       matched: $0.matched.cardinality, remaining: $0.remaining, without: $0.without)
        }
        self.enrichment = evaluation.enrichment().map {
            EnrichmentFigures(field: $0.field, missing: $0.missing, candidates: $0.candidates.cardinality, would_qualify: $0.wouldQualify,
                              tier_moves: Dictionary(uniqueKeysWithValues: $0.tierMoves.map { ($0.tier, $0.count) }))
        }
        self.outcomes = evaluation.outcomes
        self.lastThirtyDays = evaluation.lastThirtyDays
        self.synced = evaluation.synced
        self.lastQualified = evaluation.lastQualified
    }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(icp, forKey: Key("icp"))
        try container.encode(name, forKey: Key("name"))
        try container.encode(status, forKey: Key("status"))
        try container.encode(parameters, forKey: Key("parameters"))
        try container.encode(qualified, forKey: Key("qualified"))
        try container.encode(total, forKey: Key("total"))
        try container.encode(share, forKey: Key("share"))
        var tierContainer = container.nestedContainer(keyedBy: Key.self, forKey: Key("tiers"))
        for tier in tiers { try tierContainer.encode(tier.count, forKey: Key(tier.name)) }
        try container.encode(personas, forKey: Key("personas"))
        try container.encode(enriched, forKey: Key("enriched"))
        try container.encode(funnel, forKey: Key("funnel"))
        try container.encode(enrichment, forKey: Key("enrichment"))
        if let overlap { try container.encode(overlap, forKey: Key("overlap")) }
        if let outcomes {
            try container.encode(outcomes.winRate, forKey: Key("win_rate"))
            try container.encode(outcomes.baselineWinRate, forKey: Key("baseline_win_rate"))
            try container.encode(outcomes.lift, forKey: Key("lift"))
            try container.encode(outcomes.wonCoverage, forKey: Key("won_coverage"))
            try container.encode(outcomes.churnRate, forKey: Key("churn_rate"))
            try container.encode(outcomes.baselineChurnRate, forKey: Key("baseline_churn_rate"))
        }
        if let lastThirtyDays {
            try container.encode(lastThirtyDays, forKey: Key("last_30_days"))
            // With keys.created: the newest creation date among qualifying accounts, or null.
            try container.encode(lastQualified?.description, forKey: Key("last_qualified"))
        }
        if synced != nil {
            try container.encode(synced, forKey: Key("synced"))
            try container.encode(syncedShare, forKey: Key("synced_share"))
        }
    }
}
