/// The keys of an ICP file (format.md, ICP files), spelled as users write them.
public enum ICPKey: String, CaseIterable, Sendable {
    case icp, name, status, description, owner, reviewed, priority
    case minScore = "min_score"
    case tiers, dataset, parameters, personas
}

/// The keys of a parameter (format.md, Parameters and conditions), conditions included.
public enum ParameterKey: String, CaseIterable, Sendable {
    case field, mode, weight, label, missing, decay

    /// The keys of a `decay` mapping.
    public enum Decay: String, CaseIterable, Sendable {
        case halfLifeDays = "half_life_days"
    }
    case `is`, `in`
    case allOf = "all_of"
    case min, max
    case containsAny = "contains_any"
    case exists
    case withinDays = "within_days"

    /// Keys that state the condition; `min` and `max` together count as one.
    public static let conditionKeys: [ParameterKey] = [.is, .in, .allOf, .min, .max, .containsAny, .exists, .withinDays]
}

/// The keys of a persona (format.md, Personas).
public enum PersonaKey: String, CaseIterable, Sendable {
    case persona, name, parameters
    case minScore = "min_score"
}

/// The keys of `icp.workspace.yaml` (format.md, The workspace file) and of its sections.
public enum WorkspaceKey: String, CaseIterable, Sendable {
    case datasets, keys, outcome
    case asOf = "as_of"
    case missingValues = "missing_values"
    /// The `missing` policy of parameters that do not say their own.
    case missing
    case fields, checks

    /// The workspace file's name.
    public static let fileName = "icp.workspace.yaml"

    public enum Datasets: String, CaseIterable, Sendable { case accounts, contacts }

    /// The keys of a dataset entry written as a mapping (format.md, Reading a data file).
    public enum Dataset: String, CaseIterable, Sendable {
        case path, encoding, delimiter, quote, decimal, header
        case badRows = "bad_rows"
    }

    public enum Keys: String, CaseIterable, Sendable {
        case accountID = "account_id"
        case contactAccount = "contact_account"
        case created
        case synced
    }

    public enum Outcome: String, CaseIterable, Sendable { case field, won, lost, churned }

    public enum Field: String, CaseIterable, Sendable { case type, separator, format, unit }

    public enum Checks: String, CaseIterable, Sendable {
        case minQualified = "min_qualified"
        case maxShare = "max_share"
        case staleAfterDays = "stale_after_days"
        case maxMissingShare = "max_missing_share"
        case enrichmentGain = "enrichment_gain"
        case minKeptShare = "min_kept_share"
    }
}
