import ICPLanguage
import ICPEngine
import ICPBuilders
import ICPInsights

/// Converts between the core's positions (UTF-8 offsets) and the client's, in the encoding
/// negotiated at `initialize` (UTF-16 unless the client offers another). The only place that does.
struct PositionEncoding: Sendable {
    let unit: ColumnUnit

    /// The encoding to use: UTF-8 if the client offers it (no conversion needed), else UTF-32 if
    /// offered, else the default UTF-16. `offered` is the client's `general.positionEncodings`.
    static func negotiate(offered: [String]) -> PositionEncoding {
        for preferred in [ColumnUnit.utf8, .unicodeScalars] where offered.contains(preferred.rawValue) {
            return PositionEncoding(unit: preferred)
        }
        return PositionEncoding(unit: .utf16)
    }

    func position(_ position: SourcePosition, in source: SourceText) -> LSPPosition {
        LSPPosition(line: position.line, character: source.column(of: position, in: unit))
    }

    func range(_ range: SourceRange, in source: SourceText) -> LSPRange {
        LSPRange(start: position(range.start, in: source), end: position(range.end, in: source))
    }

    /// The byte offset of a client position, clamped to the text.
    func offset(_ position: LSPPosition, in source: SourceText) -> Int {
        source.offset(line: position.line, column: position.character, in: unit)
    }

    /// How long `text` is in this encoding's unit (a file the server has no text of, such as a
    /// data file's header).
    func length(of text: String) -> Int {
        switch unit {
        case .utf8: text.utf8.count
        case .utf16: text.utf16.count
        case .unicodeScalars: text.unicodeScalars.count
        }
    }
}
