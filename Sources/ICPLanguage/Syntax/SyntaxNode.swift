/// How a scalar was written. Only the style decides whether a scalar is null; what its
/// text means (number, date, boolean) is decided by the key or dataset column it is read for.
public enum ScalarStyle: Sendable, Hashable {
    /// Unquoted (YAML plain, or a JSON number, `true`, `false` or `null`).
    case plain
    /// In single or double quotes (all JSON strings).
    case quoted
    /// A YAML block scalar (`|` or `>`).
    case block
}

/// A scalar as written: its text (escapes resolved) and where it stands.
public struct ScalarNode: Sendable, Hashable {
    public var text: String
    public var style: ScalarStyle
    public var range: SourceRange

    public init(text: String, style: ScalarStyle, range: SourceRange) {
        self.text = text
        self.style = style
        self.range = range
    }

    /// An unquoted empty value, `~` or `null`: no value at all.
    public var isNull: Bool {
        style == .plain && ["", "~", "null", "Null", "NULL"].contains(text)
    }
}

/// One `key: value` pair of a mapping.
public struct MappingEntry: Sendable {
    public var key: SyntaxNode
    public var value: SyntaxNode

    public init(key: SyntaxNode, value: SyntaxNode) {
        self.key = key
        self.value = value
    }
}

/// A mapping (YAML) or object (JSON), keeping its pairs in source order, duplicates included.
public struct MappingNode: Sendable {
    public var entries: [MappingEntry]
    public var range: SourceRange

    public init(entries: [MappingEntry], range: SourceRange) {
        self.entries = entries
        self.range = range
    }
}

/// A sequence (YAML) or array (JSON).
public struct SequenceNode: Sendable {
    public var items: [SyntaxNode]
    public var range: SourceRange
    /// Written inline as `[a, b]` rather than as `- a` lines.
    public var isFlow: Bool

    public init(items: [SyntaxNode], range: SourceRange, isFlow: Bool) {
        self.items = items
        self.range = range
        self.isFlow = isFlow
    }
}

/// A node of the syntax tree of a YAML or JSON document; every node knows its source range.
public indirect enum SyntaxNode: Sendable {
    case scalar(ScalarNode)
    case mapping(MappingNode)
    case sequence(SequenceNode)

    public var range: SourceRange {
        switch self {
        case .scalar(let scalar): scalar.range
        case .mapping(let mapping): mapping.range
        case .sequence(let sequence): sequence.range
        }
    }

    public var scalar: ScalarNode? {
        if case .scalar(let scalar) = self { scalar } else { nil }
    }

    public var mapping: MappingNode? {
        if case .mapping(let mapping) = self { mapping } else { nil }
    }

    public var sequence: SequenceNode? {
        if case .sequence(let sequence) = self { sequence } else { nil }
    }

    /// Whether this is a null scalar (`key:` with nothing after it, `~`, `null`).
    public var isNull: Bool { scalar?.isNull ?? false }

    /// A word for messages: "a list", "a mapping", "text".
    public var kindDescription: String {
        switch self {
        case .scalar(let scalar): scalar.isNull ? "empty" : "a single value"
        case .mapping: "a mapping"
        case .sequence: "a list"
        }
    }
}
