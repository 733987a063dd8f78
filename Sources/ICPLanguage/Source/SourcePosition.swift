/// A place in a source text.
///
/// This is the one position representation of the core. All three numbers are 0-based;
/// `column` and `offset` count UTF-8 bytes (from the start of the line and of the text).
/// Front ends convert to what they show with ``SourceText/column(of:in:)``: characters
/// (Unicode scalars) for `icp check`, UTF-16 code units for most LSP clients.
public struct SourcePosition: Hashable, Comparable, Sendable {
    /// 0-based line number.
    public var line: Int
    /// 0-based UTF-8 byte offset from the start of the line.
    public var column: Int
    /// 0-based UTF-8 byte offset from the start of the text.
    public var offset: Int

    public init(line: Int, column: Int, offset: Int) {
        self.line = line
        self.column = column
        self.offset = offset
    }

    public static let start = SourcePosition(line: 0, column: 0, offset: 0)

    public static func < (lhs: SourcePosition, rhs: SourcePosition) -> Bool {
        lhs.offset < rhs.offset
    }
}

/// A half-open stretch of source text: `start` is the first byte, `end` the byte after the last.
public struct SourceRange: Hashable, Sendable {
    public var start: SourcePosition
    public var end: SourcePosition

    public init(start: SourcePosition, end: SourcePosition) {
        self.start = start
        self.end = max(start, end)
    }

    /// An empty range at `position`.
    public init(at position: SourcePosition) {
        self.init(start: position, end: position)
    }

    /// The smallest range holding both.
    public func union(_ other: SourceRange) -> SourceRange {
        SourceRange(start: min(start, other.start), end: max(end, other.end))
    }

    /// Whether `offset` lies inside the range, its end included (a cursor after the last character counts).
    public func contains(offset: Int) -> Bool {
        start.offset <= offset && offset <= end.offset
    }
}
