/// What a piece of an ICP or workspace file is, for an editor's semantic highlighting: the
/// LSP's standard token types, so every theme colours them.
public enum HighlightKind: Int, CaseIterable, Sendable {
    /// A key (`field`, `mode`, `parameters`, a tier's name).
    case property
    /// A column of the data (a `field:` value, a key column, a column under `fields:`).
    case variable
    /// A word from a fixed set: a mode, a status, a column type.
    case enumMember
    case string
    case number
    /// `true`, `false`, null.
    case keyword
    /// An ICP or persona code.
    case namespace

    public var name: String {
        switch self {
        case .property: "property"
        case .variable: "variable"
        case .enumMember: "enumMember"
        case .string: "string"
        case .number: "number"
        case .keyword: "keyword"
        case .namespace: "namespace"
        }
    }
}

/// Modifiers a theme can colour: the mode of the parameter a token is in (so a filter, a score
/// and an exclude look different), and whether the data lacks it.
public struct HighlightModifiers: OptionSet, Sendable, Hashable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    public static let declaration = HighlightModifiers(rawValue: 1 << 0)
    public static let filter = HighlightModifiers(rawValue: 1 << 1)
    public static let score = HighlightModifiers(rawValue: 1 << 2)
    public static let exclude = HighlightModifiers(rawValue: 1 << 3)
    /// A column the data does not have, or a value no record has (as the checks found).
    public static let missing = HighlightModifiers(rawValue: 1 << 4)

    /// The names, in bit order: the legend a client is given.
    public static let names = ["declaration", "filter", "score", "exclude", "missing"]

    static func mode(_ text: String?) -> HighlightModifiers {
        switch text.flatMap(ParameterMode.init(rawValue:)) {
        case .filter?: .filter
        case .score?: .score
        case .exclude?: .exclude
        case nil: []
        }
    }
}

public struct Highlight: Sendable, Equatable {
    public var range: SourceRange
    public var kind: HighlightKind
    public var modifiers: HighlightModifiers
}

public enum Highlighting {
    /// Every key and one-line value of `tree`, in source order. `missing`: the ranges the data
    /// checks reported (`unknown-field`, `value-not-found`); tokens inside them get `.missing`.
    public static func highlights(of tree: SyntaxTree, file: FormattedFile, missing: [SourceRange] = []) -> [Highlight] {
        var found: [Highlight] = []
        func add(_ scalar: ScalarNode, _ kind: HighlightKind, _ modifiers: HighlightModifiers) {
            // Clients draw a token on one line; a block or folded scalar is left to the grammar.
            guard scalar.range.start.line == scalar.range.end.line, scalar.range.end.offset > scalar.range.start.offset else { return }
            var modifiers = modifiers
            if missing.contains(where: { $0.start.offset <= scalar.range.start.offset && scalar.range.end.offset <= $0.end.offset }) {
                modifiers.insert(.missing)
            }
            found.append(Highlight(range: scalar.range, kind: kind, modifiers: modifiers))
        }
        func walk(_ node: SyntaxNode, place: FormatPlace, key: String?, modifiers: HighlightModifiers) {
            switch node {
            case .scalar(let scalar):
                let (kind, extra) = classify(scalar, place: place, key: key)
                add(scalar, kind, modifiers.union(extra))
            case .sequence(let list):
                for item in list.items { walk(item, place: place, key: key, modifiers: modifiers) }
            case .mapping(let mapping):
                var modifiers = modifiers
                if place == .parameter {
                    modifiers.formUnion(.mode(mapping.entries.last { $0.key.scalar?.text == ParameterKey.mode.rawValue }?.value.scalar?.text))
                }
                for entry in mapping.entries {
                    guard let name = entry.key.scalar else { continue }
                    // A column named as a key (under `fields:`) is a column, not a key.
                    add(name, place == .workspaceFields ? .variable : .property, modifiers)
                    let inner = place.child(name.text)
                    let isContainer = entry.value.scalar == nil
                    walk(entry.value, place: isContainer ? inner : place, key: isContainer ? nil : name.text, modifiers: modifiers)
                }
            }
        }
        if let root = tree.root { walk(root, place: file == .icp ? .icpRoot : .workspaceRoot, key: nil, modifiers: []) }
        return found.sorted { $0.range.start.offset < $1.range.start.offset }
    }

    /// A value's kind from where it stands: the key above it, or for list items, the list's key.
    private static func classify(_ scalar: ScalarNode, place: FormatPlace, key: String?) -> (HighlightKind, HighlightModifiers) {
        if scalar.isNull { return (.keyword, []) }
        switch (place, key) {
        case (.icpRoot, ICPKey.icp.rawValue?), (.persona, PersonaKey.persona.rawValue?): return (.namespace, .declaration)
        case (.icpRoot, ICPKey.status.rawValue?), (.parameter, ParameterKey.mode.rawValue?), (.parameter, ParameterKey.missing.rawValue?),
             (.workspaceRoot, WorkspaceKey.missing.rawValue?), (.workspaceFieldSpec, WorkspaceKey.Field.type.rawValue?):
            return (.enumMember, [])
        case (.parameter, ParameterKey.field.rawValue?), (.workspaceSection(WorkspaceKey.keys.rawValue), _):
            return (.variable, [])
        case (.workspaceSection(WorkspaceKey.outcome.rawValue), WorkspaceKey.Outcome.field.rawValue?):
            return (.variable, [])
        default:
            break
        }
        if scalar.style == .plain, ["true", "false"].contains(scalar.text.lowercased()) { return (.keyword, []) }
        if scalar.style == .plain, Double(scalar.text) != nil { return (.number, []) }
        return (.string, [])
    }
}
