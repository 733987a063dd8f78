/// A problem found in a file: a stable code, a severity, where, and what to do about it.
public struct Diagnostic: Sendable, Hashable {
    public var code: DiagnosticCode
    public var severity: Severity
    public var range: SourceRange
    /// A sentence or two saying what is wrong and what to do.
    public var message: String
    /// A text that could replace `range` to fix the problem (a did-you-mean), for quick fixes.
    public var replacement: String?

    public init(_ code: DiagnosticCode, _ range: SourceRange, _ message: String, replacement: String? = nil) {
        self.code = code
        self.severity = code.severity
        self.range = range
        self.message = message
        self.replacement = replacement
    }
}

extension Array where Element == Diagnostic {
    /// In reading order: by position, then severity, then code.
    public func sortedByPosition() -> [Diagnostic] {
        sorted {
            if $0.range.start.offset != $1.range.start.offset { return $0.range.start.offset < $1.range.start.offset }
            if $0.severity != $1.severity { return $0.severity < $1.severity }
            return $0.code.rawValue < $1.code.rawValue
        }
    }
}
