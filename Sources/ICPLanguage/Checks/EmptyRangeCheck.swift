/// `empty-range`: a `min` above its `max`, or filters on one field that no value can pass together.
///
/// Without a dataset the column's type is unknown, so only what is impossible under every
/// type is reported: `is` values that cannot be equal, bounds that do not overlap, `is`
/// values outside the bounds, `exists: false` beside any other filter on the field.
enum EmptyRangeCheck {
    static func run(on parameters: [Parameter], asOf: CalendarDate) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var constraints: [String: FieldConstraint] = [:]
        for parameter in parameters where parameter.isComplete {
            guard let field = parameter.field, let condition = parameter.condition else { continue }
            if case .range(let min?, let max?) = condition.value {
                if let diagnostic = reversedBounds(min: min, max: max, range: condition.range) {
                    diagnostics.append(diagnostic)
                    continue
                }
            }
            guard parameter.mode?.value == .filter else { continue }
            // Changed in place: a copy per filter would make many filters on one field quadratic.
            let wasPossible = constraints[field.value]?.isPossible ?? true
            constraints[field.value, default: FieldConstraint()].add(condition.value, line: condition.range.start.line + 1, asOf: asOf)
            if wasPossible, let constraint = constraints[field.value], !constraint.isPossible {
                let others = constraint.lines.dropLast().map(String.init).joined(separator: ", ")
                let lines = constraint.lines.count > 2 ? "lines \(others)" : "line \(others)"
                diagnostics.append(Diagnostic(.emptyRange, condition.range, "No value of `\(field.value)` can pass this filter together with the filter on \(lines); every record fails. Remove or relax one of them."))
            }
        }
        return diagnostics
    }

    private static func reversedBounds(min: ConditionValue, max: ConditionValue, range: SourceRange) -> Diagnostic? {
        if let low = ScalarReading.number(min.text), let high = ScalarReading.number(max.text) {
            guard low > high else { return nil }
        } else if let low = ScalarReading.date(min.text), let high = ScalarReading.date(max.text) {
            guard low > high else { return nil }
        } else {
            return Diagnostic(.schema, range, "`min` (\(min.text)) and `max` (\(max.text)) must both be numbers or both be dates.")
        }
        return Diagnostic(.emptyRange, range, "`min` (\(min.text)) is greater than `max` (\(max.text)), so no value can pass; swap them.")
    }
}

/// What the filters on one field allow so far.
private struct FieldConstraint {
    /// Values an `is` filter demands (the column then holds single values, so `in` narrows it too).
    var allowed: [String]?
    var pendingIn: [[String]] = []
    var numbers = ClosedRange<Double>(uncheckedBounds: (-.infinity, .infinity))
    var dates: ClosedRange<Int>?
    var mustExist = false
    var mustBeMissing = false
    var lines: [Int] = []
    var isPossible = true

    mutating func add(_ condition: Condition, line: Int, asOf: CalendarDate) {
        lines.append(line)
        switch condition {
        case .exists(let present):
            if present { mustExist = true } else { mustBeMissing = true }
        case .equals(let value):
            mustExist = true
            narrow(to: [value.text])
            for values in pendingIn { narrow(to: values) }
            pendingIn = []
        case .oneOf(let values):
            mustExist = true
            if allowed == nil { pendingIn.append(values.map(\.text)) } else { narrow(to: values.map(\.text)) }
        case .range(let min, let max):
            mustExist = true
            let lowNumber = min.flatMap { ScalarReading.number($0.text) }
            let highNumber = max.flatMap { ScalarReading.number($0.text) }
            if lowNumber != nil || highNumber != nil {
                let low = Swift.max(numbers.lowerBound, lowNumber ?? -.infinity)
                let high = Swift.min(numbers.upperBound, highNumber ?? .infinity)
                if low > high { isPossible = false } else { numbers = low...high }
            }
            let lowDate = min.flatMap { ScalarReading.date($0.text) }?.daysSinceEpoch
            let highDate = max.flatMap { ScalarReading.date($0.text) }?.daysSinceEpoch
            if lowDate != nil || highDate != nil { narrowDates(lowDate ?? .min, highDate ?? .max) }
        case .withinDays(let days):
            mustExist = true
            narrowDates(asOf.daysSinceEpoch - days, asOf.daysSinceEpoch)
        case .allOf, .containsAny:
            mustExist = true
        }
        if mustExist && mustBeMissing { isPossible = false }
        if let allowed {
            let inRange = allowed.filter { value in
                if let number = ScalarReading.number(value), !numbers.contains(number) { return false }
                if let dates, let date = ScalarReading.date(value), !dates.contains(date.daysSinceEpoch) { return false }
                return true
            }
            if inRange.isEmpty { isPossible = false }
        }
    }

    private mutating func narrowDates(_ low: Int, _ high: Int) {
        let current = dates ?? Int.min...Int.max
        let newLow = Swift.max(current.lowerBound, low)
        let newHigh = Swift.min(current.upperBound, high)
        if newLow > newHigh { isPossible = false } else { dates = newLow...newHigh }
    }

    private mutating func narrow(to values: [String]) {
        let current = allowed ?? values
        let kept = current.filter { value in values.contains { Self.mayBeEqual(value, $0) } }
        allowed = kept
        if kept.isEmpty { isPossible = false }
    }

    /// Whether two written values could denote the same cell value under some column type.
    static func mayBeEqual(_ a: String, _ b: String) -> Bool {
        if a.trimmingWhitespace().lowercased() == b.trimmingWhitespace().lowercased() { return true }
        if let x = ScalarReading.number(a), let y = ScalarReading.number(b), x == y { return true }
        if let x = ScalarReading.boolean(a), let y = ScalarReading.boolean(b), x == y { return true }
        if let x = ScalarReading.date(a), let y = ScalarReading.date(b), x == y { return true }
        return false
    }
}
