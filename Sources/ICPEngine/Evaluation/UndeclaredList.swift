import ICPLanguage

extension Engine {
    /// The separator (`|`, `;`, `,`) that a large share of a text column's present cells hold,
    /// with that share, when their parts repeat across cells (a list of tags, not free text with
    /// commas) and, for commas, the cells are not all pairs of fixed parts (`Salt Lake City, UT`
    /// and `Dublin, Ireland` are places, not lists); nil for other columns.
    static func likelyList(in column: Column, profile: ColumnProfile) -> UndeclaredList? {
        guard case .text = column.cells, profile.present > 0 else { return nil }
        for separator in ["|", ";", ","] {
            let holding = profile.values.filter { $0.text.contains(separator) }
            let cells = holding.reduce(0) { $0 + $1.count }
            guard Double(cells) >= UndeclaredList.listShare * Double(profile.present) else { continue }
            var parts: [String: Int] = [:]
            var widths: [Int: Int] = [:]
            for value in holding {
                let pieces = value.text.split(separator: Character(separator))
                widths[pieces.count, default: 0] += value.count
                for part in pieces { parts[TextNormalization.normalize(part), default: 0] += value.count }
            }
            // Comma cells nearly all of one width with no part at two positions: a structured value
            // (`Salt Lake City, UT`), not a list, whose tags move (`Software, AI`, `AI, Health`).
            if separator == ",", let common = widths.values.max(), Double(common) >= 0.9 * Double(cells), !partsMove(holding, separator) { continue }
            // Parts that recur: far fewer distinct parts than the cells that hold them.
            if parts.count * 2 < cells { return UndeclaredList(separator: separator, share: Double(cells) / Double(profile.present)) }
        }
        return nil
    }

    /// Whether some part stands at two different positions across the cells (`Software` first in
    /// one cell and second in another), which a place or a pair never does.
    private static func partsMove(_ values: [ColumnProfile.Value], _ separator: String) -> Bool {
        var positions: [String: Int] = [:]
        for value in values {
            for (index, part) in value.text.split(separator: Character(separator)).enumerated() {
                let key = TextNormalization.normalize(part)
                if let seen = positions[key], seen != index { return true }
                positions[key] = index
            }
        }
        return false
    }
}

/// A text column that looks like a list nobody declared: its separator and the share of its
/// present cells that hold one.
public struct UndeclaredList: Sendable, Equatable {
    public let separator: String
    public let share: Double

    /// Cells of a text column that hold a separator, as a share of its present cells, from which it is said to look like a list.
    static let listShare = 0.3

    /// The `fields` entry that reads the column as a list.
    public func declaration(of field: String) -> String {
        "fields: {\(ICPFileText.yamlText(field)): {type: list, separator: \"\(separator)\"}}"
    }
}
