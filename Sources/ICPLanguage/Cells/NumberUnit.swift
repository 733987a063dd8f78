/// What one unit of a number column is worth (format.md, Units): a scale (`1000000` under
/// `Revenue ($M)`), a currency, or percent points. Conditions compare in the column's own unit:
/// `min: 1` on `Revenue ($M)` means one million.
public struct NumberUnit: Sendable, Hashable {
    /// What a value of 1 stands for: 1, 1,000, 1,000,000...
    public var scale: Double
    /// ISO code, when the header or the cells name one.
    public var currency: String?
    /// Values are percent points (`8.5` for 8.5%).
    public var percent: Bool

    public init(scale: Double = 1, currency: String? = nil, percent: Bool = false) {
        self.scale = scale
        self.currency = currency
        self.percent = percent
    }

    public static let plain = NumberUnit()

    /// The unit a `fields` entry declares: a number (`1000000`) or a unit as headers write
    /// them (`$M`, `millions`, `USD`, `%`); nil when it names none.
    public init?(declared text: String) {
        if let scale = ScalarReading.number(text), scale > 0 {
            self.init(scale: scale)
            return
        }
        guard let unit = Self.read(text), !unit.isPlain else { return nil }
        self = unit
    }

    public var isPlain: Bool { scale == 1 && currency == nil && !percent }

    /// A condition value written for a column of this unit (format.md, Units): a plain number is
    /// in the unit (`min: 20` on `Revenue ($B)` is 20 billion); one written with a scale or a
    /// currency (`20B`, `$500M`, `1.5 million`) is converted into it; `20%` is read on percent
    /// columns only. Nil when the text is not such a number.
    public func value(ofCondition text: String) -> Double? {
        if let plain = ScalarReading.number(text) { return plain }
        guard let amount = Amount(text), let value = amount.value(.point) else { return nil }
        if amount.percent { return percent ? value : nil }
        return amount.scale == 1 && amount.currency == nil ? value : value / scale
    }

    /// How hovers and `icp columns` say it: "USD, in millions (1 = 1,000,000)", "percent points".
    public var description: String {
        var parts: [String] = []
        if let currency { parts.append(currency) }
        if percent { parts.append("percent points (8.5 is 8.5%)") }
        if scale != 1 { parts.append("in \(Self.scaleName(scale)) (1 = \(CountFormat.plain(scale)))") }
        return parts.joined(separator: ", ")
    }

    /// "USD, millions", "percent", "thousands": the unit in a few words, for a column's type.
    public var shortDescription: String {
        var parts: [String] = []
        if let currency { parts.append(currency) }
        if percent { parts.append("percent") }
        if scale != 1 { parts.append(Self.scaleName(scale)) }
        return parts.joined(separator: ", ")
    }

    static func scaleName(_ scale: Double) -> String {
        switch scale {
        case 1e3: "thousands"
        case 1e6: "millions"
        case 1e9: "billions"
        case 1e12: "trillions"
        default: "units of \(CountFormat.plain(scale))"
        }
    }

    /// The unit a column header names at its end: `Revenue ($M)`, `Total assets (in millions)`,
    /// `Revenue, USD bn`, `Income (000s)`, `Margin (%)`, `Price [EUR]`. Nil when it names none
    /// (or names something else, such as `Height (m)`).
    public static func named(inHeader header: String) -> NumberUnit? {
        let trimmed = header.trimmingWhitespace()
        var clause: Substring?
        if let last = trimmed.last, last == ")" || last == "]" {
            let opening: Character = last == ")" ? "(" : "["
            if let start = trimmed.lastIndex(of: opening) { clause = trimmed[trimmed.index(after: start)..<trimmed.index(before: trimmed.endIndex)] }
        } else if let comma = trimmed.lastIndex(of: ",") {
            clause = trimmed[trimmed.index(after: comma)...]
        }
        if let clause, let unit = read(clause), !unit.isPlain { return unit }
        // `Revenue in millions`, `Revenue $M`, `arr_usd_k`: the last words, when they hold a currency or `in`.
        let words = trimmed.split(whereSeparator: { $0 == " " || $0 == "_" })
        for count in [3, 2] where words.count > count {
            let tail = words.suffix(count)
            let lowered = tail.map { $0.lowercased() }
            guard lowered.first == "in" || tail.contains(where: { currencyPart(of: $0) != nil }) else { continue }
            if let unit = read(tail.joined(separator: " ")), !unit.isPlain { return unit }
        }
        if let last = words.last, words.count > 1, let unit = read(last), unit.currency != nil, unit.scale != 1 { return unit }
        // `Revenues_M`, `profits_mm`, `MarketCap_B`: a scale letter after an amount's name.
        if let last = words.last, words.count > 1, let scale = Self.scaleSuffixes[last.lowercased()],
           words.dropLast().contains(where: { word in Self.amountNameWords.contains { word.lowercased().hasPrefix($0) } }) {
            return NumberUnit(scale: scale)
        }
        return nil
    }

    /// Scales written alone after an underscore: `Revenues_M`, `sales_mm`, `valuation_bn`.
    private static let scaleSuffixes: [String: Double] = ["k": 1e3, "m": 1e6, "mm": 1e6, "mil": 1e6, "mln": 1e6, "millions": 1e6,
                                                          "b": 1e9, "bn": 1e9, "bil": 1e9, "billions": 1e9]
    /// Beginnings of header words that name an amount of money: where a lone `M` or `B` is a scale.
    private static let amountNameWords = ["revenue", "sales", "profit", "income", "earnings", "asset", "marketcap", "market", "valuation",
                                          "value", "funding", "raised", "capital", "equity", "turnover", "arr", "ebitda", "debt", "cash", "spend"]

    /// A unit clause: every word a currency, a scale, a percent word or a joining word, and at least one of the first three.
    private static func read(_ clause: some StringProtocol) -> NumberUnit? {
        var unit = NumberUnit()
        let words = clause.split(whereSeparator: { $0 == " " || $0 == "_" || $0 == "/" || $0 == "," })
        guard !words.isEmpty, words.count <= 4 else { return nil }
        for word in words {
            var rest = Substring(word)
            if let (code, length) = currencyPart(of: rest) {
                guard unit.currency == nil || unit.currency == code else { return nil }
                unit.currency = code
                rest = rest.dropFirst(length)
                if rest.isEmpty { continue }
            }
            let lowered = rest.lowercased()
            if ["in", "of", "the"].contains(lowered), rest.count == word.count { continue }
            if ["%", "percent", "pct", "pc"].contains(lowered) {
                unit.percent = true
            } else if ["000", "000s", "'000", "'000s", "’000", "thousands", "thousand", "k"].contains(lowered) || (lowered == "m" && (rest == "M" || unit.currency != nil)) {
                unit.scale = lowered == "m" ? 1e6 : 1e3
            } else if let factor = Amount.scales[lowered], lowered != "t", lowered != "m" {
                unit.scale = factor
            } else if let code = Amount.currencySigns[String(rest)] ?? (Amount.currencyCodes.contains(String(rest)) ? String(rest) : nil) {
                unit.currency = code
            } else {
                return nil
            }
        }
        return unit
    }

    /// A currency sign or code at the start of a word (`$M`, `USDm`, `€000`), its ISO code and length.
    private static func currencyPart(of word: some StringProtocol) -> (String, Int)? {
        for length in stride(from: min(3, word.count), through: 1, by: -1) {
            let prefix = String(word.prefix(length))
            if let code = Amount.currencySigns[prefix] { return (code, length) }
            if length == 3, Amount.currencyCodes.contains(prefix.uppercased()), prefix == prefix.uppercased() || word.count == 3 { return (prefix.uppercased(), 3) }
        }
        return nil
    }
}
