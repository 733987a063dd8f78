import ICPLanguage
/// A condition value that does not fit its column's type: a `type-mismatch` finding.
public struct TypeProblem: Sendable, Hashable {
    /// The value at fault (its text), or nil when the condition as a whole does not fit.
    public var value: String?
    public var message: String
}

/// A condition read against one column: a verdict for each distinct value (indexed by code,
/// code 0 being missing), and the condition values that do not fit the column's type.
/// Values that do not fit are left out; a condition that does not fit at all matches no record.
public struct BoundCondition: Sendable {
    public let table: [Bool]
    public let problems: [TypeProblem]

    /// Binds `condition` to `column`; `asOf` anchors `within_days`.
    public init(_ condition: Condition, column: Column, asOf: CalendarDate) {
        var binder = ConditionBinder(column: column, asOf: asOf)
        table = binder.bind(condition)
        problems = binder.problems
    }

    /// The verdict for a column that does not exist: every value is missing.
    public static func missingColumn(_ condition: Condition) -> Bool {
        if case .exists(let present) = condition { return !present }
        return false
    }
}

/// The work of ``BoundCondition``: per column type, what each condition means.
private struct ConditionBinder {
    let column: Column
    let asOf: CalendarDate
    var problems: [TypeProblem] = []

    init(column: Column, asOf: CalendarDate) {
        self.column = column
        self.asOf = asOf
    }

    private var size: Int { column.values.count }

    /// A table that is `verdict(code)` for codes 1..., false for missing.
    private func table(_ verdict: (Int) -> Bool) -> [Bool] {
        var table = [Bool](repeating: false, count: size)
        for code in 1..<max(size, 1) where verdict(code) { table[code] = true }
        return table
    }

    private var none: [Bool] { [Bool](repeating: false, count: size) }

    private var typeWords: String {
        switch column.type {
        case .text: "text"
        case .number: "numbers"
        case .boolean: "true/false values"
        case .date: "dates"
        case .list: "lists"
        case .range: "bands such as `\(column.values.dropFirst().first ?? "51-200")`"
        }
    }

    private mutating func mismatch(_ key: ParameterKey, advice: String) -> [Bool] {
        problems.append(TypeProblem(value: nil, message: "`\(key.rawValue)` does not apply to `\(column.name)`, which holds \(typeWords)\(exampleSuffix); \(advice)"))
        return none
    }

    /// For a text column: a value that explains why it is not numbers or dates.
    private var exampleSuffix: String {
        guard column.type == .text else { return "" }
        let sample = column.values.dropFirst().first { ScalarReading.number($0) == nil && ScalarReading.date($0) == nil }
        if sample == nil, let code = column.values.dropFirst().first(where: { Amount($0)?.leadingZero == true }) {
            return " (codes written with leading zeros, such as `\(code)`, are read as text)"
        }
        return sample.map { " (such as `\($0)`)" } ?? ""
    }

    /// For a text column: what would make it numbers, dates or bands, when the reading found it.
    private func advice(orElse fallback: String) -> String {
        column.reading.questions.first.map { "\($0.message)" } ?? fallback
    }

    private mutating func reject(_ value: ConditionValue, as expected: String) {
        problems.append(TypeProblem(value: value.text, message: "`\(value.text)` is not \(expected), but `\(column.name)` holds \(typeWords); write \(expected) here."))
    }

    /// The values that read as `T`, reporting the rest.
    private mutating func read<T>(_ values: [ConditionValue], as expected: String, _ parse: (String) -> T?) -> [T] {
        values.compactMap { value in
            guard let parsed = parse(value.text) else {
                reject(value, as: expected)
                return nil
            }
            return parsed
        }
    }

    mutating func bind(_ condition: Condition) -> [Bool] {
        if case .exists(let present) = condition {
            var table = [Bool](repeating: present, count: size)
            table[0] = !present
            return table
        }
        switch column.cells {
        case .text(let normalized): return bindText(condition, normalized)
        case .number(let numbers): return bindNumber(condition, numbers)
        case .boolean(let booleans): return bindBoolean(condition, booleans)
        case .date(let days): return bindDate(condition, days)
        case .list(let lists): return bindList(condition, lists)
        case .range(let bands): return bindRange(condition, bands)
        }
    }

    /// A number as a condition on this column writes it: plain in the column's unit, or with a scale or currency, converted.
    private var numberInUnit: (String) -> Double? {
        let unit = column.reading.unit
        return { unit.value(ofCondition: $0) }
    }

    private var expectedNumber: String {
        let unit = column.reading.unit
        return unit.isPlain ? "a number" : "a number (in \(unit.description))"
    }

    private mutating func bindText(_ condition: Condition, _ normalized: TextTable) -> [Bool] {
        switch condition {
        case .equals(let value):
            let wanted = Array(TextNormalization.normalize(value.text).utf8)
            return table { normalized.equals($0, wanted) }
        case .oneOf(let values):
            let wanted = values.map { Array(TextNormalization.normalize($0.text).utf8) }
            return table { code in wanted.contains { normalized.equals(code, $0) } }
        case .containsAny(let values):
            let parts = values.map { TextNormalization.normalize($0.text) }
            return table { code in parts.contains { normalized[code].contains($0) } }
        case .allOf:
            return mismatch(.allOf, advice: "use `in` to match any of several values.")
        case .range(let min, _):
            return mismatch(min == nil ? .max : .min, advice: advice(orElse: "declare the column's type under `fields` in icp.workspace.yaml, or clean its values."))
        case .withinDays:
            return mismatch(.withinDays, advice: advice(orElse: "declare the column as a date under `fields` in icp.workspace.yaml, or clean its values."))
        case .exists:
            return none
        }
    }

    private mutating func bindNumber(_ condition: Condition, _ numbers: [Double]) -> [Bool] {
        switch condition {
        case .equals(let value):
            let wanted = read([value], as: expectedNumber, numberInUnit)
            return table { code in wanted.contains(numbers[code]) }
        case .oneOf(let values):
            let wanted = Set(read(values, as: expectedNumber, numberInUnit))
            return table { wanted.contains(numbers[$0]) }
        case .range(let min, let max):
            guard let (lower, upper) = numberBounds(min, max) else { return none }
            return table { numbers[$0] >= lower && numbers[$0] <= upper }
        case .containsAny:
            return mismatch(.containsAny, advice: "use `min`/`max`, `is` or `in`.")
        case .allOf:
            return mismatch(.allOf, advice: "use `in` to match any of several values.")
        case .withinDays:
            return mismatch(.withinDays, advice: "use `min`/`max` for numbers.")
        case .exists:
            return none
        }
    }

    /// `min` and `max` read as numbers in the column's unit, an open end infinite; nil when either
    /// does not read (its `type-mismatch` is noted).
    private mutating func numberBounds(_ min: ConditionValue?, _ max: ConditionValue?) -> (Double, Double)? {
        let low = min.map { read([$0], as: expectedNumber, numberInUnit) }
        let high = max.map { read([$0], as: expectedNumber, numberInUnit) }
        if low?.isEmpty == true || high?.isEmpty == true { return nil }
        return (low?.first ?? -.infinity, high?.first ?? .infinity)
    }

    private mutating func bindBoolean(_ condition: Condition, _ booleans: [Bool]) -> [Bool] {
        switch condition {
        case .equals(let value):
            let wanted = read([value], as: "true or false", ScalarReading.boolean)
            return table { wanted.contains(booleans[$0]) }
        case .oneOf(let values):
            let wanted = read(values, as: "true or false", ScalarReading.boolean)
            return table { wanted.contains(booleans[$0]) }
        case .range(let min, _):
            return mismatch(min == nil ? .max : .min, advice: "use `is: true` or `is: false`.")
        case .containsAny:
            return mismatch(.containsAny, advice: "use `is: true` or `is: false`.")
        case .allOf:
            return mismatch(.allOf, advice: "use `is: true` or `is: false`.")
        case .withinDays:
            return mismatch(.withinDays, advice: "use `is: true` or `is: false`.")
        case .exists:
            return none
        }
    }

    private mutating func bindDate(_ condition: Condition, _ days: [Int32]) -> [Bool] {
        let date = { (text: String) in ScalarReading.date(text).map { Int32(clamping: $0.daysSinceEpoch) } }
        switch condition {
        case .equals(let value):
            let wanted = read([value], as: "a date (YYYY-MM-DD)", date)
            return table { wanted.contains(days[$0]) }
        case .oneOf(let values):
            let wanted = Set(read(values, as: "a date (YYYY-MM-DD)", date))
            return table { wanted.contains(days[$0]) }
        case .range(let min, let max):
            let low = min.map { read([$0], as: "a date (YYYY-MM-DD)", date) }
            let high = max.map { read([$0], as: "a date (YYYY-MM-DD)", date) }
            if low?.isEmpty == true || high?.isEmpty == true { return none }
            let lower = low?.first ?? .min
            let upper = high?.first ?? .max
            return table { days[$0] >= lower && days[$0] <= upper }
        case .withinDays(let count):
            let upper = Int32(clamping: asOf.daysSinceEpoch)
            let lower = Int32(clamping: asOf.daysSinceEpoch - count)
            return table { days[$0] >= lower && days[$0] <= upper }
        case .containsAny:
            return mismatch(.containsAny, advice: "use `min`/`max` or `within_days`.")
        case .allOf:
            return mismatch(.allOf, advice: "use `in` to match any of several dates.")
        case .exists:
            return none
        }
    }

    /// Bands (format.md, Bands): `min`/`max` pass a band all of whose values pass; `is`/`in` compare bands as written.
    private mutating func bindRange(_ condition: Condition, _ bands: [Band]) -> [Bool] {
        let unit = column.reading.unit
        let band = { (text: String) -> Band? in
            if let written = WrittenBand.read(text) { return written.band(unit: unit, mark: .point) }
            return unit.value(ofCondition: text).map { Band(lower: $0, upper: $0) }
        }
        switch condition {
        case .equals(let value):
            let wanted = read([value], as: "a band such as `51-200` or a number", band)
            return table { wanted.contains(bands[$0]) }
        case .oneOf(let values):
            let wanted = Set(read(values, as: "a band such as `51-200` or a number", band))
            return table { wanted.contains(bands[$0]) }
        case .range(let min, let max):
            guard let (lower, upper) = numberBounds(min, max) else { return none }
            return table { bands[$0].isAtLeast(lower) && bands[$0].isAtMost(upper) }
        case .containsAny:
            return mismatch(.containsAny, advice: "use `min`/`max` (a band passes when all its values do), `is` or `in`.")
        case .allOf:
            return mismatch(.allOf, advice: "use `in` to match any of several bands.")
        case .withinDays:
            return mismatch(.withinDays, advice: "use `min`/`max` for bands.")
        case .exists:
            return none
        }
    }

    private mutating func bindList(_ condition: Condition, _ lists: ListTable) -> [Bool] {
        let elements = column.normalizedElements
        switch condition {
        case .oneOf(let values):
            let wanted = Set(values.map { TextNormalization.normalize($0.text) })
            return table { code in lists[code].contains { wanted.contains(elements[Int($0)]) } }
        case .allOf(let values):
            let wanted = Set(values.map { TextNormalization.normalize($0.text) })
            return table { code in wanted.isSubset(of: lists[code].map { elements[Int($0)] }) }
        case .containsAny(let values):
            let parts = values.map { TextNormalization.normalize($0.text) }
            return table { code in lists[code].contains { element in parts.contains { elements[Int(element)].contains($0) } } }
        case .equals(let value):
            return mismatch(.is, advice: "write `in: [\(value.text)]` to match records whose list holds it.")
        case .range(let min, _):
            return mismatch(min == nil ? .max : .min, advice: "use `in`, `all_of` or `contains_any`.")
        case .withinDays:
            return mismatch(.withinDays, advice: "use `in`, `all_of` or `contains_any`.")
        case .exists:
            return none
        }
    }
}
