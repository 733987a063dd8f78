/// The type of a dataset column (format.md, The workspace file).
public enum ColumnType: String, Sendable, CaseIterable {
    case text, number, boolean, date, list
    /// Bands such as `51-200` or `10,000+` (format.md, Bands).
    case range
}

/// A type override for one column under `fields`.
public struct FieldOverride: Sendable, Hashable {
    public var type: ColumnType
    /// Separator of a list column's items in a CSV cell; nil for JSON or Python list cells.
    public var separator: String?
    /// The order of day and month of a date column.
    public var format: DateFormat?
    /// The unit of a number or range column, when its header does not say it.
    public var unit: NumberUnit?

    public init(type: ColumnType, separator: String? = nil, format: DateFormat? = nil, unit: NumberUnit? = nil) {
        self.type = type
        self.separator = separator
        self.format = format
        self.unit = unit
    }
}

/// Which outcome values count as won, lost and churned (format.md, Outcomes).
public struct OutcomeConfig: Sendable, Hashable {
    public var field: String
    public var won: [String]
    public var lost: [String]
    public var churned: [String]

    public init(field: String, won: [String], lost: [String], churned: [String]) {
        self.field = field
        self.won = won
        self.lost = lost
        self.churned = churned
    }
}

/// Thresholds of the data-driven checks.
public struct CheckThresholds: Sendable, Hashable {
    /// Fewer qualifying records than this: `too-tight`.
    public var minQualified: Int = 1
    /// A larger share of all records than this: `too-broad`.
    public var maxShare: Double = 0.5
    /// `reviewed` older than this many days: `stale`.
    public var staleAfterDays: Int = 90
    /// A filter field missing in a larger share of records than this: `missing-data`.
    public var maxMissingShare: Double = 0.3
    /// A field whose missing values, filled with passing ones, could make at least this share
    /// of the qualified count more accounts qualify: `enrichment`.
    public var enrichmentGain: Double = 0.1
    /// A live ICP keeping a smaller share of the accounts it qualifies than this: `shadowed`.
    public var minKeptShare: Double = 0.2

    public init() {}
}

/// A column that the workspace file names under `keys` or `outcome`, and where.
public struct ColumnReference: Sendable {
    public enum Table: String, Sendable {
        case accounts, contacts
    }

    /// The setting, as written in the file: `keys.account_id`, `outcome.field`.
    public var setting: String
    public var column: Located<String>
    public var table: Table

    public init(setting: String, column: Located<String>, table: Table) {
        self.setting = setting
        self.column = column
        self.table = table
    }
}

/// The settings of `icp.workspace.yaml` (format.md, The workspace file), with defaults where it is silent or absent.
public struct WorkspaceConfig: Sendable {
    /// Accounts table path, relative to the workspace folder; nil: the built-in sample.
    public var accounts: Located<String>?
    /// Contacts table path, relative to the workspace folder.
    public var contacts: Located<String>?
    /// How each table is read, when its entry says (`encoding`, `delimiter`...).
    public var accountsReading = ReadingSettings()
    public var contactsReading = ReadingSettings()
    public var accountIDField = "id"
    public var contactAccountField = "account_id"
    public var createdField: String?
    /// The column marking accounts already in the CRM (`keys.synced`): true, or a CRM id.
    public var syncedField: String?
    public var outcome: OutcomeConfig?
    /// The date of `within_days` and staleness; nil: today.
    public var asOf: CalendarDate?
    /// Where `as_of`'s value is written, when it is.
    public var asOfRange: SourceRange?
    /// Where the `keys` (else `datasets`) key is written: the place for a finding about keys left to their defaults.
    public var keysRange: SourceRange?
    /// Cell texts read as missing, besides the empty cell.
    public var missingValues: [String] = []
    /// The `missing` policy of parameters that do not say their own (format.md, Missing values).
    public var missingPolicy: MissingPolicy = .fail
    public var fields: [String: FieldOverride] = [:]
    /// Where each column under `fields` is named.
    public var fieldRanges: [String: SourceRange] = [:]
    public var checks = CheckThresholds()
    /// Every column named under `keys` and `outcome`, for the check that the data has them.
    public var columnReferences: [ColumnReference] = []
    /// The `won`, `lost` and `churned` values as written, for the check that some record has each.
    public var outcomeValues: [Located<String>] = []

    public init() {}
}
