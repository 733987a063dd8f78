import ICPLanguage
import ICPEngine
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
