import ICPLanguage
import ICPEngine
/// Compiles ICPs to one SQL `SELECT` over the accounts table, with the engine's semantics (format.md).
///
/// The table is the one `createTable` describes: columns typed as the dataset's, missing
/// values NULL (a list column holds no empty list: an empty list is NULL), text as written.
/// Text compares trimmed and lowercased; a missing value makes every condition but `exists`
/// false; ranges are inclusive; `within_days` counts back from `as_of`, written as a literal
/// date so the result is reproducible. A condition on a column the dataset lacks, or that does
/// not fit its type, is false, as in the engine. Numbers compare in the column's unit (a value
/// written `20B` is converted, as in the engine); a band column holds its bands as written, and a
/// condition on it compiles to the bands of the data that pass it (format.md, Bands).
public struct SQLCompiler: Sendable {
    public let dialect: SQLDialect
    public let table: String
    /// The dataset's columns and their types, in order.
    public let columns: [(name: String, type: ColumnType)]
    public let idField: String
    public let asOf: CalendarDate
    /// The workspace's `missing` policy, for parameters without their own.
    public let missingPolicy: MissingPolicy
    /// The dataset's columns by name, for units, bands and how the file writes them.
    public let data: [String: Column]

    public init(dialect: SQLDialect, table: String, columns: [(name: String, type: ColumnType)], idField: String, asOf: CalendarDate,
                missingPolicy: MissingPolicy = .fail, data: [Column] = []) {
        self.dialect = dialect
        self.table = table
        self.columns = columns
        self.idField = idField
        self.asOf = asOf
        self.missingPolicy = missingPolicy
        self.data = Dictionary(data.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The columns the file writes otherwise than the table must hold them (`$1,234`, `03/15/2012`,
    /// `Yes`, `36.9` in millions), each with what the table must hold: comment lines of `--schema`.
    func typedColumnNotes() -> [String] {
        columns.compactMap { name, type in
            guard let column = data[name] else { return nil }
            let reading = column.reading
            let written = reading.example.map { ", written like `\($0)` in the file" } ?? ""
            switch type {
            case .number where reading.example != nil || !reading.unit.isPlain:
                let unit = reading.unit.isPlain ? "" : " \(reading.unit.description)"
                return "\(dialect.identifier(name)): numbers\(unit)\(written)"
            case .date where reading.example != nil:
                return "\(dialect.identifier(name)): dates\(written)"
            case .boolean where reading.flags != nil && reading.flags != .words:
                return "\(dialect.identifier(name)): TRUE/FALSE, written as \(reading.flags.map { $0 == .mark ? "a mark or an empty cell" : $0 == .digits ? "1/0" : $0 == .letters ? "Y/N" : "T/F" } ?? "") in the file"
            case .list where column.reading.example != nil:
                return "\(dialect.identifier(name)): lists\(written)"
            case .range:
                return "\(dialect.identifier(name)): bands as written (such as `\(column.values.dropFirst().first ?? "")`); a condition on it lists the bands of the data that pass it"
            default:
                return nil
            }
        }
    }

    /// Why `sql` must not be printed, or nil: a NUL character (from a column name or the table's
    /// name; ICP values cannot hold one) ends a line for `psql -f` and other C clients, so the
    /// rest of that line would run as a statement of its own. No dialect can quote it.
    public static func refusal(of sql: String) -> String? {
        guard let line = sql.split(separator: "\n", omittingEmptySubsequences: false).firstIndex(where: { $0.unicodeScalars.contains("\0") }) else { return nil }
        return "the SQL would hold a NUL character (line \(line + 1), from a column or table name); rename that column in the data, or give another --table."
    }

    /// `CREATE TABLE` for the dataset, as the queries expect it.
    public func createTable() -> String {
        let lines = columns.map { "  \(dialect.identifier($0.name)) \(dialect.columnType($0.type))" }
        let notes = typedColumnNotes()
        let typed = notes.isEmpty ? "" : "\n-- These columns must hold typed values, though the data file writes them otherwise; load\n"
            + "-- the table as `icp columns --rows all --format csv` writes it (numbers in the column's unit,\n"
            + "-- ISO dates, true/false, lists as JSON arrays):\n" + notes.map { "--   \($0.replacing("\n", with: " "))" }.joined(separator: "\n")
        return """
            -- The table icp sql queries assume: missing values are NULL, a list holds no empty list
            -- (an empty list is NULL), text is stored as written (comparisons trim and lowercase it).\(typed)
            \(dialect.createTable(table, columns: lines.joined(separator: ",\n")));
            """
    }

    /// One row per account: `id`, `qualified`, `icp_score` (0 to 100, exact), `icp_tier` (NULL when none).
    public func select(_ icp: ICP) -> String {
        let parameters = icp.parameters.filter(\.isComplete)
        let id = dialect.identifier(idField)
        // `missing` (format.md, Missing values): `pass`, and a neutral filter, count a missing value
        // as met; a neutral score parameter's `a<i>` says the value is missing, and its weight
        // then leaves the row's total.
        let policies = parameters.map { $0.missingPolicy(default: missingPolicy) }
        var matches = parameters.enumerated().map { index, parameter in
            let field = parameter.field?.value ?? ""
            let met = "COALESCE(\(condition(field, parameter.condition?.value ?? .exists(true))), FALSE)"
            let countsMissing = policies[index] == .pass || (policies[index] == .neutral && parameter.mode?.value == .filter)
            return (countsMissing ? "(\(missing(field)) OR \(met))" : met) + " AS p\(index)"
        }
        let neutral = parameters.indices.filter { policies[$0] == .neutral && parameters[$0].mode?.value == .score }
        matches += neutral.map { "\(missing(parameters[$0].field?.value ?? "")) AS a\($0)" }
        // A decaying score parameter's `d<i>`: the share of its points the row keeps.
        let decaying = parameters.indices.filter { parameters[$0].mode?.value == .score && decayFactor(parameters[$0]) != "1" }
        matches += decaying.map { "\(decayFactor(parameters[$0])) AS d\($0)" }
        var gate = parameters.enumerated().compactMap { index, parameter -> String? in
            switch parameter.mode?.value {
            case .filter?: "p\(index)"
            case .exclude?: "NOT p\(index)"
            default: nil
            }
        }
        if gate.isEmpty { gate = ["TRUE"] }
        let scored = parameters.enumerated().filter { $0.element.mode?.value == .score }
        let total = scored.reduce(0.0) { $0 + $1.element.effectiveWeight }
        let earned = "(" + scored.map { index, parameter in
            "\(dialect.number(parameter.effectiveWeight)) * (CASE WHEN p\(index) THEN \(decaying.contains(index) ? "d\(index)" : "1") ELSE 0 END)"
        }.joined(separator: " + ") + ")"
        let score: String
        if neutral.isEmpty {
            score = total > 0 ? "100.0 * \(earned) / \(dialect.number(total))" : "100.0"
        } else {
            // The row's total: the weights of the score parameters it has data for, in file order.
            let rowTotal = "(" + scored.map { index, parameter in
                let weight = dialect.number(parameter.effectiveWeight)
                return neutral.contains(index) ? "(CASE WHEN a\(index) THEN 0.0 ELSE \(weight) END)" : weight
            }.joined(separator: " + ") + ")"
            score = "CASE WHEN \(rowTotal) > 0 THEN 100.0 * \(earned) / \(rowTotal) ELSE 100.0 END"
        }
        let tiers = TierLadder(icp.tiers).ordered.map { tier in
            "WHEN icp_score >= \(dialect.number(tier.minimum)) - 1e-9 THEN \(dialect.literal(tier.name.value))"
        }
        let tier = tiers.isEmpty ? "CAST(NULL AS \(dialect.columnType(.text)))" : "CASE WHEN qualified THEN CASE \(tiers.joined(separator: " ")) END END"
        let selectMatches = (["\(id) AS id"] + matches).joined(separator: ",\n      ")
        return """
            SELECT id, qualified, icp_score, \(tier) AS icp_tier
            FROM (
              SELECT id, gate AND icp_score >= \(dialect.number(icp.minScore)) - 1e-9 AS qualified, icp_score
              FROM (
                SELECT id, \(gate.joined(separator: " AND ")) AS gate, \(score) AS icp_score
                FROM (
                  SELECT \(selectMatches)
                  FROM \(dialect.table(table))
                ) AS matches
              ) AS scored
            ) AS qualified_accounts
            """
    }

    /// The ICP code, score and tier of every account across the live ICPs (format.md, Evaluation): the lowest
    /// `priority`, then the higher score, then the code; none gives a NULL code and score 0.
    public func workspaceCodes(_ icps: [ICP]) -> String {
        let live = icps.filter { $0.status == .live && $0.code != nil }
        let id = dialect.identifier(idField)
        guard !live.isEmpty else {
            return "SELECT \(id) AS id, CAST(NULL AS \(dialect.columnType(.text))) AS icp_code, 0.0 AS icp_score, CAST(NULL AS \(dialect.columnType(.text))) AS icp_tier FROM \(dialect.table(table))"
        }
        let candidates = live.enumerated().map { index, icp in
            "SELECT id, \(dialect.literal(icp.code?.value ?? "")) AS icp_code, \(icp.priority) AS priority, icp_score, icp_tier FROM (\n\(select(icp))\n) AS icp\(index) WHERE qualified"
        }
        return """
            SELECT accounts.id, winners.icp_code, COALESCE(winners.icp_score, 0.0) AS icp_score, winners.icp_tier
            FROM (SELECT \(id) AS id FROM \(dialect.table(table))) AS accounts
            LEFT JOIN (
              SELECT id, icp_code, icp_score, icp_tier FROM (
                SELECT candidates.*, ROW_NUMBER() OVER (PARTITION BY id ORDER BY priority, icp_score DESC, icp_code) AS choice
                FROM (
            \(candidates.joined(separator: "\nUNION ALL\n"))
                ) AS candidates
              ) AS ranked
              WHERE choice = 1
            ) AS winners ON winners.id = accounts.id
            """
    }

    /// The share of its points a matching row keeps: 1, or for `decay` on a date column, 1/2 per
    /// half-life of the date's age before `as_of` (a later date is fresh; no date, no fading).
    func decayFactor(_ parameter: Parameter) -> String {
        let field = parameter.field?.value ?? ""
        guard let halfLife = parameter.decay?.value, columns.contains(where: { $0.name == field && $0.type == .date }) else { return "1" }
        let column = dialect.identifier(field)
        let double = dialect.columnType(.number)
        let age = "CAST(GREATEST(0, \(dialect.days(from: column, to: "DATE '\(asOf)'"))) AS \(double))"
        return "(CASE WHEN \(column) IS NULL THEN 1.0 ELSE POWER(CAST(0.5 AS \(double)), \(age) / \(dialect.number(halfLife))) END)"
    }

    /// Whether `field` is missing in a row: NULL, or always for a column the dataset lacks.
    func missing(_ field: String) -> String {
        columns.contains { $0.name == field } ? "\(dialect.identifier(field)) IS NULL" : "TRUE"
    }

    /// The SQL truth of `condition` on `field` (NULL where the value is missing; the caller coalesces).
    func condition(_ field: String, _ condition: Condition) -> String {
        guard let type = columns.first(where: { $0.name == field })?.type else {
            return BoundCondition.missingColumn(condition) ? "TRUE" : "FALSE"
        }
        let column = dialect.identifier(field)
        if case .exists(let present) = condition { return present ? "\(column) IS NOT NULL" : "\(column) IS NULL" }
        let texts = { (values: [ConditionValue]) in values.map { dialect.literal(TextNormalization.normalize($0.text)) } }
        let unit = data[field]?.reading.unit ?? .plain
        let numbers = { (values: [ConditionValue]) in values.compactMap { unit.value(ofCondition: $0.text) }.map(dialect.number) }
        let dates = { (values: [ConditionValue]) in values.compactMap { ScalarReading.date($0.text) }.map { "DATE '\($0)'" } }
        let booleans = { (values: [ConditionValue]) in values.compactMap { ScalarReading.boolean($0.text) }.map { $0 ? "TRUE" : "FALSE" } }
        func oneOf(_ expression: String, _ items: [String]) -> String {
            items.isEmpty ? "FALSE" : "\(expression) IN (\(items.joined(separator: ", ")))"
        }
        func between(_ expression: String, _ low: String?, _ high: String?) -> String {
            [low.map { "\(expression) >= \($0)" }, high.map { "\(expression) <= \($0)" }].compactMap { $0 }.joined(separator: " AND ")
        }
        switch (type, condition) {
        case (.text, .equals(let value)): return oneOf(dialect.normalized(column), texts([value]))
        case (.text, .oneOf(let values)): return oneOf(dialect.normalized(column), texts(values))
        case (.text, .containsAny(let values)):
            return "(" + texts(values).map { dialect.contains(dialect.normalized(column), $0) }.joined(separator: " OR ") + ")"
        case (.number, .equals(let value)): return oneOf(column, numbers([value]))
        case (.number, .oneOf(let values)): return oneOf(column, numbers(values))
        case (.number, .range(let min, let max)):
            let low = min.map { numbers([$0]).first }, high = max.map { numbers([$0]).first }
            if low == .some(nil) || high == .some(nil) { return "FALSE" }
            return between(column, low ?? nil, high ?? nil)
        case (.boolean, .equals(let value)): return oneOf(column, booleans([value]))
        case (.boolean, .oneOf(let values)): return oneOf(column, booleans(values))
        case (.date, .equals(let value)): return oneOf(column, dates([value]))
        case (.date, .oneOf(let values)): return oneOf(column, dates(values))
        case (.date, .range(let min, let max)):
            let low = min.map { dates([$0]).first }, high = max.map { dates([$0]).first }
            if low == .some(nil) || high == .some(nil) { return "FALSE" }
            return between(column, low ?? nil, high ?? nil)
        case (.date, .withinDays(let days)):
            return between(column, "DATE '\(asOf.adding(days: -days))'", "DATE '\(asOf)'")
        case (.list, .oneOf(let values)):
            let wanted = texts(values)
            return wanted.isEmpty ? "FALSE" : dialect.anyElement(column) { oneOf(dialect.normalized($0), wanted) }
        case (.list, .allOf(let values)):
            let wanted = texts(values)
            return wanted.isEmpty ? "FALSE" : "(" + wanted.map { item in dialect.anyElement(column) { "\(dialect.normalized($0)) = \(item)" } }.joined(separator: " AND ") + ")"
        case (.list, .containsAny(let values)):
            let wanted = texts(values)
            return wanted.isEmpty ? "FALSE" : dialect.anyElement(column) { element in
                "(" + wanted.map { dialect.contains(dialect.normalized(element), $0) }.joined(separator: " OR ") + ")"
            }
        case (.range, _):
            // The bands of the data that pass, judged as the engine judges them.
            guard let bands = data[field] else { return "FALSE" }
            let verdicts = BoundCondition(condition, column: bands, asOf: asOf).table
            let passing = Set(verdicts.indices.filter { $0 > 0 && verdicts[$0] && bands.counts[$0] > 0 }.map { TextNormalization.normalize(bands.values[$0]) })
            return oneOf(dialect.normalized(column), passing.sorted().map(dialect.literal))
        default:
            return "FALSE"
        }
    }
}
