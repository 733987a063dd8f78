/// What a mapping or list is in an ICP or workspace file, which decides its key order and
/// how its scalars are written (Documentation/format.md, Layout).
enum FormatPlace: Equatable {
    case icpRoot, parameter, persona, tiers, decay
    case workspaceRoot, workspaceSection(String), workspaceFields, workspaceFieldSpec
    case other

    /// The place of the value under `key` of a mapping at this place.
    func child(_ key: String) -> FormatPlace {
        switch (self, key) {
        case (.icpRoot, ICPKey.parameters.rawValue), (.persona, PersonaKey.parameters.rawValue): .parameter
        case (.icpRoot, ICPKey.personas.rawValue): .persona
        case (.icpRoot, ICPKey.tiers.rawValue): .tiers
        case (.parameter, ParameterKey.decay.rawValue): .decay
        case (.workspaceRoot, WorkspaceKey.fields.rawValue): .workspaceFields
        case (.workspaceRoot, let key) where WorkspaceKey(rawValue: key) != nil: .workspaceSection(key)
        case (.workspaceFields, _): .workspaceFieldSpec
        default: .other
        }
    }

    /// The keys in the order they are written; keys not named follow in their own order.
    var keyOrder: [String] {
        switch self {
        case .icpRoot: ICPKey.allCases.map(\.rawValue)
        case .parameter:
            [ParameterKey.field, .mode].map(\.rawValue) + ParameterKey.conditionKeys.map(\.rawValue)
                + [ParameterKey.weight, .decay, .missing, .label].map(\.rawValue)
        case .persona: [PersonaKey.persona, .name, .minScore, .parameters].map(\.rawValue)
        case .workspaceRoot: WorkspaceKey.allCases.map(\.rawValue)
        case .workspaceSection(WorkspaceKey.datasets.rawValue): WorkspaceKey.Datasets.allCases.map(\.rawValue)
        case .workspaceSection(WorkspaceKey.keys.rawValue): WorkspaceKey.Keys.allCases.map(\.rawValue)
        case .workspaceSection(WorkspaceKey.outcome.rawValue): WorkspaceKey.Outcome.allCases.map(\.rawValue)
        case .workspaceSection(WorkspaceKey.checks.rawValue): WorkspaceKey.Checks.allCases.map(\.rawValue)
        case .workspaceFieldSpec: WorkspaceKey.Field.allCases.map(\.rawValue)
        default: []
        }
    }

    /// A mapping here is written inline (`{A: 80, B: 50}`) when it fits on its line.
    var prefersFlowMapping: Bool {
        self == .tiers || self == .workspaceFieldSpec || self == .decay
    }

    /// Whether the value under `key` is always text, so a plain scalar another YAML reader
    /// would take for a number, date or boolean gets quotes (`name: 2024` → `name: "2024"`).
    func holdsOnlyText(_ key: String) -> Bool {
        switch self {
        case .icpRoot: [ICPKey.icp, .name, .status, .description, .owner, .dataset].map(\.rawValue).contains(key)
        case .parameter: [ParameterKey.field, .mode, .label].map(\.rawValue).contains(key)
        case .persona: [PersonaKey.persona, .name].map(\.rawValue).contains(key)
        case .workspaceRoot: key == WorkspaceKey.missingValues.rawValue
        case .workspaceSection(let section): [WorkspaceKey.datasets, .keys, .outcome].map(\.rawValue).contains(section)
        case .workspaceFieldSpec: true
        default: false
        }
    }

    /// Entries in writing order: known keys in `keyOrder`; a key not named there (a typo, a
    /// key of a later version) stays right after the known key written before it. Stable, so
    /// duplicate keys keep their order.
    func ordered(_ entries: [MappingEntry]) -> [MappingEntry] {
        let order = keyOrder
        guard !order.isEmpty else { return entries }
        var previous = -1
        let ranked = entries.enumerated().map { offset, entry in
            if let rank = entry.key.scalar.flatMap({ order.firstIndex(of: $0.text) }) {
                previous = rank
                return (rank: rank, known: 0, offset: offset, entry: entry)
            }
            return (rank: previous, known: 1, offset: offset, entry: entry)
        }
        return ranked.sorted { ($0.rank, $0.known, $0.offset) < ($1.rank, $1.known, $1.offset) }.map(\.entry)
    }
}

/// How scalars are written: plain where no YAML reader could misread them, in double quotes
/// (JSON's escapes) otherwise.
enum ScalarSpelling {
    /// The longest line the layout writes a list or mapping inline on.
    static let width = 80

    /// The scalar as YAML. `onlyText`: the key holds text, so anything that reads as another
    /// type is quoted; `inFlow`: inside `[...]` or `{...}`, where `,[]{}` end a plain scalar.
    static func yaml(_ scalar: ScalarNode, onlyText: Bool, inFlow: Bool) -> String {
        if scalar.isNull { return scalar.text }
        let text = scalar.text
        switch scalar.style {
        case .plain:
            let guessed = onlyText ? readsAsNonText(text) : isYAML11Boolean(text)
            let breaksFlow = inFlow && text.contains(where: { ",[]{}".contains($0) })
            let hasControl = text.unicodeScalars.contains { ICPFileText.isLineBreakOrControl($0) }
            return guessed || breaksFlow || hasControl ? text.jsonQuoted : text
        case .quoted, .block:
            return readsAsNonText(text) ? text.jsonQuoted : ICPFileText.yamlText(text)
        }
    }

    /// The scalar as JSON: strings quoted, numbers, booleans and null as written.
    static func json(_ scalar: ScalarNode) -> String {
        scalar.style == .plain ? scalar.text : scalar.text.jsonQuoted
    }

    /// YAML 1.1's booleans beyond `true` and `false` (`NO` is Norway to us, false to PyYAML).
    static func isYAML11Boolean(_ text: String) -> Bool {
        ["y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF"].contains(text)
    }

    /// Whether some YAML reader (1.1 or 1.2) takes this plain text for something other than a
    /// string: a boolean, null, a number in any of their notations, or a date.
    static func readsAsNonText(_ text: String) -> Bool {
        if isYAML11Boolean(text) || ["true", "True", "TRUE", "false", "False", "FALSE", "~", "null", "Null", "NULL", ""].contains(text) {
            return true
        }
        let lowered = text.lowercased()
        if [".inf", "+.inf", "-.inf", ".nan"].contains(lowered) { return true }
        var body = Substring(lowered)
        if body.first == "-" || body.first == "+" { body = body.dropFirst() }
        guard let first = body.first else { return false }
        if first == "." { return body.count > 1 && body.dropFirst().allSatisfy { $0.isASCII && ($0.isNumber || $0 == "_" || $0 == "e" || $0 == "+" || $0 == "-") } }
        guard first.isASCII, first.isNumber else { return false }
        // Numbers (decimal, 0x, 0o, 0b, exponents, YAML 1.1's `_` and `1:30`), and dates: every
        // such token starts with a digit and holds only these characters.
        return body.allSatisfy { $0.isASCII && ($0.isHexDigit || "_:.+-xobt ".contains($0)) }
    }
}
