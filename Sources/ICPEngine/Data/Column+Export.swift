import ICPLanguage

/// A cell as `icp columns --rows` writes it (format.md, Command-line output).
public enum ExportedCell: Sendable, Equatable {
    case missing
    case text(String)
    case number(Double)
    case boolean(Bool)
    /// `YYYY-MM-DD`.
    case date(String)
    case list([String])
    /// The band's ends, nil where open.
    case band(Double?, Double?)
}

extension Column {
    /// The value of `row` as it was read: typed, numbers in the column's unit.
    public func exported(atRow row: Int) -> ExportedCell {
        let code = Int(codes[row])
        guard code != 0 else { return .missing }
        switch cells {
        case .text: return .text(values[code])
        case .number(let numbers): return .number(numbers[code])
        case .boolean(let booleans): return .boolean(booleans[code])
        case .date(let days): return .date(CalendarDate(daysSinceEpoch: Int(days[code])).description)
        case .list(let lists): return .list(lists[code].map { elements[Int($0)] })
        case .range(let bands):
            let band = bands[code]
            return .band(band.lower.isFinite ? band.lower : nil, band.upper.isFinite ? band.upper : nil)
        }
    }

    /// The text of `row` as written in the file (trimmed); nil when missing. A mark column's empty cell is "".
    public func written(atRow row: Int) -> String? {
        text(atRow: row)
    }
}

extension ExportedCell {
    /// As a CSV cell of a typed table: numbers as plain decimals, dates ISO, `true`/`false`,
    /// lists as JSON arrays, a band as written (`written`), missing empty.
    public func csvText(written: String?) -> String {
        switch self {
        case .missing: ""
        case .text(let text): text
        case .number(let value): Self.plain(value)
        case .boolean(let value): value ? "true" : "false"
        case .date(let text): text
        case .list(let elements): "[" + elements.map(\.jsonQuoted).joined(separator: ", ") + "]"
        case .band: written ?? ""
        }
    }

    /// As a JSON value.
    public var json: String {
        switch self {
        case .missing: "null"
        case .text(let text): text.jsonQuoted
        case .number(let value): value.isFinite ? Self.plain(value) : "null"
        case .boolean(let value): value ? "true" : "false"
        case .date(let text): text.jsonQuoted
        case .list(let elements): "[" + elements.map(\.jsonQuoted).joined(separator: ", ") + "]"
        case .band(let low, let high): "[\(low.map(Self.plain) ?? "null"), \(high.map(Self.plain) ?? "null")]"
        }
    }

    /// `1234567`, `36.9`, `-0.01`: whole numbers without a fraction, others as Swift prints them shortest.
    static func plain(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
