import ICPLanguage
import ICPEngine

/// Gives a raw column its type and typed values (format.md, Column types and Values as written).
///
/// Inferred from the distinct present values, read as a person reads them: list literals, then
/// yes/no words, dates, numbers and amounts, bands, text. A reading that some values would make
/// a guess (dates that read both day-first and month-first, `€624.442`) or that a few values
/// block (`-`, `N/A`, `undisclosed` among numbers) leaves the column as text with a
/// ``ReadingQuestion`` naming the line that settles it: never a silent choice. An override under
/// `fields` wins; a cell its type cannot read counts as missing, and the reading says which.
enum ColumnTyping {
    /// How the column is to be built.
    enum Plan {
        case text
        case number(DecimalMark, NumberUnit)
        case boolean(FlagWords?)
        case date(DateOrder?)
        case list(separator: String?)
        case range(DecimalMark, NumberUnit)
    }

    static func column(from raw: RawColumn, survey: ColumnSurvey, override: FieldOverride?, evidence: ReadingEvidence) -> Column {
        var reading = ColumnReading()
        let plan = override.map { declaredPlan($0, raw: raw, survey: survey, evidence: evidence, reading: &reading) }
            ?? inferredPlan(raw: raw, survey: survey, evidence: evidence, reading: &reading)
        return build(raw, plan: plan, survey: survey, reading: reading, declared: override != nil)
    }

    // MARK: Deciding

    private static func inferredPlan(raw: RawColumn, survey: ColumnSurvey, evidence: ReadingEvidence, reading: inout ColumnReading) -> Plan {
        if raw.lists != nil { return .list(separator: nil) }
        guard !survey.present.isEmpty else { return .text }
        if survey.listLiterals {
            reading.example = raw.values[survey.present[0]]
            return .list(separator: nil)
        }
        if let flags = survey.flags { return .boolean(flags) }
        if let dates = survey.dates, dates.failures.distinct == 0, let plan = datePlan(dates, raw: raw, override: nil, evidence: evidence, reading: &reading) {
            return plan
        }
        if let numbers = survey.numbers, numbers.failures.distinct == 0 {
            if numbers.leadingZeros > 0 {
                // `0123`: codes whose zeros matter, not quantities.
                reading.example = numbers.leadingZeroExample.map { raw.values[$0] }
                return .text
            }
            if let plan = numberPlan(numbers, raw: raw, unit: nil, evidence: evidence, reading: &reading) { return plan }
            return .text
        }
        if let bands = survey.bands, bands.failures.distinct == 0, bands.realBands > 0, isCategorical(survey) {
            return rangePlan(bands, raw: raw, unit: nil, evidence: evidence, reading: &reading)
        }
        if let question = nearMiss(raw: raw, survey: survey) { reading.questions.append(question) }
        return .text
    }

    private static func declaredPlan(_ override: FieldOverride, raw: RawColumn, survey: ColumnSurvey, evidence: ReadingEvidence, reading: inout ColumnReading) -> Plan {
        switch override.type {
        case .text:
            return .text
        case .number:
            if let numbers = survey.numbers, let plan = numberPlan(numbers, raw: raw, unit: override.unit, evidence: evidence, reading: &reading, declared: true) { return plan }
            return .number(evidence.decimal ?? .point, override.unit ?? NumberUnit.named(inHeader: raw.name) ?? .plain)
        case .boolean:
            if survey.flags == nil, let flags = FlagWords.allCases.first(where: { vocabulary in survey.present.contains { vocabulary.value(raw.values[$0]) != nil } && vocabulary != .mark }) {
                return .boolean(flags)
            }
            return .boolean(survey.flags)
        case .date:
            if let dates = survey.dates, let plan = datePlan(dates, raw: raw, override: override, evidence: evidence, reading: &reading) { return plan }
            return .date(override.format?.order)
        case .list:
            if override.separator == nil, !survey.listLiterals { return .list(separator: ";") }
            return .list(separator: override.separator)
        case .range:
            if let bands = survey.bands { return rangePlan(bands, raw: raw, unit: override.unit, evidence: evidence, reading: &reading) }
            return .range(evidence.decimal ?? .point, override.unit ?? NumberUnit.named(inHeader: raw.name) ?? .plain)
        }
    }

    private static func datePlan(_ dates: DateTrial, raw: RawColumn, override: FieldOverride?, evidence: ReadingEvidence, reading: inout ColumnReading) -> Plan? {
        let name = raw.name
        if let example = dates.example, raw.values[example] != CalendarDate(parsing: raw.values[example]).map(\.description) { reading.example = raw.values[example] }
        if let declared = override?.format {
            reading.dateOrder = declared.order
            reading.dateOrderDeclared = declared.order != nil
            return .date(declared.order)
        }
        let separator = dates.separator ?? "/"
        if dates.conflictingOrders {
            let dayFirst = dates.dayFirstExample.map { raw.values[$0] } ?? ""
            let monthFirst = dates.monthFirstExample.map { raw.values[$0] } ?? ""
            let fix = formatLine(name, DateOrder.dayFirst.format(separator: separator))
            reading.questions.append(ReadingQuestion(kind: .unreadCells,
                message: "`\(name)` holds dates written day-first (`\(dayFirst)`) and others written month-first (`\(monthFirst)`), so no one order reads them all; it is read as text. Correct the cells, or declare the order of most of them (`\(fix)`): the others then count as missing.",
                fix: fix, values: [dayFirst, monthFirst]))
            return override == nil ? .text : .date(nil)
        }
        if let order = dates.settledOrder {
            reading.dateOrder = order
            return .date(order)
        }
        guard dates.needsOrder else { return .date(nil) }
        if let (order, column) = evidence.dateOrders[separator] {
            reading.dateOrder = order
            reading.example = "\(reading.example ?? ""); \(order == .dayFirst ? "day-first" : "month-first"), as `\(column)` shows"
            return .date(order)
        }
        let example = dates.eitherWayExample.map { raw.values[$0] } ?? ""
        let dayFirst = DateOrder.dayFirst.format(separator: separator), monthFirst = DateOrder.monthFirst.format(separator: separator)
        reading.questions.append(ReadingQuestion(kind: .ambiguousDates,
            message: "`\(name)` holds dates such as `\(example)` that read both day-first and month-first, and no value settles which (none has a day over 12); it is read as text. Say which in icp.workspace.yaml: `\(formatLine(name, dayFirst))` (or `format: \(monthFirst)`).",
            fix: formatLine(name, dayFirst), values: [example]))
        return override == nil ? .text : .date(nil)
    }

    private static func formatLine(_ column: String, _ format: String) -> String {
        "fields: {\(ICPFileText.yamlText(column)): {type: date, format: \(format)}}"
    }

    private static func numberPlan(_ numbers: NumberTrial, raw: RawColumn, unit declaredUnit: NumberUnit?, evidence: ReadingEvidence, reading: inout ColumnReading, declared: Bool = false) -> Plan? {
        let name = raw.name
        if numbers.conflictingMarks, evidence.decimalSource != "declared" {
            reading.questions.append(ReadingQuestion(kind: .unreadCells,
                message: "`\(name)` holds numbers written with a decimal point and others with a decimal comma, so no one mark reads them all; it is read as text. Declare the file's mark under this dataset in icp.workspace.yaml (`decimal: \".\"` or `decimal: \",\"`).",
                fix: "decimal: \".\"", values: []))
            return nil
        }
        let currencies = numbers.currencies.keys.sorted()
        var unit = declaredUnit ?? NumberUnit.named(inHeader: name) ?? .plain
        if declaredUnit != nil { reading.unitSource = "declared" } else if !unit.isPlain { reading.unitSource = "header" }
        if let currency = unit.currency, currencies.contains(where: { $0 != currency }) || currencies.count > 1 {
            reading.questions.append(mixedCurrencies(name, [currency] + currencies.filter { $0 != currency }))
            return declared ? .number(evidence.decimal ?? .point, unit) : nil
        }
        if currencies.count > 1 {
            reading.questions.append(mixedCurrencies(name, currencies))
            return declared ? .number(evidence.decimal ?? .point, unit) : nil
        }
        if unit.currency == nil, let only = currencies.first {
            unit.currency = only
            reading.unitSource = reading.unitSource ?? "cells"
        }
        if !unit.percent, numbers.percentRows > 0 {
            unit.percent = true
            reading.unitSource = reading.unitSource ?? "cells"
        }
        if numbers.decorated > 0 { reading.example = numbers.decoratedExample.map { raw.values[$0] } }
        let mark: DecimalMark
        if let settled = evidence.decimalSource == "declared" ? evidence.decimal : numbers.settledMark ?? evidence.decimal {
            mark = settled
            if numbers.ambiguous > 0 { reading.decimal = mark }
        } else if numbers.ambiguous > 0, evidence.europeanHint || unit.currency == "EUR" {
            let example = numbers.ambiguousExample.map { raw.values[$0] } ?? ""
            reading.questions.append(ReadingQuestion(kind: .ambiguousDecimal,
                message: "`\(name)` holds numbers such as `\(example)` whose one separator reads as a decimal mark or as grouping of thousands, and no value settles which; it is read as text. Say which under this dataset in icp.workspace.yaml: `decimal: \",\"` (1.234,5) or `decimal: \".\"` (1,234.5).",
                fix: "decimal: \",\"", values: [example]))
            return declared ? .number(.point, unit) : nil
        } else {
            mark = .point
        }
        reading.unit = unit
        return .number(mark, unit)
    }

    private static func mixedCurrencies(_ name: String, _ currencies: [String]) -> ReadingQuestion {
        ReadingQuestion(kind: .mixedCurrencies,
            message: "`\(name)` holds amounts in \(currencies.joined(separator: " and ")), which cannot be compared as they are; it is read as text. Split the column by currency, or declare `fields: {\(ICPFileText.yamlText(name)): {type: number}}` to compare the figures as written.",
            fix: "fields: {\(ICPFileText.yamlText(name)): {type: number}}", values: currencies)
    }

    private static func rangePlan(_ bands: BandTrial, raw: RawColumn, unit declaredUnit: NumberUnit?, evidence: ReadingEvidence, reading: inout ColumnReading) -> Plan {
        let unit = declaredUnit ?? NumberUnit.named(inHeader: raw.name) ?? .plain
        if declaredUnit != nil { reading.unitSource = "declared" } else if !unit.isPlain { reading.unitSource = "header" }
        reading.unit = unit
        reading.example = bands.example.map { raw.values[$0] }
        // The mark under which every band reads, preferring the declared or settled one.
        let preferred = evidence.decimal ?? .point
        let other: DecimalMark = preferred == .point ? .comma : .point
        let readsAll = { (mark: DecimalMark) in bands.bands.allSatisfy { $0 == nil || $0?.band(unit: unit, mark: mark) != nil } }
        
        let mark = readsAll(preferred) || !readsAll(other) ? preferred : other
        return .range(mark, unit)
    }

    /// Bands are categories: few distinct values, each held by several rows.
    private static func isCategorical(_ survey: ColumnSurvey) -> Bool {
        let distinct = survey.present.count
        return distinct <= 12 || (distinct <= 400 && distinct * 3 <= survey.presentRows)
    }

    /// A column most of whose rows read as numbers, dates or bands, the rest blocked by a few
    /// values: the question naming them and the line that settles it.
    private static func nearMiss(raw: RawColumn, survey: ColumnSurvey) -> ReadingQuestion? {
        let candidates: [(String, TrialFailures)] = [
            survey.numbers.map { ("numbers", $0.failures) },
            survey.dates.map { ("dates", $0.failures) },
            survey.bands.flatMap { $0.realBands > 0 && isCategorical(survey) ? ("bands such as `\(raw.values[$0.example ?? 0])`", $0.failures) : nil },
        ].compactMap { $0 }
        let rows = survey.presentRows
        guard let (kind, failures) = candidates.filter({ !$0.1.gaveUp && $0.1.distinct > 0 && ($0.1.distinct < survey.present.count - 1) && (rows - $0.1.rows) * 3 >= rows * 2 })
            .min(by: { $0.1.rows < $1.1.rows }) else { return nil }
        let values = failures.codes.map { raw.values[$0] }
        let shown = values.map { "`\($0)`" }.joined(separator: ", ") + (failures.distinct > values.count ? ", ..." : "")
        let cells = "\(CountFormat.grouped(failures.rows)) cell\(failures.rows == 1 ? "" : "s")"
        let name = raw.name
        let typeName = kind == "numbers" ? "number" : kind == "dates" ? "date" : "range"
        if values.allSatisfy({ !$0.contains(where: \.isNumber) }), failures.distinct <= 5 {
            let list = values.map { ICPFileText.yamlText($0) }.joined(separator: ", ")
            return ReadingQuestion(kind: .missingMarker,
                message: "`\(name)` holds \(kind), but \(cells) \(failures.rows == 1 ? "says" : "say") \(shown), so it is read as text. If \(values.count == 1 ? "it stands" : "they stand") for a missing value, add `missing_values: [\(list)]` to icp.workspace.yaml (or declare `fields: {\(ICPFileText.yamlText(name)): {type: \(typeName)}}` to read such cells as missing).",
                fix: "missing_values: [\(list)]", values: values)
        }
        return ReadingQuestion(kind: .unreadCells,
            message: "`\(name)` holds \(kind), but \(cells) (\(shown)) \(failures.rows == 1 ? "does" : "do") not read as \(kind), so it is read as text. Correct those cells, or declare `fields: {\(ICPFileText.yamlText(name)): {type: \(typeName)}}` to read them as missing.",
            fix: "fields: {\(ICPFileText.yamlText(name)): {type: \(typeName)}}", values: values)
    }
}
