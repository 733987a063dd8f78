import FoundationEssentials
import ICPLanguage
import ICPEngine
import ICPBuilders
import ICPInsights

/// A replacement of `range` of the file at `file` (whose text is `source`), in the core's
/// positions; the server converts it to the client's encoding.
public struct FeatureEdit: Sendable, Equatable {
    public let file: URL
    public let source: SourceText
    public let range: SourceRange
    public let text: String

    public init(file: URL, source: SourceText, range: SourceRange, text: String) {
        self.file = file
        self.source = source
        self.range = range
        self.text = text
    }

    /// A core text change of `source` as an edit.
    public init(_ change: TextChange, in source: SourceText, file: URL) {
        self.init(file: file, source: source, range: source.range(from: change.start, to: change.end), text: change.text)
    }

    public static func == (a: FeatureEdit, b: FeatureEdit) -> Bool {
        a.file == b.file && a.range == b.range && a.text == b.text
    }
}

/// A code action offered at the cursor: a quick fix for findings, or a rewrite.
public struct FeatureAction: Sendable {
    public enum Kind: String, Sendable {
        case quickfix
        case rewrite = "refactor.rewrite"
    }

    public let title: String
    public let kind: Kind
    /// The findings it fixes (a quick fix).
    public let fixes: [Diagnostic]
    public let isPreferred: Bool
    public let edits: [FeatureEdit]

    public init(title: String, kind: Kind, fixes: [Diagnostic] = [], isPreferred: Bool = false, edits: [FeatureEdit]) {
        self.title = title
        self.kind = kind
        self.fixes = fixes
        self.isPreferred = isPreferred
        self.edits = edits
    }
}

/// A code lens: a title over `range`, and the command (with its arguments) a click runs.
public struct FeatureLens: Sendable, Equatable {
    public let range: SourceRange
    public let title: String
    public let command: String
    public let arguments: [String]
}

/// An inlay hint at the end of a line.
public struct FeatureHint: Sendable, Equatable {
    public let position: SourcePosition
    public let label: String
    public let tooltip: String
}

/// A hover: markdown, over the node under the cursor.
public struct HoverAnswer: Sendable, Equatable {
    public let markdown: String
    public let range: SourceRange
}

/// A titled markdown document (`icp.explain`, `icp.accounts`).
public struct FeatureDocument: Sendable, Equatable {
    public let title: String
    public let markdown: String
    /// A name for the file it may be shown from (letters, digits, `-`, `_`).
    public let name: String
}

/// Why a feature has no answer: the message says what to do.
public struct FeatureFailure: Error, Sendable, CustomStringConvertible {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
