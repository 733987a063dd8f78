import ICPLanguage
/// Setup mistakes that give wrong numbers without an error (checks.md, Setup checks): an ICP
/// that selects by the outcome, a list column read as text, an account key the data lacks, an
/// `as_of` years after the data's snapshot. Each says what to change.
public enum SetupChecks {
    /// `outcome-field` and `undeclared-list` on an ICP's account parameters.
    public static func parameters(of icp: ICP, engine: Engine) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for parameter in icp.parameters {
            guard let field = parameter.field, let condition = parameter.condition else { continue }
            if field.value == engine.settings.outcome?.field {
                diagnostics.append(Diagnostic(.outcomeField, field.range,
                    "`\(field.value)` is the outcome column (outcome.field): an ICP that selects by it selects by result, so its win rate, lift and won coverage mean nothing. Describe accounts by their traits, and leave the outcome to the backtest."))
            }
            if case .withinDays(let days) = condition.value, let column = engine.accounts.column(named: field.value),
               let (newest, _, aside) = newestDate(in: [column]), engine.settings.asOf.daysSinceEpoch - newest.daysSinceEpoch >= max(snapshotGap, days) {
                diagnostics.append(Diagnostic(.asOfPastData, condition.range,
                    "`within_days` counts back from as_of (\(engine.settings.asOf)), but the newest `\(field.value)` is \(newest)\(asideNote(aside)), \(yearsBetween(newest, engine.settings.asOf)) years earlier: hardly any account can match. If the data is a snapshot, set `as_of: \(newest)` in \(WorkspaceKey.fileName)."))
            }
            let matchesWholeCells = switch condition.value {
            case .equals, .oneOf: true
            default: false
            }
            if matchesWholeCells, let list = engine.likelyList(field.value), let example = condition.value.values.first {
                diagnostics.append(Diagnostic(.undeclaredList, condition.range,
                    "`\(field.value)` looks like a list separated by `\(list.separator)` (\(CountFormat.percent(list.share, digits: 0)) of its cells hold one) but is read as text, so `\(example.text)` matches only cells that are exactly `\(example.text)`. Declare it in \(WorkspaceKey.fileName): `\(list.declaration(of: field.value))`."))
            }
        }
        return diagnostics
    }

    /// Dates this many days or more before `as_of` are "far beyond the data": a snapshot's.
    static let snapshotGap = 365

    /// `missing-key` and `as-of-past-data` on the workspace file.
    public static func workspace(_ config: WorkspaceConfig, engine: Engine, accountsName: String) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let place = config.keysRange ?? SourceRange(at: .start)
        let keyWritten = config.columnReferences.contains { $0.setting == "keys.account_id" }
        if !keyWritten, engine.accounts.column(named: config.accountIDField) == nil {
            let unique = engine.accounts.columns.first { $0.presentCount == engine.accounts.rowCount && $0.values.count - 1 == engine.accounts.rowCount }
            let fix = unique.map { "add `keys: {account_id: \(ICPFileText.yamlText($0.name))}` (its values are unique)" } ?? "add `keys: {account_id: COLUMN}`, naming the column that identifies an account"
            diagnostics.append(Diagnostic(.missingKey, place,
                "keys.account_id is not set, so the account key is `\(config.accountIDField)`, which is not a column of \(accountsName): `icp score` and `icp explain` cannot name accounts. \(fix.prefix(1).uppercased() + fix.dropFirst())."))
        }
        // A written as_of is a choice; today's date, by default, is a trap on an old snapshot.
        if config.asOf == nil, let (newest, column, aside) = newestDate(in: engine.accounts.columns),
           engine.settings.asOf.daysSinceEpoch - newest.daysSinceEpoch >= snapshotGap {
            diagnostics.append(Diagnostic(.asOfPastData, place,
                "as_of is not set, so it is today (\(engine.settings.asOf)), \(yearsBetween(newest, engine.settings.asOf)) years after the newest date in the data (\(newest), in `\(column)`\(asideNote(aside))): `within_days` counts back from as_of and finds nothing recent. If the data is a snapshot, add `as_of: \(newest)`."))
        }
        return diagnostics
    }

    private static func yearsBetween(_ earlier: CalendarDate, _ later: CalendarDate) -> String {
        CountFormat.decimal(Double(later.daysSinceEpoch - earlier.daysSinceEpoch) / 365.25, digits: 1)
    }

    /// Where the dates of the data end: per column the newest date with at most a thousandth of
    /// its dated accounts after it (a real snapshot's stray `2115` and `2914` are typos, not its
    /// end), the latest of those, its column, and the dates left aside past it, counted with the
    /// newest of them.
    static func newestDate(in columns: [Column]) -> (CalendarDate, String, aside: (count: Int, newest: CalendarDate)?)? {
        var newest: (day: Int, column: String, aside: (count: Int, newest: Int)?)?
        for column in columns {
            guard case .date(let days) = column.cells, column.presentCount > 0 else { continue }
            let codes = (1..<days.count).sorted { days[$0] > days[$1] }
            let tolerated = column.presentCount / 1_000
            var after = 0
            for code in codes {
                guard after + column.counts[code] <= tolerated else {
                    let end = Int(days[code])
                    if end > newest?.day ?? Int.min {
                        newest = (end, column.name, after > 0 ? (after, Int(days[codes[0]])) : nil)
                    }
                    break
                }
                after += column.counts[code]
            }
        }
        return newest.map { (CalendarDate(daysSinceEpoch: $0.day), $0.column, $0.aside.map { ($0.count, CalendarDate(daysSinceEpoch: $0.newest)) }) }
    }

    /// "; 19 later dates, up to 2914-03-01, are left aside as outliers" when some were.
    static func asideNote(_ aside: (count: Int, newest: CalendarDate)?) -> String {
        guard let aside else { return "" }
        return "; \(CountFormat.grouped(aside.count)) later date\(aside.count == 1 ? "" : "s"), up to \(aside.newest), \(aside.count == 1 ? "is" : "are") left aside as outliers"
    }
}
