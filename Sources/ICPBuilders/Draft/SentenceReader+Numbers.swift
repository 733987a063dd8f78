import ICPLanguage
import ICPEngine
/// Number phrases: "51–500 employees", "over $10M revenue", "at least 200 people", "revenue
/// between $5M and $50M", "fewer than 20 engineering hires in the last 12 months".
extension SentenceReader {
    struct Bounds {
        var min: Double?
        var max: Double?
        var minIsStrict = false
        var maxIsStrict = false
        var isMoney = false
        /// A magnitude was written ("100bn", "20 million"): an amount in a money column, even
        /// without a currency.
        var isScaled = false
        var isPercent = false
        /// The numbers are years and this their month: "after April 2022".
        var month: Int?
        /// Opened by "or better" or "or higher": on a rank, lower numbers.
        var better = false
        var length: Int

        /// Whole numbers from 1900 to 2100 and no amount: years ("raised in 2007").
        var isYears: Bool {
            !isMoney && !isScaled && !isPercent && [min, max].compactMap { $0 }.allSatisfy { (1900...2100).contains($0) && $0 == $0.rounded() }
        }
    }

    private static let months: [String: Int] = [
        "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6,
        "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10,
        "november": 11, "nov": 11, "december": 12, "dec": 12,
    ]

    private enum Comparator { case above, atLeast, below, atMost, between, exactly }

    private static let comparators: [([String], Comparator)] = [
        (["more", "than"], .above), (["greater", "than"], .above), (["over"], .above), (["above"], .above), (["bigger", "than"], .above),
        (["larger", "than"], .above), (["upwards", "of"], .above), (["north", "of"], .above), (["after"], .above),
        (["at", "least"], .atLeast), (["minimum", "of"], .atLeast), (["minimum"], .atLeast), (["min"], .atLeast), (["from"], .atLeast),
        (["starting", "at"], .atLeast), (["no", "less", "than"], .atLeast), (["no", "fewer", "than"], .atLeast), (["not", "less", "than"], .atLeast),
        (["since"], .atLeast), (["less", "than"], .below), (["fewer", "than"], .below), (["under"], .below), (["below"], .below),
        (["smaller", "than"], .below), (["before"], .below), (["at", "most"], .atMost), (["up", "to"], .atMost), (["no", "more", "than"], .atMost),
        (["not", "more", "than"], .atMost), (["maximum", "of"], .atMost), (["maximum"], .atMost), (["max"], .atMost), (["between"], .between),
        (["exactly"], .exactly), (["in"], .exactly),
    ]

    private static let openAbove: [[String]] = [["or", "more"], ["or", "above"], ["and", "up"], ["and", "above"], ["plus"], ["or", "greater"], ["or", "larger"], ["and", "over"],
                                                ["or", "later"], ["and", "later"], ["or", "after"], ["onwards"], ["onward"], ["or", "newer"], ["and", "beyond"], ["or", "higher"], ["or", "better"]]
    private static let openBelow: [[String]] = [["or", "fewer"], ["or", "less"], ["or", "below"], ["and", "below"], ["and", "under"], ["or", "smaller"],
                                                ["or", "earlier"], ["and", "earlier"], ["or", "before"], ["or", "older"], ["or", "lower"]]
    private static let magnitudes: [String: Double] = ["thousand": 1e3, "million": 1e6, "millions": 1e6, "billion": 1e9, "billions": 1e9, "mn": 1e6, "bn": 1e9,
                                                                  "trillion": 1e12, "trillions": 1e12, "tn": 1e12, "mm": 1e6, "mil": 1e6]

    /// A number phrase at `index` with the field it bounds, named before it or after it.
    func numberPhrase(at index: Int) -> Match? {
        if let dated = datedPhrase(at: index) { return dated }
        if let (target, length) = measureMention(at: index) {
            var position = index + length
            while let word = word(at: position), ["of", "is", "are", "with", "has", "between", "at", "in", "was", "over", "than", "the"].contains(word)
                    || DraftLexicon.headNouns.contains(word) || ["companies", "company", "firms", "businesses"].contains(word)
                    || (word == "a" && self.word(at: position + 1) == "minimum"), bounds(at: position) == nil { position += 1 }
            if let bounds = bounds(at: position, lone: true) {
                // "raised in 2007": years after a money word are the date of the event (``knownPhrase(at:)``).
                if case .field(let field) = target, vocabulary.fields[field].isMoney, bounds.isYears,
                   DraftLexicon.roleWords[.fundingDate]?.contains(word(at: index) ?? "") == true,
                   vocabulary.field(withRole: .fundingDate) != nil {
                    return nil
                }
                let end = position + bounds.length
                let length = end - index + trailingWindow(at: end)
                guard case .field(let field) = target else { return refusal(target, length: length) }
                if let others = ambiguity(of: field, named: word(at: index) ?? "", bounds: bounds) {
                    return Match(length: length, unmappedClosest: .some(others))
                }
                guard let test = test(bounds, on: field) else { return Match(length: length, unmappedClosest: .some(vocabulary.fields[field].name)) }
                return Match(length: length, claims: [(field, test)])
            }
        }
        guard let bounds = bounds(at: index) else { return nil }
        var end = index + bounds.length
        if let (target, length) = unit(at: end, bounds: bounds) {
            end += length
            end += trailingWindow(at: end)
            guard case .field(let field) = target else { return refusal(target, length: end - index) }
            guard let test = test(bounds, on: field) else { return Match(length: end - index, unmappedClosest: .some(vocabulary.fields[field].name)) }
            return Match(length: end - index, claims: [(field, test)])
        }
        // A bound that names nothing the data holds ("over 20 locations"): quote it with its noun.
        let nouns = (end..<min(end + 2, tokens.count)).prefix { tokens[$0].word != nil && !DraftLexicon.fillers.contains(tokens[$0].word ?? "") }
        let closest = closestField(to: nouns.compactMap { tokens[$0].word })
        return Match(length: end - index + nouns.count, unmappedClosest: .some(closest))
    }

    /// Bounds at `index`: a comparator and a number, a range, or an open end. A lone number
    /// (no comparator) counts only when `lone` (after a field's name: "founded 2015").
    func bounds(at index: Int, lone: Bool = false) -> Bounds? {
        var position = index
        let comparator = longest(Self.comparators, at: index)
        if let comparator { position += comparator.length }
        // A month and a year: "since February 2022", "before Jan 2020".
        var month: Int?
        if let name = word(at: position), let found = Self.months[name], position + 1 < tokens.count, let year = tokens[position + 1].number,
           year == year.rounded(), (1000...2999).contains(year), name != "may" || comparator != nil {
            month = found
            position += 1
        }
        guard position < tokens.count, let first = tokens[position].number else { return nil }
        // A decade: "in the 2000s", "the 80s" (years from its first to its last).
        if position + 1 < tokens.count, tokens[position + 1].word == "s", tokens[position + 1].start == tokens[position].end,
           first == first.rounded(), first >= 0, first < 3000, Int(first) % 10 == 0 {
            let start = first < 100 ? 1900 + first : first
            guard comparator == nil || comparator?.entry == .exactly || comparator?.entry == .atLeast && comparator?.length == 1 else { return nil }
            // "the 1800s" is a century; "the 2000s", "the 80s" a decade.
            let span: Double = Int(start) % 100 == 0 && start < 2000 ? 99 : 9
            return Bounds(min: start, max: start + span, length: position + 2 - index)
        }
        if comparator?.entry == .exactly, comparator?.length == 1, !lone { return nil }
        let firstToken = tokens[position]
        var value = first
        var isMoney = tokens[position].isMoney
        let isPercent = tokens[position].isPercent
        let openEnded = tokens[position].isOpenEnded
        position += 1
        var firstIsScaled = firstToken.scale > 1
        if let word = word(at: position), let scale = Self.magnitudes[word] { value *= scale; position += 1; isMoney = true; firstIsScaled = true }
        var result = Bounds(isMoney: isMoney, isScaled: firstIsScaled, isPercent: isPercent, month: month, length: 0)
        // A second number: "51-500", "51 to 500", "between 50 and 500".
        if month == nil, position + 1 < tokens.count, tokens[position].kind == .dash || tokens[position].word == "to" || (comparator?.entry == .between && tokens[position].word == "and"),
           var second = tokens[position + 1].number {
            let secondToken = tokens[position + 1]
            position += 2
            var secondScale = secondToken.scale
            if let word = word(at: position), let scale = Self.magnitudes[word] { second *= scale; secondScale = scale; position += 1 }
            result.isMoney = isMoney || secondToken.isMoney || secondScale > 1
            result.isScaled = firstIsScaled || secondScale > 1
            // "$5-50M", "between 10 and 50 billion": a magnitude written once applies to both ends.
            if secondScale > 1, !firstIsScaled, first < second / secondScale { value *= secondScale }
            // A magnitude can carry a huge number past what a double holds ("1e308 billion").
            guard value.isFinite, second.isFinite else { return nil }
            result.min = Swift.min(value, second)
            result.max = Swift.max(value, second)
            result.length = position - index
            return result
        }
        guard comparator?.entry != .between, value.isFinite else { return nil }
        switch comparator?.entry {
        case .above: result.min = value; result.minIsStrict = true
        case .atLeast: result.min = value
        case .below: result.max = value; result.maxIsStrict = true
        case .atMost: result.max = value
        case .exactly: result.min = value; result.max = value
        case .between: return nil
        case nil:
            // "100 million dollars or more": the currency before the open end.
            let opens = Self.openAbove.map { ($0, true) } + Self.openBelow.map { ($0, false) }
            if let currency = word(at: position), DraftLexicon.currencyWords.contains(currency), longest(opens, at: position + 1) != nil {
                result.isMoney = true
                position += 1
            }
            if openEnded {
                result.min = value
            } else if let open = longest(opens, at: position) {
                if open.entry { result.min = value } else { result.max = value }
                result.better = ["better", "higher"].contains(word(at: position + open.length - 1) ?? "")
                position += open.length
            } else if lone {
                result.min = value
                result.max = value
            } else {
                return nil
            }
        }
        result.length = position - index
        return result
    }

    /// Where a number phrase goes: a column, or words quoted back with why none was chosen.
    enum Target {
        case field(Int)
        case refused(String)
    }

    /// The words of a number phrase quoted as not mapped, with why (and, for several
    /// candidates, a question naming them).
    private func refusal(_ target: Target, length: Int) -> Match {
        guard case .refused(let why) = target else { return Match(length: length) }
        return Match(length: length, unmappedClosest: .some(why))
    }

    /// The field a unit after a number names: people, money, a percentage of growth, or words
    /// of a column's name ("engineering hires").
    private func unit(at index: Int, bounds: Bounds) -> (target: Target, length: Int)? {
        var position = index
        // "a trillion dollars in assets": the currency, then the measure it counts.
        if let currency = word(at: position), DraftLexicon.currencyWords.contains(currency),
           let joiner = word(at: position + 1), ["in", "of"].contains(joiner), namedMeasure(at: position + 2) != nil {
            position += 1
        }
        if let word = word(at: position), ["in", "of"].contains(word) { position += 1 }
        if let word = word(at: position), ["annual", "yearly", "total", "net", "gross"].contains(word), namedMeasure(at: position + 1) != nil { position += 1 }
        if let named = wholeName(at: position) { return (.field(named.field), position + named.length - index) }
        if let (target, length) = namedMeasure(at: position) {
            if case .field = target { return (target, position + length - index) }
            if let fallback = roleUnit(at: index, bounds: bounds), vocabulary.fields[fallback.field].measure == nil { return (.field(fallback.field), fallback.length) }
            return (target, position + length - index)
        }
        return roleUnit(at: index, bounds: bounds).map { (.field($0.field), $0.length) }
    }

    /// The field a unit after a number names by its role or a column's name words.
    private func roleUnit(at index: Int, bounds: Bounds) -> (field: Int, length: Int)? {
        var position = index
        if let word = word(at: position), ["in", "of"].contains(word) { position += 1 }
        if let word = word(at: position) {
            if DraftLexicon.sizeUnits.contains(word), let field = vocabulary.field(withRole: .size) { return (field, position + 1 - index) }
            // "$10M raised", "$2M in funding": money raised, not revenue.
            if bounds.isMoney || word != "funding", DraftLexicon.roleWords[.funding]?.contains(word) == true, let field = vocabulary.field(withRole: .funding) {
                return (field, position + 1 - index)
            }
            // "$100 million dollars" with no revenue column: the one money column there is.
            let currency = DraftLexicon.currencyWords.contains(word) || ["million", "billion"].contains(word)
            if DraftLexicon.moneyUnits.contains(word), let field = vocabulary.field(withRole: .revenue, naming: word) ?? (currency ? onlyMoneyField : nil) {
                // "$10M USD revenue": a currency, then the noun.
                let noun = self.word(at: position + 1).map { ["revenue", "arr", "sales"].contains($0) } ?? false
                return (field, position + 1 - index + (noun ? 1 : 0))
            }
        }
        // Words of a column's name, up to four, fillers allowed between them.
        var nameWords: [(word: String, position: Int)] = []
        var scan = position
        while scan < tokens.count, scan < position + 5, timeWindow(at: scan) == nil, let word = word(at: scan) {
            if !DraftLexicon.fillers.contains(word) || DraftLexicon.roleWords.values.contains(where: { $0.contains(word) }) { nameWords.append((word, scan)) }
            scan += 1
        }
        if let found = vocabulary.measureField(named: nameWords.map(\.word)),
           vocabulary.fields[found.field].isQuantity || (1900...2100).contains(bounds.min ?? bounds.max ?? 0) {
            let stems = Set(vocabulary.fields[found.field].words.map(DraftVocabulary.stem))
            let last = nameWords.last { stems.contains(DraftVocabulary.stem($0.word)) }?.position ?? position
            return (found.field, last + 1 - index)
        }
        if bounds.isMoney || bounds.isScaled {
            // An amount with no measure named ("$5M", "under 500k"): revenue, or the one money column; a question among several.
            if case .field(let field) = vocabulary.column(measuring: .revenue, change: false, word: "") { return (field, 0) }
            if let field = vocabulary.field(withRole: .revenue) ?? onlyMoneyField { return (field, 0) }
        }
        if bounds.isPercent, let field = vocabulary.field(withRole: .growth) { return (field, 0) }
        return nil
    }

    /// Verbs that name a date column by its name's last word: "joined" for `Date Joined`.
    private static let dateVerbs: [String: [String]] = [
        "added": ["added", "joined", "listed", "included", "entered"], "joined": ["joined", "added", "became", "entered", "hit", "reached"],
        "submitted": ["submitted", "filed", "reported", "published"], "founded": ["founded", "started", "established", "incorporated", "launched"],
        "created": ["created", "registered", "incorporated"], "incorporated": ["incorporated", "registered", "founded"],
    ]

    /// A date column named by a verb of its name ("added to the index since 2010", "joined the
    /// club in the last 90 days", "submitted before 2022"), with at most three words between the
    /// verb and the bounds or the window.
    private func datedPhrase(at index: Int) -> Match? {
        guard let verb = word(at: index) else { return nil }
        let fields = vocabulary.fields.indices.filter { field in
            vocabulary.fields[field].type == .date && vocabulary.fields[field].words.contains { name in
                name == verb || (Self.dateVerbs[name]?.contains(verb) ?? false) || DraftVocabulary.stem(name) == DraftVocabulary.stem(verb) && name.count > 4
            }
        }
        guard fields.count == 1, let field = fields.first else { return nil }
        var position = index + 1
        while position < Swift.min(tokens.count, index + 5) {
            if let window = timeWindow(at: position) {
                return Match(length: position + window.length - index, claims: [(field, .withinDays(window.days))])
            }
            if let bounds = bounds(at: position, lone: true), let test = test(bounds, on: field) {
                return Match(length: position + bounds.length - index, claims: [(field, test)])
            }
            guard let word = word(at: position), !DraftLexicon.negations.contains([word]), valuePhrase(at: position, fuzzy: false) == nil else { return nil }
            position += 1
        }
        return nil
    }

    /// "in the last 12 months" after a measure: part of what it counts, consumed with it.
    private func trailingWindow(at index: Int) -> Int {
        timeWindow(at: index)?.length ?? 0
    }

    /// "in the last 12 months", "within the past year", "over the last 90 days": the days it spans.
    func timeWindow(at index: Int) -> (days: Int, length: Int)? {
        var position = index
        if let word = word(at: position), ["in", "within", "over", "during"].contains(word) { position += 1 }
        if word(at: position) == "the" { position += 1 }
        guard let anchor = word(at: position), ["last", "past", "previous"].contains(anchor) else { return nil }
        position += 1
        var count = 1.0
        if position < tokens.count, let number = tokens[position].number { count = number; position += 1 }
        guard let unitWord = word(at: position), let unit = DraftLexicon.timeUnits[unitWord] else { return nil }
        // Clamped as a Double: a count too large for an Int ("the last 9223372036854775807 days") is a century.
        let days = Swift.max(1, Swift.min((count * unit).rounded(.toNearestOrAwayFromZero), Double(Parameter.maximumWithinDays)))
        return (Int(days), position + 1 - index)
    }

    /// The test bounds make on a field: whole numbers move a strict bound by one; a year on a
    /// date column spans the year; a percentage on a column of fractions is divided by 100. Nil
    /// when a bound on a date column is no year a calendar date can have (`before 1e18`).
    func test(_ bounds: Bounds, on field: Int) -> DraftClaim.Test? {
        let column = vocabulary.fields[field]
        if let month = bounds.month {
            // A month bounds a date column only: its first day, or its last, or the month after or before it.
            guard column.type == .date else { return nil }
            func first(_ year: Double, _ month: Int) -> CalendarDate? {
                month > 12 ? CalendarDate(year: Int(year) + 1, month: 1, day: 1) : CalendarDate(year: Int(year), month: month, day: 1)
            }
            func last(_ year: Double, _ month: Int) -> CalendarDate? {
                guard month >= 1 else { return CalendarDate(year: Int(year) - 1, month: 12, day: 31) }
                return (28...31).reversed().lazy.compactMap { CalendarDate(year: Int(year), month: month, day: $0) }.first
            }
            return .dates(min: bounds.min.flatMap { first($0, month + (bounds.minIsStrict ? 1 : 0)) },
                          max: bounds.max.flatMap { last($0, month - (bounds.maxIsStrict ? 1 : 0)) })
        }
        if column.type == .date {
            let years = 1.0...9999.0
            let min = bounds.min.map { $0 + (bounds.minIsStrict ? 1 : 0) }
            let max = bounds.max.map { $0 - (bounds.maxIsStrict ? 1 : 0) }
            guard [min, max].allSatisfy({ $0.map(years.contains) ?? true }) else { return nil }
            func day(_ year: Double?, end: Bool) -> CalendarDate? {
                guard let year, let whole = Int(exactly: year.rounded()) else { return nil }
                return CalendarDate(year: whole, month: end ? 12 : 1, day: end ? 31 : 1)
            }
            return .dates(min: day(min, end: false), max: day(max, end: true))
        }
        var min = bounds.min, max = bounds.max
        // "ranked 500 or better": a better rank is a smaller number.
        if bounds.better, let measure = column.measure, measure.measure == .rank, !measure.isChange { (min, max) = (nil, min) }
        // An amount ("$20 billion") is written in the column's unit (`Market Value ($B)`: 20).
        if column.unit.scale != 1, bounds.isMoney || (bounds.isScaled && column.isMoney) {
            min = min.map { $0 / column.unit.scale }
            max = max.map { $0 / column.unit.scale }
        }
        if column.isFraction, !column.unit.percent, bounds.isPercent || (min ?? 0) > 5 || (max ?? 0) > 5 {
            min = min.map { $0 / 100 }
            max = max.map { $0 / 100 }
        }
        // "Over 200 employees" is 201 and up; "over $10M" keeps $10M itself, which reads as meant,
        // but "under $1M" leaves $1M out (an exclude of "less than $1M" must keep those at $1M).
        // On bands ("5000 to 19,999"), which start and end on round numbers, a strict word keeps
        // its bound: "over 5,000" keeps the band that starts at 5,000.
        if column.isIntegral, column.type != .range {
            if bounds.minIsStrict, !bounds.isMoney, let value = min, value == value.rounded() { min = value + 1 }
            if bounds.maxIsStrict, let value = max, value == value.rounded() { max = value - 1 }
        }
        return .range(min: min, max: max)
    }
}
