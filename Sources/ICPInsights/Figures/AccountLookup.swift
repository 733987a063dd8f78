import ICPLanguage
import ICPEngine
/// An account found by what a person types: its key, else its name (`icp explain`, the
/// editor's `icp.explain`).
public enum AccountLookup: Sendable, Equatable {
    case key(row: Int)
    /// Found by an exact name (case and outer spaces aside) in `column`.
    case name(row: Int, column: String)
    /// Several accounts have that name (the first few of them): only a key tells which.
    case ambiguous(rows: [Int], column: String)
    /// Neither matches; the account whose key or name is closest, when one is close enough.
    case notFound(nearest: Int?)
}

extension Engine {
    /// Finds the account `text` names: by key (`keys.account_id`), else by exact name, else
    /// suggests one (``nearestAccount(to:)``).
    public func findAccount(_ text: String) -> AccountLookup {
        if let row = row(ofAccount: text) { return .key(row: row) }
        let wanted = TextNormalization.normalize(text)
        let names = nameColumn
        if let names, case .text(let normalized) = names.cells,
           let code = normalized.indices.dropFirst().first(where: { normalized[$0] == wanted }) {
            let rows = names.codes.indices.lazy.filter { names.codes[$0] == UInt32(code) }.prefix(5)
            if let row = rows.first { return rows.count == 1 ? .name(row: row, column: names.name) : .ambiguous(rows: Array(rows), column: names.name) }
        }
        return .notFound(nearest: nearestAccount(to: wanted))
    }

    /// The account a person most likely meant by `wanted` (normalised): a name that starts
    /// with it as whole words (`plansource` → `PlanSource Holdings`; the shortest such name),
    /// else a key whose last part is it (`/organization/plansource`), else the nearest name or
    /// key by typos (``ClosestMatch/to(_:in:)``), names first. Nil when none is close.
    func nearestAccount(to wanted: String) -> Int? {
        guard !wanted.isEmpty else { return nil }
        func row(of code: Int, in column: Column) -> Int? { column.codes.firstIndex(of: UInt32(code)) }
        let names = nameColumn
        if let names, case .text(let normalized) = names.cells {
            let starting = normalized.indices.dropFirst().filter { normalized[$0].hasPrefix(wanted + " ") }
            if let code = starting.min(by: { (normalized[$0].count, normalized[$0]) < (normalized[$1].count, normalized[$1]) }) {
                return row(of: code, in: names)
            }
        }
        let key = accounts.column(named: settings.accountIDField)
        if let key, let code = key.values.indices.dropFirst().first(where: { index in
            let last = key.values[index].split(whereSeparator: { $0 == "/" || $0 == ":" }).last.map(String.init) ?? ""
            return TextNormalization.normalize(last) == wanted
        }) {
            return row(of: code, in: key)
        }
        for column in [names, key].compactMap({ $0 }) {
            if let close = ClosestMatch.to(wanted, in: column.values.dropFirst().lazy.map { $0 }),
               let code = column.values.indices.dropFirst().first(where: { column.values[$0] == close }) {
                return row(of: code, in: column)
            }
        }
        return nil
    }

    /// Columns whose values name accounts rather than describe them: the key, the name column,
    /// and every text column whose values are mostly distinct (a domain, a website, an email).
    /// `--sensitive` leaves their values out of what it writes.
    public var identifyingColumns: Set<String> {
        var names: Set<String> = [settings.accountIDField]
        if let name = nameColumn?.name { names.insert(name) }
        for column in accounts.columns {
            guard case .text = column.cells, column.presentCount > 0 else { continue }
            if column.values.count - 1 > column.presentCount / 2 { names.insert(column.name) }
        }
        return names
    }

    /// The name outputs key accounts by: the key column's (`keys.account_id`), or `row` when
    /// the data has no such column.
    public var accountKeyName: String {
        accounts.column(named: settings.accountIDField) == nil ? "row" : settings.accountIDField
    }

    /// An account's key as the data holds it (nil for an empty cell), or its 1-based row number
    /// when the data has no key column: the value under ``accountKeyName``.
    public func accountKey(_ row: Int) -> String? {
        guard let column = accounts.column(named: settings.accountIDField) else { return String(row + 1) }
        return column.text(atRow: row)
    }

    /// How a sentence names an account: its key, else `row 12`.
    public func accountName(_ row: Int) -> String {
        accounts.column(named: settings.accountIDField)?.text(atRow: row) ?? "row \(row + 1)"
    }

    /// `` `/organization/angellist` (AngelList) ``: an account's key, and its name when there is a name column.
    public func accountLabel(_ row: Int) -> String {
        let name = nameColumn?.text(atRow: row)
        return "`\(accountName(row))`" + (name.map { " (\($0))" } ?? "")
    }

    /// Why no account was found for `text`, with the nearest one when there is one.
    /// "2 accounts have name `Acme`: `a-1`, `a-7`; give the key of the one you mean."
    public func accountsAmbiguous(_ text: String, rows: [Int], column: String) -> String {
        "\(rows.count == 5 ? "5 or more" : String(rows.count)) accounts have \(column) `\(text)`: \(rows.map { "`\(accountName($0))`" }.joined(separator: ", ")); give the \(settings.accountIDField) of the one you mean"
    }

    public func accountNotFound(_ text: String, nearest: Int?, datasetName: String) -> String {
        let byName = nameColumn.map { " or \($0.name)" } ?? ""
        return "no account has \(settings.accountIDField)\(byName) `\(text)` in \(datasetName)" + (nearest.map { "; did you mean \(accountLabel($0))?" } ?? "")
    }
}
