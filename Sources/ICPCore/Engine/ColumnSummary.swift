/// How one column of the accounts was read, for `icp columns`: its type, how much of it is
/// present, its values or range, the roles `icp draft` gives it, and, for a text column whose
/// cells hold a separator, the `fields` line that would read it as a list.
public struct ColumnSummary: Sendable {
    public let name: String
    public let type: ColumnType
    public let present: Int
    public let total: Int
    public let distinct: Int
    /// The most frequent values (list columns: elements), at most five.
    public let top: [ColumnProfile.Value]
    public let spread: ColumnProfile.Spread?
    /// What `icp draft` reads the column as (`country`, `money raised`...), by its name and values.
    public let roles: [String]
    /// A separator most of the cells of a text column hold (`|`, `;`, `,`): probably a list not
    /// declared under `fields`, where `in: [Software]` matches only cells that are exactly that.
    public let likelySeparator: String?

    /// Cells of a text column that hold a separator, as a share of its present cells, from which it is said to look like a list.
    static let listShare = 0.3
}

extension Engine {
    /// Every accounts column, in file order, as `icp columns` shows it.
    public func columnSummaries() -> [ColumnSummary] {
        let vocabulary = draftVocabulary()
        return accounts.columns.compactMap { column in
            guard let profile = profile(of: column.name) else { return nil }
            let known = vocabulary.fields.first { $0.name == column.name }
            var roles = (known?.roles ?? []).map(\.description).sorted()
            if known?.isMoney == true, known?.roles.isDisjoint(with: [.funding, .revenue]) == true { roles.append("money") }
            if column.name == settings.outcome?.field { roles.append("outcome") }
            if column.name == settings.accountIDField { roles.append("account key") }
            return ColumnSummary(name: column.name, type: column.type, present: profile.present, total: profile.total, distinct: profile.values.count,
                                 top: Array(profile.values.prefix(5)), spread: profile.spread, roles: roles,
                                 likelySeparator: likelyList(column.name)?.separator)
        }
    }

    /// The separator (`|`, `;`, `,`) that a large share of a text column's present cells hold,
    /// with that share, when their parts repeat across cells (a list of tags, not free text with
    /// commas); nil for other columns.
    static func likelyList(in column: Column, profile: ColumnProfile) -> UndeclaredList? {
        guard case .text = column.cells, profile.present > 0 else { return nil }
        for separator in ["|", ";", ","] {
            let holding = profile.values.filter { $0.text.contains(separator) }
            let cells = holding.reduce(0) { $0 + $1.count }
            guard Double(cells) >= ColumnSummary.listShare * Double(profile.present) else { continue }
            var parts: [String: Int] = [:]
            for value in holding {
                for part in value.text.split(separator: Character(separator)) { parts[TextNormalization.normalize(part), default: 0] += value.count }
            }
            // Parts that recur: far fewer distinct parts than the cells that hold them.
            if parts.count * 2 < cells { return UndeclaredList(separator: separator, share: Double(cells) / Double(profile.present)) }
        }
        return nil
    }
}

/// A text column that looks like a list nobody declared: its separator and the share of its
/// present cells that hold one.
public struct UndeclaredList: Sendable, Equatable {
    public let separator: String
    public let share: Double

    /// The `fields` entry that reads the column as a list.
    public func declaration(of field: String) -> String {
        "fields: {\(ICPFileText.yamlText(field)): {type: list, separator: \"\(separator)\"}}"
    }
}

extension DraftLexicon.Role: CustomStringConvertible {
    var description: String {
        switch self {
        case .fundingDate: "funding date"
        case .funding: "money raised"
        default: rawValue
        }
    }
}
