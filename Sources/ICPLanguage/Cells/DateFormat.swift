/// A date format declared under `fields` (`{type: date, format: DD/MM/YYYY}`), for a column whose
/// dates read both ways (`04/03/2021`). Written with `D`/`DD`, `M`/`MM`/`MMM`, `YY`/`YYYY` and any
/// separators, or with `%d`, `%m`, `%b`, `%Y`, `%y`. What matters is the order of day and month;
/// the cells may pad or not, and may carry a time.
public struct DateFormat: Sendable, Hashable {
    /// Nil when the year comes first (`YYYY-MM-DD`) or the month is a name: nothing to settle.
    public var order: DateOrder?
    /// As written in the workspace file.
    public var written: String

    private enum Part { case day, month, monthName, year }

    /// Reads a format; nil when it does not name a day, a month and a year once each.
    public init?(_ text: String) {
        written = text
        var parts: [Part] = []
        let characters = Array(text.trimmingWhitespace())
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character == "%", index + 1 < characters.count {
                switch characters[index + 1] {
                case "d", "e": parts.append(.day)
                case "m": parts.append(.month)
                case "b", "B", "h": parts.append(.monthName)
                case "Y", "y": parts.append(.year)
                default: return nil
                }
                index += 2
                continue
            }
            let upper = Character(character.uppercased())
            guard "DMY".contains(upper) else {
                guard !character.isLetter, !character.isNumber else { return nil }
                index += 1
                continue
            }
            var run = 0
            while index < characters.count, Character(characters[index].uppercased()) == upper {
                run += 1
                index += 1
            }
            switch (upper, run) {
            case ("D", 1...2): parts.append(.day)
            case ("M", 1...2): parts.append(.month)
            case ("M", 3...4): parts.append(.monthName)
            case ("Y", 2), ("Y", 4): parts.append(.year)
            default: return nil
            }
        }
        let months = parts.filter { $0 == .month || $0 == .monthName }
        guard parts.count == 3, parts.filter({ $0 == .day }).count == 1, months.count == 1, parts.filter({ $0 == .year }).count == 1,
              let day = parts.firstIndex(of: .day), let month = parts.firstIndex(where: { $0 == .month || $0 == .monthName }) else { return nil }
        if parts[0] == .year {
            guard month < day else { return nil }
            order = nil
        } else if months[0] == .monthName {
            order = nil
        } else {
            order = day < month ? .dayFirst : .monthFirst
        }
    }
}
