import ICPLanguage
import ICPEngine
/// The SQL engines `icp sql` writes for, and what differs between them.
public enum SQLDialect: String, Sendable, CaseIterable {
    case duckdb, postgres, snowflake, bigquery, spark

    /// An identifier quoted so that spaces, punctuation and keywords are safe.
    func identifier(_ name: String) -> String {
        switch self {
        case .duckdb, .postgres, .snowflake: "\"" + name.replacing("\"", with: "\"\"") + "\""
        case .bigquery: "`" + Self.backslashEscaped(name, quote: "`") + "`"
        case .spark: "`" + name.replacing("`", with: "``") + "`"
        }
    }

    /// Files Spark reads in place as a table: `parquet:/data/accounts` becomes ``parquet.`/data/accounts` ``.
    static let sparkFileFormats = ["parquet", "delta", "orc"]

    /// The table to query: `schema.table` names are quoted part by part; for Spark,
    /// `FORMAT:PATH` (parquet, delta, orc) queries files in place.
    func table(_ name: String) -> String {
        if let path = sparkPath(name) { return "\(path.format).`" + path.location.replacing("`", with: "``") + "`" }
        return name.split(separator: ".", omittingEmptySubsequences: false).map { identifier(String($0)) }.joined(separator: ".")
    }

    /// `parquet:/data/accounts` split into its format and location, for Spark only.
    func sparkPath(_ name: String) -> (format: String, location: String)? {
        guard self == .spark, let colon = name.firstIndex(of: ":") else { return nil }
        let format = name[..<colon].lowercased()
        guard Self.sparkFileFormats.contains(format) else { return nil }
        return (format, String(name[name.index(after: colon)...]))
    }

    /// The statement that makes the table: `CREATE TABLE name (...)`, or for Spark files in
    /// place a table `accounts` registered over them (`USING parquet LOCATION '...'`).
    func createTable(_ name: String, columns: String) -> String {
        if let path = sparkPath(name) {
            return "CREATE TABLE accounts (\n\(columns)\n) USING \(path.format) LOCATION \(literal(path.location))"
        }
        return "CREATE TABLE \(table(name)) (\n\(columns)\n)"
    }

    /// A string literal that no value can break out of. DuckDB and PostgreSQL read a
    /// backslash as itself and double the quote; Snowflake, BigQuery and Spark read a backslash
    /// as the start of an escape, so it is escaped too, with the quote and the control
    /// characters a literal cannot hold raw (BigQuery rejects a line break inside quotes).
    func literal(_ text: String) -> String {
        switch self {
        case .duckdb, .postgres: "'" + text.replacing("'", with: "''") + "'"
        case .snowflake, .bigquery, .spark: "'" + Self.backslashEscaped(text, quote: "'") + "'"
        }
    }

    /// `text` with `\`, the quote, line breaks, tabs and NUL written as backslash escapes,
    /// which Snowflake, BigQuery and Spark all read the same way.
    private static func backslashEscaped(_ text: String, quote: Unicode.Scalar) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": escaped += "\\\\"
            case quote: escaped += "\\" + String(quote)
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            case "\t": escaped += "\\t"
            case "\0": escaped += "\\u0000"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? "\(Int(value)).0" : "\(value)"
    }

    /// The column type of `CREATE TABLE` for an inferred column type.
    func columnType(_ type: ColumnType) -> String {
        switch (self, type) {
        case (_, .date): "DATE"
        case (.bigquery, .text), (.bigquery, .range): "STRING"
        case (.spark, .text), (.spark, .range): "STRING"
        case (_, .text), (_, .range): "VARCHAR"
        case (.postgres, .number): "DOUBLE PRECISION"
        case (.bigquery, .number): "FLOAT64"
        case (_, .number): "DOUBLE"
        case (.bigquery, .boolean): "BOOL"
        case (_, .boolean): "BOOLEAN"
        case (.duckdb, .list): "VARCHAR[]"
        case (.postgres, .list): "TEXT[]"
        case (.snowflake, .list): "ARRAY"
        case (.bigquery, .list): "ARRAY<STRING>"
        case (.spark, .list): "ARRAY<STRING>"
        }
    }

    /// Text compared as the format compares it: trimmed, lowercased.
    func normalized(_ expression: String) -> String {
        "LOWER(TRIM(\(expression)))"
    }

    /// True when some element `e` of the list column satisfies `predicate(e)`.
    func anyElement(_ column: String, _ predicate: (String) -> String) -> String {
        switch self {
        case .duckdb: "len(list_filter(\(column), lambda e: \(predicate("e")))) > 0"
        case .postgres: "EXISTS (SELECT 1 FROM unnest(\(column)) AS u(e) WHERE \(predicate("e")))"
        case .bigquery: "EXISTS (SELECT 1 FROM UNNEST(\(column)) AS e WHERE \(predicate("e")))"
        case .snowflake: "ARRAY_SIZE(FILTER(\(column), e -> \(predicate("e::STRING")))) > 0"
        case .spark: "exists(\(column), e -> \(predicate("e")))"
        }
    }

    /// The whole days from the date expression `earlier` to the date literal `later`.
    func days(from earlier: String, to later: String) -> String {
        switch self {
        case .duckdb, .postgres: "(\(later) - \(earlier))"
        case .spark: "datediff(\(later), \(earlier))"
        case .snowflake: "DATEDIFF(day, \(earlier), \(later))"
        case .bigquery: "DATE_DIFF(\(later), \(earlier), DAY)"
        }
    }

    /// True when `needle` (a literal) occurs in the text expression `haystack`.
    func contains(_ haystack: String, _ needle: String) -> String {
        switch self {
        case .postgres: "POSITION(\(needle) IN \(haystack)) > 0"
        case .bigquery: "STRPOS(\(haystack), \(needle)) > 0"
        case .duckdb, .snowflake, .spark: "CONTAINS(\(haystack), \(needle))"
        }
    }
}
