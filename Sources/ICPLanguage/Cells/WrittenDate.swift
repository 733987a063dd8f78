/// Which of a date's two small numbers is the day, in forms like `03/04/2021`.
public enum DateOrder: String, Sendable, CaseIterable {
    /// `DD/MM/YYYY`: most of the world.
    case dayFirst
    /// `MM/DD/YYYY`: the United States.
    case monthFirst

    /// The `format:` line that says so, with the separator the column uses.
    public func format(separator: Character) -> String {
        self == .dayFirst ? "DD\(separator)MM\(separator)YYYY" : "MM\(separator)DD\(separator)YYYY"
    }
}

/// A date as spreadsheets and CRMs write it (format.md, Dates): `2021-03-15`, `2021-03-15T10:00:00Z`,
/// `03/15/2021`, `15.03.2021`, `15/03/21 14:05`, `Mar 15, 2021`, `15 March 2021`, `15-Mar-21`,
/// `Monday, March 15, 2021`. Two-digit years are 1969 to 2068. In `A/B/YYYY` forms the order of
/// day and month is the column's to settle: ``date(_:)`` needs it unless only one order reads.
public struct WrittenDate: Sendable, Hashable {
    public var year: Int
    /// For `A/B/YYYY` forms, the two numbers as written; otherwise month and day.
    public var first: Int
    public var second: Int
    /// Written `A/B/YYYY` (or with `.` or `-`): the order is not in the text.
    public var numeric: Bool
    /// The separator of a numeric form.
    public var separator: Character
    public var twoDigitYear: Bool

    /// The date under `order`; nil when it does not exist that way (`15/03` month-first).
    public func date(_ order: DateOrder?) -> CalendarDate? {
        guard numeric else { return CalendarDate(year: year, month: first, day: second) }
        switch order {
        case .dayFirst?: return CalendarDate(year: year, month: second, day: first)
        case .monthFirst?: return CalendarDate(year: year, month: first, day: second)
        case nil:
            let dayFirst = CalendarDate(year: year, month: second, day: first)
            let monthFirst = CalendarDate(year: year, month: first, day: second)
            if dayFirst == monthFirst { return dayFirst }
            return dayFirst == nil ? monthFirst : monthFirst == nil ? dayFirst : nil
        }
    }

    /// The orders under which the date exists.
    public var orders: Set<DateOrder> {
        guard numeric else { return Set(DateOrder.allCases) }
        return Set(DateOrder.allCases.filter { date($0) != nil })
    }

    static let monthNames: [String: Int] = {
        let full = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"]
        var names: [String: Int] = [:]
        for (index, name) in full.enumerated() {
            names[name] = index + 1
            names[String(name.prefix(3))] = index + 1
        }
        names["sept"] = 9
        return names
    }()

    static let weekdays: Set<String> = ["mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
                                        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

    /// Reads `text`; nil when it is not a date in one of the forms above.
    public init?(_ text: some StringProtocol) {
        let trimmed = text.trimmingWhitespace()
        if let iso = CalendarDate(parsing: trimmed) {
            let parts = iso.components
            self.init(year: parts.year, first: parts.month, second: parts.day, numeric: false, separator: "-", twoDigitYear: false)
            return
        }
        guard trimmed.utf8.count >= 6, trimmed.utf8.count <= 48, let first = trimmed.utf8.first,
              (first >= 0x30 && first <= 0x39) || (first | 0x20 >= 0x61 && first | 0x20 <= 0x7A) else { return nil }
        var tokens = DateTokens(String(trimmed))
        guard let date = tokens.read(), date.numeric || date.date(nil) != nil else { return nil }
        self = date
    }

    init(year: Int, first: Int, second: Int, numeric: Bool, separator: Character, twoDigitYear: Bool) {
        self.year = year
        self.first = first
        self.second = second
        self.numeric = numeric
        self.separator = separator
        self.twoDigitYear = twoDigitYear
    }

    /// A two-digit year as POSIX reads one: 69 to 99 in the 1900s, 00 to 68 in the 2000s.
    static func fullYear(_ value: Int, digits: Int) -> Int {
        digits == 2 ? (value >= 69 ? 1900 + value : 2000 + value) : value
    }
}

/// The pieces of a date text: numbers, words and separators, read left to right, a time allowed at the end.
private struct DateTokens {
    enum Token: Equatable {
        case number(Int, digits: Int)
        case word(String)
        case separator(Character)
    }

    var tokens: [Token] = []
    var valid = true

    init(_ text: String) {
        var characters = Array(text)
        // A time after the date (`T10:00:00Z`, ` 14:05`, ` 2:30 PM`) is dropped: the day is what counts.
        if let colon = characters.firstIndex(of: ":") {
            var cut = colon
            while cut > 0, characters[cut - 1].isNumber { cut -= 1 }
            guard cut > 0, characters[cut - 1] == " " || characters[cut - 1] == "T" || characters[cut - 1] == "t" else {
                valid = false
                return
            }
            let time = characters[cut...]
            guard time.allSatisfy({ $0.isNumber || ":. +-".contains($0) || "APMZUTCGapmzutcg".contains($0) }) else {
                valid = false
                return
            }
            characters = Array(characters[..<(cut - 1)])
            while characters.last == " " || characters.last == "," { characters.removeLast() }
        }
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character.isASCII, character.isNumber {
                var value = 0
                var digits = 0
                while index < characters.count, characters[index].isASCII, characters[index].isNumber, digits < 5 {
                    value = value * 10 + Int(characters[index].asciiValue ?? 48) - 48
                    digits += 1
                    index += 1
                }
                // `15th`, `1st`, `2nd`, `3rd`.
                if index + 1 < characters.count, ["st", "nd", "rd", "th"].contains(String(characters[index...(index + 1)]).lowercased()) { index += 2 }
                tokens.append(.number(value, digits: digits))
            } else if character.isLetter {
                var word = ""
                while index < characters.count, characters[index].isLetter {
                    word.append(characters[index])
                    index += 1
                }
                tokens.append(.word(word.lowercased()))
            } else if "/.-, ".contains(character) {
                // `Mar 15, 2021`: a space after a separator is part of it; one before another gives way to it.
                if case .separator(let previous)? = tokens.last {
                    if previous == " ", character != " " { tokens[tokens.count - 1] = .separator(character) }
                } else if !tokens.isEmpty {
                    tokens.append(.separator(character))
                }
                index += 1
            } else {
                valid = false
                return
            }
        }
        while case .separator? = tokens.last { tokens.removeLast() }
    }

    mutating func read() -> WrittenDate? {
        guard valid else { return nil }
        // `Monday, March 15, 2021`
        if case .word(let word)? = tokens.first, WrittenDate.weekdays.contains(word) {
            tokens.removeFirst()
            while case .separator? = tokens.first { tokens.removeFirst() }
        }
        let values = tokens.filter { if case .separator = $0 { false } else { true } }
        let separators = tokens.compactMap { if case .separator(let character) = $0 { character } else { nil } }
        guard values.count == 3, separators.count == 2 else { return nil }
        switch (values[0], values[1], values[2]) {
        case (.number(let year, 4), .number(let month, let monthDigits), .number(let day, let dayDigits)):
            // `2021-03-15`, `2021/3/15`, `2021.03.15`.
            guard separators[0] == separators[1], separators[0] != ",", separators[0] != " ", monthDigits <= 2, dayDigits <= 2 else { return nil }
            return WrittenDate(year: year, first: month, second: day, numeric: false, separator: separators[0], twoDigitYear: false)
        case (.number(let a, let aDigits), .number(let b, let bDigits), .number(let year, let yearDigits)):
            // `03/15/2021`, `15.03.2021`, `15-03-21`.
            guard separators[0] == separators[1], "/.-".contains(separators[0]), aDigits <= 2, bDigits <= 2, yearDigits == 4 || yearDigits == 2 else { return nil }
            let date = WrittenDate(year: WrittenDate.fullYear(year, digits: yearDigits), first: a, second: b, numeric: true, separator: separators[0], twoDigitYear: yearDigits == 2)
            return date.orders.isEmpty ? nil : date
        case (.word(let name), .number(let day, let dayDigits), .number(let year, let yearDigits)):
            // `Mar 15, 2021`, `March 15 2021`, `Mar-15-2021`.
            guard let month = WrittenDate.monthNames[name], dayDigits <= 2, yearDigits == 4 || yearDigits == 2 else { return nil }
            return WrittenDate(year: WrittenDate.fullYear(year, digits: yearDigits), first: month, second: day, numeric: false, separator: separators[0], twoDigitYear: yearDigits == 2)
        case (.number(let day, let dayDigits), .word(let name), .number(let year, let yearDigits)):
            // `15 March 2021`, `15-Mar-21`.
            guard let month = WrittenDate.monthNames[name], dayDigits <= 2, yearDigits == 4 || yearDigits == 2 else { return nil }
            return WrittenDate(year: WrittenDate.fullYear(year, digits: yearDigits), first: month, second: day, numeric: false, separator: separators[0], twoDigitYear: yearDigits == 2)
        case (.number(let year, 4), .word(let name), .number(let day, let dayDigits)):
            // `2021-Mar-15`.
            guard let month = WrittenDate.monthNames[name], dayDigits <= 2 else { return nil }
            return WrittenDate(year: year, first: month, second: day, numeric: false, separator: separators[0], twoDigitYear: false)
        default:
            return nil
        }
    }
}
