import ICPLanguage
import ICPEngine

/// What a raw column's distinct values read as, under each way a person might read them
/// (format.md, Values as written): numbers and amounts, dates, yes/no words, bands, list
/// literals. A reading stops trying once more than ``failureLimit`` values do not fit it, so a
/// column of names is given up on after a few values.
struct ColumnSurvey {
    let name: String
    /// Rows holding each code (code 0: missing); a value only skipped rows held has none.
    let counts: [Int]
    var presentRows: Int { counts.dropFirst().reduce(0, +) }
    var emptyRows: Int { counts.first ?? 0 }
    /// Codes held by some row, code 0 left out.
    let present: [Int]

    var numbers: NumberTrial?
    var dates: DateTrial?
    var flags: FlagWords?
    var bands: BandTrial?
    /// Every present value is a JSON or Python list.
    var listLiterals = false

    /// Values that do not read under a reading, past which it is given up.
    static let failureLimit = 20

    init(_ raw: RawColumn) {
        name = raw.name
        var counts = [Int](repeating: 0, count: raw.values.count)
        for code in raw.codes { counts[Int(code)] += 1 }
        self.counts = counts
        present = (1..<max(raw.values.count, 1)).filter { counts[$0] > 0 }
        guard !present.isEmpty, raw.lists == nil else { return }
        numbers = NumberTrial(raw.values, present: present, counts: counts)
        dates = DateTrial(raw.values, present: present, counts: counts)
        if present.count <= 16 {
            flags = FlagWords.vocabulary(of: present.map { raw.values[$0] }, header: name, hasEmptyCells: emptyRows > 0)
            // One mark in one row says little: a mark column marks several.
            if flags == .mark, presentRows < 2 { flags = nil }
        }
        if present.count <= 400 { bands = BandTrial(raw.values, present: present, counts: counts) }
        listLiterals = present.allSatisfy { code in raw.values.firstByte(code) == UInt8(ascii: "[") } && present.allSatisfy { ListLiteral.elements(of: raw.values[$0]) != nil }
    }
}

/// The values at fault under one reading: a few of them, and the rows that hold them.
struct TrialFailures {
    var codes: [Int] = []
    var rows = 0
    var distinct = 0

    var gaveUp: Bool { distinct > ColumnSurvey.failureLimit }

    mutating func note(_ code: Int, rows count: Int) {
        distinct += 1
        rows += count
        if codes.count < 5 { codes.append(code) }
    }
}

/// Each value read as an amount (``Amount``), under both decimal marks.
struct NumberTrial {
    /// The value with a decimal point, and with a decimal comma (NaN where that reading fails), by code.
    var withPoint: [Double]
    var withComma: [Double]
    /// Codes written with a scale word (`$5.2M`): absolute, converted into a unit the header names.
    var scaled: [Bool]
    var failures = TrialFailures()
    /// The reading of `code` under `mark` (NaN when it does not read, or was not read), and whether it was written with a scale.
    func value(_ code: Int, _ mark: DecimalMark) -> (value: Double, scaled: Bool) {
        guard code < withPoint.count else { return (.nan, false) }
        return (mark == .point ? withPoint[code] : withComma[code], scaled[code])
    }

    /// Values that read only with a point, only with a comma, or both ways differently.
    var pointOnly = 0
    var commaOnly = 0
    var ambiguous = 0
    var ambiguousExample: Int?
    /// Whole numbers written with a leading zero (`0123`): codes rather than quantities.
    var leadingZeros = 0
    var leadingZeroExample: Int?
    var currencies: [String: Int] = [:]
    var percentRows = 0
    /// Values written other than as plain decimal numbers (currency, grouping, scale, percent, parentheses).
    var decorated = 0
    var decoratedExample: Int?

    init(_ values: TextTable, present: [Int], counts: [Int]) {
        // The arrays grow as values are read, so a column given up on early costs little.
        withPoint = []
        withComma = []
        scaled = []
        for code in present {
            while withPoint.count <= code {
                withPoint.append(.nan)
                withComma.append(.nan)
                scaled.append(false)
            }
            // Plain decimal numbers, the common case, are read from their bytes.
            let plain: (value: Double, comma: Double?, leadingZero: Bool)? = values.withBytes(code) { span in
                ScalarReading.number(utf8: span).map { ($0, Self.commaReading(ofPlain: span, value: $0), Self.hasLeadingZero(span)) }
            }
            if let plain {
                withPoint[code] = plain.value
                withComma[code] = plain.comma ?? .nan
                if plain.comma == nil { pointOnly += 1 } else if plain.comma != plain.value { noteAmbiguous(code) }
                if plain.leadingZero {
                    leadingZeros += 1
                    if leadingZeroExample == nil { leadingZeroExample = code }
                }
                continue
            }
            guard let amount = Amount(values[code]) else {
                failures.note(code, rows: counts[code])
                if failures.gaveUp { return }
                continue
            }
            withPoint[code] = amount.withPoint ?? .nan
            withComma[code] = amount.withComma ?? .nan
            scaled[code] = amount.scale != 1
            if amount.leadingZero {
                leadingZeros += 1
                if leadingZeroExample == nil { leadingZeroExample = code }
            }
            if amount.withPoint == nil { commaOnly += 1 } else if amount.withComma == nil { pointOnly += 1 } else if amount.isAmbiguous { noteAmbiguous(code) }
            if let currency = amount.currency { currencies[currency, default: 0] += counts[code] }
            if amount.percent { percentRows += counts[code] }
            if !amount.plain {
                decorated += 1
                if decoratedExample == nil { decoratedExample = code }
            }
        }
    }

    /// A plain decimal number read with `,` as the decimal mark, so its `.` groups thousands
    /// (`1.500` is 1500): nil when it cannot be (`1.5`, `0.125`, `1e6`). Whole numbers read the same.
    private static func commaReading(ofPlain span: UnsafeBufferPointer<UInt8>, value: Double) -> Double? {
        guard let dot = span.firstIndex(of: UInt8(ascii: ".")) else {
            return span.contains(where: { $0 | 0x20 == UInt8(ascii: "e") }) ? nil : value
        }
        let signed = span.first == UInt8(ascii: "-") || span.first == UInt8(ascii: "+")
        let start = signed ? 1 : 0
        let lead = dot - start
        guard (1...3).contains(lead), span[start] != UInt8(ascii: "0"), span.count - dot - 1 == 3,
              span[(dot + 1)...].allSatisfy({ $0 &- 0x30 < 10 }) else { return nil }
        var whole = 0.0
        for byte in span[start...] where byte != UInt8(ascii: ".") { whole = whole * 10 + Double(byte - 0x30) }
        return span.first == UInt8(ascii: "-") ? -whole : whole
    }

    /// `0123`, `-07`: a whole number with a leading zero.
    private static func hasLeadingZero(_ span: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = span.first == UInt8(ascii: "-") || span.first == UInt8(ascii: "+") ? 1 : 0
        guard span.count > start + 1, span[start] == UInt8(ascii: "0") else { return false }
        return span[(start + 1)...].allSatisfy { $0 &- 0x30 < 10 }
    }

    private mutating func noteAmbiguous(_ code: Int) {
        ambiguous += 1
        if ambiguousExample == nil { ambiguousExample = code }
    }

    /// The decimal mark the values themselves settle: one that some value needs, when no value needs the other.
    var settledMark: DecimalMark? {
        if commaOnly > 0, pointOnly == 0 { return .comma }
        if pointOnly > 0, commaOnly == 0 { return .point }
        return nil
    }

    /// Values need both marks (`1.5` and `1,5`): written two ways.
    var conflictingMarks: Bool { commaOnly > 0 && pointOnly > 0 }
}

/// Each value read as a date (``WrittenDate``), with the orders of day and month it allows.
struct DateTrial {
    var dates: [WrittenDate?]
    var failures = TrialFailures()
    /// Numeric values that read day-first only (a first number over 12), month-first only, or both ways.
    var dayFirstOnly = 0
    var monthFirstOnly = 0
    var eitherWay = 0
    var dayFirstExample: Int?
    var monthFirstExample: Int?
    var eitherWayExample: Int?
    /// The separator of the numeric values (`/`, `.`, `-`).
    var separator: Character?
    var twoDigitYears = 0
    var example: Int?

    init(_ values: TextTable, present: [Int], counts: [Int]) {
        dates = []
        for code in present {
            while dates.count <= code { dates.append(nil) }
            guard let date = WrittenDate(values[code]) else {
                failures.note(code, rows: counts[code])
                if failures.gaveUp { return }
                continue
            }
            dates[code] = date
            if example == nil { example = code }
            if date.twoDigitYear { twoDigitYears += 1 }
            guard date.numeric else { continue }
            separator = separator ?? date.separator
            let orders = date.orders
            if orders == [.dayFirst] {
                dayFirstOnly += 1
                if dayFirstExample == nil { dayFirstExample = code }
            } else if orders == [.monthFirst] {
                monthFirstOnly += 1
                if monthFirstExample == nil { monthFirstExample = code }
            } else if date.first != date.second {
                eitherWay += 1
                if eitherWayExample == nil { eitherWayExample = code }
            }
        }
    }

    func date(_ code: Int) -> WrittenDate? {
        code < dates.count ? dates[code] : nil
    }

    /// The order the values settle: one some value needs, when none needs the other.
    var settledOrder: DateOrder? {
        if dayFirstOnly > 0, monthFirstOnly == 0 { return .dayFirst }
        if monthFirstOnly > 0, dayFirstOnly == 0 { return .monthFirst }
        return nil
    }

    /// Some values read only day-first and others only month-first.
    var conflictingOrders: Bool { dayFirstOnly > 0 && monthFirstOnly > 0 }

    /// Some value reads both ways to different days, and none settles which.
    var needsOrder: Bool { eitherWay > 0 && settledOrder == nil && !conflictingOrders }
}

/// Each value read as a band (``WrittenBand``) or a plain amount, for size and bracket columns.
struct BandTrial {
    var bands: [WrittenBand?]
    var failures = TrialFailures()
    func band(_ code: Int) -> WrittenBand? {
        code < bands.count ? bands[code] : nil
    }

    /// Values that are real bands (two ends, or one open end), not plain numbers.
    var realBands = 0
    var example: Int?

    init(_ values: TextTable, present: [Int], counts: [Int]) {
        bands = []
        for code in present {
            while bands.count <= code { bands.append(nil) }
            let text = values[code]
            if let band = WrittenBand.read(text) {
                bands[code] = band
                realBands += 1
                if example == nil { example = code }
            } else if let amount = Amount(text), !amount.leadingZero {
                bands[code] = WrittenBand(lower: amount, upper: amount)
            } else {
                failures.note(code, rows: counts[code])
                if failures.gaveUp { return }
            }
        }
    }
}
