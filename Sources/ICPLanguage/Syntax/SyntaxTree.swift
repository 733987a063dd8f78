/// The notation of an ICP or workspace file.
public enum SourceFormat: String, Sendable {
    case yaml
    case json

    /// The format a file name implies: JSON for `.json`, YAML otherwise.
    public init(fileName: String) {
        self = fileName.lowercased().hasSuffix(".json") ? .json : .yaml
    }
}

/// Why a text is not valid YAML or JSON, and where.
public struct SyntaxError: Sendable, Hashable {
    public var message: String
    public var range: SourceRange

    public init(message: String, range: SourceRange) {
        self.message = message
        self.range = range
    }
}

/// A parsed document: the tree (whole, or as far as the text was readable) and its errors.
public struct SyntaxTree: Sendable {
    public var source: SourceText
    /// The root node; nil for an empty document or one that broke before its first node.
    public var root: SyntaxNode?
    /// At most one syntax error: where reading stopped.
    public var errors: [SyntaxError]

    /// Whether the whole text was read. When false, `root` holds what came before the error,
    /// with open mappings and lists closed there, so checks can still run on it.
    public var isComplete: Bool { errors.isEmpty }

    /// Nesting deeper than this is a syntax error, so that no later walk recurses without bound.
    public static let maximumDepth = 128

    public init(source: SourceText, root: SyntaxNode?, errors: [SyntaxError]) {
        self.source = source
        self.root = root
        self.errors = errors
    }

    /// Parses `text` as YAML or JSON. Never throws: a broken text yields its errors and a partial tree.
    public static func parse(_ text: String, format: SourceFormat) -> SyntaxTree {
        let source = SourceText(text)
        switch format {
        case .yaml: return YAMLReader(source: source).read()
        case .json: return JSONReader(source: source).read()
        }
    }
}
